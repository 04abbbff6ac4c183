"""Every page type in both languages: axe-core, reflow at 320 px, and a screenshot for review.

Screenshots go to test-artifacts/screenshots/<lang>-<type>.png (git-ignored) so a
reviewer can look at what learners get without building the site.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import ARTIFACTS, LANGS, PAGES, Traffic, lang_root, watched_context

pytestmark = pytest.mark.browser
CASES = [(lang, kind) for lang in LANGS for kind in PAGES]
IDS = [f"{lang}-{kind}" for lang, kind in CASES]
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def desktop(browser):
    """One page for the read-only visits of this module (no storage is used): fast."""
    with watched_context(browser, Traffic()) as ctx:
        yield ctx.new_page()


@pytest.fixture(scope="module")
def phone(browser):
    with watched_context(browser, Traffic(), width=320) as ctx:
        yield ctx.new_page()


def _open(page, base_url: str, lang: str, kind: str) -> None:
    response = page.goto(lang_root(base_url, lang) + PAGES[kind])
    assert response is not None and response.ok, (kind, lang)
    assert page.evaluate("document.documentElement.lang") == lang


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"{v['impact']} {v['id']}: {v['help']} — {len(v['nodes'])} node(s): {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=IDS)
def test_axe_and_screenshot(desktop, base_url, axe_source, lang, kind):
    """No serious or critical axe-core violation; the screenshot is taken first, so a
    reviewer sees the page that failed."""
    page = desktop
    _open(page, base_url, lang, kind)
    target = ARTIFACTS / "screenshots" / f"{lang}-{kind}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 5_000  # a blank page compresses to far less
    page.evaluate(axe_source)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert blocking == [], f"{lang} {kind}:\n{_describe(blocking)}"


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=IDS)
def test_no_horizontal_scrolling_at_320_px(phone, base_url, lang, kind):
    page = phone
    _open(page, base_url, lang, kind)
    if kind == "assessment":  # the widest content appears only after answering
        page.click("#capdev-form button[type=submit]")
        page.wait_for_selector(".capdev-results-table")
    sizes = page.evaluate("""() => {
        const e = document.documentElement;
        const clipped = n => { for (let m = n.parentElement; m && m !== document.body;
                                    m = m.parentElement)
                                 if (getComputedStyle(m).overflowX !== 'visible') return true;
                               return false; };
        const wide = [...document.querySelectorAll('body *')]  // what to fix, for the message
          .filter(n => n.getBoundingClientRect().right > e.clientWidth + 1 && !clipped(n))
          .slice(0, 5).map(n => n.tagName + '.' + n.className);
        return {scroll: e.scrollWidth, client: e.clientWidth, wide};
    }""")
    assert sizes["scroll"] <= sizes["client"], json.dumps(sizes)
