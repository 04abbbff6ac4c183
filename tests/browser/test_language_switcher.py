"""The header's language switcher lands on the same page in the other language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES, lang_root

pytestmark = pytest.mark.browser
KINDS = ("home", "lesson", "notebook", "policy-note", "assessment")
OTHER = {"en": "es", "es": "en"}
CASES = [(lang, kind) for lang in OTHER for kind in KINDS]


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_switcher_lands_on_the_same_page(page, base_url, lang, kind):
    page.goto(lang_root(base_url, lang) + PAGES[kind])
    title_before = page.title()
    other = OTHER[lang]
    # the list opens on hover (or keyboard focus), as for a person using the header
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f"a.md-select__link.capdev-lang-{other}")
    assert page.url == lang_root(base_url, other) + PAGES[kind]
    assert page.evaluate("document.documentElement.lang") == other
    assert page.title() != title_before  # the bundled site is fully translated
    # and back again: the switcher on the other side points home too
    link = page.get_attribute(f"a.md-select__link.capdev-lang-{lang}", "href")
    back = page.evaluate("h => new URL(h, location.href).href", link)
    assert back == lang_root(base_url, lang) + PAGES[kind]
