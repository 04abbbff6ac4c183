"""A deck as pandoc Markdown: what both the PowerPoint and the HTML writers read.

One `##` per slide (pandoc's slide level 2), the title slide from the metadata, speaker
notes in `::: notes` divs, which pandoc turns into PowerPoint notes and reveal.js
`<aside class="notes">`. JSON strings are valid YAML, so the metadata needs no escaping of
its own.
"""

from __future__ import annotations

import json

from capdev.delivery.outline import Deck, Slide

SLIDE_LEVEL = 2


def markdown(deck: Deck, title_notes_in_meta: bool = False) -> str:
    """The deck's Markdown. PowerPoint puts notes written before the first slide on the
    title slide; reveal.js would make an empty slide of them, so for HTML they travel in
    the `title-notes` metadata that the deck template places (`title_notes_in_meta`)."""
    title, *rest = deck.slides
    meta = {"title": deck.title, "subtitle": deck.subtitle, "lang": deck.lang,
            "pagetitle": deck.title}
    if title_notes_in_meta:
        meta["title-notes"] = title.notes
    head = "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n"
                             for k, v in meta.items() if v) + "---\n\n"
    parts = [head + ("" if title_notes_in_meta else _notes(title.notes))]
    parts += [_slide(s) for s in rest]
    return "\n".join(p for p in parts if p).rstrip() + "\n"


def _slide(slide: Slide) -> str:
    body = f"{slide.body}\n\n" if slide.body else ""
    return f"## {slide.title}\n\n{body}{_notes(slide.notes)}"


def _notes(text: str) -> str:
    return f"::: notes\n{text}\n:::\n\n" if text.strip() else ""
