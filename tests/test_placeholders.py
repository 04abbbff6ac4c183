"""`template-placeholder` through the real CLI: a project made by `capdev init` and
`capdev new` is reported where the templates' text is left, `--strict` fails on it in
`capdev check` and in `capdev build`, and real text in its place is not reported."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.conftest import capdev

DATA = Path(__file__).parent / "data" / "placeholders"
LESSON = "courses/digital-services/01-introduction/01-sample-lesson.md"


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("ph") / "programme"
    capdev("init", str(dest), "--title", "Digital services", "--course-id", "digital-services",
           cwd=dest.parent, check=True)
    capdev("new", "lesson", "digital-services/01-introduction", "02-data-lab", "--title",
           "Data lab", "--notebook", cwd=dest, check=True)
    capdev("new", "note", "single-window", "--title", "Single windows", "--number", "1",
           cwd=dest, check=True)
    return dest


def _placeholders(root: Path) -> list[tuple[str, int]]:
    out = capdev("check", "--format", "json", "--no-cache", cwd=root)
    return [(f["path"], f["line"]) for f in json.loads(out.stdout)
            if f["rule"] == "template-placeholder"]


def _expected() -> list[tuple[str, int]]:
    rows = [line.split() for line in (DATA / "expected.txt").read_text("utf-8").splitlines()
            if line and not line.startswith("#")]
    return [(path, int(line)) for path, line in rows]


def test_every_placeholder_is_reported_where_it_is(scaffolded: Path):
    assert _placeholders(scaffolded) == _expected()


def test_strict_check_fails_on_placeholders(scaffolded: Path):
    out = capdev("check", "--strict", cwd=scaffolded)
    assert out.returncode == 1
    assert "[template-placeholder] warning: the sample knowledge check of the lesson template" in out.stderr


def test_strict_build_never_publishes_them(scaffolded: Path):
    out = capdev("build", "--strict", cwd=scaffolded)
    assert out.returncode == 1, out.stdout + out.stderr
    shown = out.stdout + out.stderr
    assert "[template-placeholder]" in shown and "[strict-warnings]" in shown
    assert not (scaffolded / "site").exists()


def test_real_text_in_their_place_is_not_reported(scaffolded: Path, tmp_path: Path):
    page = scaffolded / LESSON
    before = page.read_text("utf-8")
    try:
        text = before.replace(
            "One sentence that tells learners what they will get from this lesson.",
            "How a service charter states what citizens can expect from a public office.")
        text = text.replace("competences: []", "competences: [A1.C1]")
        assert text != before
        page.write_text(text, "utf-8")
        found = {line for path, line in _placeholders(scaffolded) if path == LESSON}
        expected = {line for path, line in _expected() if path == LESSON}
        assert found == expected - {5, 10}
    finally:
        page.write_text(before, "utf-8")


def test_help_examples_work_in_the_order_shown(tmp_path: Path):
    """An example in `capdev new --help` never names a course or module that the examples
    before it did not create."""
    capdev("init", str(tmp_path / "p"), "--title", "Examples", cwd=tmp_path, check=True)
    shown = capdev("new", "--help", cwd=tmp_path, check=True).stdout
    examples = [shlex.split(line.strip())[1:] for line in shown.splitlines()
                if line.strip().startswith("capdev new ")]
    assert len(examples) >= 4
    for args in examples:
        out = capdev(*args, cwd=tmp_path / "p")
        assert out.returncode == 0, (args, out.stdout, out.stderr)


def test_the_bundled_programme_has_none():
    from tests.conftest import ROOT

    assert _placeholders(ROOT) == []
