"""`capdev i18n import` through the real CLI: alignment by content (merged, split, inserted,
deleted paragraphs, numbers that differ), the reasons in `#.`, the findings, the HTML
report; and a floor on precision and recall over the gold alignment of real human
translations (the figures themselves are in BENCHMARKS.md, from scripts/bench_align.py)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import polib
import pytest
import yaml

from tests.conftest import capdev

DATA = Path(__file__).parent / "data"
CASES = yaml.safe_load((DATA / "import" / "cases.yml").read_text("utf-8"))
SOURCE = "docs/guide.md"
CATALOG = f"translations/es/{SOURCE}.po"
REPORT = f"translations/_reports/import/es/{SOURCE}.html"


def _entry(po: polib.POFile, start: str) -> polib.POEntry:
    found = [e for e in po if e.msgid.startswith(start) and not e.obsolete]
    assert len(found) == 1, f"one entry starting {start!r}, found {len(found)}"
    return found[0]


def _import(project: Path, case: str) -> tuple[polib.POFile, str, str]:
    shutil.copy(DATA / "import" / "guide.md", project / SOURCE)
    es = project / "old-es" / "guide.md"
    es.parent.mkdir()
    shutil.copy(DATA / "import" / f"{case}.es.md", es)
    proc = capdev("i18n", "import", SOURCE, "old-es/guide.md", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return polib.pofile(str(project / CATALOG)), proc.stdout, proc.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_import_aligns_by_content(project: Path, case: str):
    want = CASES[case]
    po, out, err = _import(project, case)
    for en, es in want.get("translated", {}).items():
        entry = _entry(po, en)
        assert entry.msgstr.startswith(es) and "fuzzy" not in entry.flags, (en, entry)
    for en, why in want.get("fuzzy", {}).items():
        entry = _entry(po, en)
        assert "fuzzy" in entry.flags and entry.msgstr, (en, entry)
        assert why in entry.comment, (en, entry.comment)
    for en, why in want.get("untranslated", {}).items():
        entry = _entry(po, en)
        assert not entry.msgstr and why in entry.comment, (en, entry)
    for en, es in want.get("msgstr", {}).items():
        assert _entry(po, en).msgstr == es
    for line in want.get("findings", []):
        assert line.format(es="old-es/guide.md") in err, err
    for text in want.get("findings_absent", []):
        assert text not in err, err
    assert "translated," in out and "unmatched Spanish" in out  # the per-file summary
    page = (project / REPORT).read_text("utf-8")
    for text in want.get("html", []):
        assert text in page, text
    for text in want.get("html_absent", []):
        assert text not in page, text


def test_import_keeps_existing_translations_and_reports_counts(project: Path):
    _import(project, "base")
    catalog = project / CATALOG
    po = polib.pofile(str(catalog))
    _entry(po, "Complaints go to").msgstr = "Traducción revisada."
    po.save(str(catalog))
    es = project / "old-es" / "guide.md"
    shutil.copy(DATA / "import" / "numbers.es.md", es)
    out = capdev("i18n", "import", SOURCE, str(es.relative_to(project)), cwd=project, check=True)
    po = polib.pofile(str(catalog))
    assert _entry(po, "Complaints go to").msgstr == "Traducción revisada."
    assert "existing translations kept" in out.stdout
    assert "0 unmatched Spanish" in out.stdout
    assert "side-by-side review page: " + REPORT in out.stdout


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_align", Path(__file__).parent.parent / "scripts" / "bench_align.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_alignment_floor_on_real_human_translations():
    """A floor, not the goal: BENCHMARKS.md has the measured figures."""
    figures = _bench().bench(DATA / "align")["all"]
    assert figures["gold_pairs"] >= 300
    assert figures["precision_accepted"] >= 99.0, figures
    assert figures["recall"] >= 95.0, figures
    assert figures["recall_accepted"] >= 85.0, figures
    assert figures["unmatched_es_reported_or_fuzzy"] == 100.0, figures
