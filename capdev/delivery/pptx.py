"""PowerPoint decks through pandoc's pptx writer, in the programme's look."""

from __future__ import annotations

from pathlib import Path

from capdev.delivery import deckmd, reference_pptx
from capdev.delivery.outline import Deck
from capdev.pdf import pandoc


def markdown(deck: Deck) -> str:
    return deckmd.markdown(deck)


def reference(work: Path) -> Path:
    """The reference deck in `work`, a private folder: pandoc's sandbox reads it because
    it is named on the command line."""
    path = work / "reference.pptx"
    if not path.is_file():
        path.write_bytes(reference_pptx.build())
    return path


def render(text: str, work: Path, where: str) -> bytes:
    """The .pptx bytes of a deck's Markdown (`markdown`), with the reference deck in `work`."""
    reference_deck = reference(work)
    return pandoc.run(["-f", pandoc.READER, "-t", "pptx", f"--slide-level={deckmd.SLIDE_LEVEL}",
                       f"--reference-doc={reference_deck}", "-o", "-"],
                      text.encode("utf-8"), where)
