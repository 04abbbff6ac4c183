"""The data staging passes around: what a reader gets of one source (`Localized`), what a
staging run reports (`StageReport`), and what it computes once for every language
(`StageContext`). No behaviour here, so every staging module may import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capdev.errors import Finding

if TYPE_CHECKING:
    from capdev.site.pages import ModuleInfo

# Told what the build is doing now ("staging es: notebooks"); the CLI shows it as a spinner
# on a terminal and as one line per step in CI logs, where a spinner prints nothing.
Progress = Callable[[str], None]


def no_progress(_: str) -> None:
    """The default: library callers (the MkDocs plugin, tests) want no output."""


@dataclass
class Localized:
    text: str
    lang: str  # the language the reader actually gets
    fallback: bool = False
    outdated: bool = False
    ratio: float = 1.0


@dataclass
class StageReport:
    pages: dict[str, int] = field(default_factory=dict)
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    artefacts: list[str] = field(default_factory=list)
    notebooks_run: int = 0
    notebooks_cached: int = 0
    # what the gate kept off the pages: `capdev build --strict` fails on them
    warnings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # staging step → time, all languages


@dataclass
class StageContext:
    """Computed once per staging run and read by every language's steps."""

    notebooks: dict[Path, Any] = field(default_factory=dict)  # source → executed notebook
    # source → language → the translated notebook as executed (labels and comments translated)
    localized_notebooks: dict[Path, dict[str, Any]] = field(default_factory=dict)
    pdf_files: list[Path] = field(default_factory=list)  # PDFs and DOCX of notes, publications
    # course id → (course.yml metadata, its modules): set by the courses step of the
    # language being staged, read by the assessment and the navigation
    courses: dict[str, tuple[dict[str, Any], list[ModuleInfo]]] = field(default_factory=dict)
    frameworks: dict[tuple[str, str], Any] = field(default_factory=dict)  # (lang, path) → framework
    # source rel → what this language's reader gets of it (the courses step sets its modules'
    # and lessons'): the guide step reads the facilitator notes the pages leave out
    localized: dict[str, Localized] = field(default_factory=dict)
    status_rows: list[str] | None = None  # the same table in every language: counted once
