"""`capdev new course|module|lesson|note`: commented starting files in English, with catalogs.

Each function checks its arguments against the content model (CONTENT-MODEL.md), builds a
plan of files from the templates and applies it (see plan.py). Bad arguments are findings.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from capdev.errors import CapdevError, Finding, raise_if_errors
from capdev.scaffold import courseyml
from capdev.scaffold.notebook import lesson_meta, lesson_notebook
from capdev.scaffold.plan import Plan, Result
from capdev.scaffold.templates import render, yaml_scalar

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # course and note ids (schema: course.json)
NN_RE = re.compile(r"^[0-9]{2}-[a-z0-9-]+$")  # module folders and lesson files

DEFAULT_MODULE = "01-introduction"


def check_name(value: str, pattern: re.Pattern[str], what: str, example: str) -> None:
    if not pattern.match(value):
        raise CapdevError(Finding(value or "''", 0, "new-bad-name", f"`{value}` is not a valid {what}",
                                  f"use lowercase letters, digits and hyphens, like `{example}`"))


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise CapdevError(Finding("--title", 0, "new-bad-title", "the title is empty",
                                  'give a title in quotes, like --title "Open data"'))
    return title


def _course_dir(root: Path, course: str) -> Path:
    cdir = root / "courses" / course
    if not (cdir / "course.yml").is_file():
        raise CapdevError(Finding(f"courses/{course}/course.yml", 0, "new-no-course",
                                  f"there is no course `{course}`",
                                  f'create it first: capdev new course {course} --title "…"'))
    return cdir


def _module_files(plan: Plan, cdir: Path, course: str, slug: str, title: str) -> None:
    text = render("module.md", title=title, title_yaml=yaml_scalar(title), course=course,
                  module=slug)
    plan.add(cdir / slug / "index.md", text, kind="module")


def course_files(plan: Plan, course: str, title: str, module: str = DEFAULT_MODULE,
                 module_title: str = "Introduction") -> Path:
    """Add course.yml and the first module (a course needs at least one) to `plan`."""
    check_name(course, ID_RE, "course id", "digital-government")
    check_name(module, NN_RE, "module folder name", DEFAULT_MODULE)
    title, module_title = check_title(title), check_title(module_title)
    cdir = plan.root / "courses" / course
    plan.add(cdir / "course.yml", render("course.yml", course=course, title_yaml=yaml_scalar(title),
                                         module=module), kind="course")
    _module_files(plan, cdir, course, module, module_title)
    return cdir / module


def new_course(root: Path, course: str, title: str, module: str = DEFAULT_MODULE,
               module_title: str = "Introduction") -> Result:
    """courses/<course>/course.yml and its first module."""
    plan = Plan(root)
    course_files(plan, course, title, module, module_title)
    result = plan.apply(Result(root))
    result.next_steps = [f'capdev new lesson {course}/{module} 01-lesson-slug --title "…"']
    return result


def new_module(root: Path, course: str, slug: str, title: str) -> Result:
    """A module folder with its index.md, added to course.yml's `modules` list."""
    check_name(slug, NN_RE, "module folder name", "02-open-data")
    title = check_title(title)
    cdir = _course_dir(root, course)
    yml = cdir / "course.yml"
    plan = Plan(root)
    _module_files(plan, cdir, course, slug, title)
    raise_if_errors(plan.conflicts())  # an existing module: say so before touching course.yml
    try:
        plan.edit(yml, courseyml.add_module(yml.read_text("utf-8"), slug))
    except courseyml.CourseYmlError as exc:
        raise CapdevError(Finding(plan.rel(yml), 0, "new-course-yml", f"cannot add the module: {exc}",
                                  f"add `- {slug}` to the `modules` list by hand")) from None
    result = plan.apply(Result(root))
    result.next_steps = [f'capdev new lesson {course}/{slug} 01-lesson-slug --title "…"']
    return result


def new_lesson(root: Path, target: str, slug: str, title: str, notebook: bool = False) -> Result:
    """A Markdown lesson (or a notebook lesson) in an existing module."""
    course, _, module = target.partition("/")
    slug = re.sub(r"\.(md|ipynb)$", "", slug)
    check_name(course, ID_RE, "course id", "digital-government")
    check_name(module, NN_RE, "module folder name (COURSE/NN-module)", "demo/01-introduction")
    check_name(slug, NN_RE, "lesson file name", "02-open-data")
    title = check_title(title)
    mdir = _course_dir(root, course) / module
    if not (mdir / "index.md").is_file():
        raise CapdevError(Finding(f"courses/{course}/{module}/index.md", 0, "new-no-module",
                                  f"course `{course}` has no module `{module}`",
                                  f'create it first: capdev new module {course} {module} --title "…"'))
    plan = Plan(root)
    lesson_file(plan, mdir, slug, title, notebook)
    return plan.apply(Result(root))


def lesson_file(plan: Plan, mdir: Path, slug: str, title: str, notebook: bool = False) -> None:
    for suffix in (".md", ".ipynb"):  # 01-x.md and 01-x.ipynb would be the same page
        plan.guard(mdir / f"{slug}{suffix}")
    if notebook:
        plan.add(mdir / f"{slug}.ipynb", lesson_notebook(title, lesson_meta(title)), kind="lesson")
    else:
        plan.add(mdir / f"{slug}.md", render("lesson.md", title=title, title_yaml=yaml_scalar(title)),
                 kind="lesson")


def new_note(root: Path, note: str, title: str, number: int, date: _dt.date | None = None) -> Result:
    """policy_notes/<id>/note.md with a references.bib to cite from."""
    check_name(note, ID_RE, "policy note id", "integrated-multichannel-service-delivery")
    title = check_title(title)
    if number < 1:
        raise CapdevError(Finding("--number", 0, "new-bad-number", f"note number {number} is not ≥ 1",
                                  "number notes 1, 2, 3… in the order they are published"))
    ndir = root / "policy_notes" / note
    plan = Plan(root)
    day = (date or _dt.date.today()).isoformat()
    plan.add(ndir / "note.md", render("note.md", title_yaml=yaml_scalar(title), number=number,
                                      date=day), kind="note")
    plan.add(ndir / "references.bib", render("references.bib"), source=False)
    result = plan.apply(Result(root))
    result.next_steps = [f"capdev pdf {note}"]
    return result
