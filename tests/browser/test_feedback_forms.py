"""The feedback and consultation forms of the built site (#17.5), answered like a person
in English and Spanish: required questions left out are announced and marked; the answers
survive a reload (localStorage) and download as a JSON file that capdev's own reader
accepts; the page prints the free-text answers; axe-core finds nothing serious and
nothing scrolls sideways at 320 px. Screenshots: test-artifacts/screenshots/<lang>-form-<id>.png.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capdev.feedback.responses import parse_response
from capdev.feedback.texts import load_forms, strings
from capdev.sources.forms import choices
from tests.browser.conftest import ARTIFACTS, LANGS, Traffic, lang_root, watched_context
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
FORMS = load_forms(ROOT, "en")
CASES = [(lang, form) for form in sorted(FORMS) for lang in LANGS]
WRITTEN = {"en": "Synthetic answer written by the browser test.",
           "es": "Respuesta sintética escrita por la prueba del navegador."}


@pytest.fixture(scope="module")
def phone(browser):
    with watched_context(browser, Traffic(), width=320) as ctx:
        yield ctx.new_page()


def _open(page, base_url: str, lang: str, form_id: str) -> None:
    response = page.goto(lang_root(base_url, lang) + f"forms/{form_id}/index.html")
    assert response is not None and response.ok
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.evaluate("document.documentElement.lang") == lang


def _choose(form_id: str, lang: str) -> dict:
    """The answers the test gives: the last point or option, two options of a multiple
    question, a sentence for text; what the file must then hold."""
    out = {}
    for q in FORMS[form_id].questions:
        values = [v for v, _label in choices(q)]
        out[q["id"]] = (WRITTEN[lang] if q["type"] == "text" else
                        values[:2] if q["type"] == "multiple" else values[-1])
    return out


def _fill(page, answers: dict) -> None:
    for qid, value in answers.items():
        if isinstance(value, str) and " " in value:
            page.fill(f"#fbq-{qid}-input", value)
        else:
            for v in value if isinstance(value, list) else [value]:
                page.click(f'label[for="fbq-{qid}-{v}"]')


def _no_sideways_scroll(page) -> None:
    sizes = page.evaluate("({scroll: document.documentElement.scrollWidth, "
                          "client: document.documentElement.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], sizes


def _settled(page) -> None:
    """Wait until focusing the error summary has finished scrolling: axe measures colour
    contrast where things are, and a half-scrolled page puts links under the header."""
    page.evaluate("""() => new Promise(done => {
        let last = -1, still = 0;
        const tick = () => {
            still = window.scrollY === last ? still + 1 : 0;
            last = window.scrollY;
            still >= 5 ? done() : requestAnimationFrame(tick);
        };
        tick();
    })""")


def _axe(page, axe_source: str) -> None:
    _settled(page)
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [(v["id"], [(n["target"], n.get("failureSummary")) for n in v["nodes"][:3]])
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")]
    assert blocking == []


@pytest.mark.parametrize(("lang", "form_id"), CASES)
def test_fill_and_export(phone, base_url, axe_source, lang, form_id, tmp_path):
    page, t, form = phone, strings(lang), load_forms(ROOT, lang)[form_id]
    _open(page, base_url, lang, form_id)
    assert page.locator(".capdev-report").count() == 0  # no address configured: no link
    assert page.locator("fieldset.fb-question legend").count() == sum(
        1 for q in form.questions if q["type"] != "text")
    assert page.locator(".fb-text textarea").count() == sum(
        1 for q in form.questions if q["type"] == "text")

    # nothing answered: the required questions are listed, announced, marked, focused
    page.click("#fb-export")
    required = [q for q in form.questions if q.get("required")]
    errors = page.locator("#fb-error-list li").all_inner_texts()
    assert errors == [t["error_required"].format(q=q["text"]) for q in required]
    assert page.get_attribute("#fb-error", "role") == "alert"
    assert page.evaluate("document.activeElement.id") == "fb-error"
    first = required[0]["id"]
    assert page.get_attribute(f'[name="{first}"] >> nth=0', "aria-invalid") == "true"
    assert page.locator(f"#fbq-{first}-error").is_visible()
    _no_sideways_scroll(page)
    _axe(page, axe_source)

    answers = _choose(form_id, lang)
    _fill(page, answers)
    page.reload()  # kept in this browser, and restored
    assert page.locator("#fb-status").inner_text() == t["restored"]
    assert page.is_checked(f"#fbq-{first}-{answers[first]}")

    with page.expect_download() as info:
        page.click("#fb-export")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name.startswith(f"{form_id}-{lang}-") and saved.suffix == ".json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["form"], data["version"], data["language"]) == (form_id, form.version, lang)
    assert data["submitted"].endswith("Z") and data["answers"] == answers
    response, findings = parse_response(FORMS, None, saved.read_text(encoding="utf-8"), "x")
    assert findings == [] and response is not None
    assert page.locator("#fb-error").is_hidden()
    assert t["exported"].format(file=saved.name) == page.locator("#fb-status").inner_text()

    page.emulate_media(media="print")  # the printable copy shows what was written
    text_q = next(q["id"] for q in form.questions if q["type"] == "text")
    assert page.locator(f"#fbq-{text_q} .fb-print-text").inner_text() == WRITTEN[lang]
    assert page.locator(f"#fbq-{text_q}-input").is_hidden()
    page.emulate_media(media="screen")

    _no_sideways_scroll(page)
    _axe(page, axe_source)
    target = ARTIFACTS / "screenshots" / f"{lang}-form-{form_id}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert Path(target).stat().st_size > 5_000

    page.click("#fb-delete")
    assert page.locator("#fb-status").inner_text() == t["deleted"]
    assert page.evaluate(f"localStorage.getItem('capdev:form:{form_id}@{form.version}')") is None
