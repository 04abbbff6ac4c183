"""Cohort privacy (one person counts once, a floor on --min-cell), hostile response files
(deep nesting, huge files) and the framework in `capdev check` — through the real CLI.

Every response file here is SYNTHETIC (marked `"synthetic": true`, codes SYN-…).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, capdev

ROOT = Path(__file__).parents[1]
FIX = FIXTURES / "assessment"
PEOPLE = FIX / "people"
EXTRA = FIX / "people-extra"
FRAMEWORKS = FIX / "frameworks"


def _folder(tmp_path: Path, people: list[str], extra: list[str] = ()) -> Path:
    """A folder of response files: some of the five people, plus extra files."""
    d = tmp_path / "responses"
    d.mkdir()
    for name in people:
        shutil.copy(PEOPLE / f"{name}.json", d)
    for name in extra:
        shutil.copy(EXTRA / name, d)
    return d


def _cohort(folder: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return capdev("assess", "cohort", str(folder), "--out", str(out), *args, cwd=ROOT)


def _a1c1(out: Path) -> list[str]:
    html = (out / "cohort.html").read_text()
    match = re.search(r'<tr><th scope="row">A1\.C1 [^<]*</th>(.*?)</tr>', html)
    assert match, html
    return re.findall(r"<td>(.*?)</td>", match.group(1))


def _meta(out: Path, label: str) -> str:
    html = (out / "cohort.html").read_text()
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", html)
    assert match, label
    return match.group(1)


FOUR = ["SYN-D01", "SYN-D02", "SYN-D03", "SYN-D04"]
FIVE = [*FOUR, "SYN-D05"]


def test_four_people_and_a_copy_stay_suppressed(tmp_path):
    folder = _folder(tmp_path, FOUR, ["copy-of-SYN-D01.json"])
    proc = _cohort(folder, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert _a1c1(tmp_path / "out")[0] == "&lt;5"  # 4 people, not 5 files
    line = next(ln for ln in proc.stderr.splitlines() if "[cohort-duplicate-file]" in ln)
    assert line.startswith(f"{folder / 'copy-of-SYN-D01.json'} [cohort-duplicate-file] warning:")
    assert str(folder / "SYN-D01.json") in line
    assert _meta(tmp_path / "out", "Files left out as duplicates (one person counts once)") == "1"
    assert _meta(tmp_path / "out", "Response files") == "4"


def test_same_code_keeps_the_latest_date(tmp_path):
    # SYN-D01_earlier.json sorts after SYN-D01.json: keeping the last file read would be wrong
    folder = _folder(tmp_path, FIVE, ["SYN-D01_earlier.json"])
    proc = _cohort(folder, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert _a1c1(tmp_path / "out")[0] == "5"
    assert (f"{folder / 'SYN-D01_earlier.json'} [cohort-superseded] warning: code 'SYN-D01' "
            f"answered again on 2026-09-14 in {folder / 'SYN-D01.json'}") in proc.stderr
    # the later answers count: D01's 2026-09-14 file has score 6/16, the earlier one 0
    assert _a1c1(tmp_path / "out")[-2] == "38%"  # median of 6, 4, 10, 2, 10 (of 16)


def test_same_code_same_day_is_a_conflict(tmp_path):
    folder = _folder(tmp_path, FIVE, ["SYN-D01_same-day.json"])
    proc = _cohort(folder, tmp_path / "o1")
    assert proc.returncode == 1
    assert f"{folder / 'SYN-D01.json'} [cohort-code-conflict]" in proc.stderr
    assert f"{folder / 'SYN-D01_same-day.json'} [cohort-code-conflict]" in proc.stderr
    assert not (tmp_path / "o1").exists()
    proc = _cohort(folder, tmp_path / "o2", "--skip-invalid")
    assert proc.returncode == 0, proc.stderr
    assert _a1c1(tmp_path / "o2")[0] == "&lt;5"  # both of D01's files left out: 4 people
    assert _meta(tmp_path / "o2", "Files excluded as invalid") == "2"


@pytest.mark.parametrize("value", ["0", "4", "-1", "five"])
def test_min_cell_below_the_floor_is_refused(tmp_path, value):
    proc = _cohort(_folder(tmp_path, FIVE), tmp_path / "out", "--min-cell", value)
    assert proc.returncode == 2
    assert "argument --min-cell" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()
    if value != "five":
        assert "below the floor of 5" in proc.stderr


def test_min_cell_above_the_floor_is_used(tmp_path):
    proc = _cohort(_folder(tmp_path, FIVE), tmp_path / "out", "--min-cell", "6")
    assert proc.returncode == 0, proc.stderr
    assert _a1c1(tmp_path / "out")[0] == "&lt;6"


def _deep(tmp_path: Path) -> Path:
    """A 100,000-level nested JSON file (generated: 200 KB of brackets)."""
    d = tmp_path / "deep"
    d.mkdir()
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    return d


@pytest.mark.parametrize("command", ["validate", "report", "cohort"])
def test_deeply_nested_response_is_a_finding(tmp_path, command):
    deep = _deep(tmp_path)
    args = [] if command == "validate" else ["--out", str(tmp_path / "out")]
    proc = capdev("assess", command, str(deep), *args, cwd=ROOT)
    assert proc.returncode == 1
    assert f"{deep / 'deep.json'}:1 [resp-depth] brackets nest more than 32 levels" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_large_synthetic_response_set_validates(tmp_path):
    """720 SYNTHETIC files, about 0.8 MB: all valid (was quadratic in the file size)."""
    gen = ROOT / "scripts" / "generate_responses.py"
    subprocess.run([sys.executable, str(gen), "--n", "720", "--seed", "5", "--out",
                    str(tmp_path / "syn")], check=True, cwd=ROOT, capture_output=True)
    files = sorted((tmp_path / "syn" / "baseline").glob("*.json"))
    assert sum(f.stat().st_size for f in files) > 750_000
    assert all(json.loads(f.read_text())["synthetic"] for f in files[:5])
    proc = capdev("assess", "validate", str(tmp_path / "syn" / "baseline"), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "responses: 720 valid, 0 problem(s)" in proc.stderr


def test_huge_response_file_reports_every_line(tmp_path):
    """One 0.8 MB SYNTHETIC file with 40,000 unknown items: each finding has its own line."""
    data = json.loads((PEOPLE / "SYN-D01.json").read_text())
    data["answers"] = {f"A9.C{i // 100}.i{i % 100}": 2 for i in range(40_000)}
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data, indent=1))
    proc = capdev("assess", "validate", str(path), cwd=ROOT)
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if "[resp-unknown-item]" in ln]
    assert len(lines) == 40_000
    first_key_line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1)
                          if '"A9.C0.i0"' in ln)
    assert lines[0].startswith(f"{path}:{first_key_line} [resp-unknown-item] A9.C0.i0 ")
    assert lines[-1].startswith(f"{path}:{first_key_line + 39_999} [resp-unknown-item] A9.C399.i99 ")


# -- the framework in `capdev check` and `capdev assess validate` -------------------------------

def _project(tmp_path: Path, framework: str) -> Path:
    """The fixture project with a competence framework for its demo course."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", dest, ignore=shutil.ignore_patterns("site", ".cache"))
    course = dest / "courses" / "demo"
    shutil.copy(FRAMEWORKS / framework, course / "competences.yml")
    with (course / "course.yml").open("a") as fh:
        fh.write("framework: competences.yml\n")
    return dest


