"""Facilitator notes (`/// facilitator`): options the guide understands, and notes to read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from capdev.catalogs.markdown import readable
from capdev.checks.context import Doc
from capdev.checks.registry import hit, rule
from capdev.errors import Finding
from capdev.site.facilitator import NAME, Parsed, parse


def _parsed(doc: Doc) -> list[Parsed]:
    if doc.notebook or not doc.src:
        return []
    return parse(Path(doc.src).read_text("utf-8"))


@rule("facilitator-empty", "error",
      "a facilitator block holds notes (an empty one says nothing in the guide)", "markdown")
def facilitator_empty(doc: Doc) -> Iterator[Finding]:
    for p in _parsed(doc):
        if not readable(p.note.body):
            yield hit("facilitator-empty", doc.rel, p.note.line,
                      "the facilitator block has no notes",
                      "write the notes (what to say, ask or expect) between the `/// facilitator` "
                      "line and the closing `///`, or remove the block")


@rule("facilitator-option", "error",
      "a facilitator block's options are known keys with valid values (type, minutes)",
      "markdown")
def facilitator_option(doc: Doc) -> Iterator[Finding]:
    for p in _parsed(doc):
        for line, message, hint in p.problems:
            yield hit("facilitator-option", doc.rel, line, message, hint)


@rule("facilitator-notebook", "error",
      "no facilitator block in a notebook: learners download the notebook itself", "markdown")
def facilitator_notebook(doc: Doc) -> Iterator[Finding]:
    if not doc.notebook:
        return
    for mark in doc.facts.marks:
        if mark.kind == "block" and mark.value == NAME:
            yield hit("facilitator-notebook", doc.rel, mark.line,
                      "a facilitator block in a notebook reaches learners through the notebook "
                      "download", "move the notes into a Markdown lesson of the module, or into "
                      "the module's index page", mark.col)


@rule("facilitator-minutes", "warning",
      "a lesson's facilitator notes take no more minutes than the lesson's `duration` (the "
      "agenda gives the lesson its duration, not the sum of its notes)", "markdown")
def facilitator_minutes(doc: Doc) -> Iterator[Finding]:
    parsed = _parsed(doc)
    timed = [p.note for p in parsed if p.note.minutes]
    if doc.kind != "lesson" or not timed:
        return
    import yaml

    from capdev.sources.frontmatter import split

    front, _first, _body = split(Path(doc.src).read_text("utf-8"))
    try:
        meta = yaml.safe_load(front or "") or {}
    except yaml.YAMLError:
        return  # the front-matter rules report it
    duration = meta.get("duration") if isinstance(meta, dict) else None
    total = sum(n.minutes or 0 for n in timed)
    if isinstance(duration, int) and not isinstance(duration, bool) and total > duration:
        yield hit("facilitator-minutes", doc.rel, timed[-1].line,
                  f"the facilitator notes take {total} minutes, the lesson's duration is "
                  f"{duration}", "shorten the timed parts (`minutes:`) or raise the lesson's "
                  "`duration` (the workshop agenda moves with it)")
