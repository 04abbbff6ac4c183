"""Knowledge checks and lesson progress, used like a learner does, in both languages."""

from __future__ import annotations

import pytest

from capdev.site.labels import label
from tests.browser.conftest import PAGES, lang_root

pytestmark = pytest.mark.browser
MODULE = "courses/digital-government/01-digital-government-and-the-egov-survey/"
LESSON = PAGES["lesson"]
KEY = "digital-government/01-digital-government-and-the-egov-survey/02-the-un-egovernment-survey-and-the-egdi"
assert LESSON.startswith(MODULE)


def _choose(quiz, correct: bool) -> None:
    """Click option labels: one wrong option, or exactly the right ones."""
    inputs, labels = quiz.locator("input"), quiz.locator("label.capdev-quiz__option")
    right = [inputs.nth(i).get_attribute("data-correct") is not None for i in range(inputs.count())]
    if not correct:
        labels.nth(right.index(False)).click()
        return
    for i, is_right in enumerate(right):
        radio = inputs.nth(i).get_attribute("type") == "radio"
        if inputs.nth(i).is_checked() != is_right and (is_right or not radio):
            labels.nth(i).click()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_knowledge_check_wrong_then_right(page, base_url, lang):
    page.goto(lang_root(base_url, lang) + LESSON)
    quiz = page.locator("form[data-capdev-quiz]").first
    status = quiz.locator("[role=status]")
    assert status.get_attribute("aria-live") == "polite" and status.inner_text() == ""
    _choose(quiz, correct=False)
    quiz.locator("button[type=submit]").click()
    assert status.inner_text() == quiz.get_attribute("data-wrong-text") == label(lang, "quiz_wrong")
    assert status.get_attribute("data-state") == "bad"
    assert not quiz.locator("details").evaluate("d => d.open")
    _choose(quiz, correct=True)
    quiz.locator("button[type=submit]").click()
    assert status.inner_text() == quiz.get_attribute("data-correct-text")
    assert status.get_attribute("data-state") == "ok"
    assert quiz.locator("details").evaluate("d => d.open")  # the explanation is now shown
    assert status.inner_text() == label(lang, "quiz_correct")  # in the page's language


@pytest.mark.parametrize("lang", ["en", "es"])
def test_mark_complete_shows_on_module_and_course_pages(page, base_url, lang):
    root = lang_root(base_url, lang)
    page.goto(root + MODULE + "index.html")
    done = page.locator(f'.capdev-done[data-capdev-lesson="{KEY}"]')
    assert done.get_attribute("data-done") == "false"

    page.goto(root + LESSON)
    button = page.locator(".capdev-progress button")
    before = button.inner_text()
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert button.inner_text() == button.get_attribute("data-label-done") != before

    page.goto(root + MODULE + "index.html")
    assert done.get_attribute("data-done") == "true"
    assert "✓" in done.evaluate("el => getComputedStyle(el, '::after').content")
    others = page.locator('.capdev-done[data-done="true"]')
    assert others.count() == 1  # only the lesson marked

    page.goto(root + "courses/digital-government/index.html")
    progress = page.locator(f'.capdev-module-progress[data-capdev-lessons~="{KEY}"]')
    total = len(progress.get_attribute("data-capdev-lessons").split())
    assert progress.inner_text().strip() == f"1/{total} ✓"

    # the other language shares the same progress (same lesson, same key)
    other = lang_root(base_url, "es" if lang == "en" else "en")
    page.goto(other + MODULE + "index.html")
    assert done.get_attribute("data-done") == "true"

    # unmarking takes it back off
    page.goto(root + LESSON)
    button.click()
    assert button.get_attribute("aria-pressed") == "false" and button.inner_text() == before
    page.goto(root + MODULE + "index.html")
    assert done.get_attribute("data-done") == "false"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_course_page_exports_imports_and_clears_progress(page, base_url, lang, tmp_path):
    root = lang_root(base_url, lang)
    page.goto(root + LESSON)
    page.locator(".capdev-progress button").click()
    page.goto(root + "courses/digital-government/index.html")
    panel = page.locator(".capdev-progress-panel")
    count = panel.locator(".capdev-progress-count")
    total = len(count.get_attribute("data-capdev-lessons").split())
    assert count.inner_text() == label(lang, "progress_done", n=1, total=total)

    with page.expect_download() as info:
        panel.locator("[data-capdev-progress=export]").click()
    saved = tmp_path / "progress.json"
    info.value.save_as(saved)
    assert KEY in saved.read_text()

    panel.locator("[data-capdev-progress=clear]").click()
    assert count.inner_text() == label(lang, "progress_done", n=0, total=total)
    assert panel.locator("[role=status]").inner_text() == label(lang, "progress_cleared")

    panel.locator("[data-capdev-progress=import]").set_input_files(str(saved))
    page.wait_for_function("document.querySelector('.capdev-progress-status').textContent !== ''"
                           " && document.querySelector('.capdev-progress-status').textContent"
                           f" === {label(lang, 'progress_loaded')!r}")
    assert count.inner_text() == label(lang, "progress_done", n=1, total=total)
    panel.locator("[data-capdev-progress=clear]").click()  # leave no state for other tests
