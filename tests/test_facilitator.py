"""Facilitator notes and guide (#17.1, #17.2), through the real `capdev build` and
`capdev check` on the fixture project with the overlays in tests/fixtures/facilitator/:
notes never reach a learner page, the search index or the offline copy's learner pages;
the guide has them in both languages, with the agenda computed from the lessons'
durations; the checks name what is wrong."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES, capdev

OVERLAYS = FIXTURES / "facilitator"
GUIDE = "courses/demo/facilitator/index.html"
LESSON = "courses/demo/01-first-module/01-channels.md"
# the notes' text in each language (the overlay's lesson and its catalog)
NOTES = ("Ask the group which channel they last used", "Most groups name the telephone",
         "Pregunte al grupo qué canal", "La mayoría de los grupos menciona")
MODULE_NOTES = ("Teach both lessons in one session", "Imparta las dos lecciones en una sola")


def _project(dest: Path, overlay: str) -> Path:
    shutil.copytree(FIXTURES / "project", dest, ignore=shutil.ignore_patterns("site", ".cache"))
    shutil.copytree(OVERLAYS / overlay, dest, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("fac") / "project", "project")
    capdev("build", "--strict", cwd=root, check=True)
    return root / "site"


@pytest.fixture(scope="module")
def rebuilt(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project after the first lesson grew from 10 to 40 minutes, and with a
    competence framework (so a self-assessment)."""
    root = tmp_path_factory.mktemp("fac2") / "project"
    shutil.copytree(built.parent, root, ignore=shutil.ignore_patterns("site"))
    lesson = root / LESSON
    lesson.write_text(lesson.read_text("utf-8").replace("duration: 10", "duration: 40"), "utf-8")
    shutil.copy(FIXTURES / "assessment/frameworks/good.yml", root / "courses/demo/competences.yml")
    with (root / "courses/demo/course.yml").open("a", encoding="utf-8") as fh:
        fh.write("framework: competences.yml\n")
    capdev("build", cwd=root, check=True)
    return root / "site"


def _learner(rel: str) -> bool:
    return "/facilitator/" not in f"/{rel}"


def _text(html: str) -> str:  # one space for any run of white space (and no-break spaces)
    return re.sub(r"\s+", " ", html)


def test_notes_absent_from_every_learner_page(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if _learner(p.relative_to(built).as_posix())]
    assert len(pages) > 10
    for page in pages:
        text = _text(page.read_text("utf-8"))
        assert not [n for n in NOTES + MODULE_NOTES if n in text], page
    lesson = _text((built / "es" / LESSON.replace(".md", ".html")).read_text("utf-8"))
    assert "Canales de prestación de servicios" in lesson and "data-capdev-quiz" in lesson


def test_notes_and_guide_absent_from_the_search_indexes(built: Path) -> None:
    for index in (built / "search" / "search_index.json", built / "es/search/search_index.json"):
        text = index.read_text("utf-8")
        assert not [n for n in NOTES if n in text]
        assert not [d["location"] for d in json.loads(text)["docs"]
                    if "facilitator" in d["location"]]
        assert "Canales" in text or "Service channels" in text


def test_notes_absent_from_the_offline_copy_learner_pages(built: Path) -> None:
    with zipfile.ZipFile(built / "downloads" / "demo-offline.zip") as zf:
        learner = [n for n in zf.namelist() if _learner(n) and n.endswith((".html", ".json", ".js"))]
        assert any(n.endswith(LESSON.replace(".md", ".html")) for n in learner)
        for name in learner:
            text = _text(zf.read(name).decode("utf-8", "replace"))
            assert not [n for n in NOTES if n in text], name
        assert any(not _learner(n) for n in zf.namelist())  # the guide travels with it


