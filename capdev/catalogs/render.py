"""Substituting translations into the original bytes of a source.

A segment whose translation is missing, or equal to its English, keeps its original bytes:
that is what makes the identity round trip exact. Untranslated Markdown text can be
wrapped in `<span lang="en">` so screen readers switch voice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from capdev.catalogs.extract import Source, meta_json
from capdev.catalogs.inline import PROTECTED, split_words
from capdev.catalogs.markdown import BLOCK_TAGS
from capdev.catalogs.pycode import render_code
from capdev.catalogs.segment import Segment
from capdev.catalogs.yamldata import yaml_scalar

Lookup = Callable[[Segment], "str | None"]


# -- a paragraph stays one paragraph (#16.6) -------------------------------------------------
# Segments that are one line of their block: a line break in the translation would end it.
ONE_LINE_KINDS = ("heading", "table", "admonition title", "content tab label", "block title",
                  "quiz question", "abbreviation", "definition term")
# One-line segments whose text Python-Markdown reads at the start of a line all the same.
READ_AS_BLOCKS = ("definition term", "admonition title", "block title")
# Lines of an English paragraph that Python-Markdown reads as blocks of their own although
# the segmenter joins them into the msgid: the translation keeps them on lines of their own.
ENGLISH_BLOCK_LINE = re.compile(
    r"^(?:<!--.*-->|\[[^\]^][^\]]*\]:[ \t]*\S.*|\*\[[^\]]+\]:.*)$"
)
# What would open another block at the start of a line of a paragraph, and the character
# (index into the match) to escape.
LINE_OPENERS = re.compile(
    r"(?P<atx>#)"  # Python-Markdown: `#word` is a heading too (no space needed)
    r"|(?P<quote>>)"
    r"|(?P<hr>(?P<hrch>[-*_])(?:[ \t]*(?P=hrch)){2,}[ \t]*$)"
    r"|(?P<setext>(?:=+|-+)[ \t]*$)"
    r"|(?P<bullet>[-+*](?=[ \t]|$))"
    r"|\d{1,9}(?P<ordered>[.)])(?=[ \t]|$)"
    r"|(?P<fence>`{3,}|~{3,})"
    r"|(?P<admonition>!!!|\?\?\?)"
    r"|(?P<tab>={3,})"
    r"|(?P<block>/{3,})"
    r"|(?P<definition>:(?=[ \t]))"
    r"|(?P<refdef>\[[^\]]+\]:)"
    r"|(?P<abbr>\*\[[^\]]+\]:)"
    r"|(?P<html><(?:!--|\?|![A-Za-z]|/?(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)))"
    r"|(?P<snippet>-+8<-+)"
    r"|(?P<math>\$\$)"
    r"|(?P<table>\|?[ \t]*:?-+:?[ \t]*\|[-|: \t]*$)"
)
# Characters Python-Markdown does not unescape after a backslash: written as references.
ENTITY = {"$": "&#36;", "=": "&#61;", "?": "&#63;", "~": "&#126;", "/": "&#47;", ":": "&#58;", "<": "&lt;"}


def escape_line_start(line: str) -> str:
    """The line with the character that would open a block escaped (`\\-`, `1\\.`, `&#61;`).
    The escape renders as the character itself."""
    m = LINE_OPENERS.match(line)
    if not m:
        return line
    if m.lastgroup == "html" and m.group("tag") and m.group("tag").lower() not in BLOCK_TAGS:
        return line  # an inline tag (<span>, <abbr>) does not open a block
    if code_span_at(line, 0):
        return line  # ```code``` at the start of a line is a code span, not a fence
    at = m.start("ordered") if m.group("ordered") else 0
    ch = line[at]
    return line[:at] + ENTITY.get(ch, "\\" + ch) + line[at + 1:]


def code_span_at(text: str, pos: int) -> bool:
    m = PROTECTED.match(text, pos)
    return bool(m and m.lastgroup == "code")


def _paragraph_text(value: str, seg: Segment, text: str) -> str:
    """A translated segment rendered so that it stays the block the English is: blank
    lines dropped, lines that would open a block escaped, English lines that Markdown reads as
    blocks (comments, link and abbreviation definitions) kept on lines of their own."""
    original = text[seg.start:seg.end]
    line_start = text.rfind("\n", 0, seg.start) + 1
    atx = "#" in text[line_start:seg.start]
    one_line = seg.kind.startswith(ONE_LINE_KINDS) or atx
    setext = seg.kind.startswith("heading") and not atx
    # a term starts its line (no marker before it), and pymdownx.details reads a `???`
    # title as blocks: their first line could open a block too
    at_line_start = not one_line or setext or seg.kind.startswith(READ_AS_BLOCKS)
    if "<" in value:
        value = _block_html_escaped(value, seg.msgid)
    if seg.kind.startswith("table") and "|" in value:
        value = _pipes_escaped(value)
    # (text, kept English line, hard break before it, prefix)
    lines: list[list] = []
    for n, raw in enumerate(value.split("\n")):
        line = raw.strip(" \t")
        if line:
            lines.append([line, False, n > 0 and bool(lines), seg.cont_prefix])
    if not lines:
        return original
    if one_line:
        lines = [[_no_trailing_escape(" ".join(ln[0] for ln in lines)), False, False, ""]]
    eng = original.split("\n")
    for k, eline in enumerate(eng[1:], start=1):
        body = eline.lstrip(" \t>")
        if one_line or not ENGLISH_BLOCK_LINE.match(body):
            continue
        prefix = eline[:len(eline) - len(body)]
        after = re.match(r"[ \t>]*", eng[k + 1]).group(0) if k + 1 < len(eng) else seg.cont_prefix
        lines = _isolate(lines, body, prefix, after)
    if setext and "\n" in original and len(lines) == 1:
        lines = _split_in_two(lines[0], seg.cont_prefix)
    out = ""
    for n, (line, kept, hard, prefix) in enumerate(lines):
        if not kept and (n > 0 or at_line_start):
            line = escape_line_start(line)
        if n == 0:
            out = line
            continue
        brk = "\n" if out.endswith("\\") or not hard else "  \n"
        out += brk + prefix + line
    return out


def _no_trailing_escape(line: str) -> str:
    """A one-line block ending in a lone backslash written with it escaped: Python-Markdown
    reads `# Title \\` (an escaped line end) as a paragraph, not a heading."""
    trailing = len(line) - len(line.rstrip("\\"))
    return line + "\\" if trailing % 2 else line


def _pipes_escaped(value: str) -> str:
    """A table cell's `|` written `\\|`: unescaped, it would end the cell and shift every
    cell after it. Pipes in code spans and already escaped ones are left as they are."""
    out, pos = [], 0
    for m in PROTECTED.finditer(value):
        if m.lastgroup == "code":
            out.append(_escape_pipes(value[pos:m.start()]))
            out.append(m.group(0))
            pos = m.end()
    out.append(_escape_pipes(value[pos:]))
    return "".join(out)


def _escape_pipes(text: str) -> str:
    return re.sub(r"(?<!\\)\|", r"\\|", text)


HTML_TAG = re.compile(r"<!--|</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")


def _block_html_escaped(value: str, msgid: str) -> str:
    """Comments and block-level tags the English text does not have, written as text:
    Markdown would lift them out of the paragraph (`capdev check` reports them too)."""
    def esc(m: re.Match[str]) -> str:
        if m.group(0) == "<!--" or (m.group(1) or "").lower() in BLOCK_TAGS:
            return "&lt;" + m.group(0)[1:] if m.group(0) not in msgid else m.group(0)
        return m.group(0)
    return HTML_TAG.sub(esc, value)


def _isolate(lines: list[list], body: str, prefix: str, after: str) -> list[list]:
    """`body` (an English line Markdown reads as a block) put on a line of its own."""
    for n, (line, kept, hard, pre) in enumerate(lines):
        if kept or body not in line:
            continue
        a = line.index(body)
        before, rest = line[:a].rstrip(), line[a + len(body):].lstrip()
        new = ([[before, False, hard, pre]] if before else [])
        new.append([body, True, False, prefix if (before or n) else pre])
        if rest:
            new.append([rest, False, False, after])
        elif n + 1 < len(lines) and not lines[n + 1][1]:
            lines[n + 1][3] = after
        if not before and n == 0:
            new[0][3] = pre
        return lines[:n] + new + lines[n + 1:]
    return lines


def _split_in_two(line: list, prefix: str) -> list[list]:
    """One line made two at the space nearest its middle (outside code, links, tags)."""
    text = line[0]
    spaces = []
    pos = 0
    for prot, chunk in split_words(text):
        if not prot:
            spaces += [pos + m.start() for m in re.finditer(r" ", chunk)]
        pos += len(chunk)
    spaces = [s for s in spaces if not LINE_OPENERS.match(text[s + 1:])] or spaces
    if not spaces:
        return [line]
    at = min(spaces, key=lambda s: abs(s - len(text) / 2))
    return [[text[:at], False, False, line[3]], [text[at + 1:], False, False, prefix]]


def substitute(text: str, segments: list[Segment], lookup: Lookup,
               mark: Callable[[str], str] | None = None, labels: set[str] | None = None,
               written: dict[int, str] | None = None) -> str:
    """`labels`: the reference labels defined on the page, when `text` is only part of it
    (a notebook cell); by default those `text` defines. `written`, when given, receives
    what replaced each translated segment, by the segment's start offset."""
    out: list[str] = []
    pos = 0
    defined = labels
    for seg in sorted(segments, key=lambda s: s.start):
        original = text[seg.start:seg.end]
        value = lookup(seg)
        if value is None or value == seg.msgid:
            if mark is None or not seg.wrap or seg.style != "md" or value == seg.msgid:
                continue
            new = mark(original)
        elif seg.start == seg.end:
            new = default_title(seg, value)
        elif seg.style == "md":
            if defined is None:
                defined = defined_labels(text)
            new = _paragraph_text(fix_references(seg.msgid, value, defined)[0], seg, text)
        else:
            new = yaml_scalar(value, seg, original)
        if written is not None and value is not None:
            written[seg.start] = new
        out.append(text[pos:seg.start])
        out.append(new)
        pos = seg.end
    out.append(text[pos:])
    return "".join(out)


