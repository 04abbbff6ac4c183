"""Scaffolding through the real CLI: `capdev init` + a real build, `capdev new …` + the real
schemas, catalogs and notebook checks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from capdev.config import _TolerantLoader
from capdev.notebooks.checks import check_notebook
from capdev.scaffold.courseyml import CourseYmlError, add_module
from capdev.sources import Project
from tests.conftest import ROOT, capdev

LESSON = "courses/demo/01-first-module/03-service-charters.md"


def _mkdocs(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader)


# -- capdev init ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("init") / "egov-programme"
    capdev("init", str(dest), "--title", "Digital services: a programme", "--course-id",
           "digital-services", cwd=dest.parent, check=True)
    return dest


@pytest.mark.slow
def test_init_builds_both_languages(programme: Path):
    out = capdev("build", cwd=programme, check=True)
    # The sample pages are the templates' placeholders: built, but never by a strict build.
    assert "[template-placeholder]" in out.stderr + out.stdout
    site = programme / "site"
    lesson = "courses/digital-services/01-introduction/01-sample-lesson.html"
    for page in ("index.html", "privacy.html", lesson):
        assert (site / page).is_file(), page
        assert (site / "es" / page).is_file(), page
    # Empty catalogs: the Spanish site shows the English page with its notice, honestly.
    assert "capdev-banner--fallback" in (site / "es" / lesson).read_text("utf-8")
    assert "Digital services: a programme" in (site / "index.html").read_text("utf-8")
    assert "fallback pages" in out.stdout


def test_init_layout_is_valid_and_has_none_of_our_content(programme: Path):
    project = Project.load(programme)
    assert [c.id for c in project.courses] == ["digital-services"]
    assert [les.rel for les in project.courses[0].modules[0].lessons] == [
        "courses/digital-services/01-introduction/01-sample-lesson.md"]
    assert not project.warnings
    for src in project.translatable_sources():
        rel = src.relative_to(programme).as_posix()
        assert (programme / "translations" / "es" / f"{rel}.po").is_file(), rel
    for name in ("Makefile", "README.md", ".gitignore", "docs/privacy.md"):
        assert (programme / name).is_file()
    for path in programme.rglob("*"):
        if path.is_file() and ".cache" not in path.parts and "site" not in path.parts:
            assert "Panam" not in path.read_text("utf-8"), path  # nothing of the Panama programme
    assert capdev("i18n", "update", "--check", cwd=programme).returncode == 0


def test_init_site_config_matches_ours(programme: Path):
    """Same plugins and Markdown extensions as this repository's mkdocs.yml."""
    ours, theirs = _mkdocs(ROOT / "mkdocs.yml"), _mkdocs(programme / "mkdocs.yml")
    names = lambda items: [next(iter(i)) if isinstance(i, dict) else i for i in items]  # noqa: E731
    assert names(theirs["plugins"]) == names(ours["plugins"])
    assert theirs["markdown_extensions"] == ours["markdown_extensions"]
    assert theirs["theme"]["features"] == ours["theme"]["features"]
    assert theirs["site_name"] == "Digital services: a programme"


