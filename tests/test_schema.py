"""Front-matter schemas: good files pass, bad files give findings at the right lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from capdev.errors import CapdevError, Finding
from capdev.sources import frontmatter, schema
from capdev.sources.project import load_page

FIX = Path(__file__).parent / "fixtures" / "schema"


def findings_for(name: str) -> list[Finding]:
    out: list[Finding] = []
    load_page(FIX, FIX / name, "lesson", name, out)
    return out


def test_good_lesson_has_no_findings():
    assert findings_for("good-lesson.md") == []


@pytest.mark.parametrize("name", ["bad-lesson.md", "broken-yaml.md"])
def test_bad_files_match_expected(name: str):
    got = [f.format() for f in findings_for(name)]
    expected = (FIX / name.replace(".md", ".expected.txt")).read_text().splitlines()
    assert len(got) == len(expected), got
    for line, want in zip(sorted(got), sorted(expected), strict=True):
        assert line.startswith(want), (line, want)


def test_every_finding_has_a_hint():
    for f in findings_for("bad-lesson.md"):
        assert f.hint, f


def test_yaml_error_is_a_finding_not_a_traceback():
    with pytest.raises(CapdevError) as info:
        frontmatter.parse((FIX / "broken-yaml.md").read_text(), "broken-yaml.md")
    assert info.value.findings[0].rule == "yaml-syntax"


def test_dates_are_accepted_as_yaml_dates():
    meta = {"title": "T", "series": "s", "number": 1, "authors": [{"name": "A"}], "abstract": "x"}
    import datetime

    assert schema.validate("note", {**meta, "date": datetime.date(2026, 1, 2)}, "n.md", {}) == []
