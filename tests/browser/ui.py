"""Page helpers shared by the browser tests: using the header search like a person."""

from __future__ import annotations

# a word of each language that the other never has, not even in a cited title
ONLY = {"es": "servidores", "en": "institutions"}
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
