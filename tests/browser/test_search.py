"""Search stays in the page's language: each language has its own index.

The words are checked against the built indexes first, so a content change that makes a
word occur in both languages fails loudly here instead of silently weakening the test.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import lang_root
from tests.browser.ui import ONLY, search

pytestmark = pytest.mark.browser
OTHER = {"en": "es", "es": "en"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_index_files_hold_the_words_in_one_language_only(site_dir, lang):
    own = (site_dir / ("" if lang == "en" else lang) / "search" / "search_index.json").read_text()
    other = OTHER[lang]
    assert ONLY[lang] in own.lower()
    assert ONLY[other] not in own.lower()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_finds_only_pages_in_the_page_language(page, base_url, lang):
    page.goto(lang_root(base_url, lang) + "index.html")
    found = search(page, ONLY[lang])
    assert found, f"no result for {ONLY[lang]!r} on the {lang} site"
    spanish = [u for u in found if u.startswith(base_url + "es/")]
    assert spanish == (found if lang == "es" else []), found
    assert all(u.startswith(base_url) for u in found)
    # the other language's word is in no page of this language's index
    assert search(page, ONLY[OTHER[lang]]) == []
