"""The 404 page speaks the reader's language and keeps them in it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import lang_root

pytestmark = pytest.mark.browser
HEADING = {"en": "404 — Page not found", "es": "404 — Página no encontrada"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_404_in_the_reader_language(page, base_url, lang):
    page.goto(lang_root(base_url, lang) + "404.html")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("article h1").inner_text() == HEADING[lang]
    assert page.locator("article p a").count() == 1  # a way back home


def test_spanish_404_links_stay_in_spanish(page, base_url):
    page.goto(base_url + "es/404.html")
    links = page.eval_on_selector_all(".md-main a[href], .md-header a[href]",
                                      "as => as.map(a => a.href)")
    local = [u for u in links if u.startswith(base_url) and "/assets/" not in u]
    assert local and all(u.startswith(base_url + "es/") for u in local), local
