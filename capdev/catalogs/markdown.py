"""The Markdown segmenter: what readers read becomes a segment, what machines read stays put.

Hand-written because no library round-trips mkdocs-material syntax (measured: md2po,
mdpo and po4a all damage it). It does not build an AST: it walks lines, recognises the
block constructs Python-Markdown + pymdownx understand (admonitions, tabs, `///` blocks,
tables, footnotes, definition lists, lists, quotes, HTML, fences) and records, for each
translatable run of text, its exact offsets. Containers are handled by "views": a list of
(line index, column) pairs saying where the container's content starts on each line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from capdev.catalogs.inline import PROTECTED
from capdev.catalogs.segment import Segment

View = list[tuple[int, int]]

# A backtick fence's info string has no backtick (CommonMark, superfences): "``` ```" at a
# line start is a code span, not a fence.
FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")
HR = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
ADMONITION = re.compile(r'^ {0,3}(!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*)")?[ \t]*$')
TAB = re.compile(r'^ {0,3}===[+!]?[ \t]+"(.*)"[ \t]*$')
BLOCK = re.compile(r"^ {0,3}(/{3,})[ \t]*([\w-]+)?[ \t]*(?:\|[ \t]*(.*?))?[ \t]*$")
TABLE_DELIM = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
LIST_ITEM = re.compile(r"^( {0,3})([*+-]|\d{1,9}[.)])([ \t]+|$)")
QUOTE = re.compile(r"^ {0,3}> ?")
FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")
DEFINITION = re.compile(r"^ {0,3}:[ \t]+")
REFDEF = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:[ \t]*\S")
ABBR = re.compile(r"^ {0,3}\*\[([^\]]+)\]:[ \t]*")
ATTR_LINE = re.compile(r"^ {0,3}\{:?[ \t]*[^}]*\}[ \t]*$")
SNIPPET = re.compile(r"^ {0,3}-{1,}8<-{1,}")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
WORD_OR_DIGIT = re.compile(r"[^\W_]")  # a letter or a digit
TASK = re.compile(r"^\[[ xX]\][ \t]+")
HTML_OPEN = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
CLOSING_ATTR = re.compile(r"[ \t]*\{[:#.][^}]*\}[ \t]*$|[ \t]*\{[ \t]*[#.][^}]*\}[ \t]*$")
BLOCK_TAGS = frozenset(
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section summary table ul script style "
    "iframe noscript canvas video audio math svg center template".split()
)
NON_TEXT_BLOCKS = frozenset({"html"})  # `/// html | div.class`: the "title" is a selector
# The `///` blocks pymdownx.blocks.admonition defines by default: untitled, they show the
# type's word as their title (`RE_SEP.sub(" ", name).title()`), so it needs translating.
TITLED_BLOCKS = frozenset("note attention caution danger error tip hint warning important".split())
BLOCK_SEP = re.compile(r"[_-]+")


# Block handlers in priority order (the first that claims a line wins), and the first
# non-blank characters with which each can start.
HANDLERS = ("indented_code", "fence", "math", "comment", "html", "heading", "hr", "admonition",
            "tab", "block", "table", "footnote", "refdef", "abbr", "attr_line", "snippet",
            "list_item", "quote", "definition")
_STARTS = {"fence": "`~", "math": "$", "comment": "<", "html": "<", "heading": "#",
           "hr": "-*_", "admonition": "!?", "tab": "=", "block": "/", "footnote": "[",
           "refdef": "[", "abbr": "*", "attr_line": "{", "snippet": "-",
           "list_item": "-*+0123456789", "quote": ">", "definition": ":"}
BY_FIRST_CHAR = {ch: tuple(h for h in HANDLERS if ch in _STARTS.get(h, ""))
                 for ch in set("".join(_STARTS.values()))}


@dataclass(frozen=True)
class BlockSpan:
    """Where one `///` block sits, in 0-based line indexes of the segmented text: its
    header, its YAML option lines `[options, body)`, its content `[body, close)` and its
    closing line (`close == len(lines)` when it is never closed)."""

    name: str
    title: str | None
    header: int
    options: int
    body: int
    close: int
    col: int  # column of the header's content (inside a list item, an admonition…)


def indent_of(s: str) -> int:
    n = 0
    for ch in s:
        if ch == " ":
            n += 1
        elif ch == "\t":
            n += 4 - n % 4
        else:
            break
    return n


def chars_for(s: str, cols: int) -> int:
    """How many characters of `s` make up its first `cols` columns of indentation."""
    n = i = 0
    while i < len(s) and n < cols and s[i] in " \t":
        n += 1 if s[i] == " " else 4 - n % 4
        i += 1
    return i


class Segmenter:
    def __init__(self, text: str, offset: int = 0, line_base: int = 0):
        self.text = text
        self.offset = offset
        self.line_base = line_base
        self.lines = text.splitlines(keepends=True)
        self.starts: list[int] = []
        pos = 0
        for raw in self.lines:
            self.starts.append(pos)
            pos += len(raw)
        self.out: list[Segment] = []
        self.ctx: list[str] = []  # enclosing constructs, for translators' context comments
        self.bare = [raw.rstrip("\r\n") for raw in self.lines]  # lines without their ends
        self.blocks: list[BlockSpan] = []  # every `///` block met on the walk

    # -- helpers ---------------------------------------------------------------------------
    def raw(self, li: int) -> str:
        return self.bare[li]

    def c(self, v: tuple[int, int]) -> str:
        return self.bare[v[0]][v[1]:]

    def blank(self, v: tuple[int, int]) -> bool:
        return not self.c(v).strip()

    def emit(self, msgid: str, kind: str, li: int, start: int, end: int,
             cont: str = "", wrap: bool = True) -> None:
        if not readable(msgid):
            return
        base = self.starts[li]
        self.out.append(Segment(msgid, kind, self.line_base + li + 1, self.offset + base + start,
                                self.offset + self._abs_end(end), cont, wrap=wrap))

    def _abs_end(self, end: tuple[int, int] | int) -> int:
        li, col = end if isinstance(end, tuple) else (0, end)
        return self.starts[li] + col

    def emit_span(self, msgid: str, kind: str, li: int, a: int, b: int, wrap: bool = True) -> None:
        """A single-line segment: columns a..b of line li."""
        if not readable(msgid):
            return
        base = self.offset + self.starts[li]
        self.out.append(Segment(msgid, kind, self.line_base + li + 1, base + a, base + b, wrap=wrap))

    # -- the block walk --------------------------------------------------------------------
    def run(self) -> list[Segment]:
        self.parse([(i, 0) for i in range(len(self.lines))])
        return sorted(self.out, key=lambda s: s.start)

    def parse(self, view: View, ctx: str = "") -> None:
        if ctx:
            self.ctx.append(ctx)
        self._parse(view)
        if ctx:
            self.ctx.pop()

    def _parse(self, view: View) -> None:
        i = 0
        while i < len(view):
            if self.blank(view[i]):
                i += 1
                continue
            for name in self._candidates(self.c(view[i])):
                nxt = getattr(self, name)(view, i)
                if nxt:
                    i = nxt
                    break
            else:
                i = self.paragraph(view, i)

    @staticmethod
    def _candidates(s: str) -> tuple[str, ...]:
        """The block handlers that may claim a line, in priority order. Each (but tables and
        indented code) needs a given first character, so a prose line tries none of them."""
        if indent_of(s) >= 4:
            return ("indented_code",)
        found = BY_FIRST_CHAR.get(s.lstrip()[:1], ())
        return tuple(sorted((*found, "table"), key=HANDLERS.index)) if "|" in s else found

    # -- protected blocks ------------------------------------------------------------------
    def indented_code(self, view: View, i: int) -> int:
        if indent_of(self.c(view[i])) < 4:
            return 0
        j = i + 1
        while j < len(view) and (self.blank(view[j]) or indent_of(self.c(view[j])) >= 4):
            j += 1
        return j

    def fence(self, view: View, i: int) -> int:
        m = FENCE.match(self.c(view[i]))
        if not m:
            return 0
        mark = m.group(1)
        close = re.compile(rf"^ {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        for j in range(i + 1, len(view)):
            if close.match(self.c(view[j]).lstrip(" ") if indent_of(self.c(view[j])) < 4
                           else self.c(view[j])):
                return j + 1
        return len(view)

    def math(self, view: View, i: int) -> int:
        s = self.c(view[i]).strip()
        if not s.startswith("$$"):
            return 0
        if s.endswith("$$") and len(s) > 2:
            return i + 1
        for j in range(i + 1, len(view)):
            if "$$" in self.c(view[j]):
                return j + 1
        return len(view)

    def comment(self, view: View, i: int) -> int:
        if not self.c(view[i]).lstrip(" ").startswith("<!--"):
            return 0
        for j in range(i, len(view)):
            if "-->" in self.c(view[j]):
                return j + 1
        return len(view)

    def html(self, view: View, i: int) -> int:
        s = self.c(view[i])
        m = HTML_OPEN.match(s)
        if not m or m.group(1).lower() not in BLOCK_TAGS:
            return 0
        tag = m.group(1).lower()
        close = self._html_close(view, i, tag)
        opening = s.strip()
        if re.search(r"\smarkdown(=|\s|>|$)", opening) and opening.endswith(">") and close > i + 1:
            self.parse(view[i + 1:close])  # md_in_html: the inside is Markdown
            return close + 1
        if close >= 0:
            return close + 1
        j = i
        while j < len(view) and not self.blank(view[j]):
            j += 1
        return j

    def _html_close(self, view: View, i: int, tag: str) -> int:
        depth = 0
        opens = re.compile(rf"<{tag}(?=[\s/>]|$)", re.I)
        closes = re.compile(rf"</{tag}\s*>", re.I)
        for j in range(i, len(view)):
            s = self.c(view[j])
            depth += len(opens.findall(s)) - len(closes.findall(s))
            if depth <= 0:
                return j
        return -1

    def hr(self, view: View, i: int) -> int:
        return i + 1 if HR.match(self.c(view[i])) else 0

    def refdef(self, view: View, i: int) -> int:
        return i + 1 if REFDEF.match(self.c(view[i])) else 0

    def attr_line(self, view: View, i: int) -> int:
        return i + 1 if ATTR_LINE.match(self.c(view[i])) else 0

    def snippet(self, view: View, i: int) -> int:
        return i + 1 if SNIPPET.match(self.c(view[i])) else 0

    # -- single-line text ------------------------------------------------------------------
    def heading(self, view: View, i: int) -> int:
        li, col = view[i]
        s = self.c(view[i])
        m = ATX.match(s)
        if not m:
            return 0
        a = m.end()
        b = len(s.rstrip())
        attr = CLOSING_ATTR.search(s[:b])
        if attr and attr.start() >= a:
            b = attr.start()
        closing = re.search(r"[ \t]+#+[ \t]*$", s[:b])
        if closing and closing.start() >= a:
            b = closing.start()
        while a < b and s[a] in " \t":
            a += 1
        self.emit_span(s[a:b], f"heading {len(m.group(1))}", li, col + a, col + b)
        return i + 1

    def abbr(self, view: View, i: int) -> int:
        li, col = view[i]
        s = self.c(view[i])
        m = ABBR.match(s)
        if not m:
            return 0
        b = len(s.rstrip())
        self.emit_span(s[m.end():b], f"abbreviation ({m.group(1)})", li, col + m.end(), col + b,
                       wrap=False)
        return i + 1

    def _quoted_title(self, view: View, i: int, group: str | None, kind: str) -> None:
        if not group:
            return
        li, col = view[i]
        s = self.c(view[i])
        a = s.rfind('"' + group + '"') + 1
        self.emit_span(group, kind, li, col + a, col + a + len(group), wrap=False)

    # -- containers ------------------------------------------------------------------------
    def indented_body(self, view: View, i: int) -> int:
        """Lines after a header that belong to it: blank or indented by 4 or more."""
        j = i
        while j < len(view) and (self.blank(view[j]) or indent_of(self.c(view[j])) >= 4):
            j += 1
        while j > i and self.blank(view[j - 1]):
            j -= 1
        return j

    def shift(self, view: View, a: int, b: int, cols: int = 4) -> View:
        return [(li, col + chars_for(self.c((li, col)), cols)) for li, col in view[a:b]]

    def _default_title(self, view: View, i: int, title: str, kind: str, what: str) -> None:
        """An untitled admonition or block shows its type's word ("Note"): a zero-width
        segment at the end of its header line, of the same kind as a written title so that
        an imported `!!! note "Nota"` lines up with it. Rendering adds the title only when
        it is translated, so the English stays byte for byte."""
        li, col = view[i]
        at = col + len(self.c(view[i]).rstrip())
        base = self.offset + self.starts[li]
        self.out.append(Segment(title, kind, self.line_base + li + 1, base + at, base + at,
                                wrap=False, ref=f"default title of a {what}"))

    def admonition(self, view: View, i: int) -> int:
        m = ADMONITION.match(self.c(view[i]))
        if not m:
            return 0
        kind = self.c(view[i]).split()[1]
        if m.group(2) is None:  # `!!! note ""` has no title at all; `!!! note` shows "Note"
            self._default_title(view, i, kind.capitalize(), f"admonition title ({kind})",
                                f"{kind.lower()} admonition")
        self._quoted_title(view, i, m.group(2), f"admonition title ({kind})")
        end = self.indented_body(view, i + 1)
        self.parse(self.shift(view, i + 1, end), f"admonition ({kind})")
        return end

    def tab(self, view: View, i: int) -> int:
        m = TAB.match(self.c(view[i]))
        if not m:
            return 0
        self._quoted_title(view, i, m.group(1), "content tab label")
        end = self.indented_body(view, i + 1)
        self.parse(self.shift(view, i + 1, end), "content tab")
        return end

    def block(self, view: View, i: int) -> int:
        s = self.c(view[i])
        m = BLOCK.match(s)
        if not m or not m.group(2):
            return 0
        fence, name, title = m.group(1), m.group(2), m.group(3)
        if title and name not in NON_TEXT_BLOCKS:
            li, col = view[i]
            a = s.index("|", len(fence)) + 1
            while s[a] in " \t":
                a += 1
            kind = "quiz question" if name == "quiz" else f"block title ({name})"
            self.emit_span(title, kind, li, col + a, col + a + len(title), wrap=False)
        elif title is None and name in TITLED_BLOCKS:
            self._default_title(view, i, BLOCK_SEP.sub(" ", name).title(), f"block title ({name})",
                                f"{name} block")
        close = self._block_close(view, i, fence)
        body = i + 1
        while body < close and not self.blank(view[body]) and indent_of(self.c(view[body])) >= 4:
            body += 1  # the block's YAML options: machine-read
        self.blocks.append(BlockSpan(name, title, view[i][0], _line(view, i + 1),
                                     _line(view, body), _line(view, close), view[i][1]))
        self.parse(view[body:close], "quiz" if name == "quiz" else f"block ({name})")
        return min(close + 1, len(view))

    def _block_close(self, view: View, i: int, fence: str) -> int:
        depth = 0
        for j in range(i, len(view)):
            m = BLOCK.match(self.c(view[j]))
            if not m or m.group(1) != fence:
                continue
            depth += 1 if m.group(2) else -1
            if depth == 0:
                return j
        return len(view)

    def container(self, view: View, i: int, first_col: int, ctx: str) -> int:
        """A list item, footnote or definition: first line from `first_col`, then lines
        indented by 4, lazy paragraph continuations, and blank lines inside."""
        li, col = view[i]
        sub: View = [(li, col + first_col)]
        j = i + 1
        lazy_ok = bool(self.c(view[i])[first_col:].strip())
        while j < len(view):
            s = self.c(view[j])
            if not s.strip():
                k = j
                while k < len(view) and self.blank(view[k]):
                    k += 1
                if k < len(view) and indent_of(self.c(view[k])) >= 4:
                    sub += self.shift(view, j, k)
                    j, lazy_ok = k, False
                    continue
                break
            if indent_of(s) >= 4:
                sub += self.shift(view, j, j + 1)
                lazy_ok = not self._starts_block(s.lstrip())
            elif lazy_ok and not self._starts_block(s):
                sub.append((view[j][0], view[j][1] + chars_for(s, indent_of(s))))
            else:
                break
            j += 1
        self.parse(sub, ctx)
        return j

    def list_item(self, view: View, i: int) -> int:
        s = self.c(view[i])
        m = LIST_ITEM.match(s)
        if not m:
            return 0
        return self.container(view, i, m.end(), "list item")

    def footnote(self, view: View, i: int) -> int:
        m = FOOTNOTE.match(self.c(view[i]))
        return self.container(view, i, m.end(), "footnote") if m else 0

    def definition(self, view: View, i: int) -> int:
        m = DEFINITION.match(self.c(view[i]))
        return self.container(view, i, m.end(), "definition") if m else 0

    def quote(self, view: View, i: int) -> int:
        if not QUOTE.match(self.c(view[i])):
            return 0
        sub: View = []
        j = i
        while j < len(view):
            s = self.c(view[j])
            m = QUOTE.match(s)
            if m:
                sub.append((view[j][0], view[j][1] + m.end()))
            elif s.strip() and sub and not self.blank(sub[-1]) and not self._starts_block(s):
                sub.append(view[j])  # lazy continuation of a quoted paragraph
            else:
                break
            j += 1
        self.parse(sub, "blockquote")
        return j

    # -- tables ----------------------------------------------------------------------------
    def table(self, view: View, i: int) -> int:
        if i + 1 >= len(view) or "|" not in self.c(view[i]):
            return 0
        if not TABLE_DELIM.match(self.c(view[i + 1])) or "-" not in self.c(view[i + 1]):
            return 0
        self.row(view[i], "table header cell")
        j = i + 2
        while j < len(view) and "|" in self.c(view[j]) and not self.blank(view[j]):
            self.row(view[j], "table cell")
            j += 1
        return j

    def row(self, v: tuple[int, int], kind: str) -> None:
        li, col = v
        for a, b in cells(self.c(v)):
            text = self.c(v)[a:b]
            self.emit_span(text, kind, li, col + a, col + b)

    # -- paragraphs ------------------------------------------------------------------------
    def _starts_block(self, s: str) -> bool:
        return bool(
            FENCE.match(s) or ATX.match(s) or QUOTE.match(s) or HR.match(s)
            or ADMONITION.match(s) or TAB.match(s) or (BLOCK.match(s) and s.strip().startswith("/"))
            or LIST_ITEM.match(s) or DEFINITION.match(s) or FOOTNOTE.match(s)
            or s.lstrip(" ").startswith("$$")
            or (HTML_OPEN.match(s) and HTML_OPEN.match(s).group(1).lower() in BLOCK_TAGS)
        )

    def paragraph(self, view: View, i: int) -> int:
        j = i + 1
        kind = "paragraph"
        while j < len(view) and not self.blank(view[j]):
            s = self.c(view[j])
            if SETEXT.match(s) and not (s.strip().startswith("-") and LIST_ITEM.match(s)
                                        and s.strip() != "-" * len(s.strip())):
                kind = "heading 1" if s.strip()[0] == "=" else "heading 2"
                self.text_run(view[i:j], kind)
                return j + 1
            if self._starts_block(s):
                break
            j += 1
        if j < len(view) and DEFINITION.match(self.c(view[j])):
            kind = "definition term"
        if kind == "paragraph" and self.ctx:
            kind = self.context_kind(view, i, j)
        end = j
        if end - 1 > i and ATTR_LINE.match(self.c(view[end - 1])):
            end -= 1  # a trailing `{: .class}` line belongs to the paragraph but is machine-read
        self.text_run(view[i:end], kind)
        return j

    def context_kind(self, view: View, i: int, j: int) -> str:
        inner = self.ctx[-1]
        if inner == "list item" and len(self.ctx) > 1 and self.ctx[-2] == "quiz":
            return "quiz option" if i == 0 else "quiz option feedback"
        if inner == "quiz":
            return self._quiz_paragraph_kind(view, i, j)
        return f"paragraph in {inner}" if inner not in ("list item", "footnote", "definition") \
            else inner

    def _quiz_paragraph_kind(self, view: View, i: int, j: int) -> str:
        """Before a knowledge check's options: the situation, then (in a block without a
        title) the question; after them, the explanation (capdev.site.knowledge)."""
        if any(self._task_item(view[k]) for k in range(i)):
            return "quiz feedback"
        while j < len(view) and self.blank(view[j]):
            j += 1
        last = j < len(view) and self._task_item(view[j])
        quiz = next((b for b in reversed(self.blocks)
                     if b.name == "quiz" and b.body <= view[i][0] < b.close), None)
        return "quiz question" if last and quiz is not None and quiz.title is None \
            else "quiz situation"

    def _task_item(self, v: tuple[int, int]) -> bool:
        s = self.c(v)
        m = LIST_ITEM.match(s)
        return bool(m and TASK.match(s[m.end():]))

    def text_run(self, lines: View, kind: str) -> None:
        """Join a paragraph's lines into one msgid; record one span from first to last char."""
        parts: list[str] = []
        first_li, first_col = lines[0]
        s0 = self.c(lines[0])
        a = first_col + chars_for(s0, indent_of(s0))
        task = TASK.match(self.raw(first_li)[a:])
        if task:
            a += task.end()
        joiner = ""
        end = (first_li, a)
        for n, (li, col) in enumerate(lines):
            raw = self.raw(li)
            start = a if n == 0 else col + chars_for(raw[col:], indent_of(raw[col:]))
            body = raw[start:]
            hard = body.endswith("  ") and body.strip()
            body = body.rstrip()
            parts.append(joiner + body)
            joiner = "\n" if (hard or body.endswith("\\")) else " "
            end = (li, start + len(body))
        msgid = "".join(parts)
        cont = continuation_prefix(self.raw(lines[1][0])[: lines[1][1]] if len(lines) > 1
                                   else self.raw(first_li)[:a])
        self.emit(msgid, kind, first_li, a, end, cont)


