"""The navigation of one language build, from the content model (not from file names)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from capdev.site.facilitator import GUIDE
from capdev.site.labels import label
from capdev.site.pages import split_front, theme_text

if TYPE_CHECKING:
    from capdev.site.stager import Stager

FIRST = ("index.md",)
LAST = ("about.md", "authors.md", "translators.md", "privacy.md")


def _title(stager: Stager, rel: str) -> str:
    path = stager.dest / rel
    meta, body = split_front(path.read_text("utf-8")) if path.is_file() else ({}, "")
    return str(meta.get("title") or Path(rel).stem)


def build(stager: Stager) -> list[Any]:
    """The nav, its titles escaped: MkDocs templates print them as HTML on every page."""
    return _escaped(_build(stager))


def _escaped(nav: Any) -> Any:
    if isinstance(nav, list):
        return [_escaped(item) for item in nav]
    if isinstance(nav, dict):
        return {theme_text(k): _escaped(v) for k, v in nav.items()}
    return nav


def _build(stager: Stager) -> list[Any]:
    lang = stager.lang
    project = stager.project
    nav: list[Any] = []
    docs = [p.out for p in project.pages]
    for rel in FIRST:
        if rel in docs:
            nav.append({label(lang, "home"): rel})
    for course in project.courses:
        cmeta, infos = stager.context.courses[course.id]
        section: list[Any] = [f"{course.rel}/index.md"]
        for module, info in zip(course.modules, infos, strict=True):
            items: list[Any] = [module.index.out]
            items += [{les.title: lesson.out} for les, lesson in zip(info.lessons, module.lessons,
                                                                      strict=True)]
            section.append({info.title: items})
        nav.append({cmeta.get("title", course.id): section})
    guides = [{stager.context.courses[c.id][0].get("title", c.id): f"{c.rel}/{GUIDE}"}
              for c in project.courses if (stager.dest / c.rel / GUIDE).is_file()]
    if guides:  # a section of its own: the guides are not part of any course's lessons
        nav.append({label(lang, "guide_section"): guides})
    if project.notes:
        nav.append({label(lang, "notes"): ["policy_notes/index.md",
                                           *[{_title(stager, n.out): n.out} for n in project.notes]]})
    for pub in project.publications:
        chapters = [{_title(stager, c.out): c.out} for c in pub.chapters]
        nav.append({_title(stager, f"{pub.rel}/index.md"): [f"{pub.rel}/index.md", *chapters]})
    if (stager.dest / "assessment" / "index.md").is_file():
        nav.append({label(lang, "self_assessment"): "assessment/index.md"})
    forms = [{_title(stager, f.page): f.page} for f in project.forms
             if (stager.dest / f.page).is_file()]
    if forms:
        nav.append({label(lang, "forms_section"): forms})
    rest = [p for p in docs if p not in FIRST and p not in LAST]
    rest += [p for p in LAST if p in docs]
    for rel in ("glossary.md", "translation-status.md"):
        if (stager.dest / rel).is_file():
            rest.append(rel)
    nav += [{_title(stager, rel): rel} for rel in rest]
    return nav
