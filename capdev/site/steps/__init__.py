"""The staging steps, in the order they run (as nbconvert runs its preprocessors).

`ONCE` runs once per staging run, for every language; `PER_LANGUAGE` runs for each
language in turn, each step writing into that language's tree through the `Stager`.
To add a step: a module here with one `run` function, and a line in one of the lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from capdev.site.steps import (
    assessment,
    assets,
    courses,
    forms,
    glossary,
    guide,
    navigation,
    notebooks,
    notes,
    pages,
    pdfs,
    publications,
    slides,
    status_page,
)


class Step(NamedTuple):
    name: str  # named in timings and in errors: "staging step glossary failed: …"
    run: Callable[..., None]


ONCE: tuple[Step, ...] = (
    Step("notebooks", notebooks.run),  # execute (cached) before any language reads them
    Step("pdfs", pdfs.run),
)

PER_LANGUAGE: tuple[Step, ...] = (
    Step("pages", pages.run),
    Step("courses", courses.run),  # fills context.courses, read by assessment and navigation
    Step("guide", guide.run),  # the facilitator guides, from what the courses step read
    Step("notes", notes.run),
    Step("publications", publications.run),
    Step("assessment", assessment.run),
    Step("forms", forms.run),  # the feedback and consultation forms
    Step("glossary", glossary.run),
    Step("status_page", status_page.run),
    Step("slides", slides.run),  # each lesson's decks, under downloads/slides/
    Step("assets", assets.run),
    Step("navigation", navigation.run),  # last: prunes what no step above wrote
)

__all__ = ["ONCE", "PER_LANGUAGE", "Step"]
