"""The offline copy: site/downloads/digital-government-offline.zip unpacked, opened from disk.

A learner without internet unzips it and opens index.html: pages link to pages, the
language switcher works, and search runs in the page (no server, no Web Worker from
file://: the vendored iframe-worker shim stands in).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES
from tests.browser.ui import ONLY, search

pytestmark = pytest.mark.browser
OTHER = {"en": "es", "es": "en"}


def _root(offline_copy, lang: str):
    return offline_copy if lang == "en" else offline_copy / lang


@pytest.mark.parametrize("lang", ["en", "es"])
def test_offline_navigation_and_search(page, offline_copy, traffic, lang):
    root = _root(offline_copy, lang)
    page.goto((root / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == lang

    # navigation by clicking links: home → course overview → module → its first lesson
    page.locator(f'article a[href$="{PAGES["course"]}"]').first.click()
    assert page.url == (root / PAGES["course"]).as_uri()
    module = PAGES["module"].removeprefix("courses/digital-government/")
    page.locator(f'article a[href$="{module}"]').first.click()
    assert page.url == (root / PAGES["module"]).as_uri()
    page.locator("article ol a[href$='.html']").first.click()
    page.wait_for_load_state()
    lesson = page.url.removeprefix(root.as_uri() + "/")
    assert lesson.startswith("courses/digital-government/02-") and (root / lesson).is_file()
    assert page.locator(".capdev-progress button").count() == 1  # a lesson page

    # the switcher works from disk too
    page.goto((root / PAGES["lesson"]).as_uri())
    page.hover(".md-header__option .md-select")
    page.click(f"a.md-select__link.capdev-lang-{OTHER[lang]}")
    assert page.url == (_root(offline_copy, OTHER[lang]) / PAGES["lesson"]).as_uri()

    # search, in this language only, from file://
    page.goto((root / "index.html").as_uri())
    found = search(page, ONLY[lang])
    assert found and all(u.startswith("file://") for u in found)
    in_spanish = [u for u in found if u.startswith((offline_copy / "es").as_uri() + "/")]
    assert in_spanish == (found if lang == "es" else [])
    page.goto(found[0])
    assert page.locator("article h1").count() == 1
    assert traffic.off_host == []
