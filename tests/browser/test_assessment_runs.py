"""Before and after runs of the self-assessment (#18.2), in English and Spanish: a learner
keeps a "before" run, answers again, keeps an "after" run, and the results show the level
in each competence in both runs and the change — the levels Python's scorer gives the two
responses. The runs stay in the browser (localStorage), survive a reload, are forgotten by
"Delete my answers"; the page's question bank asks the lesson questions tagged with a
competence; axe-core finds nothing serious in the results."""

from __future__ import annotations

import json

import pytest

from capdev.assessment import score
from capdev.assessment.texts import framework_for, strings
from tests.browser.conftest import LANGS, PAGES, Traffic, lang_root, watched_context
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.browser
BEFORE = json.loads((FIXTURES / "assessment" / "responses" / "PX-A01.json").read_text("utf-8"))


def _after(fw) -> dict:
    """The same learner later: every statement of levels 1 to 3 rated 3 (met)."""
    answers = dict(BEFORE["answers"])
    for item in fw.items("self_rating"):
        if item["level"] <= 3:
            answers[item["id"]] = 3
    return {**BEFORE, "answers": answers}


@pytest.fixture
def page(browser):
    with watched_context(browser, Traffic(), width=390) as ctx:
        yield ctx.new_page()


def _fill(page, response: dict) -> None:
    for iid, value in {**response["answers"], **response["checks"]}.items():
        page.click(f'label[for="cap-{iid}-{value}"]')
    page.click(f'label[for="cap-profile-{response["profile"]}"]')
    page.click("#capdev-form button[type=submit]")
    page.wait_for_selector("#capdev-keep-before")


def _table(page) -> list[list[str]]:
    return page.evaluate("""() => [...document.querySelectorAll('#capdev-runs-table tbody tr')]
        .map(tr => [...tr.children].map(c => c.innerText.trim()))""")


def _level(fw, t: dict, res: dict) -> str:
    if res["level"] is None:
        return t["insufficient"]
    if res["level"] == 0:
        return t["below_first"]
    return f"{res['level']} — {fw.level_name(res['level'])}"


@pytest.mark.parametrize("lang", LANGS)
def test_before_and_after_runs_compare_per_competence(page, base_url, axe_source, lang):
    fw, t = framework_for(ROOT, lang), strings(lang)
    after = _after(fw)
    page.goto(lang_root(base_url, lang) + PAGES["assessment"])
    banked = page.locator(".capdev-item-from").count()
    assert banked == sum(1 for it in fw.items("knowledge_check") if it.get("lesson")) > 0
    _fill(page, BEFORE)
    assert page.locator(".capdev-runs").inner_text().count(t["runs_none"]) == 1
    page.click("#capdev-keep-before")
    assert page.locator("#capdev-status").inner_text() == t["run_kept"].format(run=t["run_before"])
    _fill(page, after)
    page.click("#capdev-keep-after")
    rows = _table(page)
    was = score(fw, BEFORE, BEFORE["profile"])["competences"]
    now = score(fw, after, after["profile"])["competences"]
    expected = []
    for b, a in zip(was, now, strict=True):
        change = "—" if None in (b["level"], a["level"]) else f"{'+' if a['level'] > b['level'] else ''}{a['level'] - b['level']}"
        expected.append([f"{b['id']} {fw.competence(b['id'])['title']}", _level(fw, t, b),
                         _level(fw, t, a), change])
    assert rows == expected
    assert any(r[3].startswith("+") for r in rows)  # the after run is a step up somewhere

    page.reload()  # kept in this browser: the comparison comes back with the results
    page.click("#capdev-form button[type=submit]")
    page.wait_for_selector("#capdev-runs-table")
    assert _table(page) == expected
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document.querySelector('.capdev-runs'), "
                           "{resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []

    page.click("#capdev-delete")  # "Delete my answers" forgets the runs too
    runs_key = f"capdev:{fw.key}:runs"
    assert page.evaluate(f"() => localStorage.getItem({json.dumps(runs_key)})") is None
