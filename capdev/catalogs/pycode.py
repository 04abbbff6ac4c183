"""Segments of a notebook code cell: the strings it shows the reader, and its comments.

A notebook's reader-facing strings (chart titles, axis labels, legends, printed sentences,
column headers, category labels) live in one labels cell: a code cell tagged
`capdev-labels` whose only statement is `L = {"key": "English text", …}`. Its string values
are segments; so is every `# ` comment of any code cell (a run of full-line comments at one
indent is one segment, re-wrapped to the English's width). Nothing else of the code is
ever touched: the Spanish notebook differs from the English only inside those ranges.

Offsets come from Python's own tokenizer and parser, never from a pattern, so a `#` inside
a string is no comment and a quote inside a comment is no string.
"""

from __future__ import annotations

import ast
import io
import json
import re
import string
import textwrap
import tokenize
from collections.abc import Callable
from dataclasses import dataclass

from capdev.catalogs.segment import Segment

LABELS_TAG = "capdev-labels"
LABELS_NAME = "L"
LABEL_STYLE, COMMENT_STYLE = "py-label", "py-comment"
LABEL_KIND = "notebook label"  # the segment kind, "notebook label: <key>"
CODE_STYLES = (LABEL_STYLE, COMMENT_STYLE)
LETTER = re.compile(r"[^\W\d_]")
# Comments machines read: linters, type checkers, cell markers, encodings.
MACHINE_COMMENT = re.compile(r"^(noqa|type:|pragma|fmt:|isort:|pylint:|mypy:|%%|-\*-)", re.I)
MIN_WIDTH = 60  # a one-line English comment of 30 characters may still wrap at 60


@dataclass(frozen=True)
class Label:
    """One string value of the labels dict: `key` (`"categories.drainage"` when nested)."""

    key: str
    value: str
    line: int  # 1-based, in the cell
    start: int  # character offsets of the literal (quotes included) in the cell
    end: int


class LabelsError(ValueError):
    """The labels cell is not `L = {…}` of string literals; `line` is 1-based in the cell."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def code_segments(source: str, labels: bool) -> list[Segment]:
    """Segments of one code cell; `labels`: the cell is tagged `capdev-labels`. A cell
    that does not parse has no segments (its comments are left as they are)."""
    out = comment_segments(source)
    if labels:
        try:
            found = read_labels(source)
        except LabelsError:
            found = []  # `capdev check` reports it (nb-labels)
        out += [Segment(lab.value, f"{LABEL_KIND}: {lab.key}", lab.line, lab.start, lab.end,
                        style=LABEL_STYLE, wrap=False)
                for lab in found if LETTER.search(lab.value)]
    return sorted(out, key=lambda s: s.start)


# -- the labels cell ------------------------------------------------------------------------
def read_labels(source: str) -> list[Label]:
    """Every string of `L = {…}`: values may be strings or one level of {data value: label}."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise LabelsError(exc.lineno or 1, f"the labels cell is not valid Python: {exc.msg}") \
            from None
    body = tree.body
    if len(body) != 1 or not _is_labels_assign(body[0]):
        line = body[1].lineno if len(body) > 1 else (body[0].lineno if body else 1)
        raise LabelsError(line, f"the labels cell must hold one statement, `{LABELS_NAME} = {{…}}`")
    starts = _line_starts(source)
    out: list[Label] = []
    _dict_labels(body[0].value, "", source, starts, out)  # type: ignore[attr-defined]
    return out


def _is_labels_assign(node: ast.stmt) -> bool:
    return (isinstance(node, ast.Assign) and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name) and node.targets[0].id == LABELS_NAME
            and isinstance(node.value, ast.Dict))


def _dict_labels(node: ast.Dict, prefix: str, source: str, starts: list[int],
                 out: list[Label]) -> None:
    seen: set[str] = set()
    for key, value in zip(node.keys, node.values, strict=True):
        # a {data value: label} dict may be keyed by numbers (months, codes) as data are
        kinds = (str, int) if prefix else (str,)
        if not (isinstance(key, ast.Constant) and isinstance(key.value, kinds)
                and not isinstance(key.value, bool)):
            what = "a string or number" if prefix else "a string"
            raise LabelsError((key or value).lineno, f"a label's key must be {what} literal")
        name = f"{prefix}{key.value}"
        if name in seen:
            raise LabelsError(key.lineno, f"label '{name}' is given twice")
        seen.add(name)
        if isinstance(value, ast.Dict) and not prefix:
            _dict_labels(value, f"{key.value}.", source, starts, out)
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            start = _offset(source, starts, value.lineno, value.col_offset)
            end = _offset(source, starts, value.end_lineno or value.lineno,
                          value.end_col_offset or 0)
            out.append(Label(name, value.value, value.lineno, start, end))
        else:
            what = "a string or a {data value: label} dict" if not prefix else "a string"
            raise LabelsError(value.lineno, f"label '{prefix}{key.value}' must be {what} "
                                            "literal, not computed")