def default_title(seg: Segment, value: str) -> str:
    """The translated default title of an untitled admonition or block, written where the
    English header line ends: `!!! note` becomes `!!! note "Nota"`, `/// note` becomes
    `/// note | Nota` (one line: a title cannot wrap). Escaped as a written title is."""
    title = " ".join(value.split())
    if "<" in title:
        title = _block_html_escaped(title, seg.msgid)
    title = _no_trailing_escape(escape_line_start(title))
    return f" | {title}" if seg.kind.startswith("block title") else f' "{title}"'


# -- reference links keep their target (#16.5) -----------------------------------------------
REFDEF_LABEL = re.compile(r"^[ \t>]*\[([^\]\[^][^\]\[]*)\]:[ \t]*\S")
FENCE_LINE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
FULL_REF = re.compile(r" ?\[([^\]\[]*)\]")


def norm_label(label: str) -> str:
    """A reference label as Markdown matches it: case-insensitive, whitespace collapsed."""
    return " ".join(label.split()).lower()


def defined_labels(text: str) -> set[str]:
    """The reference labels a page defines (`[label]: url` lines outside fenced code)."""
    out: set[str] = set()
    if "]:" not in text:
        return out
    fence = ""
    for line in text.splitlines():
        m = FENCE_LINE.match(line)
        if m:
            mark = m.group(1)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line[m.end():].strip():
                fence = ""
            continue
        if not fence:
            d = REFDEF_LABEL.match(line)
            if d:
                out.add(norm_label(d.group(1)))
    return out


