"""The translation-status page on a phone and a desktop (#24.2), in both languages: nothing
scrolls sideways at 320 px, no word (headers included) breaks mid-word, each title is a
link that opens its page in the same language, the counts are in the phone's details line,
axe-core finds nothing serious; screenshots at 375 and 1280 px for review under
test-artifacts/screenshots/<lang>-translation-status-<width>.png."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, LANGS, PAGES, Traffic, lang_root, watched_context
from tests.browser.test_page_details import BROKEN_WORDS

pytestmark = pytest.mark.browser
STATUS = PAGES["translation-status"]

# The page and its table, and every element of the article, against the viewport's width.
WIDER = """() => {
  const width = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('article *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1)) out.push(el.tagName + ' ' + Math.round(r.right));
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      out.push('scrolls: ' + el.tagName + '.' + el.className);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def narrow(browser):
    with watched_context(browser, Traffic(), width=320) as ctx:
        yield ctx.new_page()


@pytest.mark.parametrize("lang", LANGS)
def test_no_horizontal_scroll_and_no_word_broken_at_320_px(narrow, base_url, axe_source, lang):
    narrow.goto(lang_root(base_url, lang) + STATUS)
    assert narrow.locator("article table.capdev-status tbody tr").count() > 10
    assert narrow.evaluate(WIDER) == []
    assert narrow.evaluate(BROKEN_WORDS) == []
    # two columns left (title, words translated); the four counts are in the details line
    assert narrow.locator("article thead th:visible").count() == 2
    details = narrow.locator("article .capdev-status__details").first
    assert details.is_visible() and any(ch.isdigit() for ch in details.inner_text())
    narrow.evaluate(axe_source)
    result = narrow.evaluate("async () => await axe.run(document.querySelector('article'), "
                             "{resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_title_link_opens_its_page_in_the_same_language(narrow, base_url, lang):
    root = lang_root(base_url, lang)
    narrow.goto(root + STATUS)
    links = narrow.locator("article table.capdev-status a")
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) > 10 and all(h.startswith(root) for h in hrefs)
    for href in hrefs:
        assert narrow.request.get(href).status == 200, href
    lesson = narrow.locator("article a[href*='courses/'][href$='.html']").nth(2)
    title = lesson.inner_text().strip()
    lesson.click()
    narrow.wait_for_load_state()
    assert narrow.evaluate("document.documentElement.lang") == lang
    assert title in narrow.title()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_screenshot(browser, base_url, lang, width):
    with watched_context(browser, Traffic(), width=width) as ctx:
        page = ctx.new_page()
        page.goto(lang_root(base_url, lang) + STATUS)
        target = ARTIFACTS / "screenshots" / f"{lang}-translation-status-{width}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5_000
        counts = page.locator("article thead th.capdev-status__n").first
        assert counts.is_visible() == (width >= 640)  # the phone layout below 40em
