"""The self-assessment page: staged files, then the real page in MkDocs + Chromium.

The browser test answers the page like a person (clicking labels), and checks that the
levels, scores, targets, gaps and module links it shows are those the Python scorer gives
for the same answers; that no request leaves the page; and that storage, export, import,
delete and print behave as the page promises.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from capdev.assessment import score, stage
from capdev.assessment.explain import average_text
from capdev.assessment.texts import framework_for, strings

ROOT = Path(__file__).parents[1]
FIX = Path(__file__).parent / "fixtures" / "assessment"
RESPONSE = json.loads((FIX / "responses" / "PX-A01.json").read_text(encoding="utf-8"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _embedded(md: str, ident: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{ident}">(.*?)</script>', md, re.S)
    assert match, ident
    return json.loads(match.group(1).replace("<\\/", "</"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_stage_writes_page_assets_and_questionnaire(tmp_path, lang):
    written = stage(ROOT, lang, tmp_path)
    rel = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert rel == ["assessment/index.md", f"assessment/questionnaire-{lang}.pdf",
                   "assets/capdev/assessment.css", "assets/capdev/assessment.js"]
    md = (tmp_path / "assessment" / "index.md").read_text(encoding="utf-8")
    assert md.startswith("---\ntitle: ")
    fw = _embedded(md, "capdev-framework")
    assert fw["language"] == lang and fw["id"] == "digital-government-competences"
    assert _embedded(md, "capdev-strings")["lang"] == lang
    assert '<script src="../assets/capdev/assessment.js"></script>' in md
    assert 'data-module-base="../courses/digital-government/"' in md
    h1 = "# Competence self-assessment" if lang == "en" else "# Autoevaluación de competencias"
    assert h1 in md and "Ley 81" in md or "Law 81" in md
    assert "\n\n" not in md.split("<div class=\"capdev-assessment\"", 1)[1].strip()


def test_page_script_makes_no_requests_and_sets_no_cookies():
    js = (ROOT / "capdev" / "assessment" / "static" / "assessment.js").read_text()
    js = re.sub(r"/\*.*?\*/", "", js, flags=re.S)  # comments may name what the code avoids
    js = js.replace('"http://www.w3.org/2000/svg"', "")  # an XML namespace, not a request
    for forbidden in ("fetch(", "XMLHttpRequest", "document.cookie", "sendBeacon", "WebSocket",
                      "import(", "http://", "https://"):
        assert forbidden not in js, forbidden


def _build_site(tmp_path: Path, lang: str) -> Path:
    docs = tmp_path / lang / "docs"
    stage(ROOT, lang, docs, questionnaire=False)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    cfg = tmp_path / lang / "mkdocs.yml"
    cfg.write_text(
        "site_name: capdev assessment test\nuse_directory_urls: false\n"
        f"theme:\n  name: material\n  font: false\n  language: {lang}\n"
        "markdown_extensions: [attr_list, md_in_html, admonition]\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)],
                   check=True, capture_output=True, timeout=300)
    return tmp_path / lang / "site" / "assessment" / "index.html"


def _answer(page, response: dict) -> None:
    for iid, value in {**response["answers"], **response["checks"]}.items():
        page.click(f'label[for="cap-{iid}-{value}"]')
    page.click(f'label[for="cap-profile-{response["profile"]}"]')
    page.fill("#capdev-code", response["code"])


def _table(page) -> dict[str, list[str]]:
    rows = {}
    for tr in page.query_selector_all(".capdev-results-table tbody tr"):
        cid = tr.query_selector("th").inner_text().split(" ")[0]
        cells = [td.inner_text().strip() for td in tr.query_selector_all("td")]
        links = [a.get_attribute("href") for a in tr.query_selector_all("a")]
        rows[cid] = cells + links
    return rows


def _expected(lang: str) -> dict[str, list[str]]:
    fw = framework_for(ROOT, lang)
    result = score(fw, RESPONSE, RESPONSE["profile"])
    t = {"en": ("Not enough answers", "None needed", "Answer more statements"),
         "es": ("Respuestas insuficientes", "No se necesita ninguno", "Responda más")}[lang]
    out = {}
    for r in result["competences"]:
        level = t[0] if r["level"] is None else (
            f"{r['level']} — {fw.level_name(r['level'])}" if r["level"] else None)
        out[r["id"]] = {"level": level, "score": average_text(fw, strings(lang), r["average"]),
                        "target": str(r["target"]), "gap": "—" if r["gap"] is None else str(r["gap"]),
                        "links": [f"../courses/digital-government/{m['module']}/index.html"
                                  for m in r["modules"]], "optimistic": r["optimistic"]}
    return out


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "es"])
def test_page_in_chromium_matches_python_scoring(tmp_path, lang):
    from playwright.sync_api import sync_playwright

    index = _build_site(tmp_path, lang)
    html = index.read_text(encoding="utf-8")
    assert 'id="capdev-framework"' in html and "<fieldset" in html
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(index.as_uri())
        key = "capdev:digital-government-competences@1.0.0"
        _answer(page, RESPONSE)
        assert page.evaluate(f"localStorage.getItem('{key}')") is None  # nothing kept by default
        page.click("button[type=submit]")
        page.wait_for_selector(".capdev-results-table")
        got, expected = _table(page), _expected(lang)
        assert set(got) == set(expected)
        for cid, exp in expected.items():
            cells = got[cid]
            if exp["level"]:
                assert cells[0].startswith(exp["level"]), (cid, cells)
            assert cells[1:4] == [exp["score"], exp["target"], exp["gap"]], (cid, cells)
            assert cells[5:] == exp["links"], (cid, cells)
            assert ("⚠" in cells[0] or "optimist" in cells[0]) == exp["optimistic"], cells
        assert page.inner_text("#capdev-status")
        assert page.query_selector("svg.capdev-chart title") is not None
        feedback = page.inner_text(".capdev-feedback")
        assert feedback.count("A1.C1.k1") == 1 and len(page.query_selector_all(".capdev-feedback li")) == 3

        # a malformed pseudonymous code is caught before export (it would fail validation)
        page.fill("#capdev-code", "x")
        page.click("#capdev-export")
        assert page.is_visible("#capdev-error")
        page.fill("#capdev-code", RESPONSE["code"])

        # export: the downloaded file holds exactly the answers given
        with page.expect_download() as dl:
            page.click("#capdev-export")
        exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
        assert not page.is_visible("#capdev-error")
        for k in ("answers", "checks", "profile", "code", "framework", "version"):
            assert exported[k] == RESPONSE[k], k

        # remember on → stored; reload → restored; delete → gone
        page.click('label[for="capdev-remember"]')
        stored = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
        assert stored["answers"] == RESPONSE["answers"]
        page.reload()
        assert page.is_checked('#cap-A1\\.C1\\.i1-3')
        page.click("#capdev-delete")
        assert page.evaluate(f"localStorage.getItem('{key}')") is None
        assert not page.is_checked('#cap-A1\\.C1\\.i1-3')

        # import the fixture file into the empty page → same results
        page.set_input_files("#capdev-import", str(FIX / "responses" / "PX-A01.json"))
        page.wait_for_selector(".capdev-results-table")
        assert _table(page) == got

        # print with results shown: the report (who, table, chart, how each level was
        # reached), not the questions again, no buttons
        page.emulate_media(media="print")
        for shown in (".capdev-results-meta", ".capdev-results-table", "svg.capdev-chart",
                      ".capdev-explain"):
            assert page.is_visible(shown), shown
        assert not page.is_visible('label[for="cap-A1.C1.i1-3"]')
        assert not page.is_visible("#capdev-export")
        # print without results: the chosen answers only
        page.emulate_media(media="screen")
        page.click("#capdev-delete")
        page.click('label[for="cap-A1.C1.i1-3"]')
        page.emulate_media(media="print")
        assert page.is_visible('label[for="cap-A1.C1.i1-3"]')
        assert not page.is_visible('label[for="cap-A1.C1.i1-0"]')
        assert not page.is_visible("#capdev-export")
        browser.close()
    assert errors == []
    leaving = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    assert leaving == []