def test_guide_in_both_languages(built: Path) -> None:
    en = _text((built / GUIDE).read_text("utf-8"))
    es = _text((built / "es" / GUIDE).read_text("utf-8"))
    assert "For facilitators" in en and "Para facilitadores" in es
    assert NOTES[0] in en and NOTES[1] in en and NOTES[2] in es and NOTES[3] in es
    assert "Discussion: Opening question (5 min)" in en
    # a module's own notes come before its lessons'
    assert en.index(MODULE_NOTES[0]) < en.index(NOTES[0]) and MODULE_NOTES[1] in es
    assert "Purpose: The module in one morning (20 min)" in en
    assert "Debate: Pregunta inicial (5 min)" in es and "Respuestas esperadas" in es
    assert "A projector and a flip chart." in en and "Un proyector y un rotafolio." in es
    assert "Build a bilingual site." in en  # the course's learning outcomes
    assert "--baseline" not in en  # no competence framework, so no self-assessment to use
    # linked from the course page, and a navigation section of its own
    course = (built / "courses/demo/index.html").read_text("utf-8")
    assert 'href="facilitator/index.html"' in course
    assert "guía para facilitadores</a>" in (built / "es/courses/demo/index.html").read_text("utf-8")
    assert 'href="courses/demo/facilitator/index.html"' in (built / "index.html").read_text("utf-8")


def _agenda(site: Path, lang: str = "") -> list[tuple[str, str]]:
    page = (site / lang / GUIDE).read_text("utf-8")
    rows = re.findall(r"<tr>\s*<td>(\d\d:\d\d–\d\d:\d\d)</td>\s*<td>(.*?)</td>", page, re.S)
    return [(when, re.sub(r"<[^>]+>", "", what).strip()) for when, what in rows]


def test_agenda_times(built: Path) -> None:
    assert _agenda(built) == [("09:00–09:10", "Service channels"),
                              ("09:10–09:25", "Coffee break"), ("09:25–09:35", "Open data")]
    assert _agenda(built, "es") == [("09:00–09:10", "Canales de prestación de servicios"),
                                    ("09:10–09:25", "Pausa para el café"),
                                    ("09:25–09:35", "Datos abiertos")]


def test_a_longer_lesson_moves_the_agenda(rebuilt: Path) -> None:
    assert _agenda(rebuilt) == [("09:00–09:40", "Service channels"),
                                ("09:40–09:55", "Coffee break"), ("09:55–10:05", "Open data")]
    assert "09:55–10:05" in _pdf_text(rebuilt, "en")


def _pdf_text(site: Path, lang: str) -> str:
    pdf = site / ("" if lang == "en" else lang) / GUIDE.replace("index.html",
                                                                f"facilitator-guide-{lang}.pdf")
    return _text(" ".join(p.extract_text() for p in PdfReader(pdf).pages))


def test_guide_pdf_in_both_languages(built: Path) -> None:
    for lang, notes, title, course in (
            ("en", NOTES[:2], "Facilitator guide", "Demo course"),
            ("es", NOTES[2:], "Guía para facilitadores", "Curso de demostración")):
        text = _pdf_text(built, lang)
        assert text.startswith(f"{title} {course}"), text[:80]
        assert all(n in text for n in notes), lang
        assert "09:10–09:25" in text and "09:25–09:35" in text
        page = (built / ("" if lang == "en" else lang) / GUIDE).read_text("utf-8")
        assert f'href="facilitator-guide-{lang}.pdf"' in page


def test_guide_says_how_to_use_the_self_assessment(rebuilt: Path) -> None:
    for lang, heading in (("", "The self-assessment before and after"),
                          ("es", "La autoevaluación antes y después")):
        page = (rebuilt / lang / GUIDE).read_text("utf-8")
        assert heading in page and "--baseline" in page
        assert 'href="../../../assessment/index.html"' in page
        assert (rebuilt / lang / "assessment/index.html").is_file()


@pytest.mark.parametrize("case", ["bad", "bad-schema"])
def test_check_findings(case: str, tmp_path: Path) -> None:
    root = _project(tmp_path / "project", case)
    proc = capdev("check", "--format", "json", cwd=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    ours = ("facilitator-", "workshop-", "schema-course")
    found = {f"{f['path']}:{f['line']} {f['rule']}" for f in json.loads(proc.stdout)
             if f["rule"].startswith(ours)}
    want = set((OVERLAYS / case / "expected.txt").read_text("utf-8").split("\n")) - {""}
    assert found == want
