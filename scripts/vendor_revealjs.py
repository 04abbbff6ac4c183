"""Copy the reveal.js files the HTML decks use from node_modules (installed by `npm ci` at
the version package-lock.json pins) into capdev/delivery/static/reveal.js/:
`npm ci && python scripts/vendor_revealjs.py`. Only what a deck loads offline is kept: the
core, its stylesheets, the speaker-notes plugin, and the licence."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from capdev.delivery.html import REVEAL_FILES as FILES
from capdev.delivery.html import STATIC

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "node_modules" / "reveal.js"
TARGET = STATIC / "reveal.js"


def main() -> int:
    if not (PACKAGE / "package.json").is_file():
        print("node_modules/reveal.js is missing: run `npm ci` first", file=sys.stderr)
        return 1
    shutil.rmtree(TARGET, ignore_errors=True)
    for source, target in FILES.items():
        (TARGET / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGE / source, TARGET / target)
    print(f"copied {len(FILES)} files into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