@dataclass(frozen=True)
class Ref:
    """A bracketed `[text]`, `[text][]` or `[text][label]` in a segment's text."""

    start: int  # offset of `[`
    text_end: int  # offset of the `]` that closes the text
    end: int  # offset one past the reference (past `[label]` when there is one)
    text: str
    label: str | None  # None: shortcut; "": collapsed; else the full reference's label

    @property
    def key(self) -> str:
        return norm_label(self.label or self.text)

    @property
    def form(self) -> str:
        return "shortcut" if self.label is None else "collapsed" if not self.label.strip() \
            else "full"


def bracket_refs(text: str, defined: set[str]) -> list[Ref]:
    """Every bracketed run that Markdown may read as a reference link or image, in order
    (code spans, inline links `[a](b)`, footnotes, citations and task boxes left out)."""
    out: list[Ref] = []
    if "[" not in text:
        return out
    code = {m.start(): m.end() for m in PROTECTED.finditer(text) if m.lastgroup == "code"}
    i, n = 0, len(text)
    while i < n:
        if i in code:
            i = code[i]
            continue
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch != "[":
            i += 1
            continue
        close = _close_bracket(text, i, code)
        if close < 0:
            i += 1
            continue
        inner = text[i + 1:close]
        after = close + 1
        if inner[:1] in ("^", "@") or inner in (" ", "x", "X") or not inner.strip():
            i = after
            continue
        if text[after:after + 1] in ("(", ":"):
            i += 1  # an inline link (its text may hold references) or a definition
            continue
        m = FULL_REF.match(text, after)
        if m and (not m.group(0).startswith(" ") or not m.group(1).strip()
                  or norm_label(m.group(1)) in defined):
            out.append(Ref(i, close, m.end(), inner, m.group(1)))
            i = m.end()
            continue
        out.append(Ref(i, close, after, inner, None))
        i += 1  # the text of a shortcut may hold an image reference
    return out


