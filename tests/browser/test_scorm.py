"""The SCORM 1.2 package of the bundled course in a real SCORM 1.2 runtime (#17.4).

scorm-again (npm, pinned in package-lock.json) mounts its Scorm12API as `window.API` in a
test platform page (tests/data/scorm/host.html) that frames a SCO of the package unzipped
and served on 127.0.0.1, as an LMS would. A learner reads a lesson, answers its knowledge
checks wrongly then rightly and moves on; the test asserts what the runtime recorded,
then resumes in a fresh browser profile from that record alone. No request leaves the host.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from tests.browser.conftest import _serve, unavailable, watched_context
from tests.conftest import ROOT, capdev

pytestmark = pytest.mark.browser
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
HOST = ROOT / "tests" / "data" / "scorm" / "host.html"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture(scope="module")
def platform(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The test platform's folder, served: host.html, the runtime and, per language, the
    package unzipped under <lang>/pkg/ (exported from the browser suite's built site)."""
    if not RUNTIME.is_file():
        unavailable("scorm-again is missing: run `npm ci`")
    folder = tmp_path_factory.mktemp("lms")
    out = folder / "packages"
    capdev("export", "scorm", "digital-government", "--site-dir", str(site_dir), "-o", str(out),
           cwd=ROOT, check=True)
    for lang in ("en", "es"):
        (folder / lang).mkdir()
        shutil.copy(HOST, folder / lang / "host.html")
        shutil.copy(RUNTIME, folder / lang / RUNTIME.name)
        with zipfile.ZipFile(out / f"digital-government-scorm12-{lang}.zip") as zf:
            zf.extractall(folder / lang / "pkg")
    for url in _serve(folder):
        yield url, folder


def _scos(pkg: Path) -> list[tuple[str, int | None, str]]:
    """(launch href, mastery score, lesson page) of every SCO, in the manifest's order."""
    root = ET.parse(pkg / "imsmanifest.xml").getroot()
    hrefs = {r.get("identifier"): r.get("href") for r in root.iter(f"{CP}resource")}
    found = []
    for item in root.iter(f"{CP}item"):
        if ref := item.get("identifierref"):
            launch = (pkg / unquote(hrefs[ref])).read_text("utf-8")
            page = launch.split('data-page="', 1)[1].split('"', 1)[0]
            mastery = item.findtext(f"{ADLCP}masteryscore")
            found.append((hrefs[ref], int(mastery) if mastery else None, unquote(page)))
    return found


def _open(page, base: str, href: str, mastery: int | None, lesson: str):
    page.goto(f"{base}host.html?sco={quote(href)}&mastery={mastery or ''}")
    page.wait_for_function("window.calls && window.calls.indexOf('LMSInitialize') >= 0")
    return _lesson_frame(page, lesson)


def _lesson_frame(page, path: str):
    page.wait_for_function(
        """path => { const f = document.getElementById('lms-sco').contentDocument
                              .getElementById('capdev-sco').contentWindow;
                     return f.location.pathname.endsWith('/' + path) && f.capdevProgress
                            && f.document.readyState === 'complete'; }""", arg=quote(path))
    return next(f for f in page.frames if f.url.split("#")[0].endswith("/" + quote(path)))


def _answer(frame, right: bool) -> None:
    """Every knowledge check of the page: its right options only, or one wrong option."""
    for form in frame.locator("form[data-capdev-quiz]").all():
        for question in form.locator(".capdev-quiz__question").all():
            for label in question.locator("label.capdev-quiz__option").all():
                if label.locator("input").is_checked():
                    label.click()  # a checkbox left from the first answer
            options = question.locator("label.capdev-quiz__option")
            if right:
                for label in options.all():
                    if label.locator("input[data-correct]").count():
                        label.click()
            else:
                options.filter(has=frame.locator("input:not([data-correct])")).first.click()
        form.locator("button[type=submit]").click()


def _cmi(page) -> dict:
    return page.evaluate("window.recorded()")


def _leave(page, traffic=None) -> dict:
    """The learner closes the SCO (the platform removes its frame): the adapter's pagehide
    ends the session, LMSFinish included. A script the frame's search worker was still
    loading fails when the frame goes: that error is the platform's doing, not the page's,
    so it is dropped from `traffic` (errors before the removal are kept)."""
    before = list(traffic.errors) if traffic is not None else []
    page.evaluate("document.getElementById('lms-sco').remove()")
    page.wait_for_function("window.calls.indexOf('LMSFinish') >= 0")
    record = _cmi(page)
    if traffic is not None:
        traffic.errors[:] = before + [e for e in traffic.errors[len(before):]
                                      if "importScripts" not in e]
    return record


