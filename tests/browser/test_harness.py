"""The checks themselves can fail: each one, on a page made to break it.

Without these, a harness that silently stopped seeing violations, overflow or off-host
requests would keep every other browser test green.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Traffic, watched_context

pytestmark = pytest.mark.browser
BAD = """<!doctype html><html lang="en"><head><title>bad</title></head><body><main>
<h1>Bad page</h1><button></button>
<p style="color:#b0b0b0;background:#fff">Low contrast text</p>
<div style="width:600px">Too wide for a phone</div>
</main></body></html>"""


def test_axe_reports_serious_and_critical_violations(page, axe_source):
    page.set_content(BAD)
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = {v["id"]: v["impact"] for v in result["violations"]}
    assert found.get("button-name") == "critical"
    assert found.get("color-contrast") == "serious"


def test_reflow_check_sees_overflow(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.set_content(BAD)
    assert page.evaluate("document.documentElement.scrollWidth") > page.evaluate(
        "document.documentElement.clientWidth")


def test_off_host_requests_are_recorded_aborted_and_reported(browser, base_url):
    traffic = Traffic()
    with pytest.raises(AssertionError, match="left 127.0.0.1"):
        with watched_context(browser, traffic) as ctx:
            page = ctx.new_page()
            page.goto(base_url + "index.html")
            failed = page.evaluate(
                "() => fetch('https://fonts.googleapis.com/css').then(() => false, () => true)")
            assert failed  # aborted: the request never reached the network
    assert traffic.off_host == ["https://fonts.googleapis.com/css"]
