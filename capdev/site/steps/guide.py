"""Each course's facilitator guide: `<course>/facilitator/index.md` and its PDF, in every
language.

A page of its own, linked from the course page and listed in a separate navigation
section, with a banner saying who it is for, and left out of the site search (learners
search the site; the notes are not for them). It holds the agenda computed from the
workshop plan and the lessons' durations, the learning outcomes, the materials, the
self-assessment's before-and-after use, and every lesson's facilitator notes in course
order, in the page's language (from the same localized lessons as the learner pages).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from capdev.site import facilitator, pages
from capdev.site.labels import label
from capdev.site.model import Localized
from capdev.site.stager import Stager
from capdev.site.steps import slides
from capdev.sources import workshop
from capdev.sources.project import Course, workshop_lessons

LINK = facilitator.GUIDE  # from the course folder
KINDS = {"notes": "note", "purpose": "abstract", "discussion": "question",
         "activity": "example", "answers": "success", "preparation": "info"}


def run(stager: Stager) -> None:
    for course in stager.project.courses:
        rel = f"{course.rel}/{LINK}"
        stager.generated(rel, _page(stager, course), f"{course.rel}/course.yml")
        stager.count_page()


def pdf_name(lang: str) -> str:
    """The guide's PDF, next to its page."""
    return f"facilitator-guide-{lang}.pdf"


def _page(stager: Stager, course: Course) -> str:
    """The page; its body without title and banner is also the PDF's (written beside it)."""
    lang = stager.lang
    cmeta, _infos = stager.context.courses[course.id]
    course_title = str(cmeta.get("title", course.id))
    title = label(lang, "guide_title", course=course_title)
    meta = {"title": title, "search": {"exclude": True}}
    body = "\n".join([*_agenda(stager, course, cmeta), *_outcomes(lang, cmeta),
                      *_materials(lang, cmeta), *_assessment(stager, course),
                      *_notes(stager, course)]) + "\n"
    _pdf(stager, course, body, course_title)
    head = [f"# {pages.plain(title)}", "",
            pages.admonition("warning", label(lang, "guide_section"), label(lang, "guide_banner")),
            f"[{label(lang, 'guide_pdf')}]({pdf_name(lang)})", ""]
    return pages.front_matter(meta) + "\n".join(head) + "\n" + body


def _pdf(stager: Stager, course: Course, body: str, course_title: str) -> None:
    from capdev.pdf.guide import Cover, guide_pdf

    lang = stager.lang
    cover = Cover(label(lang, "guide"), course_title, label(lang, "guide_banner"),
                  str(course.meta.get("licence") or "") or None,
                  stager.project.config.region(lang))
    rel = f"{Path(course.rel, LINK).parent.as_posix()}/{pdf_name(lang)}"
    stager.write(rel, guide_pdf(stager.root, body, lang, cover, f"{course.rel}/course.yml"))


# -- agenda --------------------------------------------------------------------------------

def _titles(stager: Stager, course: Course) -> dict[str, tuple[str, str]]:
    """Lesson key → (title in the page's language, link from the guide)."""
    _cmeta, infos = stager.context.courses[course.id]
    out = {}
    for module, info in zip(course.modules, infos, strict=True):
        for lesson, les in zip(module.lessons, info.lessons, strict=True):
            out[f"{module.slug}/{Path(lesson.rel).stem}"] = (les.title, f"../{module.slug}/{les.link}")
    return out


def _agenda(stager: Stager, course: Course, cmeta: dict[str, Any]) -> list[str]:
    lang = stager.lang
    lessons = workshop_lessons(course)
    titles = _titles(stager, course)
    out = [f"## {label(lang, 'agenda')}", ""]
    plan = cmeta.get("workshop")
    if not workshop.schedulable(plan):
        return out + [label(lang, "agenda_no_plan"), "",
                      *_rows(lang, [(None, les.key, les.duration) for les in lessons], titles), ""]
    agenda = workshop.agenda(plan, lessons)
    out += [label(lang, "agenda_intro", days=agenda.days, start=plan["start"], end=plan["end"]), ""]
    for day in range(1, agenda.days_used + 1):
        slots = agenda.day(day)
        out += [f"### {label(lang, 'day', n=day)}", "",
                *_rows(lang, [(s, s.lesson, s.end - s.start) for s in slots], titles), ""]
    in_session = sum(s.end - s.start for s in agenda.slots if s.lesson)
    out += [label(lang, "agenda_total", total=pages.duration_text(lang, in_session)), ""]
    if agenda.days_used > agenda.days:
        out += [pages.admonition("warning", label(lang, "agenda"),
                                 label(lang, "agenda_overflow", used=agenda.days_used,
                                       days=agenda.days)), ""]
    if agenda.pre_work:
        durations = {les.key: les.duration for les in lessons}
        total = pages.duration_text(lang, sum(durations[k] for k in agenda.pre_work))
        out += [f"### {label(lang, 'pre_work')}", "", label(lang, "pre_work_intro", total=total), ""]
        out += [f"- {_lesson_link(titles, k)} ({pages.duration_text(lang, durations[k])})"
                for k in agenda.pre_work] + [""]
    return out


