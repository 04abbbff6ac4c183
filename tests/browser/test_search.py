"""Search stays in the page's language: each language has its own index.

The words are checked against the built indexes first, so a content change that makes a
word occur in both languages fails loudly here instead of silently weakening the test.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import lang_root

pytestmark = pytest.mark.browser
# a word that occurs only in the Spanish pages, and one only in the English pages
ONLY = {"es": "servidores", "en": "procedures"}
OTHER = {"en": "es", "es": "en"}
# the result count line says "N matching documents" or "No matching documents" (EN/ES)
SETTLED = ("/\\d|^(No|Ningún|Sin)/i.test("
           "(document.querySelector('.md-search-result__meta') || {}).textContent || '')")


def search(page, word: str) -> list[str]:
    """Type a word in the header's search box, as a person does; the results' absolute URLs."""
    page.click(".md-search__input")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")  # empty box: meta says "type to start", no stale count
    page.wait_for_function(f"() => !{SETTLED}")
    # the whole word at once, then a key: Material searches on key events, and typing letter
    # by letter would settle on the results for the first letters
    page.fill(".md-search__input", word)
    page.keyboard.press("End")
    page.wait_for_function(f"() => {SETTLED}")
    return page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                     "links => links.map(a => a.href)")


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
