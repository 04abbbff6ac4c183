"""Delivering a course in the room: slide decks per lesson and language.

One module per concept: `lesson` finds a lesson and its text in a language (Spanish from
the catalogs), `slideblock` reads the `/// slide` blocks, `notes` the speaker notes,
`outline` condenses a lesson into a deck, `deckmd` writes the deck as pandoc Markdown,
`pptx` and `reference_pptx` make PowerPoint, `html` makes the offline reveal.js deck and
`build` writes every requested deck into an output folder capdev owns.
"""
