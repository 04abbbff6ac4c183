"""Nothing leaves 127.0.0.1: every page type in both languages, used, not just loaded.

Requests are intercepted at the browser context (conftest.py): each URL is recorded and
anything off-host is aborted, then reported here. No fonts, analytics, CDNs or images
from elsewhere; no broken local asset either.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES, lang_root
from tests.browser.ui import search

pytestmark = pytest.mark.browser


def _broken(statuses: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(s, u) for s, u in statuses if s >= 400]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_request_leaves_localhost(page, base_url, traffic, lang):
    root = lang_root(base_url, lang)
    for kind, path in PAGES.items():
        page.goto(root + path)
        if kind == "home":
            assert search(page, "311")  # the search worker and its index
        if kind == "lesson":
            page.locator("form[data-capdev-quiz] button[type=submit]").first.click()
        if kind == "assessment":
            page.click("#capdev-form button[type=submit]")
            page.wait_for_selector(".capdev-results-table")
    assert len({u for u in traffic.urls if u.startswith(root)}) > len(PAGES)
    assert traffic.off_host == []
    assert traffic.errors == []
    assert _broken(traffic.statuses) == []
