"""Every requested deck (lesson × language × format), for `capdev slides` and the site.

`capdev slides` writes into an output folder guarded like the site's
(`capdev.site.output.check`): never the project, its sources or a folder of someone else's
files; capdev marks the folder it creates, and a deck sits at
`<course>/<module>/<lesson>-<lang>.<format>` in it. `capdev build` stages the same decks
beside each course's facilitator guide (capdev.site.steps.slides). Either way reveal.js and
the stylesheet are in the folder's `assets/`, and each file is written whole (temporary
file, rename).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from capdev import atomic
from capdev.delivery import cache, html, lesson, outline, pptx
from capdev.delivery.lesson import LessonRef
from capdev.site import output
from capdev.sources.project import Project

FORMATS = ("pptx", "html")
WORKERS = min(os.cpu_count() or 1, 4)  # pandoc processes at a time


@dataclass(frozen=True)
class Made:
    lesson: str  # module/lesson
    lang: str
    fmt: str
    rel: str  # the deck's path under the output folder
    data: bytes
    slides: int
    english: int  # passages of a Spanish deck still in English (no translation yet)
    seconds: float


def prepare(root: Path, out: Path, force: bool = False) -> Path:
    """The output folder, checked and created (and marked as capdev's) when new or empty."""
    out = out.resolve()
    output.check(root.resolve(), out, force, option="-o", default="dist/slides/")
    fresh = not out.exists() or not any(out.iterdir())
    out.mkdir(parents=True, exist_ok=True)
    if fresh:
        output.mark(out, "`capdev slides`, which replaces the decks it makes in this folder")
    return out


def deck_rel(ref: LessonRef, lang: str, fmt: str, course: bool = True) -> str:
    """Where a deck sits under the output folder: `<course>/<module>/<lesson>-<lang>.<fmt>`
    (without the course folder, `course=False`, in a folder of the course's own)."""
    top = f"{ref.course.id}/" if course else ""
    return f"{top}{ref.module.slug}/{Path(ref.page.rel).stem}-{lang}.{fmt}"


def decks(project: Project, refs: list[LessonRef], langs: list[str], formats: list[str],
          course: bool = True) -> Iterator[Made]:
    """Each deck's bytes, in lesson, language, format order (cached by content); `course`:
    as `deck_rel` places them. Pandoc runs in threads (it is a process of its own), while
    the outlines, which are quick, are made here."""
    with tempfile.TemporaryDirectory(prefix="capdev-slides-") as work, \
            ThreadPoolExecutor(max_workers=WORKERS) as pool:
        if "pptx" in formats:
            pptx.reference(Path(work))  # once, before the threads read it
        jobs = []
        for ref in refs:
            for lang in langs:
                text = lesson.localized(project, ref, lang)
                deck = outline.outline(text)
                for fmt in formats:
                    rel = deck_rel(ref, lang, fmt, course)
                    job = pool.submit(_render, project.root, deck, fmt, rel, Path(work),
                                      ref.page.rel)
                    jobs.append((ref, lang, fmt, rel, deck, len(text.untranslated), job))
        for ref, lang, fmt, rel, deck, english, job in jobs:
            data, seconds = job.result()
            yield Made(ref.name, lang, fmt, rel, data, len(deck.slides), english, seconds)


def _render(root: Path, deck: outline.Deck, fmt: str, rel: str, work: Path,
            where: str) -> tuple[bytes, float]:
    start = time.perf_counter()
    if fmt == "pptx":
        text = pptx.markdown(deck)
        data = cache.get_or_make(root, fmt, text, lambda: pptx.render(text, work, where))
    else:
        assets = html.relative_assets(Path(rel))
        text = html.markdown(deck)
        data = cache.get_or_make(root, fmt, assets + "\n" + text,
                                 lambda: html.render(text, assets, where))
    return data, time.perf_counter() - start


def build(project: Project, refs: list[LessonRef], langs: list[str], formats: list[str],
          out: Path, on_done: Callable[[Made], None] | None = None) -> list[Made]:
    """Write the decks into `out` (already `prepare`d); one `Made` per file, in order."""
    if "html" in formats:
        html.copy_assets(out)
    made = []
    for m in decks(project, refs, langs, formats):
        atomic.write_bytes(out / m.rel, m.data)
        made.append(m)
        if on_done:
            on_done(m)
    return made
