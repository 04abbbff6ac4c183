"""`capdev feedback aggregate` on generated (SYNTHETIC) response sets, through the real CLI:
the summary's numbers in both languages (HTML and PDF), groups under 5 suppressed, and bad
files — each named with its line and rule, exit 1, nothing written. Also the form's own
checks (`capdev check`) and the configured "Report a problem" address."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from capdev.feedback.texts import load_forms
from capdev.sources.forms import choices
from tests.conftest import FIXTURES, ROOT, capdev

DATA = Path(__file__).parent / "data" / "feedback"
BAD = yaml.safe_load((DATA / "bad.yml").read_text(encoding="utf-8"))
_spec = importlib.util.spec_from_file_location("generate_form_responses",
                                               ROOT / "scripts" / "generate_form_responses.py")
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)
FORMS = load_forms(ROOT, "en")
WORKSHOP = FORMS["workshop-evaluation"]


def _set(tmp_path: Path, n: int = 30, seed: int = 5, groups: list[str] | None = None,
         form: str = "workshop-evaluation") -> list[Path]:
    return generator.generate(FORMS[form], n, seed, tmp_path / "answers", groups)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _answers(paths: list[Path]) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))["answers"] for p in paths]


def test_summary_counts_in_both_languages(tmp_path):
    paths = _set(tmp_path, groups=["front-line", "ict"])
    out = tmp_path / "out"
    proc = capdev("feedback", "aggregate", str(tmp_path / "answers"), "-o", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        f"summary-workshop-evaluation-{lang}.{ext}" for lang in ("en", "es")
        for ext in ("html", "pdf")]
    answers = _answers(paths)
    html = (out / "summary-workshop-evaluation-en.html").read_text(encoding="utf-8")
    assert "SYNTHETIC DATA" in html
    for value, label in choices(WORKSHOP.by_id["satisfaction"]):
        count = sum(1 for a in answers if a.get("satisfaction") == value)
        assert f"<th scope=\"row\">{value} — {label}</th><td>{count}</td>" in html
    ratings = [a["satisfaction"] for a in answers]
    tenths = (20 * sum(ratings) + len(ratings)) // (2 * len(ratings))
    assert f"Mean: {tenths // 10}.{tenths % 10}" in html
    texts = sorted(a["improve"] for a in answers if "improve" in a)
    assert all(f">{t}</li>" in html for t in texts)
    assert "<svg class=\"chart\" role=\"img\"" in html
    es = (out / "summary-workshop-evaluation-es.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in es and "¿Cómo fue el ritmo del taller?" in es
    assert f"Media: {tenths // 10},{tenths % 10}" in es
    pdf = _pdf_text(out / "summary-workshop-evaluation-es.pdf")
    assert "Resumen de las respuestas" in pdf and "DATOS SINTÉTICOS" in pdf
    assert "¿Qué deberíamos mejorar?" in pdf


def test_groups_under_five_are_suppressed(tmp_path):
    paths = _set(tmp_path, n=20, groups=["front-line"])
    small = generator.generate(WORKSHOP, 3, 9, tmp_path / "small", ["ict"])
    for i, p in enumerate(small):  # three ICT people, own codes and times
        data = json.loads(p.read_text(encoding="utf-8"))
        data["code"], data["submitted"] = f"SYN-ICT{i}", f"2026-11-20T10:0{i}:00Z"
        data["answers"]["improve"] = f"Only said by ICT person {i}."
        (tmp_path / "answers" / p.name.replace("SYN", "SYN-ICT")).write_text(
            json.dumps(data), encoding="utf-8")
    for p in paths:  # and no one else answers the free-text question
        data = json.loads(p.read_text(encoding="utf-8"))
        data["answers"].pop("improve", None)
        p.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out"
    proc = capdev("feedback", "aggregate", str(tmp_path / "answers"), "-o", str(out),
                  "--lang", "en", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    html = (out / "summary-workshop-evaluation-en.html").read_text(encoding="utf-8")
    assert "Groups of fewer than 5 responses are not shown" in html
    # the ICT group: its size and its numbers are not shown, the front-line group's are
    assert "<th scope=\"row\">ICT or data staff</th><td>fewer than 5</td><td></td>" in html
    assert "<th scope=\"row\">ICT or data staff</th><td>fewer than 5</td><td>fewer than 5</td>" \
        in html
    assert "<th scope=\"row\">Front-line service or contact-centre staff</th><td>20</td>" in html
    # three free-text answers: suppressed, none of them printed
    assert "Fewer than 5 people answered this question" in html
    assert "Only said by ICT person" not in html
    assert "Only said by ICT person" not in _pdf_text(out / "summary-workshop-evaluation-en.pdf")


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_named_and_nothing_written(tmp_path, name):
    _set(tmp_path, n=6)
    bad = tmp_path / "answers" / name
    shutil.copy(DATA / "bad" / name, bad)
    out = tmp_path / "out"
    proc = capdev("feedback", "aggregate", str(tmp_path / "answers"), "-o", str(out), cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert f"{bad}:{BAD[name]}" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "no summary written" in proc.stderr
    assert not out.exists()


def test_duplicates_by_content_and_by_code(tmp_path):
    paths = _set(tmp_path, n=6)
    copy = tmp_path / "answers" / "copy-of-first.json"
    shutil.copy(paths[0], copy)
    other = json.loads(paths[2].read_text(encoding="utf-8"))
    other["code"] = json.loads(paths[1].read_text(encoding="utf-8"))["code"]
    paths[2].write_text(json.dumps(other), encoding="utf-8")
    out = tmp_path / "out"
    proc = capdev("feedback", "aggregate", *map(str, [*paths, copy]), "-o", str(out), cwd=ROOT)
    assert proc.returncode == 1
    assert f"{copy}:1 [fb-duplicate] error: the same response as {paths[0]}" in proc.stderr
    assert f"{paths[2]}:1 [fb-duplicate-code]" in proc.stderr and str(paths[1]) in proc.stderr
    assert not out.exists()


def test_form_option_picks_the_form(tmp_path):
    _set(tmp_path, n=6, form="digital-government-consultation")
    proc = capdev("feedback", "aggregate", str(tmp_path / "answers"), "--form",
                  "workshop-evaluation", "-o", str(tmp_path / "out"), cwd=ROOT)
    assert proc.returncode == 1 and proc.stderr.count("[fb-foreign]") == 6
    proc = capdev("feedback", "aggregate", str(tmp_path / "answers"), "--lang", "es",
                  "-o", str(tmp_path / "out"), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "out" / "summary-digital-government-consultation-es.html").read_text("utf-8")
    assert "Consulta sobre gobierno digital" in html


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project, ignore=shutil.ignore_patterns("site", ".cache"))
    return project


def test_check_reports_a_bad_form_with_lines(tmp_path):
    project = _project(tmp_path)
    (project / "forms" / "bad").mkdir(parents=True)
    shutil.copy(DATA / "bad-form.yml", project / "forms" / "bad" / "form.yml")
    proc = capdev("check", cwd=project)
    assert proc.returncode == 1
    for expected in ("forms/bad/form.yml:5 [form-breakdown]",
                     "forms/bad/form.yml:12 [form-duplicate-id]",
                     "forms/bad/form.yml:16 [form-duplicate-id]"):
        assert expected in proc.stderr, proc.stderr


@pytest.mark.parametrize("address", ["feedback@example.org", "not an address"])
def test_report_address_must_be_real(tmp_path, address):
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'feedback_email: ""', f'feedback_email: "{address}"'), encoding="utf-8")
    proc = capdev("check", cwd=project)
    assert proc.returncode == 1
    assert "mkdocs.yml:37 [config-invalid] error: plugins.capdev.feedback_email" in proc.stderr


def test_files_split_evenly_between_forms_need_form(tmp_path):
    _set(tmp_path, n=3)
    generator.generate(FORMS["digital-government-consultation"], 3, 2, tmp_path / "answers")
    out = tmp_path / "out"
    proc = capdev("feedback", "aggregate", str(tmp_path / "answers"), "-o", str(out), cwd=ROOT)
    assert proc.returncode == 1 and "[fb-mixed-forms]" in proc.stderr and "--form" in proc.stderr
    assert not out.exists()


def test_report_link_goes_to_the_configured_address(tmp_path):
    """A real MkDocs build: with an address, every page links to it (mailto:, the page in
    the subject); the bundled site, with none, has no link (tests/browser)."""
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'feedback_email: ""', 'feedback_email: "capdev-tests@un.org"'), encoding="utf-8")
    proc = capdev("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    for page in (project / "site" / "index.html", project / "site" / "es" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="capdev-report"' in html and 'href="mailto:capdev-tests@un.org?subject=' in html
