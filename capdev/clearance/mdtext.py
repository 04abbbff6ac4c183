"""What a segment's Markdown displays, character by character, with where each displayed
character sits in the Markdown — so an edit found in the DOCX's text lands at the right
Markdown offset, and markup around it (emphasis, links, citations, footnotes) is kept.

Citations display as one placeholder character: their rendered text ("(OECD 2014)") is
only known from the DOCX, and an edit inside it is a changed citation, not a text edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from capdev.clearance.docx import NOTE_MARK, QUOTES

CITE_MARK = "\ue001"
CITATION = re.compile(r"\[[^\[\]]*?-?@[\w][\w:.#$%&+?<>~/-]*[^\[\]]*\]")
FOOTREF = re.compile(r"\[\^[^\]\s]+\]")
LINK_TAIL = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
ATTRS = re.compile(r"\{[#.][^}]*\}")
KEY = re.compile(r"-?@([\w][\w:.#$%&+?<>~/-]*[\w])")


@dataclass
class Atom:
    kind: str  # citation | footnote
    md_start: int
    md_end: int
    at: int  # its position in the display


@dataclass
class Display:
    md: str
    text: str = ""
    offsets: list[int] = field(default_factory=list)  # md offset of each displayed char
    atoms: list[Atom] = field(default_factory=list)

    def md_at(self, pos: int) -> int:
        """The Markdown offset at which display position `pos` starts (insertion point)."""
        return self.offsets[pos] if pos < len(self.offsets) else len(self.md)

    def md_end(self, pos: int) -> int:
        """The Markdown offset just after display position `pos - 1`."""
        return self.offsets[pos - 1] + 1 if pos > 0 else 0


def display(md: str) -> Display:
    d = Display(md)
    i, n = 0, len(md)
    while i < n:
        ch = md[i]
        m = _atom(md, i)
        if m is not None:
            kind, end = m
            d.atoms.append(Atom(kind, i, end, len(d.text)))
            _put(d, CITE_MARK if kind == "citation" else NOTE_MARK, i)
            i = end
        elif ch == "\\" and i + 1 < n and not md[i + 1].isalnum():
            _put(d, md[i + 1], i + 1)
            i += 2
        elif ch in "*[" or (ch == "!" and md[i + 1:i + 2] == "["):
            i += 1  # emphasis markers and a link's or image's opening display nothing
        elif ch == "]" and (t := LINK_TAIL.match(md, i)):
            i = t.end()
        elif ch == "_" and _flanking(md, i):
            i += 1
        elif ch == "{" and (a := ATTRS.match(md, i)):
            i = a.end()
        elif ch == "`":
            i += 1
        else:
            _put(d, ch.translate(QUOTES), i)
            i += 1
    return d


def _put(d: Display, ch: str, at: int) -> None:
    d.text += ch
    d.offsets.append(at)


def _atom(md: str, i: int) -> tuple[str, int] | None:
    if md[i] != "[":
        return None
    if m := FOOTREF.match(md, i):
        return "footnote", m.end()
    if (m := CITATION.match(md, i)) and not LINK_TAIL.match(md, m.end() - 1):
        return "citation", m.end()
    return None


def _flanking(md: str, i: int) -> bool:
    """An underscore that is emphasis, not part of a word (snake_case stays text)."""
    before = md[i - 1] if i else " "
    after = md[i + 1] if i + 1 < len(md) else " "
    return not (before.isalnum() and after.isalnum())


def citation_keys(md: str) -> list[str]:
    return KEY.findall(md)
