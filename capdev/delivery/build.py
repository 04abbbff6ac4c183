"""Every requested deck (lesson × language × format) into one output folder capdev owns.

The output folder is guarded like the site's (`capdev.site.output.check`): never the
project, its sources or a folder of someone else's files; capdev marks the folder it
creates. Each deck is written through a temporary file and a rename, so a reader (or a
presenter's open PowerPoint) never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from capdev.delivery import html, lesson, outline, pptx
from capdev.delivery.lesson import LessonRef
from capdev.site import output
from capdev.sources.project import Project

FORMATS = ("pptx", "html")
LANGS = ("en", "es")


@dataclass(frozen=True)
class Made:
    lesson: str  # module/lesson
    lang: str
    fmt: str
    path: Path
    slides: int
    english: int  # passages of a Spanish deck still in English (no translation yet)
    seconds: float


def prepare(root: Path, out: Path, force: bool = False) -> Path:
    """The output folder, checked and created (and marked as capdev's) when new or empty."""
    out = out.resolve()
    output.check(root.resolve(), out, force)
    fresh = not out.exists() or not any(out.iterdir())
    out.mkdir(parents=True, exist_ok=True)
    if fresh:
        output.mark(out, "`capdev slides`, which replaces the decks it makes in this folder")
    return out


def deck_path(out: Path, ref: LessonRef, lang: str, fmt: str) -> Path:
    return out / ref.course.id / ref.module.slug / f"{Path(ref.page.rel).stem}-{lang}.{fmt}"


def build(project: Project, refs: list[LessonRef], langs: list[str], formats: list[str],
          out: Path, on_done: Callable[[Made], None] | None = None) -> list[Made]:
    """Write the decks into `out` (already `prepare`d); one `Made` per file, in order."""
    made: list[Made] = []
    if "html" in formats:
        html.copy_assets(out)
    with tempfile.TemporaryDirectory(prefix="capdev-slides-") as work:
        for ref in refs:
            for lang in langs:
                start = time.perf_counter()
                text = lesson.localized(project, ref, lang)
                deck = outline.outline(text)
                for fmt in formats:
                    path = deck_path(out, ref, lang, fmt)
                    where = ref.page.rel
                    data = (pptx.render(deck, Path(work), where) if fmt == "pptx"
                            else html.render(deck, html.relative_assets(path, out), where))
                    write_atomic(path, data)
                    made.append(Made(ref.name, lang, fmt, path, len(deck.slides),
                                     len(text.untranslated), time.perf_counter() - start))
                    start = time.perf_counter()
                    if on_done:
                        on_done(made[-1])
    return made


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
