"""Notebook tables on a phone (#18.5), in both languages: at 320 px the page does not scroll
sideways, each wide DataFrame scrolls inside its own named, focusable region (arrow keys
move it), cells are padded and bordered like the site's tables, numbers right-aligned in
tabular figures, text left; axe-core finds nothing serious. A phone-width screenshot of
the widest table for review: test-artifacts/screenshots/<lang>-notebook-table-320.png."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, LANGS, PAGES, Traffic, lang_root, watched_context

pytestmark = pytest.mark.browser
NOTEBOOK = PAGES["notebook"]
REGION_NAME = {"en": "Data table", "es": "Tabla de datos"}

# Facts about the page and every output table, measured by the browser's layout.
MEASURE = """() => {
  const doc = document.documentElement;
  const px = (el, prop) => parseFloat(getComputedStyle(el)[prop]);
  const tables = [...document.querySelectorAll('article .nb-output table')].map(t => {
    const region = t.closest('.nb-table');
    const num = t.querySelector('td.nb-num'), text = t.querySelector('td:not(.nb-num)');
    const th = t.querySelector('thead th.nb-num');
    return {
      inRegion: !!region && region.firstElementChild === t,
      wide: t.getBoundingClientRect().width > doc.clientWidth,
      regionScrolls: !!region && region.scrollWidth > region.clientWidth
                     && getComputedStyle(region).overflowX === 'auto',
      regionInside: !!region && region.getBoundingClientRect().right <= doc.clientWidth + 1,
      padding: Math.min(...[...t.querySelectorAll('td, th')].map(c => px(c, 'paddingLeft'))),
      border: px(t.querySelector('td'), 'borderTopWidth'),
      numAlign: num && getComputedStyle(num).textAlign,
      numFigures: num && getComputedStyle(num).fontVariantNumeric,
      headAlign: th && getComputedStyle(th).textAlign,
      textAlign: text && getComputedStyle(text).textAlign,
    };
  });
  return {scroll: doc.scrollWidth, client: doc.clientWidth, tables};
}"""


@pytest.fixture(scope="module")
def phone(browser):
    with watched_context(browser, Traffic(), width=320) as ctx:
        yield ctx.new_page()


def _open(page, base_url: str, lang: str) -> None:
    response = page.goto(lang_root(base_url, lang) + NOTEBOOK)
    assert response is not None and response.ok
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_tables_scroll_in_their_own_region_at_320_px(phone, base_url, lang):
    _open(phone, base_url, lang)
    facts = phone.evaluate(MEASURE)
    assert facts["scroll"] <= facts["client"], facts  # the document never scrolls sideways
    tables = facts["tables"]
    assert len(tables) >= 5
    assert all(t["inRegion"] and t["regionInside"] for t in tables), tables
    wide = [t for t in tables if t["wide"]]
    assert wide and all(t["regionScrolls"] for t in wide), tables
    for t in tables:
        assert t["padding"] > 0 and t["border"] > 0, t
        if t["numAlign"] is not None:
            assert t["numAlign"] == "right" and "tabular-nums" in t["numFigures"], t
        if t["headAlign"] is not None:
            assert t["headAlign"] == "right", t
        if t["textAlign"] is not None:
            assert t["textAlign"] in ("left", "start"), t
    assert any(t["numAlign"] == "right" for t in tables)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wide_table_scrolls_from_the_keyboard(phone, base_url, lang):
    _open(phone, base_url, lang)
    regions = phone.get_by_role("region", name=REGION_NAME[lang])
    assert regions.count() >= 5
    widest = phone.evaluate_handle(
        "() => [...document.querySelectorAll('.nb-table')]"
        ".sort((a, b) => (b.scrollWidth - b.clientWidth) - (a.scrollWidth - a.clientWidth))[0]")
    widest.as_element().focus()
    assert phone.evaluate("document.activeElement.classList.contains('nb-table')")
    for _ in range(5):
        phone.keyboard.press("ArrowRight")
    phone.wait_for_function("el => el.scrollLeft > 0", arg=widest)
    assert phone.evaluate("document.documentElement.scrollLeft") == 0


@pytest.mark.parametrize("lang", LANGS)
def test_axe_and_phone_screenshot(phone, base_url, axe_source, lang):
    _open(phone, base_url, lang)
    widest = phone.evaluate_handle(
        "() => [...document.querySelectorAll('.nb-table')]"
        ".sort((a, b) => (b.scrollWidth - b.clientWidth) - (a.scrollWidth - a.clientWidth))[0]")
    phone.evaluate("el => el.scrollIntoView({block: 'center'})", widest)
    target = ARTIFACTS / "screenshots" / f"{lang}-notebook-table-320.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(target))  # the viewport: what a phone shows around the table
    assert target.stat().st_size > 5_000
    phone.evaluate(axe_source)
    result = phone.evaluate("async () => await axe.run(document.querySelector('article'), "
                            "{resultTypes: ['violations']})")
    blocking = [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]
                if v["impact"] in ("serious", "critical")]
    assert blocking == []
