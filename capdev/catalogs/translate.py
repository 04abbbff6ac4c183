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


@dataclass(frozen=True)
class Previewed:
    """What `capdev i18n update` would make of a segment the catalog has no entry for yet:
    read by `apply` like a catalog entry, never written."""

    msgid: str
    msgstr: str
    flags: tuple[str, ...]
    previous_msgid: str | None
    line: int = 0  # line of the catalog entry the Spanish comes from


def preview(msgids: Iterable[str], catalog: Iterable[Any] | None) -> dict[str, Previewed]:
    """The entries an update would give the msgids missing from the catalog, with the
    update's own matching (`po.merge`): a translated obsolete entry of the same text comes
    back as it was; otherwise the most similar translated entry no segment uses any more
    becomes fuzzy, its English kept as the previous msgid. Each old entry serves once, as
    in the merge; translation memory (fuzzy, no previous English) is not shown, so left out."""
    listed = list(catalog or [])
    active = entries(listed)
    wanted = list(dict.fromkeys(msgids))
    missing = [m for m in wanted if m not in active]
    if not missing:
        return {}
    present = set(wanted)
    leftovers = {m: e for m, e in active.items() if m not in present}
    obsolete = [e for e in listed if e.obsolete]
    out: dict[str, Previewed] = {}
    for msgid in missing:
        if (back := _po._translated_obsolete(msgid, obsolete)) is not None:
            old = obsolete.pop(back)
            out[msgid] = Previewed(msgid, old.msgstr, tuple(old.flags), old.previous_msgid,
                                   _line(old))
        elif (match := _po._similar(msgid, leftovers)) is not None:
            old = leftovers.pop(match)
            previous = old.previous_msgid if "fuzzy" in old.flags and old.previous_msgid \
                else old.msgid  # the English the Spanish was made from, as the merge keeps
            out[msgid] = Previewed(msgid, old.msgstr, ("fuzzy",), previous, _line(old))
    return out


def _line(entry: Any) -> int:
    return getattr(entry, "line", 0) or getattr(entry, "linenum", 0)


def apply(src: Source, catalog: Iterable[Any] | None, mark_lang: str | None = None,
          marker: Callable[[str], str] | None = None,
          guard: Guard | None = None) -> TranslatedFile:
    """The translated text; untranslated Markdown text is wrapped by `marker`, or in
    `<span lang=mark_lang>` (the site's pages). A translation `guard` refuses is treated as
    untranslated (English, marked) and listed in `refused`."""
    segments = src.all_segments()
    table = entries(catalog)
    # An English edit not yet merged (`capdev serve` between saves and `i18n update`): show
    # what the update will record (old Spanish, outdated), not English for the whole block.
    table.update(preview((s.msgid for s in segments), catalog))
    stats = Stats()
    missing: list[tuple[int, str]] = []
    outdated: list[tuple[int, str]] = []
    refused: list[Refused] = []
    shown: dict[str, str] = {}
    for seg in segments:
        entry = table.get(seg.msgid)
        state = state_of(entry)
        if state != "untranslated" and guard is not None and (why := guard(seg.msgid, entry.msgstr)):
            refused.append(Refused(seg.line, seg.msgid, *why, _line(entry)))
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
