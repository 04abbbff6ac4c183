"""Self-assessment results that explain themselves (#18.3), on a 320 px phone, in English
and Spanish: while answering, the form counts the questions answered (a polite live region);
the results give the average rating on the scale, not a percentage; they say for every
competence which levels were met, with each statement and its rating, in the very sentences
of the PDF report (capdev.assessment.explain, the Python twin); the chart names the
competences; the study plan of the report is there too; axe-core finds nothing serious;
nothing scrolls sideways; the results print as
a report. Screenshot for review: test-artifacts/screenshots/<lang>-assessment-results-320.png."""

from __future__ import annotations

import json

import pytest

from capdev.assessment import score
from capdev.assessment.explain import average_text, explanation, summary, why
from capdev.assessment.texts import framework_for, module_titles, strings
from tests.browser.conftest import ARTIFACTS, LANGS, PAGES, Traffic, lang_root, watched_context
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.browser
RESPONSE = json.loads((FIXTURES / "assessment" / "responses" / "PX-A01.json")
                      .read_text(encoding="utf-8"))
# 36 statements and 9 knowledge checks in the bundled framework, and the lesson questions
# the question bank adds (capdev.assessment.bank)
QUESTIONS = sum(not it.get("deprecated") for it in framework_for(ROOT, "en").items())

# The explanation as a person reads it: per competence, its summary, each level's line and
# the statements under it.
READ = """() => [...document.querySelectorAll('.capdev-explain-competence')].map(c => ({
  id: c.dataset.competence,
  summary: c.querySelector('.capdev-explain-summary').innerText.trim(),
  levels: [...c.querySelectorAll(':scope > ul > li')].map(li => ({
    text: li.firstChild.textContent.trim(),
    statements: [...li.querySelectorAll('li')].map(s => s.innerText.trim())}))}))"""


@pytest.fixture(scope="module")
def phone(browser):
    with watched_context(browser, Traffic(), width=320) as ctx:
        yield ctx.new_page()


def _answered(page) -> str:
    return page.locator("#capdev-answered").inner_text().strip()


def _answer(page) -> None:
    chosen = {**RESPONSE["answers"], **RESPONSE["checks"]}
    for n, (iid, value) in enumerate(chosen.items(), 1):
        page.click(f'label[for="cap-{iid}-{value}"]')
        if n == 3:  # the count follows each answer
            assert _answered(page) == strings(page.evaluate("document.documentElement.lang"))[
                "answered"].format(n=3, total=QUESTIONS)
    page.click(f'label[for="cap-profile-{RESPONSE["profile"]}"]')


def _expected(lang: str) -> tuple[dict, list[dict]]:
    fw, t = framework_for(ROOT, lang), strings(lang)
    result = score(fw, RESPONSE, RESPONSE["profile"])
    rows = []
    for res in result["competences"]:
        words = explanation(fw, t, res, RESPONSE["answers"])
        rows.append({"id": res["id"],
                     "summary": f"{res['id']} {fw.competence(res['id'])['title']}: "
                                f"{summary(fw, t, res)}",
                     "levels": words["levels"]})
    averages = {r["id"]: average_text(fw, t, r["average"]) for r in result["competences"]}
    return averages, rows


@pytest.mark.parametrize("lang", LANGS)
def test_progress_explanation_chart_at_320_px(phone, base_url, axe_source, lang):
    t, fw = strings(lang), framework_for(ROOT, lang)
    phone.goto(lang_root(base_url, lang) + PAGES["assessment"])
    count = phone.locator("#capdev-answered")
    assert count.get_attribute("aria-live") == "polite"
    assert _answered(phone) == t["answered"].format(n=0, total=QUESTIONS)
    _answer(phone)
    given = len(RESPONSE["answers"]) + len(RESPONSE["checks"])
    assert _answered(phone) == t["answered"].format(n=given, total=QUESTIONS)

    phone.click("#capdev-form button[type=submit]")
    phone.wait_for_selector(".capdev-explain")
    averages, rows = _expected(lang)
    heads = phone.locator(".capdev-results-table thead th").all_inner_texts()
    assert heads[2] == t["col_score"]
    shown = phone.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.capdev-results-table tbody tr')].map(tr => [tr.querySelector('th').innerText.split(' ')[0],
        tr.querySelectorAll('td')[1].innerText.trim()]))""")
    assert shown == averages
    assert not any("%" in v for v in shown.values())  # no percentage that reads as a mark
    assert phone.evaluate(READ) == rows
    assert phone.locator(".capdev-explain > p").first.inner_text() == why(fw, t)
    plan = phone.locator(".capdev-plan li").all_inner_texts()
    titles = module_titles(ROOT, fw, lang)
    assert plan == [f"{titles[p['module']]} ({t[p['relation']]}) — {', '.join(p['competences'])}"
                    for p in score(fw, RESPONSE, RESPONSE["profile"])["plan"]]
    assert plan  # PX-A01 has a gap: the study plan of the PDF report is on the page too

    # the chart names every competence, in type a phone can read
    names = phone.evaluate("""() => {
        const by = {};
        let current = null;
        for (const n of document.querySelectorAll('svg.capdev-chart .capdev-chart-name')) {
          const words = n.textContent;
          if (/^A\\d\\.C\\d /.test(words)) { current = words.split(' ')[0]; by[current] = words; }
          else { by[current] += ' ' + words; }
        }
        return by;
    }""")
    assert names == {r["id"]: f"{r['id']} {fw.competence(r['id'])['title']}" for r in rows}
    height = phone.evaluate("document.querySelector('svg.capdev-chart .capdev-chart-name')"
                            ".getBoundingClientRect().height")
    assert height >= 12, height

    sizes = phone.evaluate("({scroll: document.documentElement.scrollWidth, "
                           "client: document.documentElement.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], sizes
    target = ARTIFACTS / "screenshots" / f"{lang}-assessment-results-320.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    phone.locator("#capdev-results").screenshot(path=str(target))
    assert target.stat().st_size > 5_000
    phone.evaluate(axe_source)
    result = phone.evaluate("async () => await axe.run(document.querySelector('article'), "
                            "{resultTypes: ['violations']})")
    blocking = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
                if v["impact"] in ("serious", "critical")]
    assert blocking == []


@pytest.mark.parametrize("lang", LANGS)
def test_results_print_as_a_report(phone, base_url, lang):
    phone.goto(lang_root(base_url, lang) + PAGES["assessment"])
    _answer(phone)
    phone.click("#capdev-form button[type=submit]")
    phone.wait_for_selector(".capdev-explain")
    phone.emulate_media(media="print")
    try:
        for part in (".capdev-results-meta", ".capdev-results-table", "svg.capdev-chart",
                     ".capdev-explain", ".capdev-plan", "article h1"):
            assert phone.locator(part).first.is_visible(), part
        for gone in ("#capdev-form", "#capdev-answered", ".md-header", "#capdev-print"):
            assert not phone.locator(gone).is_visible(), gone
        meta = phone.locator(".capdev-results-meta").inner_text()
        assert RESPONSE["code"] not in meta  # typed only into the form here: no code given
        assert "digital-government-competences@1.0.0" in meta
    finally:
        phone.emulate_media(media="screen")