def _rows(lang: str, rows: list[tuple[workshop.Slot | None, str | None, int]],
          titles: dict[str, tuple[str, str]]) -> list[str]:
    """A table of sessions: time (when scheduled), what, how long."""
    timed = any(slot for slot, _key, _minutes in rows)
    head = [label(lang, "time")] if timed else []
    out = ["| " + " | ".join([*head, label(lang, "session"), label(lang, "duration")]) + " |",
           "|" + "---|" * (len(head) + 2)]
    for slot, key, minutes in rows:
        when = [f"{workshop.clock(slot.start)}–{workshop.clock(slot.end)}"] if slot else []
        what = _lesson_link(titles, key) if key else \
            f"*{pages.plain(slot.title if slot and slot.title else label(lang, 'break'))}*"
        out.append("| " + " | ".join([*when, what, pages.duration_text(lang, minutes)]) + " |")
    return out


def _lesson_link(titles: dict[str, tuple[str, str]], key: str) -> str:
    title, href = titles[key]
    return f"[{pages.plain(title)}]({href})"


# -- outcomes, materials, self-assessment ---------------------------------------------------

def _outcomes(lang: str, cmeta: dict[str, Any]) -> list[str]:
    outcomes = [pages.plain(o) for o in cmeta.get("outcomes") or []]
    return [f"## {label(lang, 'outcomes')}", "", pages.bullet_list(outcomes), ""] if outcomes else []


def _materials(lang: str, cmeta: dict[str, Any]) -> list[str]:
    plan = cmeta.get("workshop") if isinstance(cmeta.get("workshop"), dict) else {}
    items = [pages.plain(m) for m in plan.get("materials") or [] if isinstance(m, str)]
    out = [f"## {label(lang, 'materials')}", ""]
    if items:
        out += [pages.bullet_list(items), ""]
    return out + [label(lang, "materials_lessons"), ""]


def _assessment(stager: Stager, course: Course) -> list[str]:
    first = next((c for c in stager.project.courses if c.framework and c.framework.is_file()), None)
    if first is None:
        return []  # the site's self-assessment is the first framework's (steps/assessment.py)
    href = os.path.relpath("assessment/index.md", Path(course.rel, LINK).parent.as_posix())
    lang = stager.lang
    return [f"## {label(lang, 'guide_assessment')}", "",
            label(lang, "guide_assessment_text", href=Path(href).as_posix()), ""]


# -- the notes ------------------------------------------------------------------------------

def _notes(stager: Stager, course: Course) -> list[str]:
    lang = stager.lang
    _cmeta, infos = stager.context.courses[course.id]
    out = [f"## {label(lang, 'guide_notes')}", ""]
    for n, (module, info) in enumerate(zip(course.modules, infos, strict=True), 1):
        out += [f"### {label(lang, 'module_of', n=n, total=len(infos))}: {pages.plain(info.title)}", ""]
        mloc = stager.context.localized.get(module.index.rel)
        if mloc and facilitator.notes(mloc.text):  # notes on the module as a whole
            out += _lesson_notes(lang, mloc)
        for lesson, les in zip(module.lessons, info.lessons, strict=True):
            href = f"../{module.slug}/{les.link}"
            out += [f"#### [{pages.plain(les.title)}]({href})", "",
                    pages.meta_line(lang, les.duration, les.level), "",
                    slides.links(lang, f"{course.rel}/{LINK}", course, module, lesson), ""]
            loc = stager.context.localized.get(lesson.rel)
            out += _lesson_notes(lang, loc) if loc and not lesson.is_notebook \
                else [f"*{label(lang, 'guide_no_notes')}*", ""]
    return out


def _lesson_notes(lang: str, loc: Localized) -> list[str]:
    notes = facilitator.notes(loc.text)
    if not notes:
        return [f"*{label(lang, 'guide_no_notes')}*", ""]
    blocks = [pages.admonition(KINDS[n.type], _note_title(lang, n), n.body) for n in notes]
    text = "\n".join(blocks)
    if loc.lang != lang:  # the lesson fell back to English: say so to screen readers
        text = f'<div lang="{loc.lang}" markdown>\n\n{text}\n</div>\n'
    return [text, ""]


def _note_title(lang: str, note: facilitator.Note) -> str:
    title = label(lang, f"note_{note.type}")
    if note.title:
        title += f": {note.title}"
    if note.minutes:
        title += f" ({pages.duration_text(lang, note.minutes)})"
    return title.replace('"', "&quot;")
