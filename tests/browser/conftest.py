"""Real-browser fixtures: the bundled site built once, served on 127.0.0.1, Debian's Chromium.

Chromium comes from Debian (`scripts/install-browser.sh`, run by `make test`), never from
Playwright's own download. Without it these tests skip and say why, unless
CAPDEV_REQUIRE_BROWSER=1 (set by .ci/run): then a missing browser is a failure, so CI
cannot go green by skipping.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, capdev

HERE = Path(__file__).parent
PAGES: dict[str, str] = yaml.safe_load((HERE / "pages.yml").read_text(encoding="utf-8"))
LANGS = ("en", "es")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]
LOCAL_SCHEMES = {"data", "blob", "about", "file", "chrome-extension", "devtools"}


def unavailable(reason: str) -> None:
    """Skip, or fail when CI said a browser is required."""
    if os.environ.get("CAPDEV_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CAPDEV_REQUIRE_BROWSER=1: browser tests may not skip)",
                    pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def lang_root(base: str, lang: str) -> str:
    return base + ("" if lang == "en" else f"{lang}/")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname == "127.0.0.1"


# ---------------------------------------------------------------- sites and servers

class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass  # keep pytest's output readable


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a page closed mid-download (BrokenPipe) is normal when tests move on


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site: built once per session, or the one CAPDEV_SITE_DIR points at."""
    if given := os.environ.get("CAPDEV_SITE_DIR"):
        site = Path(given).resolve()
        assert (site / "index.html").is_file(), f"CAPDEV_SITE_DIR={given} holds no built site"
        return site
    site = tmp_path_factory.mktemp("bundled") / "site"
    capdev("build", "--site-dir", str(site), cwd=ROOT, check=True)
    return site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    yield from _serve(site_dir)


@pytest.fixture(scope="session")
def fixture_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small fixture project, whose docs/about.md has no Spanish and falls back."""
    project = tmp_path_factory.mktemp("fixture") / "project"
    shutil.copytree(FIXTURES / "project", project, ignore=shutil.ignore_patterns("site", ".cache"))
    capdev("build", cwd=project, check=True)
    yield from _serve(project / "site")


@pytest.fixture(scope="session")
def offline_copy(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip unpacked where a learner would: a plain folder, no server."""
    archive = site_dir / "downloads" / "digital-government-offline.zip"
    assert archive.is_file(), archive
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
    return dest / "digital-government"


# ---------------------------------------------------------------- browser

@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """One Chromium for tests/browser, closed when the package is done: a sync Playwright
    left running would break other tests that start their own."""
    executable = chromium_path()
    if executable is None:
        unavailable("no Chromium: run `make test` as root, or `apt-get install chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright Python package is not installed")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, headless=True,
                                     args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Traffic:
    """Every URL the pages of one test asked for; off-host ones are aborted, then reported."""

    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statuses: list[tuple[int, str]] = field(default_factory=list)

    @property
    def off_host(self) -> list[str]:
        return [u for u in self.urls if not is_local(u)]


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@contextlib.contextmanager
def watched_context(browser, traffic: Traffic, width: int = 1280) -> Iterator[object]:
    """A fresh profile (empty localStorage) whose every request is recorded; off-host
    requests are aborted, and reported when the context closes."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900})
    ctx.set_default_timeout(15_000)

    def route(r) -> None:
        traffic.urls.append(r.request.url)
        try:
            if is_local(r.request.url):
                r.continue_()
            else:
                r.abort()  # never reach the network, even where a host happens to be reachable
        except Exception:  # noqa: BLE001 - the page may close while a request is in flight
            pass

    ctx.route("**/*", route)
    ctx.on("weberror", lambda e: traffic.errors.append(str(e.error)))
    ctx.on("response", lambda r: traffic.statuses.append((r.status, r.url)))
    try:
        yield ctx
    finally:
        ctx.close()
    # every browser test doubles as a privacy check: nothing it opened asked for off-host
    assert traffic.off_host == [], f"requests left 127.0.0.1: {traffic.off_host}"


@pytest.fixture
def context(browser, traffic: Traffic) -> Iterator[object]:
    with watched_context(browser, traffic) as ctx:
        yield ctx


@pytest.fixture
def page(context) -> object:
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable("axe-core is missing: run `make test` (npm ci) or `npm ci`")
    return AXE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the count in the output

_outcomes: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "browser" not in report.keywords:
        return
    if report.when == "call" or report.outcome != "passed":
        failed_aside = report.when != "call" and report.outcome == "failed"
        outcome = "error" if failed_aside else report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        _outcomes[report.nodeid] = outcome


def pytest_terminal_summary(terminalreporter) -> None:
    if _outcomes:
        counts = Counter(_outcomes.values())
        parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        terminalreporter.write_line(f"tests/browser (real Chromium): {len(_outcomes)} — {parts}")
