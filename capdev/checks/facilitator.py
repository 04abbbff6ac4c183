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
