"""Bad input is a finding, never a traceback, a hang or a published secret (issue #20).

Every case runs the real CLI on a copy of the fixture project with one bad file from
tests/fixtures/bad_inputs/ put in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, capdev

BAD = FIXTURES / "bad_inputs"
LESSON = "courses/demo/01-first-module/03-lab.ipynb"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI with a time limit: an alias bomb must be refused, not expanded."""
    return subprocess.run([sys.executable, "-m", "capdev", *args], cwd=project, text=True,
                          capture_output=True, timeout=60)


def refused(proc: subprocess.CompletedProcess, expected: str) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    assert expected in proc.stderr, out


def place(project: Path, fixture: str, dest: str) -> None:
    target = project / dest
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BAD / fixture, target)


# -- YAML: aliases, syntax, duplicates, shape ------------------------------------------------
YAML_CASES = [
    ("frontmatter-alias-bomb.md", "docs/bomb.md", "docs/bomb.md:5 [yaml-aliases]"),
    ("course-alias-bomb.yml", "courses/demo/course.yml", "courses/demo/course.yml:14 [yaml-aliases]"),
    ("glossary-alias-bomb.yml", "translations/glossary.yml",
     "translations/glossary.yml:5 [yaml-aliases]"),
    ("glossary-unclosed-list.yml", "translations/glossary.yml",
     "translations/glossary.yml:5 [yaml-syntax]"),
    ("course-modules-not-a-list.yml", "courses/demo/course.yml",
     "courses/demo/course.yml:9 [schema-course] `modules`: must be a list"),
    ("frontmatter-duplicate-key.md", "docs/dup.md", "docs/dup.md:4 [yaml-duplicate-key]"),
    ("page-latin1.md", "docs/latin1.md", "docs/latin1.md:8:2 [encoding]"),
]


@pytest.mark.parametrize("fixture,dest,expected", YAML_CASES, ids=[c[0] for c in YAML_CASES])
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_yaml_and_text_are_findings(project: Path, command: str, fixture: str, dest: str,
                                        expected: str) -> None:
    place(project, fixture, dest)
    refused(run(project, command), expected.replace("] ", "] error: ", 1))
    assert not (project / "site").exists()


def test_unclosed_list_names_where_it_opened(project: Path) -> None:
    place(project, "glossary-unclosed-list.yml", "translations/glossary.yml")
    assert "flow sequence that starts at line 4" in run(project, "check").stderr


# -- notebooks -------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture,line", [("notebook-truncated.ipynb", 62),
                                          ("notebook-not-an-object.ipynb", 1)])
@pytest.mark.parametrize("command", ["check", "build"])
def test_broken_notebook_with_a_catalog_is_a_finding(project: Path, command: str, fixture: str,
                                                     line: int) -> None:
    lesson = project / LESSON
    shutil.copyfile(FIXTURES / "notebooks/lesson/01-requests-by-channel.ipynb", lesson)
    capdev("i18n", "update", cwd=project, check=True)  # translated, then damaged
    assert (project / "translations/es" / f"{LESSON}.po").is_file()
    place(project, fixture, LESSON)
    refused(run(project, command), f"{LESSON}:{line} [nb-invalid]")


# -- configuration ---------------------------------------------------------------------------
THRESHOLD = "      threshold: 0.8 "
CONFIG_CASES = [  # (line of the fixture's mkdocs.yml, replaced by, finding)
    (THRESHOLD, "threshold: high", "mkdocs.yml:35 [config-invalid] plugins.capdev.threshold: "
                                   "expected a number between 0 and 1 — found `high`"),
    (THRESHOLD, "threshold: 1.5", "plugins.capdev.threshold: expected a number between 0 and 1"),
    (THRESHOLD, "cell_timeout: soon", "plugins.capdev.cell_timeout: expected a whole number"),
    (THRESHOLD, "repo_url: [a, b]", "plugins.capdev.repo_url: expected text — found `['a', 'b']`"),
    (THRESHOLD, "treshold: 0.5", "plugins.capdev.treshold: unknown option — known options: "
                                 "languages"),
    (THRESHOLD, "source_language: fr", "plugins.capdev.source_language: `fr` is not one of "
                                       "`languages`"),
    ("      languages: [en, es]", "languages: english", "mkdocs.yml:34 [config-invalid] "
     "plugins.capdev.languages: expected a list of language codes"),
]


@pytest.mark.parametrize("line,option,expected", CONFIG_CASES, ids=[c[1] for c in CONFIG_CASES])
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_plugin_option_is_a_finding_at_its_line(project: Path, command: str, line: str,
                                                    option: str, expected: str) -> None:
    cfg = project / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    assert text.count(line) == 1
    cfg.write_text(text.replace(line, line[:6] + option), "utf-8")
    proc = run(project, command)
    refused(proc, "[config-invalid]")
    assert expected in proc.stderr.replace("] error: ", "] ")


def test_mkdocs_sees_the_same_schema(project: Path) -> None:
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("threshold: 0.8", "threshold: high"), "utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, text=True,
                          capture_output=True, timeout=120)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "expected a number between 0 and 1" in proc.stderr


# -- outside a project -----------------------------------------------------------------------
@pytest.mark.parametrize("command", ["check", "build"])
def test_outside_a_project_fails_and_says_so(tmp_path: Path, command: str) -> None:
    proc = run(tmp_path, command)
    refused(proc, "[no-project] error: no mkdocs.yml in this folder or any folder above it")
    assert "capdev init" in proc.stderr
    assert "usage:" not in proc.stdout + proc.stderr


# -- symbolic links --------------------------------------------------------------------------
def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def built(project: Path) -> Path:
    capdev("build", cwd=project, check=True)
    return project


LINKS = [
    ("docs/secret.txt", "/etc/passwd", "docs/secret.txt [symlink-outside]"),
    ("translations/es/docs/secret.md.po", "/etc/hostname",
     "translations/es/docs/secret.md.po [symlink-outside]"),
    ("courses/demo/01-first-module/data", "/etc", "courses/demo/01-first-module/data "
                                                  "[symlink-outside]"),
    ("docs/loop.md", "loop.md", "docs/loop.md [symlink-loop]"),
    ("courses/demo/up", "..", "courses/demo/up [symlink-loop]"),
]


def test_symlinks_are_refused_before_anything_is_published(built: Path) -> None:
    before = tree_digest(built / "site")
    for link, target, _expected in LINKS:
        os.symlink(target, built / link)
    for command in ("check", "build"):
        proc = run(built, command)
        for _link, _target, expected in LINKS:
            refused(proc, expected)
        assert "root:" not in proc.stdout + proc.stderr  # nothing of /etc/passwd echoed
    assert tree_digest(built / "site") == before


def test_a_link_inside_the_project_is_fine(project: Path) -> None:
    os.symlink("index.md", project / "docs/home-copy.txt")
    assert run(project, "check").returncode == 0
