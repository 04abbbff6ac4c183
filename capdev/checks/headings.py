"""Headings: one H1 (the title), and levels that never skip (screen readers navigate by them)."""

from __future__ import annotations

from collections.abc import Iterator

from capdev.checks.context import Doc
from capdev.checks.registry import hit, rule
from capdev.errors import Finding

# Policy notes carry their title in front matter; their body starts at `##` sections.
NO_H1_KINDS = frozenset({"note"})


@rule(
    "heading-h1",
    "error",
    "a page has exactly one H1 (policy notes: none, the title is in front matter)",
    "markdown",
)
def heading_h1(doc: Doc) -> Iterator[Finding]:
    h1 = [h for h in doc.facts.headings if h.level == 1]
    if doc.kind in NO_H1_KINDS:
        for h in h1:
            yield hit(
                "heading-h1",
                doc.rel,
                h.line,
                "a policy note has no H1 (its title is in front matter)",
                "start sections at `##`",
            )
        return
    if not h1:
        line = doc.facts.headings[0].line if doc.facts.headings else 1
        yield hit(
            "heading-h1",
            doc.rel,
            line,
            "the page has no H1",
            "start the body with `# <title>`"
            + (" in the first markdown cell" if doc.notebook else ""),
        )
    for h in h1[1:]:
        yield hit("heading-h1", doc.rel, h.line, f"a second H1 “{h.text}”",
                  "a page has one H1, its title; use `##` for sections")


@rule("heading-skip", "error", "heading levels never skip (## then ####)", "markdown")
def heading_skip(doc: Doc) -> Iterator[Finding]:
    level = 1  # a first `##` is fine (notes start there; a missing H1 is heading-h1's)
    for h in doc.facts.headings:
        if h.level > level + 1:
            yield hit("heading-skip", doc.rel, h.line,
                      f"heading level {h.level} after level {level} (“{h.text}”)",
                      f"use {'#' * (level + 1)} here, or add the missing level above")
        level = h.level
