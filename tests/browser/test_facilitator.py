"""Facilitator notes in the browser (#17 acceptance): the bundled course's notes are in no
learner page as a person sees it (rendered text, both languages), in no search index and no
search result, and they are in the facilitator guide. The notes are read from the sources
and catalogs with capdev's own reader, so new notes are covered without editing this file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from capdev.catalogs.translate import translate_file
from capdev.site.facilitator import notes
from capdev.sources.project import Project
from tests.browser.conftest import lang_root
from tests.browser.ui import search
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
GUIDE = "courses/digital-government/facilitator/index.html"


def _plain(text: str) -> str:
    """Text with markup and quotation marks set aside and white space made single: the
    source's `"…"` is the page's “…”, and a note's `*x*` reads as x."""
    return " ".join(re.sub(r"[*_`\"«»“”]", "", text).split())


def _first_words(body: str) -> str:
    """The opening words of a note: twelve, so that a note that starts by quoting the
    lesson (a table row it discusses) is not taken for the lesson's own text."""
    return " ".join(_plain(body).split()[:12])


@pytest.fixture(scope="module")
def phrases() -> dict[str, list[str]]:
    project = Project.load(ROOT)
    out: dict[str, list[str]] = {"en": [], "es": []}
    for lesson in (les for c in project.courses for m in c.modules for les in m.lessons
                   if not les.is_notebook):
        english = lesson.src.read_text("utf-8")
        out["en"] += [_first_words(n.body) for n in notes(english)]
        out["es"] += [_first_words(n.body) for n in notes(translate_file(ROOT, lesson.src, "es").text)]
    assert len(out["en"]) >= 5 and out["es"] != out["en"]
    return out


def _learner_pages(site: Path, lang: str) -> list[str]:
    root = site if lang == "en" else site / "es"
    pages = [p.relative_to(root).as_posix() for p in root.rglob("*.html")]
    return sorted(p for p in pages if "facilitator/" not in p and not p.startswith("es/"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_note_on_any_learner_page(page, site_dir, base_url, phrases, lang):
    rels = _learner_pages(site_dir, lang)
    assert len(rels) > 30
    for rel in rels:
        page.goto(lang_root(base_url, lang) + rel)
        text = _plain(page.inner_text("body"))
        assert not [p for p in phrases[lang] if p in text], rel


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_note_in_the_search(page, site_dir, base_url, phrases, lang):
    index = (site_dir / ("" if lang == "en" else "es") / "search" / "search_index.json")
    text = _plain(re.sub(r"<[^>]+>", " ", index.read_text("utf-8")))
    assert not [p for p in phrases[lang] if p in text]
    page.goto(lang_root(base_url, lang) + "index.html")
    # words that only the notes use, and the guide's own title
    only_in_notes = {"en": "flip", "es": "rotafolio"}[lang]  # of "flip chart", "rotafolio"
    assert search(page, only_in_notes) == []
    guide_title = {"en": "Facilitator guide", "es": "Guía para facilitadores"}[lang]
    assert not [u for u in search(page, guide_title) if "/facilitator/" in u]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_guide_has_every_note(page, base_url, phrases, lang):
    page.goto(lang_root(base_url, lang) + GUIDE)
    text = _plain(page.inner_text("body"))
    assert [p for p in phrases[lang] if p not in text] == []
    banner = {"en": "For facilitators", "es": "Para facilitadores"}[lang]
    assert page.locator(".admonition.warning .admonition-title").first.inner_text() == banner