def readable(text: str) -> bool:
    """Is there anything a reader reads, once code, links and markup are set aside?"""
    first = text[:1]
    if first.isalnum() and first != "h":  # no protected token starts with it (URLs start
        return True                       # with h): it is readable text itself
    return bool(WORD_OR_DIGIT.search(PROTECTED.sub(" ", text)))


def continuation_prefix(prefix: str) -> str:
    """What a new line inside the same block must start with: quote marks stay, list
    markers become spaces."""
    return re.sub(r"[^>\s]", " ", prefix)


def cells(row: str) -> list[tuple[int, int]]:
    """Column ranges of the cells of a pipe-table row (escaped pipes and code spans kept)."""
    bounds: list[int] = []
    i = 0
    while i < len(row):
        ch = row[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":  # a code span's pipes are its text; an unclosed run is literal text
            run = re.match(r"`+", row[i:]).group(0)
            close = re.compile(rf"(?<!`){run}(?!`)").search(row, i + len(run))
            i = close.end() if close else i + len(run)
            continue
        if ch == "|":
            bounds.append(i)
        i += 1
    stripped = row.strip()
    edges = [-1, *bounds, len(row)]
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        a += 1
        while a < b and row[a] in " \t":
            a += 1
        while b > a and row[b - 1] in " \t":
            b -= 1
        if a < b:
            out.append((a, b))
    if stripped.startswith("|") or stripped.endswith("|"):
        pass  # leading/trailing pipes produce empty edge cells, already dropped
    return out


def _line(view: View, j: int) -> int:
    """The source line of position `j` of a view; past its end, the line after its last."""
    return view[j][0] if j < len(view) else (view[-1][0] + 1 if view else 0)


def segment_markdown(text: str, offset: int = 0, line_base: int = 0) -> list[Segment]:
    return Segmenter(text, offset, line_base).run()


def blocks(text: str) -> list[BlockSpan]:
    """Every `///` block of a Markdown text (not inside code), in source order, found by
    the same walk that segments it: what translation sees as a block is what the site
    and the checks see."""
    seg = Segmenter(text)
    seg.run()
    return sorted(seg.blocks, key=lambda b: b.header)
