"""HTML decks that run offline, from `file://`: pandoc's reveal.js writer, capdev's template.

reveal.js is pinned in package-lock.json and its dist files are vendored under
`static/reveal.js/` (with its MIT licence), because `make site` on a fresh machine has
Python but not necessarily npm; `tests/test_slides_vendor.py` keeps the copy equal to the
pinned package whenever `npm ci` has installed it. Only scripts that fetch nothing are
loaded (the core and the speaker-notes plugin), and no reveal.js theme (they load web
fonts): the look is `static/capdev-deck.css`. The assets are copied once per output folder,
beside the decks, so each deck links them relatively.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from capdev.delivery import deckmd
from capdev.delivery.outline import Deck
from capdev.pdf import pandoc

HERE = Path(__file__).parent
TEMPLATE = HERE / "templates" / "deck.html"
STATIC = HERE / "static"
ASSETS = "assets"  # the folder of the output that holds reveal.js and the deck stylesheet
# What a deck loads of the reveal.js npm package, and where the vendored copy keeps it
# (scripts/vendor_revealjs.py copies them; package data ships *.txt, not a bare LICENSE).
REVEAL_FILES = {
    "dist/reveal.js": "reveal.js",
    "dist/reveal.css": "reveal.css",
    "dist/reset.css": "reset.css",
    "dist/plugin/notes.js": "plugin/notes.js",
    "LICENSE": "LICENSE.txt",
}


def markdown(deck: Deck) -> str:
    return deckmd.markdown(deck, title_notes_in_meta=True)


def render(text: str, assets: str, where: str) -> bytes:
    """The HTML of a deck's Markdown (`markdown`); `assets`: the relative URL of the
    assets folder from the deck."""
    return pandoc.run(["-f", pandoc.READER, "-t", "revealjs", "--standalone",
                       f"--slide-level={deckmd.SLIDE_LEVEL}", f"--template={TEMPLATE}",
                       "-V", f"assets={assets}", "--wrap=none"],
                      text.encode("utf-8"), where)


def relative_assets(deck: Path) -> str:
    """The assets folder's URL from a deck at `deck` (relative to the output folder)."""
    return "/".join([".."] * len(deck.parent.parts) + [ASSETS])


def copy_assets(out: Path) -> Path:
    """reveal.js and the stylesheet into `out/assets/` (replaced whole: never stale)."""
    target = out / ASSETS
    fresh = out / f".{ASSETS}.tmp"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(STATIC, fresh)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(fresh, target)
    return target