def test_init_makefile_installs_capdev_from_source(programme: Path):
    dry = subprocess.run(["make", "-n", "site"], cwd=programme, text=True, capture_output=True)
    assert dry.returncode == 0, dry.stderr
    assert f'-c {ROOT}/requirements.lock "{ROOT}[test]"' in dry.stdout
    assert ".venv/bin/capdev build" in dry.stdout
    spec = subprocess.run(["make", "-n", "site", "CAPDEV_SRC=capdev @ git+https://example.org/c.git"],
                          cwd=programme, text=True, capture_output=True)
    assert 'install -q  "capdev @ git+https://example.org/c.git"' in spec.stdout
    test = subprocess.run(["make", "-n", "test"], cwd=programme, text=True, capture_output=True)
    assert "capdev build --strict" in test.stdout


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("keep me")
    proc = capdev("init", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 1
    assert "[init-not-empty]" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


# -- capdev new ----------------------------------------------------------------------------
def test_new_lesson_is_loaded_and_has_its_catalog(project: Path):
    title = "Service charters: promises to the public"
    capdev("new", "lesson", "demo/01-first-module", "03-service-charters", "--title", title,
           cwd=project, check=True)
    lessons = Project.load(project).courses[0].modules[0].lessons
    assert lessons[-1].rel == LESSON and lessons[-1].title == title
    po = project / "translations" / "es" / f"{LESSON}.po"
    assert f'msgid "{title}"' in po.read_text("utf-8")
    assert capdev("i18n", "update", "--check", cwd=project).returncode == 0


def test_new_refuses_to_overwrite(project: Path):
    args = ("new", "lesson", "demo/01-first-module", "03-service-charters", "--title", "One")
    capdev(*args, cwd=project, check=True)
    before = (project / LESSON).read_text("utf-8")
    for again in (args, (*args[:-1], "Two", "--notebook")):  # .ipynb would be the same page
        proc = capdev(*again, cwd=project)
        assert proc.returncode == 1
        assert f"{LESSON}:" not in proc.stderr  # line 0: no line number claimed
        assert f"{LESSON} [new-exists]" in proc.stderr
    assert (project / LESSON).read_text("utf-8") == before
    assert not (project / LESSON.replace(".md", ".ipynb")).exists()


def test_new_notebook_lesson_is_a_clean_notebook(project: Path):
    capdev("new", "lesson", "demo/01-first-module", "03-lab", "--title", "Channel lab",
           "--notebook", cwd=project, check=True)
    path = project / "courses/demo/01-first-module/03-lab.ipynb"
    nb = json.loads(path.read_text("utf-8"))
    assert (nb["nbformat"], nb["nbformat_minor"]) == (4, 5)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert all(c.get("id") for c in nb["cells"])
    assert "".join(nb["cells"][0]["source"]).startswith("# Channel lab\n")
    assert check_notebook(path, project) == []
    assert Project.load(project).courses[0].modules[0].lessons[-1].is_notebook
    assert (project / "translations/es/courses/demo/01-first-module/03-lab.ipynb.po").is_file()


def test_new_course_module_and_note_pass_the_schemas(project: Path):
    capdev("new", "course", "open-data", "--title", "Open data: a primer", cwd=project, check=True)
    capdev("new", "module", "open-data", "03-publishing", "--title", "Publishing", cwd=project,
           check=True)
    capdev("new", "module", "open-data", "02-licences", "--title", "Licences", cwd=project,
           check=True)
    capdev("new", "note", "service-charters", "--title", "Service charters", "--number", "2",
           cwd=project, check=True)
    loaded = Project.load(project)
    course = next(c for c in loaded.courses if c.id == "open-data")
    assert course.meta["title"] == "Open data: a primer"
    assert [m.slug for m in course.modules] == ["01-introduction", "02-licences", "03-publishing"]
    assert [n.meta["number"] for n in loaded.notes] == [2]
    assert (project / "policy_notes/service-charters/references.bib").is_file()
    assert not loaded.warnings
    text = (project / "courses/open-data/course.yml").read_text("utf-8")
    assert "# module folder names, in order" in text  # the teaching comments survive the edit


@pytest.mark.parametrize("args, rule", [
    (("new", "course", "Open_Data", "--title", "x"), "new-bad-name"),
    (("new", "lesson", "demo/1-first", "01-x", "--title", "x"), "new-bad-name"),
    (("new", "lesson", "nope/01-first", "01-x", "--title", "x"), "new-no-course"),
    (("new", "lesson", "demo/09-none", "01-x", "--title", "x"), "new-no-module"),
    (("new", "module", "demo", "01-first-module", "--title", "x"), "new-exists"),
    (("new", "note", "a-note", "--title", " ", "--number", "1"), "new-bad-title"),
    (("new", "note", "a-note", "--title", "A", "--number", "0"), "new-bad-number"),
])
def test_bad_arguments_are_findings(project: Path, args: tuple[str, ...], rule: str):
    proc = capdev(*args, cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert f"[{rule}]" in proc.stderr and "Traceback" not in proc.stderr


def test_new_outside_a_project(tmp_path: Path):
    proc = capdev("new", "course", "x", "--title", "X", cwd=tmp_path)
    assert proc.returncode == 1 and "[no-project]" in proc.stderr


# -- course.yml edits ----------------------------------------------------------------------
BLOCK = """\
id: c   # the id
modules:            # in order
  - 01-a   # first
  # a comment between items
  - "03-c"
licence: CC-BY-4.0
"""


@pytest.mark.parametrize("text, slug, expected", [
    (BLOCK, "02-b", BLOCK.replace('  # a comment between items\n',
                                  '  - 02-b\n  # a comment between items\n')),
    (BLOCK, "04-d", BLOCK.replace('  - "03-c"\n', '  - "03-c"\n  - 04-d\n')),
    (BLOCK, "00-z", BLOCK.replace("modules:            # in order\n",
                                  "modules:            # in order\n  - 00-z\n")),
    ("modules: [01-a, 03-c]  # flow\nid: c\n", "02-b", "modules: [01-a, 02-b, 03-c]  # flow\nid: c\n"),
    ("id: c\nmodules:\n", "01-a", "id: c\nmodules:\n  - 01-a\n"),
])
def test_add_module_is_a_text_edit(text: str, slug: str, expected: str):
    assert add_module(text, slug) == expected


@pytest.mark.parametrize("text", [BLOCK.replace("modules:", "units:"), "modules: 3\n", BLOCK + "x: [\n"])
def test_add_module_refuses_what_it_cannot_edit(text: str):
    with pytest.raises(CourseYmlError):
        add_module(text, "02-b")
