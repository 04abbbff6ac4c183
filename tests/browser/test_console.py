"""A quiet console (#24 item 4): every page type, in both languages, over HTTP and from
file:// (the offline copy), loads without a console error, a failed request or a 4xx/5xx
response — Material's sitemap probe used to 404 on every page and fail CORS from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import LANGS, PAGES, lang_root

pytestmark = pytest.mark.browser


def _listen(page) -> list[str]:
    noise: list[str] = []
    page.on("console", lambda m: noise.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: noise.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: noise.append(f"failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: noise.append(f"{r.status}: {r.url}")
            if r.status >= 400 and not r.url.endswith("/404.html") else None)
    return noise


def _visit(page, url: str, noise: list[str]) -> list[str]:
    before = len(noise)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # late fetches (Material's integrations run after load)
    return [f"{url}: {n}" for n in noise[before:]]


@pytest.mark.parametrize("lang", LANGS)
def test_no_console_noise_over_http(page, base_url, lang):
    noise = _listen(page)
    found = [n for path in PAGES.values()
             for n in _visit(page, lang_root(base_url, lang) + path, noise)]
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_console_noise_from_file(page, offline_copy: Path, lang):
    root = offline_copy if lang == "en" else offline_copy / lang
    # 404.html is what a server answers for a missing URL; from disk it is never shown
    present = {kind: path for kind, path in PAGES.items()
               if kind != "404" and (root / path).is_file()}
    assert {"home", "course", "module", "lesson"} <= set(present), sorted(present)
    noise = _listen(page)
    found = [n for path in present.values() for n in _visit(page, (root / path).as_uri(), noise)]
    assert found == []
