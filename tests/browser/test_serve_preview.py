"""`capdev serve` previews what the build will show (#16 item 10).

An English sentence of a translated paragraph is edited while `capdev serve` runs, with no
`capdev i18n update`: the Spanish page shows the old Spanish, under the outdated banner
(what the update will then record as fuzzy), not English for the whole paragraph; the
catalog is never written by the preview.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_serve import _free_port, _get, _wait_for

pytestmark = pytest.mark.browser
LESSON = "courses/demo/01-first-module/01-channels"
CATALOG = f"translations/es/{LESSON}.md.po"
ENGLISH = "Governments serve people at counters, by phone and online."
EDITED = "Governments serve people at counters, by phone, by post and online."
SPANISH = "Los gobiernos atienden a las personas en ventanilla, por teléfono y en línea."


def test_edited_sentence_shows_old_spanish_marked_outdated(page, project: Path):
    catalog = (project / CATALOG).read_bytes()
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if k != "CAPDEV_NO_RELOAD"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "capdev", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for(f"{base}es/{LESSON}.html", SPANISH, 120)
        assert "capdev-banner--outdated" not in (_get(f"{base}es/{LESSON}.html") or "")
        source = project / f"{LESSON}.md"
        text = source.read_text("utf-8")
        assert text.count(ENGLISH) == 1
        source.write_text(text.replace(ENGLISH, EDITED), "utf-8")
        _wait_for(f"{base}{LESSON}.html", "by post", 60)  # the English page has the edit
        _wait_for(f"{base}es/{LESSON}.html", "capdev-banner--outdated", 60)

        page.goto(f"{base}es/{LESSON}.html")
        article = page.locator("article")
        assert SPANISH in article.inner_text()
        assert "by post" not in article.inner_text()  # not English for the paragraph
        banner = page.locator(".capdev-banner--outdated")
        assert banner.is_visible()
        assert "ha cambiado desde que se tradujo" in banner.inner_text()
        assert (project / CATALOG).read_bytes() == catalog  # the preview writes nothing
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # a Spanish build child goes with it
        except ProcessLookupError:
            pass
