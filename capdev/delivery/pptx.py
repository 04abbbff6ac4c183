"""PowerPoint decks through pandoc's pptx writer, in the programme's look."""

from __future__ import annotations

from pathlib import Path

from capdev.delivery import deckmd, reference_pptx
from capdev.delivery.outline import Deck
from capdev.pdf import pandoc


def markdown(deck: Deck) -> str:
    return deckmd.markdown(deck)


def render(text: str, work: Path, where: str) -> bytes:
    """The .pptx bytes of a deck's Markdown (`markdown`). `work`: a private folder for the
    reference deck, which pandoc's sandbox reads because it is named on the command line."""
    reference = work / "reference.pptx"
    if not reference.is_file():
        reference.write_bytes(reference_pptx.build())
    return pandoc.run(["-f", pandoc.READER, "-t", "pptx", f"--slide-level={deckmd.SLIDE_LEVEL}",
                       f"--reference-doc={reference}", "-o", "-"],
                      text.encode("utf-8"), where)
