"""Speaker notes: the lesson's facilitator notes, on the slide of the section they sit in.

The notes come from the `/// facilitator` blocks that `capdev.site.facilitator` reads (the
same blocks the facilitator guide collects and learner pages never show), in the deck's
language: the deck is built from the translated lesson, so its notes are translated too.
A section without facilitator notes gets the text its slide condensed (see `outline`).
"""

from __future__ import annotations

from dataclasses import dataclass

from capdev.site.facilitator import notes as facilitator_notes
from capdev.site.labels import label


@dataclass(frozen=True)
class SpeakerNote:
    line: int  # 0-based line of the block's header in the lesson body
    text: str  # Markdown


def from_body(body: str, lang: str) -> list[SpeakerNote]:
    """Every facilitator note of a lesson body (no front matter), as speaker-note Markdown:
    its kind, title and timing in bold, then what to say, ask or expect."""
    out = []
    for note in facilitator_notes(body):
        # the kind as the guide names it ("Discussion", "Expected answers"), then the title
        kind = label(lang, f"note_{note.type}")
        head = [f"{kind}: {note.title}" if note.title else kind]
        if note.minutes:
            head.append(f"{note.minutes}\u00a0{label(lang, 'minutes')}")
        out.append(SpeakerNote(note.line - 1, f"**{' · '.join(head)}**\n\n{note.body}"))
    return out


def between(found: list[SpeakerNote], start: int, end: int) -> str:
    """The notes whose block starts in lines [start, end), one after the other."""
    return "\n\n".join(n.text for n in found if start <= n.line < end)