def _close_bracket(text: str, i: int, code: dict[int, int]) -> int:
    depth, j = 0, i
    while j < len(text):
        if j in code:
            j = code[j]
            continue
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def fix_references(msgid: str, value: str, defined: set[str]) -> tuple[str, list[Ref]]:
    """The translation with each shortcut or collapsed reference whose translated text no
    longer names a defined label written as a full reference to the English label
    (`[tablas ordenables][sortable tables]`), and the references left unresolved.

    Translated references are paired with the English ones in order, once those that
    still resolve have taken their English counterpart; pairing needs as many unresolved
    translated references as English references left over."""
    if "[" not in value:
        return value, []
    english = bracket_refs(msgid, defined)
    pool = [r for r in english if r.key in defined]
    # brackets of the English that are not references (`[sic]`) may stay so in Spanish
    literal = [(r.form, r.label or r.text) for r in english if r.key not in defined]
    todo: list[Ref] = []
    unresolved: list[Ref] = []
    for r in bracket_refs(value, defined):
        if r.key in defined:
            match = next((e for e in pool if e.key == r.key), None)
            if match is not None:
                pool.remove(match)
        elif (r.form, r.label or r.text) in literal:
            literal.remove((r.form, r.label or r.text))
        elif r.form == "full":
            unresolved.append(r)
        else:
            todo.append(r)
    if todo and len(todo) == len(pool):
        out, pos = [], 0
        for r, e in zip(todo, pool, strict=True):
            out.append(value[pos:r.text_end + 1])
            out.append(f"[{e.label if e.form == 'full' else e.text}]")
            pos = r.end
        out.append(value[pos:])
        return "".join(out), unresolved
    if pool:  # a reference of the English lost its target
        return value, unresolved + todo
    return value, unresolved + [r for r in todo if r.form == "collapsed"]


def render_source(src: Source, lookup: Lookup, mark: Callable[[str], str] | None = None,
                  written: dict[int, str] | None = None) -> str:
    """The translated file. `written` (Markdown and YAML files): see `substitute`."""
    if src.kind != "ipynb":
        return substitute(src.text, src.segments, lookup, mark, written=written)
    return _render_notebook(src, lookup, mark)


def _render_notebook(src: Source, lookup: Lookup, mark: Callable[[str], str] | None) -> str:
    labels = set().union(*(defined_labels(c.text) for c in src.cells))
    new_cells = {c.index: substitute(c.text, c.segments, lookup, mark, labels) for c in src.cells}
    # code cells: only their labels and comments, never marked (a span is no Python)
    new_cells |= {c.index: render_code(c.text, c.segments, lookup) for c in src.code}
    meta_segs = src.meta_segments + [s for segs in src.cell_meta.values() for s in segs]
    if all(new_cells[c.index] == c.text for c in [*src.cells, *src.code]) and not any(
        lookup(s) not in (None, s.msgid) for s in meta_segs
    ):
        return src.text  # nothing translated: the file itself, byte for byte
    nb = json.loads(src.text)
    for index, text in new_cells.items():
        nb["cells"][index]["source"] = text
    meta = nb.get("metadata", {}).get("capdev")
    if meta is not None:
        nb["metadata"]["capdev"] = json.loads(substitute(meta_json(meta), src.meta_segments, lookup))
    for index, segs in src.cell_meta.items():
        cell_meta = nb["cells"][index]["metadata"]
        cell_meta["capdev"] = json.loads(substitute(meta_json(cell_meta["capdev"]), segs, lookup))
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb))


def wrap_lang(lang: str) -> Callable[[str], str]:
    return lambda text: f'<span lang="{lang}">{text}</span>'


def pandoc_lang_span(lang: str) -> Callable[[str], str]:
    """Pandoc's bracketed span, `[text]{lang=en}`: for sources that go through pandoc (notes,
    publications), whose typst, Word and web writers each mark the language their own way.
    Text with unbalanced brackets stays unmarked, since the span would not parse."""
    def wrap(text: str) -> str:
        return f"[{text}]{{lang={lang}}}" if _balanced(text) else text
    return wrap


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text.replace("\\[", "").replace("\\]", ""):
        depth += (ch == "[") - (ch == "]")
        if depth < 0:
            return False
    return depth == 0
