"""Notebook execution and the cache, with real kernels (ipykernel) and real files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from capdev.errors import CapdevError
from capdev.notebooks import run_notebooks

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
EXPECTED = FIXTURES / "expected"
REQUESTS = Path("lesson/01-requests-by-channel.ipynb")
DATASETS = Path("lesson/02-open-data-formats.ipynb")
LESSONS = [REQUESTS, DATASETS]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the fixtures: each test has its own .cache/ and data files."""
    shutil.copytree(FIXTURES, tmp_path / "project")
    return tmp_path / "project"


def code_outputs(nb) -> list:
    return [c.outputs for c in nb.cells if c.cell_type == "code"]


def stdout_of(nb, cell_id: str) -> str:
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_cold_run_executes_every_notebook_with_outputs(root: Path) -> None:
    report = run_notebooks(root, LESSONS, jobs=2)
    assert (report.executed, report.cached, report.kernels_started) == (2, 0, 2)
    assert list(report.notebooks) == LESSONS  # caller's order and keys
    assert stdout_of(report.notebooks[REQUESTS], "load") == "100 synthetic requests, 4 channels\n"
    assert "Machine-readable: 60%" in stdout_of(report.notebooks[DATASETS], "formats")
    chart = next(c for c in report.notebooks[REQUESTS].cells if c.id == "chart")
    assert any("image/png" in o.get("data", {}) for o in chart.outputs)
    mistake = next(c for c in report.notebooks[REQUESTS].cells if c.id == "mistake")
    assert mistake.outputs[0].output_type == "error" and mistake.outputs[0].ename == "ValueError"
    assert report.summary().startswith("notebooks: 2 executed, 0 from cache")


def test_second_build_starts_no_kernel_and_serves_same_outputs(root: Path) -> None:
    cold = run_notebooks(root, LESSONS)
    warm = run_notebooks(root, LESSONS)
    assert (warm.executed, warm.cached, warm.kernels_started) == (0, 2, 0)
    for path in LESSONS:
        assert code_outputs(warm.notebooks[path]) == code_outputs(cold.notebooks[path])
    assert "0 executed, 2 from cache" in warm.summary()


def test_changed_data_file_reexecutes_only_its_notebook(root: Path) -> None:
    run_notebooks(root, LESSONS)
    with (root / "lesson/data/open-datasets-synthetic.csv").open("a") as fh:
        fh.write("road-works-calendar,PDF\n")
    report = run_notebooks(root, LESSONS)
    assert (report.executed, report.cached, report.kernels_started) == (1, 1, 1)
    assert list(report.timings) == [DATASETS]
    assert "Machine-readable: 55%" in stdout_of(report.notebooks[DATASETS], "formats")


def test_touch_without_change_keeps_cache(root: Path) -> None:
    """The key is the data's bytes, not its mtime: a checkout or `touch` re-runs nothing."""
    run_notebooks(root, LESSONS)
    data = root / "lesson/data/service-requests-synthetic.csv"
    os.utime(data, (1, 1))
    assert run_notebooks(root, LESSONS).kernels_started == 0


def test_prose_edit_reuses_outputs_with_new_prose(root: Path) -> None:
    run_notebooks(root, LESSONS)
    path = root / DATASETS
    path.write_text(path.read_text().replace("PDF reports are documents", "PDF files are documents"))
    report = run_notebooks(root, LESSONS)
    assert report.kernels_started == 0
    reading = next(c for c in report.notebooks[DATASETS].cells if c.id == "reading")
    assert "PDF files are documents" in reading.source


def test_code_edit_reexecutes_only_that_notebook(root: Path) -> None:
    run_notebooks(root, LESSONS)
    path = root / DATASETS
    path.write_text(path.read_text().replace("Machine-readable: ", "Machine readable: "))
    report = run_notebooks(root, LESSONS)
    assert (report.executed, report.cached) == (1, 1)
    assert "Machine readable: 60%" in stdout_of(report.notebooks[DATASETS], "formats")


def test_environment_lock_change_reexecutes_everything(root: Path) -> None:
    (root / "requirements.lock").write_text("pandas==3.1.1\n")
    run_notebooks(root, LESSONS)
    assert run_notebooks(root, LESSONS).kernels_started == 0
    (root / "requirements.lock").write_text("pandas==3.1.2\n")
    assert run_notebooks(root, LESSONS).kernels_started == 2


def test_execute_modes(root: Path) -> None:
    never = run_notebooks(root, LESSONS, execute="never")
    assert (never.skipped, never.kernels_started) == (2, 0)
    assert all(not o for nb in never.notebooks.values() for o in code_outputs(nb))
    run_notebooks(root, [REQUESTS])
    mixed = run_notebooks(root, LESSONS, execute="never")  # cached outputs are still honest
    assert (mixed.cached, mixed.skipped, mixed.kernels_started) == (1, 1, 0)
    always = run_notebooks(root, LESSONS, execute="always")
    assert (always.executed, always.kernels_started) == (2, 2)
    with pytest.raises(CapdevError) as err:
        run_notebooks(root, LESSONS, execute="sometimes")
    assert "[nb-config]" in str(err.value)


def test_cell_error_fails_with_cell_and_exception(root: Path) -> None:
    with pytest.raises(CapdevError) as err:
        run_notebooks(root, [Path("errors/cell-error.ipynb"), DATASETS])
    expected = (EXPECTED / "cell-error.txt").read_text(encoding="utf-8").strip()
    assert [f.format() for f in err.value.findings] == [expected]
    finding = err.value.findings[0]
    assert (finding.path, finding.line, finding.rule) == ("errors/cell-error.ipynb", 3, "nb-cell-error")
    assert (err.value.report.executed, list(err.value.report.notebooks)) == (1, [DATASETS])
    # The sibling that succeeded is cached: fixing the broken one re-runs only it.
    assert run_notebooks(root, [DATASETS]).kernels_started == 0


def test_cell_timeout_is_a_finding(root: Path) -> None:
    with pytest.raises(CapdevError) as err:
        run_notebooks(root, [Path("slow/slow.ipynb")], timeout=2)
    assert [f.format().split(" — ")[0] for f in err.value.findings] == [
        "slow/slow.ipynb:cell 2 [nb-cell-timeout] the cell ran longer than 2 s"]


def test_unrunnable_notebooks_are_findings_not_tracebacks(root: Path) -> None:
    paths = [Path("checks/invalid-json.ipynb"), Path("checks/no-kernelspec.ipynb"),
             Path("checks/missing-data.ipynb")]
    with pytest.raises(CapdevError) as err:
        run_notebooks(root, paths)
    assert [f.rule for f in err.value.findings] == ["nb-invalid", "nb-no-kernelspec", "nb-data-missing"]


def test_missing_alt_text_is_a_warning(root: Path) -> None:
    report = run_notebooks(root, [Path("rich/rich-outputs.ipynb"), REQUESTS])
    assert [(f.format(), f.severity) for f in report.findings] == [
        ("rich/rich-outputs.ipynb:cell 6 [nb-image-no-alt] the cell's image output has no alt "
         'text — add "capdev": {"alt": "…"} to the cell metadata (or a "caption")', "warning")]


def test_progress_reports_each_notebook(root: Path) -> None:
    seen: list[tuple[Path, str]] = []
    run_notebooks(root, LESSONS, progress=lambda p, s: seen.append((p, s)))
    run_notebooks(root, LESSONS, progress=lambda p, s: seen.append((p, s)))
    assert sorted(seen) == sorted([(p, "executed") for p in LESSONS] + [(p, "cached") for p in LESSONS])
