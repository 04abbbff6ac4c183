"""Three languages by configuration (#22), in Chromium: a programme made by `capdev init`
given Portuguese with `capdev i18n add-language pt` (its catalogs, and the Spanish ones,
filled by distinct pseudo-translations) is built, and on every language's pages the
switcher lands on the same page in each other language, search finds only that language's
pages and each index holds only that language's words, and axe finds nothing serious, at
1280 and 320 px."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from capdev.catalogs.inline import split_words
from tests.browser.conftest import _serve, lang_root
from tests.browser.ui import search
from tests.conftest import capdev

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent.parent / "data" / "languages"
LANGS = ("en", "es", "pt")
LESSON = "courses/digital-services/01-introduction/01-sample-lesson.html"
# each language's pseudo words start with their own letters (ASCII: search's trimmer keeps them)
MARK = {"es": "qx", "pt": "zq"}
WORD = {"en": "institution", "es": "qxnoitutitsni", "pt": "zqnoitutitsni"}


def _pseudo(text: str, mark: str) -> str:
    """Every word reversed after `mark`, protected parts (code, links, markup) kept."""
    return "".join(chunk if protected else re.sub(
        r"[^\W\d_]{2,}", lambda m: mark + m.group(0)[::-1], chunk)
        for protected, chunk in split_words(text))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("three") / "programme"
    capdev("init", str(root), "--title", "Digital services", "--course-id", "digital-services",
           cwd=root.parent, check=True)
    lesson = root / LESSON.replace(".html", ".md")
    lesson.write_text(lesson.read_text("utf-8").replace(
        "Explain the idea with a concrete example",
        "Explain the idea with a concrete institution example"), "utf-8")
    capdev("i18n", "add-language", "pt", cwd=root, check=True)
    for lang, mark in MARK.items():
        for path in (root / "translations" / lang).rglob("*.po"):
            po = polib.pofile(str(path))
            for entry in po:
                if not entry.obsolete:
                    entry.msgstr, entry.flags = _pseudo(entry.msgid, mark), []
            po.save(str(path))
    capdev("build", cwd=root, check=True)
    for url in _serve(root / "site"):
        yield url, root / "site"
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_lands_on_the_same_page_in_every_other_language(page, built, lang):
    base = built[0]
    page.goto(lang_root(base, lang) + LESSON)
    assert page.evaluate("document.documentElement.lang") == lang
    for other in LANGS:
        if other == lang:
            continue
        link = page.get_attribute(f"a.md-select__link.capdev-lang-{other}", "href")
        assert page.evaluate("h => new URL(h, location.href).href", link) == \
            lang_root(base, other) + LESSON


@pytest.mark.parametrize("lang", LANGS)
def test_search_stays_in_the_page_language(page, built, lang):
    base, site = built
    page.goto(lang_root(base, lang) + "index.html")
    found = search(page, WORD[lang])
    assert found, f"no result for {WORD[lang]!r} on the {lang} site"
    for url in found:
        rest = url[len(base):]
        assert (rest.split("/", 1)[0] not in MARK) if lang == "en" else rest.startswith(f"{lang}/")
    # and the other languages' words are in no page of this language's index
    index = (site / ("" if lang == "en" else lang) / "search" / "search_index.json").read_text()
    assert WORD[lang] in index.lower()
    assert not [w for other, w in WORD.items() if other != lang and w in index.lower()]


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_and_reflow(browser, built, axe_source, lang, width):
    base = built[0]
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(lang_root(base, lang) + LESSON)
        sizes = page.evaluate("({s: document.documentElement.scrollWidth, "
                              "c: document.documentElement.clientWidth})")
        assert sizes["s"] <= sizes["c"], sizes
        page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert [v["id"] for v in result["violations"]
                if v["impact"] in ("serious", "critical")] == []
    finally:
        ctx.close()
