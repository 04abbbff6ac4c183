"""A segment: one piece of text a reader reads, located exactly in its source bytes.

The engine never re-serialises a source. It records where each translatable run of text
sits (`start`, `end` offsets into the source string) and substitutes translations into
those ranges, so untouched bytes stay untouched: the identity round trip is exact.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    msgid: str
    kind: str  # context for translators: "paragraph", "heading 2", "table cell", …
    line: int  # 1-based line in the source file
    start: int  # offset of the first character of the text in the source string
    end: int  # offset one past the last character of the text
    cont_prefix: str = ""  # what continuation lines start with (for multi-line msgstr)
    style: str = "md"  # md | yaml-plain | yaml-single | yaml-double | yaml-block
    ref: str = ""  # extra location (notebook cell id)
    wrap: bool = True  # may untranslated text be wrapped in <span lang="en">?

    @property
    def words(self) -> int:
        return len(self.msgid.split())

