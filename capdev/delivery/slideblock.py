"""`/// slide` blocks: what the author wants on a slide, in place of the condensed section.

    ## The life cycle of a case

    /// slide | Seven steps, every channel
    1. Receive and identify
    2. Classify
    ...
    ///

A slide block belongs to the `##` section it sits in: the section's slide shows the
block's content instead of the condensed first paragraph and list, under the block's title
(or the section's heading when the block has none); several blocks make several slides. A
block before the first `##` makes a slide after the title slide. Learner pages never show
the blocks (staging removes them, as it removes facilitator notes); they are translated
through the catalogs like the rest of the lesson.

The blocks are found by the segmenter's own walk (`capdev.catalogs.markdown.blocks`), so a
`/// slide` line inside a code fence is never one.
"""

from __future__ import annotations

from dataclasses import dataclass

from capdev.catalogs.markdown import blocks
from capdev.sources.frontmatter import split

NAME = "slide"


@dataclass(frozen=True)
class SlideBlock:
    title: str | None
    content: str  # the block's Markdown, unindented
    line: int  # 0-based line of the `///` header in the text given
    end: int  # 0-based line of its closing `///` (or past the end)


def find(text: str) -> list[SlideBlock]:
    """Every `/// slide` block of a Markdown text, in order."""
    if NAME not in text:
        return []
    lines = text.splitlines()
    out = []
    for b in blocks(text):
        if b.name != NAME:
            continue
        content = "\n".join(ln[b.col:] for ln in lines[b.body:b.close]).strip("\n")
        out.append(SlideBlock(b.title, content, b.header, b.close))
    return out


def strip(text: str) -> str:
    """The page (front matter and body) without its slide blocks, header to closing line,
    for learner pages."""
    if NAME not in text:
        return text  # most pages: no walk at all
    _yaml, _first, body_line = split(text)
    lines = text.splitlines(keepends=True)
    base = body_line - 1
    found = find("".join(lines[base:]))
    if not found:
        return text
    drop = {base + i for b in found for i in range(b.line, min(b.end + 1, len(lines) - base))}
    return "".join(line for i, line in enumerate(lines) if i not in drop)
