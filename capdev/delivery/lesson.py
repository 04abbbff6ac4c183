"""The lessons a deck can be made from, found by name, and their text in a language.

A lesson is named by its file, its `module/lesson` path or its file name alone (when only
one module has it): `02-the-311-line-and-case-management`. The Spanish text is the lesson
rendered through its catalog by the translation engine, with the publishing guard the site
and the PDFs use, so a deck shows exactly the Spanish a reader sees on the page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capdev.errors import CapdevError, Finding
from capdev.sources.project import Course, Module, Page, Project


@dataclass(frozen=True)
class LessonRef:
    course: Course
    module: Module
    page: Page

    @property
    def name(self) -> str:
        """`module/lesson`, the name the command line shows and accepts."""
        return f"{self.module.slug}/{Path(self.page.rel).stem}"


@dataclass
class LessonText:
    """One lesson in one language: its front matter, its Markdown body (for a notebook,
    its Markdown cells) and the first line of the body in the source file."""

    ref: LessonRef
    lang: str
    meta: dict[str, Any]
    body: str
    body_line: int
    untranslated: list[tuple[int, str]] = field(default_factory=list)


def lessons(project: Project) -> list[LessonRef]:
    return [LessonRef(c, m, p) for c in project.courses for m in c.modules for p in m.lessons]


def resolve(project: Project, names: list[str]) -> list[LessonRef]:
    """The lessons `names` designate (all of them for none); an unknown or ambiguous name
    is a finding that lists the closest names."""
    every = lessons(project)
    if not names:
        return every
    found: list[LessonRef] = []
    problems: list[Finding] = []
    for name in names:
        matches = _matches(project, every, name)
        if len(matches) == 1:
            found.append(matches[0])
        else:
            problems.append(_unknown(every, name, matches))
    if problems:
        raise CapdevError(problems)
    return list({r.page.rel: r for r in found}.values())


def _matches(project: Project, every: list[LessonRef], name: str) -> list[LessonRef]:
    wanted = name.strip().rstrip("/").removesuffix(".md").removesuffix(".ipynb")
    path = Path(name)
    for candidate in (path, project.root / path):
        if candidate.is_file():
            return [r for r in every if r.page.src.resolve() == candidate.resolve()]
    return [r for r in every if wanted in (r.name, Path(r.page.rel).stem,
                                           r.page.rel.rsplit(".", 1)[0])]


def _unknown(every: list[LessonRef], name: str, matches: list[LessonRef]) -> Finding:
    if matches:  # the same file name in two modules
        return Finding(name, 0, "slides-lesson-ambiguous",
                       f"'{name}' names {len(matches)} lessons",
                       "write module/lesson: " + ", ".join(r.name for r in matches))
    names = [r.name for r in every]
    stems = {Path(n).name: n for n in names}
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5) or \
        [stems[s] for s in difflib.get_close_matches(Path(name).name, list(stems), n=1,
                                                     cutoff=0.5)]
    hint = f"did you mean '{close[0]}'?" if close else \
        "name a lesson as module/lesson, e.g. " + (names[0] if names else "01-module/01-lesson")
    return Finding(name, 0, "slides-lesson-unknown", f"no lesson called '{name}'", hint)


def localized(project: Project, ref: LessonRef, lang: str) -> LessonText:
    """The lesson in `lang`: English as written, Spanish from its catalog. Untranslated
    passages stay English inside pandoc spans `[…]{lang=en}`, so both decks mark them."""
    from capdev.sources.frontmatter import parse

    text, missing = _text(project, ref.page.src, lang)
    if ref.page.is_notebook:
        return _notebook(ref, lang, text, missing)
    fm = parse(text, ref.page.rel)
    return LessonText(ref, lang, fm.meta, fm.body, fm.body_line, missing)


def _text(project: Project, src: Path, lang: str) -> tuple[str, list[tuple[int, str]]]:
    if lang == "en":
        return src.read_text("utf-8"), []
    from capdev.catalogs import translate_file
    from capdev.catalogs.render import pandoc_lang_span
    from capdev.checks.gate import refusal

    done = translate_file(project.root, src, lang, marker=pandoc_lang_span("en"), guard=refusal)
    return done.text, [*done.missing, *done.outdated]


def _notebook(ref: LessonRef, lang: str, text: str,
              missing: list[tuple[int, str]]) -> LessonText:
    """A notebook lesson: its capdev metadata and its Markdown cells (code is for the lab,
    not for the slides)."""
    from capdev.notebooks.meta import capdev_meta, loads_notebook

    nb = loads_notebook(text)
    cells = [c.source for c in nb.cells if c.cell_type == "markdown"]
    return LessonText(ref, lang, capdev_meta(nb), "\n\n".join(cells) + "\n", 1, missing)
