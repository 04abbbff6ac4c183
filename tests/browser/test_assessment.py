"""The self-assessment page of the built site, answered like a person in both languages.

The answer sets are those of the scoring vectors (tests/fixtures/assessment/vectors.json,
written for a small fixture framework) carried over to the real framework: the same
answers on the item ids that exist in both, fixture profiles mapped to real ones; plus
the synthetic response PX-A01. The page must show, for every competence, the level, score,
target, gap and recommended modules that the Python scorer (capdev.assessment.score) gives.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from capdev.assessment import score
from capdev.assessment.explain import average_text
from capdev.assessment.texts import framework_for, module_titles, strings
from tests.browser.conftest import lang_root
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.browser
ASSESS = FIXTURES / "assessment"
# fixture profiles → real profiles with the same role in the vectors (high targets, some targets)
PROFILES = {"p-high": "service-and-ict-managers", "p-partial": "front-line-and-311-staff"}
KEY = "capdev:digital-government-competences@1.0.0"
PX = json.loads((ASSESS / "responses" / "PX-A01.json").read_text(encoding="utf-8"))


def _cases() -> list[dict]:
    fw = framework_for(ROOT, "en")
    items = {it["id"]: it for it in fw.items()}
    options = {i: {o["id"] for o in it.get("options", [])} for i, it in items.items()}
    vectors = json.loads((ASSESS / "vectors.json").read_text(encoding="utf-8"))["vectors"]
    out = []
    for v in vectors:
        answers = {k: (a if a == "na" else int(a)) for k, a in v["response"]["answers"].items()
                   if k in items and items[k]["type"] == "self_rating"}
        checks = {k: a for k, a in v["response"]["checks"].items() if a in options.get(k, ())}
        out.append({"name": v["name"], "profile": PROFILES.get(v["profile"]),
                    "answers": answers, "checks": checks})
    out.append({"name": "PX-A01 (synthetic)", "profile": PX["profile"], "answers": PX["answers"],
                "checks": PX["checks"]})
    return out


CASES = _cases()


def answer(page, case: dict, quick: bool = False) -> None:
    """Click the label of every chosen option; `quick` clicks them from inside the page
    (the same click events, without Playwright's per-click round trips)."""
    labels = [f"cap-{iid}-{value}" for iid, value in {**case["answers"], **case["checks"]}.items()]
    labels.append(f"cap-profile-{case['profile'] or 'none'}")
    if quick:
        page.evaluate("ids => ids.forEach(id => document.querySelector(`label[for='${id}']`).click())",
                      labels)
    else:
        for target in labels:
            page.click(f'label[for="{target}"]')


def shown(page) -> dict[str, dict]:
    """The results table as a person reads it (one round trip: rendered text and links)."""
    rows = page.evaluate("""() => [...document.querySelectorAll('.capdev-results-table tbody tr')]
      .map(tr => {
        const cells = [...tr.querySelectorAll('td')].map(td => td.innerText.trim());
        return {id: tr.querySelector('th').innerText.split(' ')[0], level: cells[0],
                flag: tr.querySelectorAll('.capdev-flag').length === 1,
                numbers: cells.slice(1, 4), modules: cells[4],
                links: [...tr.querySelectorAll('td a')].map(a => [a.textContent, a.href])};
      })""")
    return {row.pop("id"): row for row in rows}


def expected(lang: str, case: dict, page_url: str) -> dict[str, dict]:
    fw = framework_for(ROOT, lang)
    t, titles = strings(lang), module_titles(ROOT, fw, lang)
    base = page_url.rsplit("/", 2)[0] + "/courses/digital-government/"
    response = {"answers": case["answers"], "checks": case["checks"]}
    out = {}
    for r in score(fw, response, case["profile"])["competences"]:
        level = (t["insufficient"] if r["level"] is None else t["below_first"] if r["level"] == 0
                 else f"{r['level']} — {fw.level_name(r['level'])}")
        pct = average_text(fw, t, r["average"])
        out[r["id"]] = {
            "level": level, "flag": r["optimistic"],
            "numbers": [pct, "—" if r["target"] is None else str(r["target"]),
                        "—" if r["gap"] is None else str(r["gap"])],
            "links": [[titles[m["module"]], f"{base}{m['module']}/index.html"]
                      for m in r["modules"]],
            "relations": [t[m["relation"]] for m in r["modules"]],
            "none": t["no_modules"] if r["status"] == "ok" else t["answer_more"]}
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_results_match_python_scoring(page, base_url, lang):
    url = lang_root(base_url, lang) + "assessment/index.html"
    linked: set[str] = set()
    for case in CASES:
        page.goto(url)
        answer(page, case, quick=True)
        page.click("#capdev-form button[type=submit]")
        page.wait_for_selector(".capdev-results-table")
        got, want = shown(page), expected(lang, case, page.url)
        assert list(got) == list(want), case["name"]
        for cid, exp in want.items():
            row, where = got[cid], f"{case['name']} / {cid}"
            assert row["level"].startswith(exp["level"]), (where, row)
            assert row["flag"] == exp["flag"], where
            assert row["numbers"] == exp["numbers"], (where, row)
            assert row["links"] == exp["links"], (where, row)
            if exp["links"]:
                assert all(f"({rel})" in row["modules"] for rel in exp["relations"]), where
            else:
                assert row["modules"] == exp["none"], (where, row)
            linked.update(href for _, href in row["links"])
        assert page.locator("#capdev-status[role=status]").inner_text().strip()
    assert linked, "no case produced a recommendation"
    for href in sorted(linked):  # every recommended module page exists on the site
        with urllib.request.urlopen(href) as resp:  # 127.0.0.1 only
            assert resp.status == 200, href


@pytest.mark.parametrize("lang", ["en", "es"])
def test_remember_reload_export_delete(page, base_url, lang, tmp_path: Path):
    page.goto(lang_root(base_url, lang) + "assessment/index.html")
    case = CASES[-1]
    answer(page, case)
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None  # nothing kept unless asked
    page.click('label[for="capdev-remember"]')
    assert page.locator("#capdev-status").inner_text() == strings(lang)["remember_on"]
    page.reload()
    assert page.is_checked("#capdev-remember")
    for iid, value in {**case["answers"], **case["checks"]}.items():
        assert page.is_checked(f'[id="cap-{iid}-{value}"]'), iid
    assert page.locator("#capdev-status").inner_text() == strings(lang)["restored"]

    with page.expect_download() as download:
        page.click("#capdev-export")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["answers"] == case["answers"] and exported["checks"] == case["checks"]
    assert exported["profile"] == case["profile"] and exported["lang"] == lang
    assert exported["framework"] == "digital-government-competences"

    page.click("#capdev-delete")
    assert page.locator("#capdev-status").inner_text() == strings(lang)["deleted"]
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert page.locator("#capdev-form input[type=radio]:checked").count() <= 1  # at most "none"
    page.reload()
    assert not page.is_checked("#capdev-remember")
    assert not page.is_checked(f'[id="cap-{next(iter(case["answers"]))}-{next(iter(case["answers"].values()))}"]')