@pytest.mark.parametrize(("framework", "expected"), [
    ("syntax-error.yml", ":31 [fw-yaml] error: YAML syntax error"),
    ("duplicate-id.yml", ":57 [fw-duplicate-id] error: id 'A1.C1' is already used (line 27)"),
    ("duplicate-key.yml", ":59 [fw-duplicate-key] error: key 'title' appears twice"),
])
def test_check_reports_a_broken_framework(tmp_path, framework, expected):
    root = _project(tmp_path, framework)
    proc = capdev("check", cwd=root)
    assert proc.returncode == 1
    assert f"courses/demo/competences.yml{expected}" in proc.stderr, proc.stderr


def test_check_passes_a_good_framework(tmp_path):
    root = _project(tmp_path, "good.yml")
    proc = capdev("check", cwd=root)
    out = proc.stderr
    assert "courses/demo/competences.yml" in out  # checked: its one warning is shown
    assert not re.search(r"\[fw-[a-z-]+\] error", out), out


@pytest.mark.parametrize(("framework", "rule", "line"), [
    ("duplicate-key.yml", "fw-duplicate-key", 59),
    ("duplicate-id.yml", "fw-duplicate-id", 57),
])
def test_assess_validate_rejects_duplicates(tmp_path, framework, rule, line):
    root = _project(tmp_path, framework)
    proc = capdev("assess", "validate", "--root", str(root), cwd=root)
    assert proc.returncode == 1
    assert f"courses/demo/competences.yml:{line} [{rule}]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_deeply_nested_framework_is_a_finding(tmp_path):
    root = _project(tmp_path, "good.yml")
    (root / "courses" / "demo" / "competences.yml").write_text("a: " + "[" * 100_000)
    for args in (["check"], ["assess", "validate", "--root", str(root)]):
        proc = capdev(*args, cwd=root)
        assert proc.returncode == 1
        assert "competences.yml:1 [fw-yaml]" in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
