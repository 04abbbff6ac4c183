"""Print: lessons and notes print without navigation, with collapsibles expanded and the
addresses of external links shown."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES, lang_root

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["lesson", "policy-note"])
def test_print_layout(page, base_url, lang, kind):
    page.goto(lang_root(base_url, lang) + PAGES[kind])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer']
        .map(s => document.querySelector(s))
        .filter(Boolean)
        .map(el => getComputedStyle(el).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.evaluate("getComputedStyle(document.querySelector('article')).display") != "none"
    closed = page.locator("details:not([open]) > :not(summary)")
    for i in range(closed.count()):  # a collapsed solution still prints
        assert closed.nth(i).evaluate("el => getComputedStyle(el).display") != "none"
    external = page.locator("article a[href^='http']")
    if external.count():
        after = external.first.evaluate("a => getComputedStyle(a, '::after').content")
        assert "http" in after
