"""What translation rules receive: one PO entry, or one catalog file."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from capdev.catalogs.inline import PROTECTED

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
    def src_tokens(self) -> list[tuple[str, str]]:
        return tokens(self.msgid)

    @cached_property
    def tr_tokens(self) -> list[tuple[str, str]]:
        return tokens(self.msgstr)

    def count(self, kinds: tuple[str, ...], source: bool) -> Counter:
        toks = self.src_tokens if source else self.tr_tokens
        return Counter(_norm(k, t) for k, t in toks if k in kinds)

    @cached_property
    def src_text(self) -> str:
        """msgid with protected parts blanked: the words a translator translates."""
        return PROTECTED.sub(" ", self.msgid)

    @cached_property
    def tr_text(self) -> str:
        return PROTECTED.sub(" ", self.msgstr)


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
    stale: bool = False
    entries: list[Entry] = field(default_factory=list)
