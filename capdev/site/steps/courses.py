"""Each course: its overview page, its modules' pages and their lessons (Markdown or
notebooks), with the durations, outcomes and previous/next links read from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from capdev.site import facilitator, pages
from capdev.site.model import Localized
from capdev.site.stager import Stager
from capdev.site.steps import assessment, notebooks
from capdev.sources.frontmatter import FAST
from capdev.sources.project import Course, Page


def run(stager: Stager) -> None:
    for course in stager.project.courses:
        _course(stager, course)


def _course(stager: Stager, course: Course) -> None:
    cloc = stager.localize(course.dir / "course.yml", page=False)
    cmeta = yaml.load(cloc.text, Loader=FAST) or {}
    infos: list[pages.ModuleInfo] = []
    locs: dict[str, Localized] = {}
    for module in course.modules:
        info = pages.ModuleInfo(module.slug, "", "", 0, module.index.meta.get("level", ""))
        mloc = stager.localize(module.index.src)
        locs[module.index.rel] = mloc
        mmeta, _ = pages.split_front(mloc.text)
        info.title, info.summary = mmeta.get("title", ""), mmeta.get("summary", "")
        info.outcomes = mmeta.get("outcomes") or []
        for lesson in module.lessons:
            lloc = stager.localize(lesson.src) if not lesson.is_notebook \
                else notebooks.localize(stager, lesson)
            locs[lesson.rel] = lloc
            lmeta = _lesson_meta(lesson, lloc)
            name = Path(lesson.out).name
            info.lessons.append(pages.LessonInfo(
                lmeta.get("title", lesson.title), lmeta.get("summary", ""),
                int(lesson.meta.get("duration", 0)), lesson.meta.get("level", ""), name,
                f"{course.id}/{module.slug}/{Path(lesson.rel).stem}"))
        info.duration = sum(les.duration for les in info.lessons) or \
            int(module.index.meta.get("duration", 0))
        infos.append(info)
    stager.context.courses[course.id] = (cmeta, infos)
    stager.context.localized.update(locs)
    course_page = pages.course_page(cmeta, stager.lang, infos, facilitator.GUIDE)
    stager.write(f"{course.rel}/index.md", stager.stamp(course_page, cloc, f"{course.rel}/course.yml"))
    stager.count_page()
    for n, (module, info) in enumerate(zip(course.modules, infos, strict=True), 1):
        text = pages.module_page(locs[module.index.rel].text, stager.lang, info, n, len(infos),
                                 cmeta.get("title", ""))
        text += "\n" + assessment.teaches(stager, course.framework, module.slug, info.title) + "\n"
        stager.page(module.index, text, locs[module.index.rel])
        for k, lesson in enumerate(module.lessons):
            nav = {"n": n, "total": len(infos), "module_title": info.title,
                   "key": info.lessons[k].done_key,
                   "prev": _link(info.lessons, k - 1), "next": _link(info.lessons, k + 1)}
            loc = locs[lesson.rel]
            text = notebooks.text(stager, lesson, loc) if lesson.is_notebook else loc.text
            stager.page(lesson, pages.lesson_page(text, stager.lang, nav), loc)


def _lesson_meta(lesson: Page, loc: Localized) -> dict[str, Any]:
    if lesson.is_notebook:
        return notebooks.meta(loc)
    return pages.split_front(loc.text)[0]


def _link(lessons: list[pages.LessonInfo], k: int) -> tuple[str, str] | None:
    if 0 <= k < len(lessons):
        return lessons[k].link, lessons[k].title
    return None
