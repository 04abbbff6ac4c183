"""The reveal.js files vendored in capdev/delivery/static/reveal.js/ are the package pinned
in package-lock.json, byte for byte.

They are vendored because `make site` on a fresh machine has Python, not necessarily npm;
the pin stays in package-lock.json so that `npm ci` (run by `make test`) installs the same
release and this test compares the two. After changing the pin, refresh the copy with
`python scripts/vendor_revealjs.py`. Without the package the comparison skips, except under
CAPDEV_REQUIRE_BROWSER=1 (CI), where `make test` must have installed it."""

from __future__ import annotations

import json

from capdev.delivery.html import REVEAL_FILES as FILES
from capdev.delivery.html import STATIC
from tests.browser.conftest import unavailable
from tests.conftest import ROOT

PACKAGE = ROOT / "node_modules" / "reveal.js"
VENDORED = STATIC / "reveal.js"


def _pinned() -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    return lock["packages"]["node_modules/reveal.js"]["version"]


def test_package_json_and_lock_pin_the_same_release() -> None:
    declared = json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"]
    assert declared["reveal.js"] == _pinned()  # an exact version, no range


def test_vendored_files_are_the_pinned_release() -> None:
    if not (PACKAGE / "package.json").is_file():
        unavailable("reveal.js is not installed: run `npm ci` (make test does)")
    installed = json.loads((PACKAGE / "package.json").read_text("utf-8"))["version"]
    if installed != _pinned():
        unavailable(f"node_modules has reveal.js {installed}, the lock {_pinned()}: run `npm ci`")
    for source, target in FILES.items():
        assert (VENDORED / target).read_bytes() == (PACKAGE / source).read_bytes(), target
    kept = {p.relative_to(VENDORED).as_posix() for p in VENDORED.rglob("*") if p.is_file()}
    assert kept == set(FILES.values())