@pytest.mark.parametrize("lang", ["en", "es"])
def test_lesson_checks_and_resume_in_scorm_again(browser, platform, traffic, lang):
    base, folder = platform
    base = f"{base}{lang}/"
    scos = _scos(folder / lang / "pkg")
    href, mastery, lesson = next(s for s in scos if s[1] is not None)  # a lesson with checks
    assert lesson.startswith("courses/" if lang == "en" else "es/courses/")
    assert mastery == 80

    with watched_context(browser, traffic) as ctx:
        page = ctx.new_page()
        frame = _open(page, base, href, mastery, lesson)
        cmi = _cmi(page)
        assert cmi["core"]["lesson_status"] == "incomplete" and cmi["core"]["score"]["raw"] == ""
        assert frame.evaluate("document.documentElement.lang") == lang

        _answer(frame, right=False)
        page.wait_for_function("window.API.cmi.core.lesson_status === 'failed'")
        assert _cmi(page)["core"]["score"]["raw"] == "0"

        _answer(frame, right=True)
        page.wait_for_function("window.API.cmi.core.lesson_status === 'passed'")
        score = _cmi(page)["core"]["score"]
        assert (score["raw"], score["min"], score["max"]) == ("100", "0", "100")

        # read to the end, then on to the next page inside the same SCO: a bookmark
        frame.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("JSON.parse(window.API.cmi.suspend_data || '{}').read === true")
        nxt = frame.locator("link[rel=next]").get_attribute("href")
        frame.evaluate("href => { location.href = href; }", nxt)
        after = posixpath.normpath(posixpath.join(posixpath.dirname(lesson), nxt))
        _lesson_frame(page, after)
        page.wait_for_function(f"window.API.cmi.core.lesson_location === {json.dumps(quote(after))}")
        record = _leave(page, traffic)
        assert page.evaluate("window.calls.filter(c => c === 'LMSInitialize').length") == 1

    assert record["core"]["lesson_status"] == "passed" and record["core"]["exit"] == "suspend"
    saved = json.loads(record["suspend_data"])
    assert saved["format"] == "capdev-progress@1" and saved["read"] is True
    page_forms = len(saved["checks"])
    assert page_forms >= 1 and all(c["passed"] and c["score"] == c["total"]
                                   for c in saved["checks"].values())
    assert len(record["suspend_data"]) <= 4096

    # another day, another computer: a fresh profile, only what the runtime recorded
    with watched_context(browser, traffic) as ctx:
        ctx.add_init_script(f"window.capdevPrevious = {json.dumps(record)};")
        page = ctx.new_page()
        page.goto(f"{base}host.html?sco={quote(href)}&mastery={mastery}")
        page.wait_for_function("window.calls && window.calls.indexOf('LMSInitialize') >= 0")
        assert _cmi(page)["core"]["entry"] == "resume"
        resumed = _lesson_frame(page, after)  # where the learner left off
        progress = json.loads(resumed.evaluate("window.capdevProgress.export()"))
        assert set(saved["checks"]) <= set(progress["checks"])  # this browser holds them now
        assert all(progress["checks"][k]["passed"] for k in saved["checks"])
        record = _leave(page, traffic)
    assert record["core"]["lesson_status"] == "passed" and record["core"]["score"]["raw"] == "100"
    assert json.loads(record["suspend_data"])["checks"].keys() == saved["checks"].keys()
    assert traffic.off_host == [] and traffic.errors == []


def test_lesson_without_checks_is_completed_when_read(browser, platform, traffic):
    base, folder = platform
    href, _mastery, lesson = next(s for s in _scos(folder / "es" / "pkg") if s[1] is None)
    with watched_context(browser, traffic) as ctx:
        page = ctx.new_page()
        frame = _open(page, f"{base}es/", href, None, lesson)
        assert _cmi(page)["core"]["lesson_status"] == "incomplete"
        frame.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("window.API.cmi.core.lesson_status === 'completed'")
        record = _leave(page, traffic)
    assert record["core"]["lesson_status"] == "completed" and record["core"]["score"]["raw"] == ""
    assert traffic.off_host == [] and traffic.errors == []


def test_without_a_platform_the_launch_page_shows_the_lesson(page, platform, traffic):
    base, folder = platform
    href, _mastery, lesson = _scos(folder / "en" / "pkg")[0]
    page.goto(f"{base}en/pkg/{href}")
    frame = page.frame_locator("#capdev-sco")
    assert frame.locator("article h1").count() == 1
    assert page.locator("#capdev-sco").get_attribute("src").endswith(quote(lesson))
    assert traffic.errors == []