def _line_starts(source: str) -> list[int]:
    starts, pos = [0], 0
    for line in source.splitlines(keepends=True):
        pos += len(line)
        starts.append(pos)
    return starts


def _offset(source: str, starts: list[int], line: int, byte_col: int) -> int:
    """ast's columns count UTF-8 bytes; segments count characters."""
    begin = starts[line - 1]
    text = source[begin:starts[line] if line < len(starts) else len(source)]
    return begin + len(text.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))


def fields(text: str) -> list[str] | None:
    """The `str.format` fields of a label, in order (None: braces that do not parse)."""
    try:
        return [f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text)
                if name is not None]
    except ValueError:
        return None


# -- comments -------------------------------------------------------------------------------
def comment_segments(source: str) -> list[Segment]:
    """Comments of a cell that is plain Python: in IPython syntax (`!pip …`, `%%bash`) a
    `#` may be part of a shell command, so such a cell's comments are left alone."""
    try:
        ast.parse(source)
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
                  if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, ValueError):
        return []  # IPython magics, unfinished code: no comment is touched
    starts = _line_starts(source)
    out: list[Segment] = []
    group: list[tokenize.TokenInfo] = []
    for tok in tokens:
        if _comment_text(tok.string) is None:
            _flush(group, starts, out)
            group = []
            continue
        whole_line = not tok.line[:tok.start[1]].strip()
        if group and whole_line and tok.start == (group[-1].start[0] + 1, group[0].start[1]):
            group.append(tok)
            continue
        _flush(group, starts, out)
        group = [tok] if whole_line else []
        if not whole_line:
            _flush([tok], starts, out)
    _flush(group, starts, out)
    return out


def _comment_text(comment: str) -> str | None:
    if not comment.startswith("# "):
        return None
    text = comment[2:].strip()
    return text if LETTER.search(text) and not MACHINE_COMMENT.match(text) else None


def _flush(group: list[tokenize.TokenInfo], starts: list[int], out: list[Segment]) -> None:
    if not group:
        return
    msgid = " ".join(_comment_text(t.string) or "" for t in group)
    start = starts[group[0].start[0] - 1] + group[0].start[1]
    end = starts[group[-1].end[0] - 1] + group[-1].end[1]
    out.append(Segment(msgid, "code comment", group[0].start[0], start, end,
                       style=COMMENT_STYLE, wrap=False))


# -- rendering ------------------------------------------------------------------------------
def render_code(source: str, segments: list[Segment], lookup: Callable[[Segment], str | None]
                ) -> str:
    """The cell with each translated label and comment written in; all else byte for byte.
    A label whose translation changes its `{fields}` stays English: the code formats it."""
    out, pos = [], 0
    for seg in sorted(segments, key=lambda s: s.start):
        value = lookup(seg)
        if value is None or value == seg.msgid:
            continue
        if seg.style == LABEL_STYLE:
            if fields(value) != fields(seg.msgid):
                continue
            new = json.dumps(value, ensure_ascii=False)  # a JSON string is a Python literal
        else:
            new = _comment(source, seg, value)
        out += [source[pos:seg.start], new]
        pos = seg.end
    out.append(source[pos:])
    return "".join(out)


def _comment(source: str, seg: Segment, value: str) -> str:
    line_start = source.rfind("\n", 0, seg.start) + 1
    indent = source[line_start:seg.start]
    flat = " ".join(value.split())
    if indent.strip():  # after code on its line: stays one line
        return f"# {flat}"
    english = source[line_start:seg.end].splitlines()
    width = max(MIN_WIDTH, *(len(line) for line in english))
    lines = textwrap.wrap(flat, max(MIN_WIDTH // 2, width - len(indent) - 2), break_long_words=False,
                          break_on_hyphens=False) or [""]
    return f"\n{indent}".join(f"# {line}" for line in lines)
