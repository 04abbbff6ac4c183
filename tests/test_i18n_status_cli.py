"""`capdev i18n status` in an 80-column terminal (#24 item 2): no line is wider than the
terminal, every file's name sits whole on the line with its numbers, and each group and
language has its total."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NUMBERS = re.compile(r"^\s*\d+\s+\d+\s+\d+\s+\d+%\s(\S.*?)\s*$")


def status_at_80(cwd: Path) -> list[str]:
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    proc = subprocess.run([sys.executable, "-m", "capdev", "i18n", "status"], cwd=cwd,
                          env=env, text=True, capture_output=True, check=True)
    return proc.stdout.splitlines()


def sources(root: Path) -> list[str]:
    from capdev.sources.project import Project

    project = Project.load(root)
    return [project.rel(p) for p in project.translatable_sources()]


@pytest.mark.parametrize("where", ["fixture", "bundled"])
def test_status_fits_80_columns_one_file_per_line(project: Path, where: str):
    """The bundled programme has names of 57 characters; the fixture has a fallback page."""
    root = project if where == "fixture" else ROOT
    lines = status_at_80(root)
    assert [line for line in lines if len(line) > 80] == []
    # a line with the four numbers ends with the whole name of one file (or a total)
    named = [m.group(1) for line in lines if (m := NUMBERS.match(line))]
    for source in sources(root):
        assert Path(source).name in named, f"{source} not whole on a line:\n" + "\n".join(lines)
    # the numbers stay in their columns: every numeric line has the same width up to the name
    starts = {line.index(m.group(1)) for line in lines if (m := NUMBERS.match(line))}
    assert len(starts) == 1, starts
    totals = [n for n in named if n.startswith("total ")]
    assert "total es" in totals and "total docs" in totals
    assert any(t.startswith("total courses/") for t in totals)


def test_status_totals_add_up_in_the_fixture(project: Path):
    lines = status_at_80(project)
    rows = [(m.group(1), line.split()[:4]) for line in lines if (m := NUMBERS.match(line))]
    named = dict(rows)  # the names used here are unique in the fixture
    assert named["about.md"] == ["0", "0", "4", "0%"]  # docs/about.md has no Spanish
    assert named["total docs"][2] == "4" and named["total es"][2] == "4"
    done = sum(int(v[0]) for name, v in rows if not name.startswith("total "))
    assert int(named["total es"][0]) == done
