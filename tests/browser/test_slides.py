"""The HTML slide decks (#17 item 3) in Chromium, opened from `file://` as a presenter
without a network opens them: the keyboard advances the slides, the speaker notes are in
the page but not on the slide, nothing is requested off the disk, axe-core finds nothing
serious. A screenshot of each language's second slide goes to test-artifacts/screenshots/."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import ARTIFACTS, LANGS
from tests.conftest import FIXTURES, capdev

pytestmark = pytest.mark.browser
BLOCKING = ("serious", "critical")
LESSON = "01-first-module/01-channels"
SECOND = {"en": "Counters and phones", "es": "Ventanillas y teléfonos"}
THIRD = {"en": "Three rules for the web", "es": "Tres reglas para la web"}
NOTE = {"en": "Ask the group why people queue", "es": "Pregunte al grupo por qué"}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory):
    project = tmp_path_factory.mktemp("slides") / "project"
    shutil.copytree(FIXTURES / "slides", project)
    proc = capdev("slides", LESSON, "--format", "html", "-o", "out", cwd=project)
    assert proc.returncode == 0, proc.stderr
    return project / "out" / "demo"


def _current_title(page) -> str:
    return page.locator(".reveal .slides > section.present h1, "
                        ".reveal .slides > section.present h2").first.inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_deck_advances_with_the_keyboard_from_file(page, decks, traffic, axe_source, lang):
    deck = decks / f"{LESSON}-{lang}.html"
    page.goto(deck.as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("Reveal.getTotalSlides()") == 5
    assert page.evaluate("Reveal.getIndices().h") == 0

    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    assert _current_title(page) == SECOND[lang]
    present = page.locator(".reveal .slides > section.present")
    assert present.is_visible()
    notes = present.locator("aside.notes")
    assert NOTE[lang] in notes.inner_text() and not notes.is_visible()  # for the speaker view
    target = ARTIFACTS / "screenshots" / f"{lang}-slides.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))

    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 2")
    assert _current_title(page) == THIRD[lang]
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("Reveal.getIndices().h === 1")

    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
                if v["impact"] in BLOCKING]
    assert blocking == []
    assert traffic.urls and all(u.startswith("file://") for u in traffic.urls), traffic.urls
    assert traffic.errors == []
