"""`capdev init DIR`: a new, empty programme that builds with `make site` and `make test`.

Another country's programme starts from capdev without our content: the site
configuration, two site pages, one course with one module and one sample lesson, Spanish
catalogs (empty: the Spanish site falls back to English, with its notice, until
translators fill them), a Makefile that installs capdev from its source, a README.
"""

from __future__ import annotations

from pathlib import Path

from capdev.errors import CapdevError, Finding
from capdev.scaffold.content import DEFAULT_MODULE, check_title, course_files, lesson_file
from capdev.scaffold.plan import Plan, Result
from capdev.scaffold.templates import render, yaml_scalar

SAMPLE_LESSON = ("01-sample-lesson", "A sample lesson")


def capdev_source() -> Path | None:
    """The capdev source folder this code runs from (None when installed from a wheel)."""
    here = Path(__file__).resolve().parents[2]
    has_source = (here / "pyproject.toml").is_file() and (here / "capdev" / "__init__.py").is_file()
    return here if has_source else None


def _check_dest(dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise CapdevError(Finding(str(dest), 0, "init-not-empty",
                                  "the folder exists and is not empty: capdev never overwrites",
                                  "give the name of a new (or empty) folder"))


def init_project(dest: Path, title: str, course: str = "digital-government",
                 course_title: str | None = None, capdev_src: str | None = None) -> Result:
    """Create the programme in `dest`; returns what was written."""
    title = check_title(title)
    dest = dest.resolve()
    _check_dest(dest)
    src = capdev_src if capdev_src is not None else str(capdev_source() or "")
    plan = Plan(dest)
    values = {"title": title, "title_yaml": yaml_scalar(title), "course": course,
              "module": DEFAULT_MODULE, "capdev_src": src,
              "capdev_src_shown": f"`{src}`" if src else "set `CAPDEV_SRC`"}
    plan.add(dest / "mkdocs.yml", render("project/mkdocs.yml", **values), source=False)
    plan.add(dest / "docs" / "index.md", render("project/index.md", **values), kind="page")
    plan.add(dest / "docs" / "privacy.md", render("project/privacy.md", **values), kind="page")
    mdir = course_files(plan, course, course_title or title)
    lesson_file(plan, mdir, *SAMPLE_LESSON)
    plan.add(dest / "Makefile", render("project/Makefile.txt", **values), source=False)
    plan.add(dest / "README.md", render("project/README.md", **values), source=False)
    plan.add(dest / ".gitignore", render("project/gitignore.txt"), source=False)
    result = plan.apply(Result(dest))
    result.next_steps = [f"cd {dest}", "make site",
                         "replace the sample text `.venv/bin/capdev check` lists, then: make test"]
    return result
