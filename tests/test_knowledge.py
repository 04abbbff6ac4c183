"""Knowledge checks as data (#18.1): what capdev.site.knowledge reads from a page, against
the expected reading kept beside it, and what capdev.site.quiz renders from it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from capdev.site import quiz
from capdev.site.knowledge import Check, checks
from capdev.site.labels import label

HERE = Path(__file__).parent / "fixtures" / "quiz"
PAGE = (HERE / "check.md").read_text("utf-8")


def as_data(found: list[Check]) -> list[dict]:
    out = []
    for c in found:
        questions = []
        for q in c.questions:
            d: dict = {"line": q.line, "type": q.type, "prompt": q.prompt}
            if q.situation:
                d["situation"] = q.situation
            if q.competence:
                d["competence"] = q.competence
            d["options"] = [{"line": o.line, "correct": o.correct, "text": o.text,
                             **({"feedback": o.feedback} if o.feedback else {})}
                            for o in q.options]
            if q.explanation:
                d["explanation"] = q.explanation
            questions.append(d)
        out.append({"lines": [c.start + 1, c.end], "questions": questions})
    return out


def test_reading_matches_the_expected_data() -> None:
    want = yaml.safe_load((HERE / "check.yml").read_text("utf-8"))
    assert as_data(checks(PAGE)) == want


def test_rendering_one_form_per_check_one_fieldset_per_question() -> None:
    html = quiz.convert(PAGE, "es", "page")
    forms = re.findall(r"<form .*?</form>", html, re.S)
    assert [f.count("<fieldset") for f in forms] == [2, 1]
    assert "/// quiz | Inside a code fence: not a check" in html  # code stays code
    assert html.count("/// quiz") == 1
    first = forms[0]
    assert 'data-capdev-check="quiz-page-1"' in first and 'data-competence="A2.C2"' in first
    assert label("es", "quiz_check_all") in first and label("es", "quiz_option_right") in first
    assert 'aria-describedby="quiz-page-1-q1-situation quiz-page-1-q1-hint"' in first
    assert first.count(" hidden>") == 2  # option feedback waits for the learner
    assert 'type="checkbox"' in forms[1] and 'type="radio"' not in forms[1]
    assert "\n\n" not in first  # one HTML block for Python-Markdown


def test_a_page_without_checks_is_unchanged() -> None:
    text = "# Title\n\nNo check here.\n"
    assert quiz.convert(text, "en", "page") == text
