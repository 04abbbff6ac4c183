"""One pass over a Markdown page: the facts every content rule reads.

The scan walks the lines once (front matter and fenced code skipped, code spans blanked)
and records headings with their anchors, links, images, admonition and block types, raw
HTML, citation keys and `<!-- capdev-ignore … -->` ranges. Facts are plain data, so the
runner caches them by content hash and the cross-file rules (links, anchors, citations)
run from the cache without reading the page again.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from markdown.extensions.toc import slugify

from capdev.sources.frontmatter import split

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ATX = re.compile(r"^(?: {0,3}|(?: {4})+)(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)[ \t]+([\w-]+)")
BLOCK = re.compile(r"^\s*/{3,}[ \t]*([\w-]+)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()]*\)[^()\s>]*)*)>?"
                  r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")
REF_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\[([^\]]*)\]")
REF_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$")
AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
BARE_URL = re.compile(r"(?<![(<\"'=\w/])https?://[^\s)>\]]+")
ATTR_ID = re.compile(r"\{[^{}]*?#([\w:-]+)[^{}]*\}")
HEADING_ATTR = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
HTML_TAG = re.compile(r"<([A-Za-z][\w-]*)((?:\s[^<>]*)?)/?>")
HTML_ID = re.compile(r"\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
IMG_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"']*)[\"']")
IMG_SRC = re.compile(r"\bsrc\s*=\s*[\"']([^\"']*)[\"']")
CITE_GROUP = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
CITE_KEY = re.compile(r"(?<![\w.])-?@([A-Za-z][\w:.\-]*\w)")
IGNORE = re.compile(r"<!--\s*capdev-ignore\b([^>]*?)-->")
COMMENT_OPEN = re.compile(r"<!--")
FM_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
HTML_BLOCK = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
# Block elements whose text readers read; code, media and embeds are not prose.
TEXT_BLOCK_TAGS = frozenset(
    "address article aside blockquote center details dialog div dl fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header main nav ol p section summary table ul".split())
MARKDOWN_ATTR = re.compile(r"\smarkdown(?:\s*=|\s|/?>|$)")
TAGS_AND_COMMENTS = re.compile(r"<!--.*?-->|<[^<>]*>|&[#\w]+;", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class Heading:
    level: int
    text: str
    line: int
    anchor: str


@dataclass
class Link:
    target: str
    text: str
    line: int
    col: int
    image: bool = False
    html: bool = False


@dataclass
class Mark:
    """A construct found at a line: admonition/block type, HTML tag, bare URL, citation."""

    kind: str
    value: str
    line: int
    col: int = 0
    extra: str = ""


@dataclass
class Facts:
    headings: list[Heading] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ignores: list[tuple[int, int, list[str]]] = field(default_factory=list)  # first, last, ids
    keys: dict[str, int] = field(default_factory=dict)  # front-matter key → line

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Facts:
        return cls([Heading(**h) for h in data["headings"]], list(data["anchors"]),
                   [Link(**x) for x in data["links"]], [Mark(**m) for m in data["marks"]],
                   [(a, b, list(ids)) for a, b, ids in data["ignores"]], dict(data["keys"]))

    def ignored(self, rule: str, line: int) -> bool:
        return any(a <= line <= b and (not ids or rule in ids) for a, b, ids in self.ignores)


def heading_text(raw: str) -> str:
    """The text Python-Markdown's toc slugifies: inline markup reduced to its words."""
    text = HEADING_ATTR.sub("", raw)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("`", "")
    text = re.sub(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1", r"\2", text)
    return text.strip()


class Scanner:
    def __init__(self, text: str, line_base: int = 0):
        self.lines = text.splitlines()
        self.base = line_base
        self.facts = Facts()
        self.refs: dict[str, str] = {}
        self.slugs: dict[str, int] = {}
        self.pending_refs: list[tuple[str, Link]] = []

    def run(self) -> Facts:
        fence = ""
        in_comment = False
        prev = ""
        html_end = 0  # lines before this index belong to a raw HTML block already seen
        for i, raw in enumerate(self.lines):
            n = self.base + i + 1
            if fence:
                if raw.strip().startswith(fence) and raw.strip().strip(fence[0]) == "":
                    fence = ""
                prev = ""
                continue
            if in_comment:
                in_comment = "-->" not in raw
                prev = ""
                continue
            if m := FENCE.match(raw):
                fence = m.group(1)
                prev = ""
                continue
            self._ignore(raw, i)
            if i >= html_end and raw.lstrip(" ").startswith("<"):
                html_end = self._html_block(i, n)
            if COMMENT_OPEN.search(raw) and "-->" not in raw[raw.find("<!--"):]:
                in_comment = True
            self.line(raw, prev, n)
            prev = raw
        for ref, link in self.pending_refs:
            if ref.lower() in self.refs:
                link.target = self.refs[ref.lower()]
                self.facts.links.append(link)
        return self.facts

    def _html_block(self, i: int, n: int) -> int:
        """A raw HTML block (not `markdown`-enabled) with words in it: its text is never
        translated. Returns the index after the block."""
        m = HTML_BLOCK.match(self.lines[i])
        if not m or m.group(1).lower() not in TEXT_BLOCK_TAGS:
            return i
        tag = m.group(1).lower()
        opening = self.lines[i][: self.lines[i].find(">") + 1] or self.lines[i]
        if MARKDOWN_ATTR.search(opening):
            return i
        opens = re.compile(rf"<{tag}(?=[\s/>]|$)", re.I)
        closes = re.compile(rf"</{tag}\s*>", re.I)
        # a block never closed further down ends at a blank line
        last_close = max((k for k in range(i, len(self.lines)) if closes.search(self.lines[k])),
                         default=-1)
        end, depth = i, 0
        while end < len(self.lines):
            depth += len(opens.findall(self.lines[end])) - len(closes.findall(self.lines[end]))
            if depth <= 0 or (end > i and not self.lines[end].strip() and last_close < end):
                break
            end += 1
        text = TAGS_AND_COMMENTS.sub(" ", "\n".join(self.lines[i:end + 1]))
        if WORD.search(text):
            self.mark("html-text", tag, n, m.start(1))
        return end + 1

    def _ignore(self, raw: str, i: int) -> None:
        m = IGNORE.search(raw)
        if not m:
            return
        ids = m.group(1).split()
        first = i if raw.strip() != m.group(0) else i + 1
        last = first
        while last + 1 < len(self.lines) and self.lines[last + 1].strip():
            last += 1
        self.facts.ignores.append((self.base + first + 1, self.base + last + 1, ids))

    def line(self, raw: str, prev: str, n: int) -> None:
        if m := ATX.match(raw):
            self.heading(len(m.group(1)), m.group(2), n)
        elif (m := SETEXT.match(raw)) and prev.strip() and not _structural(prev):
            self.heading(1 if m.group(1)[0] == "=" else 2, prev.strip(), n - 1)
        if m := ADMONITION.match(raw):
            self.mark("admonition", m.group(2).lower(), n, m.start(2) + 1)
        elif m := BLOCK.match(raw):
            self.mark("block", m.group(1).lower(), n, m.start(1) + 1)
        if m := REF_DEF.match(raw):
            self.refs[m.group(1).lower()] = m.group(2)
            return
        self.inline(CODE_SPAN.sub(lambda c: " " * len(c.group(0)), raw) if "`" in raw else raw, n)

    def heading(self, level: int, raw: str, n: int) -> None:
        explicit = ATTR_ID.search(raw) if HEADING_ATTR.search(raw) else None
        anchor = explicit.group(1) if explicit else self.unique(slugify(heading_text(raw), "-"))
        self.facts.headings.append(Heading(level, heading_text(raw), n, anchor))
        self.facts.anchors.append(anchor)

    def unique(self, slug: str) -> str:
        """Python-Markdown's toc: a repeated id gets `_1`, `_2`…"""
        count = self.slugs.get(slug)
        self.slugs[slug] = (count or 0) + 1
        return slug if count is None else f"{slug}_{count}"

    def mark(self, kind: str, value: str, n: int, col: int = 0, extra: str = "") -> None:
        self.facts.marks.append(Mark(kind, value, n, col, extra))

    def inline(self, text: str, n: int) -> None:
        # each construct needs its marker character: most prose lines have none of them,
        # and a membership test is far cheaper than a regex that starts with an optional group
        if "{" in text:
            for m in ATTR_ID.finditer(text):
                if not ATX.match(text):
                    self.facts.anchors.append(m.group(1))
        taken: list[tuple[int, int]] = []
        if "[" in text:
            self.links(text, n, taken)
        if "://" in text:
            for m in AUTOLINK.finditer(text):
                taken.append(m.span())
            for m in BARE_URL.finditer(text):
                if not any(a <= m.start() < b for a, b in taken):
                    self.mark("bare-url", m.group(0), n, m.start() + 1)
        if "<" in text:
            self.html(text, n)
        if "@" in text:
            self.cites(text, n)

    def links(self, text: str, n: int, taken: list[tuple[int, int]]) -> None:
        for m in LINK.finditer(text):
            self.facts.links.append(
                Link(m.group(3), m.group(2), n, m.start() + 1, bool(m.group(1)))
            )
            taken.append(m.span())
        for m in REF_LINK.finditer(text):
            link = Link("", m.group(2), n, m.start() + 1, bool(m.group(1)))
            self.pending_refs.append(((m.group(3) or m.group(2)).lower(), link))
            taken.append(m.span())

    def html(self, text: str, n: int) -> None:
        for m in HTML_TAG.finditer(text):
            tag, attrs = m.group(1).lower(), m.group(2) or ""
            self.mark("html", tag, n, m.start() + 1, attrs)
            for a in HTML_ID.finditer(attrs):
                self.facts.anchors.append(a.group(1))
            if tag == "img":
                alt = IMG_ALT.search(attrs)
                src = IMG_SRC.search(attrs)
                self.facts.links.append(
                    Link(
                        src.group(1) if src else "",
                        alt.group(1) if alt else "",
                        n,
                        m.start() + 1,
                        True,
                        True,
                    )
                )
            if tag == "a" and (href := re.search(r"\bhref\s*=\s*[\"']([^\"']*)[\"']", attrs)):
                self.facts.links.append(Link(href.group(1), "", n, m.start() + 1, False, True))

    def cites(self, text: str, n: int) -> None:
        for group in CITE_GROUP.finditer(text):
            if group.group(1).startswith("^"):
                continue
            for key in CITE_KEY.finditer(group.group(1)):
                self.mark("cite", key.group(1), n, group.start() + 1)


def _structural(line: str) -> bool:
    s = line.lstrip()
    return s.startswith(("#", "-", "*", "+", "|", ">", "!!!", "???", "///", "===", "<")) \
        or bool(re.match(r"\d+[.)]\s", s))


def scan_markdown(text: str) -> tuple[Facts, int]:
    """Facts of a Markdown file with front matter; also the first body line (1-based)."""
    yaml_text, _first, body_line = split(text)
    body = "\n".join(text.splitlines()[body_line - 1:]) if yaml_text is not None else text
    base = body_line - 1 if yaml_text is not None else 0
    facts = Scanner(body, base).run()
    for i, line in enumerate((yaml_text or "").splitlines()):
        if m := FM_KEY.match(line):
            facts.keys.setdefault(m.group(1), i + 2)
    return facts, base + 1


def scan_cells(cells: list[tuple[int, str]]) -> Facts:
    """Facts of a notebook's markdown cells; `line` holds the 1-based cell number."""
    facts = Facts()
    slugs: dict[str, int] = {}
    for number, text in cells:
        sc = Scanner(text)
        sc.slugs = slugs
        cell = sc.run()
        for item in (*cell.headings, *cell.links, *cell.marks):
            item.line = number
        facts.headings += cell.headings
        facts.anchors += cell.anchors
        facts.links += cell.links
        facts.marks += cell.marks
        facts.ignores += [(number, number, ids) for _a, _b, ids in cell.ignores]
    return facts
