"""What translation rules receive: one PO entry, or one catalog file."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from capdev.catalogs.inline import PROTECTED

EMPTY: Counter = Counter()
# Every protected token starts with one of these (or is a bare URL): a cheap pre-filter.
MAYBE_PROTECTED = re.compile(r"[`\[\]@<{$&:+]|https?://")
TITLE = re.compile(r"\s+\"[^\"]*\"\)$")


@dataclass
class Entry:
    path: str  # the catalog, project-relative
    line: int  # line of the entry's msgid in the catalog
    msgid: str
    msgstr: str
    kind: str  # segment kind from the extracted comment: "paragraph", "table cell", …
    lang: str
    glossary: Any = None  # glossary.Glossary

    @cached_property
    def _src(self) -> tuple[dict[str, Counter], str]:
        return analyse(self.msgid)

    @cached_property
    def _tr(self) -> tuple[dict[str, Counter], str]:
        return analyse(self.msgstr)

    def same(self, kinds: tuple[str, ...]) -> bool:
        """Do msgid and msgstr hold the same protected tokens of these kinds? (fast path)"""
        src, tr = self._src[0], self._tr[0]
        if not src and not tr:
            return True
        return all(src.get(k, EMPTY) == tr.get(k, EMPTY) for k in kinds)

    def count(self, kinds: tuple[str, ...], source: bool) -> Counter:
        counts = (self._src if source else self._tr)[0]
        if len(kinds) == 1:
            return counts.get(kinds[0]) or Counter()
        out: Counter = Counter()
        for k in kinds:
            out.update(counts.get(k) or {})
        return out

    @property
    def src_text(self) -> str:
        """msgid with protected parts blanked: the words a translator translates."""
        return self._src[1]

    @property
    def tr_text(self) -> str:
        return self._tr[1]


def analyse(text: str) -> tuple[dict[str, Counter], str]:
    """One regex pass: protected tokens counted by kind, and the text with them blanked."""
    if not MAYBE_PROTECTED.search(text):
        return {}, text
    counts: dict[str, Counter] = {}
    pieces: list[str] = []
    pos = 0
    for m in PROTECTED.finditer(text):
        kind = m.lastgroup or ""
        counts.setdefault(kind, Counter())[_norm(kind, m.group(0))] += 1
        pieces.append(text[pos:m.start()])
        pieces.append(" ")
        pos = m.end()
    if not pieces:
        return counts, text
    pieces.append(text[pos:])
    return counts, "".join(pieces)


def tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "", m.group(0)) for m in PROTECTED.finditer(text)]


def _norm(kind: str, token: str) -> str:
    """Link titles are translatable: compare targets without them."""
    if kind == "target":
        return TITLE.sub(")", token)
    return token


def diff(src: Counter, tr: Counter) -> tuple[list[str], list[str]]:
    """(missing from the translation, added by it)."""
    return sorted((src - tr).elements()), sorted((tr - src).elements())


@dataclass
class Catalog:
    path: str  # catalog, project-relative
    source: str  # English source, project-relative ("" when none)
    lang: str
    root: Path
    error: tuple[int, str] | None = None  # PO syntax error (line, message)
    orphan: bool = False
    exists: bool = True
    stale: bool = False
    entries: list[Entry] = field(default_factory=list)
