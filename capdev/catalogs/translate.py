"""Applying a catalog to a source: the Spanish file plus what is missing or outdated."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from capdev.catalogs import po as _po
from capdev.catalogs.extract import Source, load_source, read_source
from capdev.catalogs.render import render_source, wrap_lang
from capdev.catalogs.segment import Segment


@dataclass
class Stats:
    segments: int = 0
    words: int = 0
    translated: int = 0
    translated_words: int = 0
    fuzzy: int = 0
    fuzzy_words: int = 0
    untranslated: int = 0
    untranslated_words: int = 0

    def add(self, seg: Segment, state: str) -> None:
        self.segments += 1
        self.words += seg.words
        setattr(self, state, getattr(self, state) + 1)
        setattr(self, f"{state}_words", getattr(self, f"{state}_words") + seg.words)

    @property
    def ratio(self) -> float:
        return self.translated_words / self.words if self.words else 1.0

    def merge(self, other: Stats) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


# Why a translation may not be published in place of its English: (rule id, reason), or
# None. The publishers pass `capdev.checks.gate.refusal`; catalogs do not know the rules.
Guard = Callable[[str, str], "tuple[str, str] | None"]


@dataclass(frozen=True)
class Refused:
    """A translation the guard kept off the page: its English is shown instead."""

    line: int  # line of the segment in the English source
    msgid: str
    rule: str
    reason: str
    catalog_line: int = 0  # line of the entry's msgid in the catalog, when known


@dataclass
class TranslatedFile:
    text: str
    stats: Stats
    missing: list[tuple[int, str]] = field(default_factory=list)  # untranslated or fuzzy
    outdated: list[tuple[int, str]] = field(default_factory=list)  # fuzzy with old Spanish
    refused: list[Refused] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.outdated

    @property
    def ratio(self) -> float:
        """Share of words a reader sees in the target language (outdated Spanish counts)."""
        st = self.stats
        shown = st.translated_words + sum(len(t.split()) for _, t in self.outdated)
        return shown / st.words if st.words else 1.0


def entries(catalog: Iterable[Any] | None) -> dict[str, Any]:
    """msgid → entry (a polib.POEntry or a po_read.PoEntry: the same fields are read)."""
    return {e.msgid: e for e in (catalog or []) if not e.obsolete}


def state_of(entry: Any) -> str:
    if entry is None or not entry.msgstr:
        return "untranslated"
    return "fuzzy" if "fuzzy" in entry.flags else "translated"


def apply(src: Source, catalog: Iterable[Any] | None, mark_lang: str | None = None,
          marker: Callable[[str], str] | None = None,
          guard: Guard | None = None) -> TranslatedFile:
    """The translated text; untranslated Markdown text is wrapped by `marker`, or in
    `<span lang=mark_lang>` (the site's pages). A translation `guard` refuses is treated as
    untranslated (English, marked) and listed in `refused`."""
    table = entries(catalog)
    stats = Stats()
    missing: list[tuple[int, str]] = []
    outdated: list[tuple[int, str]] = []
    refused: list[Refused] = []
    shown: dict[str, str] = {}
    for seg in src.all_segments():
        entry = table.get(seg.msgid)
        state = state_of(entry)
        if state != "untranslated" and guard is not None and (why := guard(seg.msgid, entry.msgstr)):
            refused.append(Refused(seg.line, seg.msgid, *why, getattr(entry, "line", 0)
                                   or getattr(entry, "linenum", 0)))
            state = "untranslated"
        stats.add(seg, state)
        if state == "fuzzy" and entry.previous_msgid:
            outdated.append((seg.line, seg.msgid))
        elif state != "translated":
            missing.append((seg.line, seg.msgid))
        if state == "translated" or (state == "fuzzy" and entry.previous_msgid):
            shown[seg.msgid] = entry.msgstr

    def lookup(seg: Segment) -> str | None:
        return shown.get(seg.msgid)

    mark = marker or (wrap_lang(mark_lang) if mark_lang else None)
    return TranslatedFile(render_source(src, lookup, mark), stats, missing, outdated, refused)


def translate_file(root: Path, source: Path, lang: str, *, mark: bool = True,
                   catalog: Path | None = None,
                   marker: Callable[[str], str] | None = None,
                   guard: Guard | None = None) -> TranslatedFile:
    """The `lang` version of one English source, from its catalog under translations/.
    Whatever is published passes a `guard` (see `capdev.checks.gate`)."""
    source = source.resolve()
    try:
        rel = source.relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = source.name
    path = catalog or _po.catalog_path(root, rel, lang)
    if marker is not None:
        return apply(read_source(source), _po.load_readonly(path), None, marker, guard)
    po_text = path.read_text("utf-8") if path.is_file() else None
    return _translated(source.read_text("utf-8"), source.suffix, po_text, "en" if mark else None,
                       guard)


@lru_cache(maxsize=4096)
def _translated(text: str, suffix: str, po_text: str | None,
                mark_lang: str | None, guard: Guard | None = None) -> TranslatedFile:
    """Per content, like the parses it uses: staging asks for each page more than once (the
    status page, the page itself) and `capdev serve` restages everything on each save.
    Callers must not change the result."""
    catalog = _po.parse_readonly(po_text) if po_text is not None else None
    return apply(load_source(text, suffix), catalog, mark_lang, guard=guard)
