"""The lessons' slide decks (capdev.delivery), PowerPoint and offline HTML, beside each
course's facilitator guide: `<course>/facilitator/slides/<module>/<lesson>-<lang>.<format>`,
with reveal.js and the stylesheet in `slides/assets/`. They carry the facilitator notes as
speaker notes, so they live with the guide, apart from the learner pages (and out of the
search, which indexes pages, not downloads). Cached by content (capdev.delivery.cache):
an unchanged lesson costs an outline, not pandoc."""

from __future__ import annotations

from pathlib import Path

from capdev.site.facilitator import GUIDE
from capdev.site.labels import label
from capdev.site.stager import Stager
from capdev.sources.project import Course, Module, Page

FOLDER = f"{Path(GUIDE).parent.as_posix()}/slides"  # from the course's folder


def run(stager: Stager) -> None:
    from capdev.delivery import build, html, lesson

    for course in stager.project.courses:
        refs = [r for r in lesson.lessons(stager.project) if r.course is course]
        if not refs:
            continue
        base = f"{course.rel}/{FOLDER}"
        for made in build.decks(stager.project, refs, [stager.lang], list(build.FORMATS),
                                course=False):
            stager.write(f"{base}/{made.rel}", made.data)
        for path in sorted(html.STATIC.rglob("*")):
            if path.is_file():
                stager.copy(path, f"{base}/{html.ASSETS}/{path.relative_to(html.STATIC).as_posix()}")


def links(lang: str, page_rel: str, course: Course, module: Module, lesson: Page) -> str:
    """A line linking a lesson's two decks from the staged page at `page_rel`."""
    import os

    from capdev.delivery.build import deck_rel
    from capdev.delivery.lesson import LessonRef

    ref = LessonRef(course, module, lesson)
    here = Path(page_rel).parent
    pptx, html = (Path(os.path.relpath(Path(course.rel) / FOLDER / deck_rel(ref, lang, fmt, False),
                                       here)).as_posix() for fmt in ("pptx", "html"))
    return (f"{label(lang, 'slides')}: [{label(lang, 'slides_pptx')}]({pptx}) · "
            f"[{label(lang, 'slides_html')}]({html})")
