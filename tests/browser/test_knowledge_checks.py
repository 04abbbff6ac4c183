"""Knowledge checks, second version (#18.1), used like a learner does, in both languages.

A multi-question check of a bundled lesson is answered wrongly, by keyboard for its first
question, then rightly: the feedback of the options chosen appears under them in the
page's language, the score is announced, focus goes to the first question still wrong,
local progress records the result, and axe-core finds nothing serious on the answered page.
The expected texts are read from the lesson and its catalog, not copied here.
"""

from __future__ import annotations

import json
import re

import polib
import pytest

from capdev.site.knowledge import Question, checks
from capdev.site.labels import label
from tests.browser.conftest import ARTIFACTS, lang_root
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SOURCE = "courses/digital-government/03-single-window-and-digital-transactions/02-interoperability.md"
PAGE = SOURCE.removesuffix(".md") + ".html"
CATALOG = ROOT / "translations" / "es" / (SOURCE + ".po")
BLOCKING = {"serious", "critical"}


def _questions() -> tuple[Question, ...]:
    return checks((ROOT / SOURCE).read_text("utf-8"))[0].questions


def _words(text: str, lang: str) -> str:
    """What the reader sees of a Markdown paragraph (in the page's language), whitespace
    folded: the catalog's msgstr for Spanish."""
    joined = " ".join(text.split())
    if lang == "es":
        entry = polib.pofile(str(CATALOG)).find(joined)
        assert entry is not None and entry.msgstr, joined
        joined = entry.msgstr
    return re.sub(r"[*_`]", "", " ".join(joined.split()))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _why(form, q: int, o: int):
    return form.locator(f"#{form.get_attribute('id')}-q{q}-o{o}-why")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_multi_question_check_wrong_then_right(page, base_url, axe_source, lang):
    questions = _questions()
    assert len(questions) == 3 and {q.type for q in questions} == {"single", "multiple",
                                                                   "true-false"}
    page.goto(lang_root(base_url, lang) + PAGE)
    form = page.locator("form[data-capdev-quiz]").first
    fid = form.get_attribute("id")
    status = form.locator("[role=status]")
    fieldsets = form.locator("fieldset")
    assert fieldsets.count() == 3 and status.get_attribute("aria-live") == "polite"
    assert form.locator("fieldset > legend").count() == 3
    # the situation of the scenario question is read before, and with, its question
    situation = form.locator(f"#{fid}-q1-situation")
    assert _flat(situation.inner_text()) == _words(questions[0].situation, lang)
    assert f"{fid}-q1-situation" in fieldsets.nth(0).get_attribute("aria-describedby")
    assert _words(questions[0].prompt, lang) in _flat(fieldsets.nth(0).locator("legend").inner_text())
    assert form.locator(".capdev-quiz__why:visible").count() == 0  # nothing given away

    # wrongly: question 1 by keyboard (Space picks the first option, ↓ moves to the next:
    # "Organisational", wrong), question 2 half right, question 3 right
    form.locator(f"#{fid}-q1-o0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert form.locator(f"#{fid}-q1-o1").is_checked()
    labels = form.locator("label.capdev-quiz__option")
    q2 = fieldsets.nth(1).locator("label.capdev-quiz__option")
    q2.nth(0).click()  # right
    q2.nth(1).click()  # wrong
    fieldsets.nth(2).locator("label.capdev-quiz__option").nth(1).click()  # False: right
    form.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")

    score = label(lang, "quiz_score").format(n=1, total=3)
    assert status.inner_text() == f"{label(lang, 'quiz_wrong')} {score}"
    assert status.get_attribute("data-state") == "bad"
    assert page.evaluate("document.activeElement.id") == f"{fid}-q1"  # first still wrong
    chosen = _why(form, 1, 1)
    assert chosen.is_visible()
    assert _flat(chosen.inner_text()) == _flat(
        label(lang, "quiz_option_wrong") + " " + _words(questions[0].options[1].feedback, lang))
    assert form.locator(f"#{fid}-q1-o1").get_attribute("aria-describedby") == f"{fid}-q1-o1-why"
    assert not _why(form, 1, 2).is_visible()  # the right answer, not chosen: still hidden
    assert _why(form, 2, 0).is_visible() and _why(form, 2, 1).is_visible()
    assert _flat(_why(form, 2, 0).inner_text()).startswith(label(lang, "quiz_option_right"))
    assert form.locator(f"#{fid}-q2-result").inner_text() == label(lang, "quiz_question_bad")
    assert form.locator(f"#{fid}-q3-result").inner_text() == label(lang, "quiz_question_ok")
    assert not form.locator("details").evaluate("d => d.open")

    # rightly: exactly the correct options of every question
    inputs = form.locator("input")
    for i in range(inputs.count()):
        box = inputs.nth(i)
        right = box.get_attribute("data-correct") is not None
        if box.is_checked() != right and (right or box.get_attribute("type") == "checkbox"):
            labels.nth(i).click()
    form.locator("button[type=submit]").click()
    score = label(lang, "quiz_score").format(n=3, total=3)
    assert status.inner_text() == f"{label(lang, 'quiz_correct')} {score}"
    assert status.get_attribute("data-state") == "ok"
    assert form.locator(".capdev-quiz__why:visible").count() == sum(
        1 for q in questions for o in q.options if o.feedback)  # every option now explained
    assert _flat(_why(form, 1, 2).inner_text()) == _flat(
        label(lang, "quiz_option_right") + " " + _words(questions[0].options[2].feedback, lang))
    assert form.locator("details").evaluate("d => d.open")

    # local progress: the result under the check's id, the same id in both languages
    saved = json.loads(page.evaluate("localStorage.getItem('capdev:checks')"))
    assert saved[fid]["score"] == 3 and saved[fid]["total"] == 3 and saved[fid]["passed"]
    assert saved[fid]["attempts"] == 2
    assert saved[fid]["competences"] == {"A2.C2": {"right": 3, "of": 3}}
    exported = json.loads(page.evaluate("window.capdevProgress.export()"))
    assert exported["checks"][fid]["passed"] is True

    target = ARTIFACTS / "screenshots" / f"{lang}-knowledge-check.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    form.screenshot(path=str(target))
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [(v["id"], [n["target"] for n in v["nodes"]][:4], v["nodes"][0]["failureSummary"][:300])
                for v in result["violations"] if v["impact"] in BLOCKING]
    assert blocking == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_single_question_check_keeps_its_first_version_behaviour(page, base_url, lang):
    """A bundled one-question check is unchanged for the learner: one fieldset, the
    status says only right or wrong, no score."""
    page.goto(lang_root(base_url, lang)
              + "courses/digital-government/01-digital-government-and-the-egov-survey/"
              "01-why-digital-government-matters.html")
    form = page.locator("form[data-capdev-quiz]").first
    assert form.locator("fieldset").count() == 1
    form.locator("button[type=submit]").click()  # nothing chosen
    assert form.locator("[role=status]").inner_text() == label(lang, "quiz_wrong")
    assert form.locator(".capdev-quiz__result").inner_text() == label(lang, "quiz_unanswered")
