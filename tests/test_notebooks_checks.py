"""Static notebook checks: each broken fixture gives its finding, the clean lessons none."""

from __future__ import annotations

from pathlib import Path

from capdev.notebooks import check_notebook

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


def test_broken_notebooks_give_expected_findings() -> None:
    found = [f.format() for path in sorted((FIXTURES / "checks").glob("*.ipynb"))
             for f in check_notebook(path, FIXTURES)]
    expected = (FIXTURES / "expected/checks.txt").read_text(encoding="utf-8").splitlines()
    assert found == expected


def test_clean_lessons_have_no_findings() -> None:
    for path in sorted((FIXTURES / "lesson").glob("*.ipynb")):
        assert check_notebook(path, FIXTURES) == []


def test_path_shown_as_given_without_root() -> None:
    path = FIXTURES / "checks/no-kernelspec.ipynb"
    (finding,) = check_notebook(path)
    assert finding.path == path.as_posix() and finding.rule == "nb-no-kernelspec"
