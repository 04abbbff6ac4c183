"""An untranslated page: banner in the reader's language, text marked as English.

The bundled site is fully translated, so this uses the fixture project, whose
docs/about.md has no Spanish catalog and falls back to English under /es/.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
TEXT_LANG = "el => el.closest('[lang]').getAttribute('lang')"


def test_fallback_page_shows_banner_and_marks_text_english(page, fixture_base_url):
    page.goto(fixture_base_url + "es/about.html")
    assert page.evaluate("document.documentElement.lang") == "es"
    banner = page.locator(".capdev-banner--fallback")
    assert banner.is_visible()
    assert "Esta página aún no se ha traducido" in banner.inner_text()
    assert banner.evaluate(TEXT_LANG) == "es"
    # the English text (its title and body) is what assistive technology reads as English
    h1 = page.locator("article h1").first
    assert h1.evaluate(TEXT_LANG) == "en"
    paragraphs = page.locator(".capdev-fallback-text p")
    assert paragraphs.count() > 0
    assert all(lang == "en" for lang in paragraphs.evaluate_all(
        "ps => ps.map(p => p.closest('[lang]').getAttribute('lang'))"))
    # it claims no Spanish version of itself (the switcher's link is not hreflang="es")
    assert page.locator('a.capdev-lang-es').count() == 1
    assert page.locator('[hreflang="es"]').count() == 0


def test_translated_and_english_pages_have_no_banner(page, fixture_base_url):
    for path in ("about.html", "es/index.html", "index.html"):
        page.goto(fixture_base_url + path)
        assert page.locator(".capdev-banner--fallback").count() == 0, path
    page.goto(fixture_base_url + "es/index.html")
    assert page.locator("article h1").first.evaluate(TEXT_LANG) == "es"
