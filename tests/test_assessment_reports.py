"""Response validation, individual and cohort reports, exports — through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from capdev.assessment.cohort import _suppress_counts
from capdev.assessment.explain import average_text, summary
from capdev.assessment.moodle import moodle_csv
from capdev.assessment.responses import parse_response
from capdev.assessment.schemaorg import teaches_jsonld
from capdev.assessment.stats import t_quantile
from capdev.assessment.texts import framework_for, module_titles, strings

from .conftest import capdev

ROOT = Path(__file__).parents[1]
FIX = Path(__file__).parent / "fixtures" / "assessment"
BAD = FIX / "bad-responses"
EXPLAIN = Path(__file__).parent / "data" / "assessment_explain"


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.fixture(scope="module")
def fw():
    return framework_for(ROOT, "en")


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*.json")))
def test_bad_response_reported_with_rule_and_line(fw, name):
    rule, line = json.loads((FIX / "bad-responses.json").read_text())[name]
    resp, findings = parse_response(fw, (BAD / name).read_text(), str(BAD / name))
    assert resp is None
    assert (rule, line) in [(f.rule, f.line) for f in findings]


def test_validate_cli_exit_codes():
    ok = capdev("assess", "validate", str(FIX / "responses"), cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    bad = capdev("assess", "validate", str(BAD), cwd=ROOT)
    assert bad.returncode == 1
    assert f"{BAD / 'unknown-item.json'}:7 [resp-unknown-item]" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_individual_report_text(tmp_path, fw):
    proc = capdev("assess", "report", str(FIX / "responses" / "PX-A01.json"), "--out",
                  str(tmp_path), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    text = pdf_text(tmp_path / "PX-A01.pdf")
    titles = module_titles(ROOT, fw, "en")
    for expected in ["SYNTHETIC DATA", "individual report", "PX-A01", "Front-line and 311 staff",
                     "A2.C1", "2 — Working", "3 — Practitioner", "2.7 of 4",
                     "0 of 1 knowledge checks right",
                     re.sub(r"\s+", " ", titles["02-multichannel-service-delivery-and-311"])]:
        assert expected in text, expected
    # A1.C2 has 1 of 4 statements answered: no level
    assert "Not enough answers" in text
    # PDF/UA: tagged, with a language
    root = PdfReader(tmp_path / "PX-A01.pdf").trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root


def test_individual_report_in_spanish(tmp_path):
    proc = capdev("assess", "report", str(FIX / "responses" / "PX-A01.json"), "--lang", "es",
                  "--out", str(tmp_path), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    text = pdf_text(tmp_path / "PX-A01.pdf")
    for expected in ["informe individual", "Personal de atención al público y del 311",
                     "2 — Aplicación", "DATOS SINTÉTICOS", "Respuestas insuficientes"]:
        assert expected in text, expected


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_says_how_each_level_was_reached(tmp_path, lang):
    """#18.3: the report words the level in plain sentences (levels met, statements and
    ratings) and gives the average on the scale, not a percentage that reads as a mark."""
    proc = capdev("assess", "report", str(FIX / "responses" / "PX-A01.json"), "--lang", lang,
                  "--out", str(tmp_path), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    text = pdf_text(tmp_path / "PX-A01.pdf")
    want = yaml.safe_load((EXPLAIN / "report.yml").read_text(encoding="utf-8"))[lang]
    assert [p for p in want["present"] if p not in text] == []
    assert [p for p in want["absent"] if p in text] == []


SUMMARIES = yaml.safe_load((EXPLAIN / "summaries.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("case", SUMMARIES, ids=[str(c["result"]) for c in SUMMARIES])
def test_summary_sentence(case, lang):
    assert summary(framework_for(ROOT, lang), strings(lang), case["result"]) == case[lang]


@pytest.mark.parametrize(("lang", "average", "shown"), [
    ("en", 2.0, "2.0 of 4"), ("en", 2.7, "2.7 of 4"), ("es", 2.7, "2,7 de 4"), ("es", None, "—")])
def test_average_on_the_scale(fw, lang, average, shown):
    assert average_text(fw, strings(lang), average) == shown


def _materialise(tmp_path: Path) -> tuple[Path, Path]:
    data = json.loads((FIX / "cohort.json").read_text())
    dirs = []
    for key in ("endline", "baseline"):
        d = tmp_path / key
        d.mkdir()
        for resp in data[key]:
            (d / f"{resp['code']}.json").write_text(json.dumps(resp, indent=1))
        dirs.append(d)
    return dirs[0], dirs[1]


def _row(html: str, cid: str) -> list[str]:
    match = re.search(rf'<tr><th scope="row">{re.escape(cid)} [^<]*</th>(.*?)</tr>', html)
    assert match, cid
    return re.findall(r"<td>(.*?)</td>", match.group(1))


def test_cohort_report_suppresses_small_cells(tmp_path):
    end, base = _materialise(tmp_path)
    out = tmp_path / "out"
    proc = capdev("assess", "cohort", str(end), "--baseline", str(base), "--out", str(out),
                  cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    html = (out / "cohort.html").read_text()
    # A2.C1: answered by 4 people -> whole row suppressed
    assert _row(html, "A2.C1")[0] == "&lt;5"
    assert set(_row(html, "A2.C1")[1:]) == {"suppressed"}
    # A1.C1: n=9; 4 at level 1 (primary) and 5 at level 2 (secondary) both hidden
    n, l0, l1, l2, l3, l4, median, at_target = _row(html, "A1.C1")
    assert (n, l0, l1, l2, l3, l4) == ("9", "0", "&lt;5", "&lt;5", "0", "0")
    assert median == "31%" and at_target == "56%"
    # paired change: 9 pairs; 5 people moved from level 1 to level 2 (+12.5 points each)
    pairs, mean, ci, up, checks = _paired_row(html, "A1.C1")
    assert pairs == "9" and mean == "+6.9" and up == "56%" and checks == "+100.0"
    low, high = (float(x) for x in ci.split(" … "))
    assert low < 6.9 < high
    assert "SYNTHETIC DATA" in html
    pdf = pdf_text(out / "cohort.pdf")
    assert "cohort report" in pdf and "suppressed" in pdf


def _paired_row(html: str, cid: str) -> list[str]:
    section = html.split("<h2>", 1)[1]
    return _row(section, cid)


def test_cohort_refuses_invalid_files_unless_told(tmp_path):
    end, _ = _materialise(tmp_path)
    (end / "broken.json").write_text((BAD / "unknown-item.json").read_text())
    proc = capdev("assess", "cohort", str(end), "--out", str(tmp_path / "o1"), cwd=ROOT)
    assert proc.returncode == 1 and "[resp-unknown-item]" in proc.stderr
    assert not (tmp_path / "o1" / "cohort.html").exists()
    proc = capdev("assess", "cohort", str(end), "--out", str(tmp_path / "o2"), "--skip-invalid",
                  cwd=ROOT)
    assert proc.returncode == 0 and "[resp-unknown-item]" in proc.stderr
    assert "<dt>Files excluded as invalid</dt><dd>1</dd>" in (tmp_path / "o2" / "cohort.html").read_text()


@pytest.mark.parametrize(("counts", "hidden"), [
    ({0: 0, 1: 4, 2: 5, 3: 0, 4: 0}, {1, 2}),      # one small cell: secondary suppression
    ({0: 2, 1: 3, 2: 40, 3: 9, 4: 0}, {0, 1}),     # two small cells protect each other
    ({0: 0, 1: 12, 2: 40, 3: 9, 4: 5}, set()),     # nothing below 5
])
def test_small_cell_suppression(counts, hidden):
    got = _suppress_counts(counts, 5)
    assert {lv for lv, c in got.items() if c is None} == hidden


@pytest.mark.parametrize(("df", "expected"), [(1, 12.706), (4, 2.776), (10, 2.228), (30, 2.042)])
def test_t_quantile_matches_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-3)


def test_cohort_of_1000_synthetic_files_is_fast(tmp_path):
    gen = ROOT / "scripts" / "generate_responses.py"
    import subprocess
    import sys

    subprocess.run([sys.executable, str(gen), "--n", "1000", "--seed", "3", "--out",
                    str(tmp_path / "syn"), "--endline"], check=True, cwd=ROOT)
    start = time.perf_counter()
    proc = capdev("assess", "cohort", str(tmp_path / "syn" / "endline"), "--baseline",
                  str(tmp_path / "syn" / "baseline"), "--out", str(tmp_path / "out"), cwd=ROOT)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    assert elapsed < 20, elapsed
    html = (tmp_path / "out" / "cohort.html").read_text()
    assert "1000 baseline pair" in proc.stderr and "SYNTHETIC DATA" in html


def test_moodle_csv(fw):
    rows = list(csv.reader(io.StringIO(moodle_csv(fw))))
    assert rows[0][:3] == ["Parent ID number", "ID number", "Short name"] and len(rows[0]) == 14
    assert rows[1][1] == fw.key and rows[1][12] == "1"
    comps = [r for r in rows[2:] if r[0]]
    assert [r[1] for r in comps] == [c["id"] for c in fw.competences()]
    assert all(r[1].startswith(r[0] + ".") for r in comps)


def test_schema_org_teaches(fw):
    doc = teaches_jsonld(fw, "03-single-window-and-digital-transactions")
    assert doc["@context"] == "https://schema.org"
    assert [t["termCode"] for t in doc["teaches"]] == ["A2.C2", "A3.C3"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_questionnaire_pdf(tmp_path, lang):
    out = tmp_path / f"q-{lang}.pdf"
    proc = capdev("assess", "questionnaire", "--lang", lang, "--out", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    fw = framework_for(ROOT, lang)
    text = pdf_text(out)
    appendix = {"en": "Appendix: what each level means", "es": "Anexo: qué significa cada nivel"}
    assert appendix[lang] in text
    assert re.sub(r"\s+", " ", fw.data["scale"]["not_applicable"]["label"]) in text
    for comp in fw.competences():
        assert comp["id"] in text
        for item in comp["items"]:
            assert item["id"] in text
    # the last level descriptor of the last competence is in the appendix
    last = list(fw.competences())[-1]["levels"][-1]["descriptor"]
    assert re.sub(r"\s+", " ", last)[:40] in text
    assert PdfReader(out).trailer["/Root"]["/Lang"] == lang
