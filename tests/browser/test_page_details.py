"""Course and lesson page details a newcomer notices (#24 items 3 and 5), in both languages:
words in tables never break mid-word on a phone (glossary, translation status), durations
read as hours and minutes, one previous/next bar per lesson, a module's lessons before its
"Further reading", and the sidebar's sticky title never covers the links under it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LANGS, PAGES, Traffic, lang_root, watched_context

pytestmark = pytest.mark.browser

# Every word of every table cell, as the browser laid it out: a word whose glyphs sit on
# more than one line was broken mid-word. A line may end after a hyphen ("E-|Government"):
# the parts between hyphens are the words.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('article td, article th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const token of node.data.matchAll(/\\S+/g)) {
        if (/[\\/._]/.test(token[0])) continue;  // a path or URL longer than the screen may wrap
        for (const m of token[0].matchAll(/[^\\-\\u2010]+/g)) {
          const r = document.createRange();
          const at = token.index + m.index;
          r.setStart(node, at); r.setEnd(node, at + m[0].length);
          const tops = new Set([...r.getClientRects()].filter(b => b.width > 0)
                               .map(b => Math.round(b.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    with watched_context(browser, Traffic(), width=375) as ctx:
        yield ctx.new_page()


@pytest.fixture(scope="module")
def desktop(browser):
    with watched_context(browser, Traffic()) as ctx:
        yield ctx.new_page()


@pytest.mark.parametrize("kind", ["glossary", "translation-status"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_word_broken_mid_word_on_a_phone(phone, base_url, lang, kind):
    phone.goto(lang_root(base_url, lang) + PAGES[kind])
    assert phone.locator("article td").count() > 3
    assert phone.evaluate(BROKEN_WORDS) == []


@pytest.mark.parametrize("lang", LANGS)
def test_durations_read_as_hours_and_minutes(desktop, base_url, lang):
    desktop.goto(lang_root(base_url, lang) + PAGES["course"])
    meta = desktop.locator("article .capdev-meta").first.inner_text()
    assert re.search(r"\d+\s?h( \d+\s?min)?$", meta), meta
    assert not re.search(r"\d{3,}\s?min", desktop.locator("article").inner_text())


@pytest.mark.parametrize("lang", LANGS)
def test_one_previous_next_bar_per_lesson(desktop, base_url, lang):
    desktop.goto(lang_root(base_url, lang) + PAGES["lesson"])
    assert desktop.locator("nav.md-footer__inner").count() == 1
    assert desktop.locator("article .capdev-prevnext").count() == 0
    assert desktop.locator(".md-footer__link--next").count() == 1


@pytest.mark.parametrize("lang", LANGS)
def test_module_lists_its_lessons_before_further_reading(desktop, base_url, lang):
    desktop.goto(lang_root(base_url, lang) + PAGES["module"])
    h2 = desktop.locator("article h2").all_inner_texts()
    lessons = {"en": "Lessons", "es": "Lecciones"}[lang]
    assert h2 and h2[0].startswith(lessons), h2


COVERED_LINKS = """() => {
  // no sidebar link in view may sit under a sticky navigation title
  const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
  const view = wrap.getBoundingClientRect();
  const covered = [];
  for (const a of wrap.querySelectorAll('a.md-nav__link, label.md-nav__link')) {
    const b = a.getBoundingClientRect();
    const y = b.top + b.height / 2, x = b.left + Math.min(b.width / 2, 40);
    if (b.height === 0 || y < view.top + 2 || y > view.bottom - 2) continue;
    const hit = document.elementFromPoint(x, y);
    // (on a phone the drawer's panels stack; a link under another panel is not shown)
    if (hit && !a.contains(hit) && hit.closest('.md-nav__title')) covered.push(a.innerText.trim());
  }
  return covered;
}"""


@pytest.mark.parametrize("zoom", [1, 2])
def test_sticky_sidebar_title_covers_no_link(browser, base_url, zoom):
    """At 1280 px and at 200% zoom (640 CSS px: the navigation is a drawer), scrolled."""
    with watched_context(browser, Traffic(), width=1280 // zoom) as ctx:
        page = ctx.new_page()
        page.set_viewport_size({"width": 1280 // zoom, "height": 500 // zoom})
        page.goto(base_url + PAGES["lesson"])
        if zoom == 2:
            page.click("label.md-header__button[for=__drawer]")
            page.wait_for_timeout(400)  # the drawer slides in
        page.evaluate("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')"
                      ".scrollBy(0, 150)")
        page.wait_for_timeout(100)
        assert page.evaluate(COVERED_LINKS) == []
