"""Facilitator notes: `/// facilitator` blocks in a lesson, for the guide and never for learners.

A lesson keeps its notes where they belong (one source, translated with the lesson):

    /// facilitator | Discussion: why do people still queue?
        type: discussion
        minutes: 10

    Ask the group …
    ///

Staging removes every such block from the learner page (so from its HTML, the search
index and the offline copy); the facilitator guide collects them in order. The blocks are
found by the segmenter's own walk (`capdev.catalogs.markdown.blocks`), so a `///` line in
a code fence is never one, and the option lines are those pymdownx itself reads.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from capdev.catalogs.markdown import BlockSpan, blocks
from capdev.sources.frontmatter import FAST, split

NAME = "facilitator"
GUIDE = "facilitator/index.md"  # each course's guide, from the course's folder
# What a facilitator needs per session (design note, delivery.md): purpose, timing, what to
# say, what to ask, what answers to expect, what to prepare.
TYPES = ("notes", "purpose", "discussion", "activity", "answers", "preparation")
OPTIONS = ("type", "minutes")
MAX_MINUTES = 600


@dataclass(frozen=True)
class Note:
    title: str | None
    type: str
    minutes: int | None
    body: str  # the block's Markdown, unindented
    line: int  # 1-based line of the `///` header in the file


@dataclass
class Parsed:
    note: Note
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # line, message, hint


def _spans(text: str) -> tuple[list[str], list[BlockSpan], int]:
    """The file's lines, its facilitator blocks (lines relative to the body) and the
    0-based line at which the body (after the front matter) starts."""
    _yaml, _first, body_line = split(text)
    lines = text.splitlines(keepends=True)
    body = "".join(lines[body_line - 1:])
    return lines, [b for b in blocks(body) if b.name == NAME], body_line - 1


def strip(text: str) -> str:
    """The page without its facilitator blocks (header to closing line, whole lines)."""
    if NAME not in text:
        return text  # most pages: no walk at all
    lines, spans, base = _spans(text)
    if not spans:
        return text
    drop: set[int] = set()
    for b in spans:
        drop.update(range(base + b.header, base + min(b.close + 1, len(lines) - base)))
    return "".join(line for i, line in enumerate(lines) if i not in drop)


def parse(text: str) -> list[Parsed]:
    """Every facilitator block of a page, with what is wrong with its options."""
    if NAME not in text:
        return []
    lines, spans, base = _spans(text)
    return [_parse(lines, b, base) for b in spans]


def notes(text: str) -> list[Note]:
    return [p.note for p in parse(text)]


def _parse(lines: list[str], b: BlockSpan, base: int) -> Parsed:
    line = base + b.header + 1
    cut = [ln.rstrip("\r\n")[b.col:] for ln in lines[base + b.body: base + b.close]]
    opts = "\n".join(ln.rstrip("\r\n")[b.col:] for ln in lines[base + b.options: base + b.body])
    options, problems = _options(opts, line)
    kind = options.get("type") if options.get("type") in TYPES else "notes"
    minutes = options.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        minutes = None
    return Parsed(Note(b.title, str(kind), minutes, "\n".join(cut).strip("\n"), line), problems)


def _options(text: str, line: int) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    if not text.strip():
        return {}, []
    hint = ("write the options indented by four spaces under the header: `type: "
            + " | ".join(TYPES) + "` and `minutes: 10`")
    try:
        data = yaml.load(textwrap.dedent(text), Loader=FAST)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return {}, [(line + 1 + (mark.line if mark else 0), "the block's options are not valid "
                     "YAML", hint)]
    if not isinstance(data, dict):
        return {}, [(line + 1, "the block's options must be `key: value` lines", hint)]
    problems = []
    for n, key in enumerate(data):
        at = line + 1 + n
        value = data[key]
        if key not in OPTIONS:
            problems.append((at, f"unknown option `{key}` in a facilitator block",
                             "known options: " + ", ".join(OPTIONS)))
        elif key == "type" and value not in TYPES:
            problems.append((at, f"unknown facilitator note type `{value}`",
                             "use one of: " + ", ".join(TYPES)))
        elif key == "minutes" and (not isinstance(value, int) or isinstance(value, bool)
                                   or not 1 <= value <= MAX_MINUTES):
            problems.append((at, f"`minutes` must be a whole number from 1 to {MAX_MINUTES} "
                             f"(found {value!r})", "write the timing in minutes: `minutes: 10`"))
    return data, problems


