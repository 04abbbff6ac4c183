"""Applying a catalog to a source: the Spanish file plus what is missing or outdated."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from capdev.catalogs import po as _po
from capdev.catalogs.extract import Source, load_source, markdown_segments, read_source
from capdev.catalogs.markdown import readable
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
    hint: str = ""  # what to do, when the rule has its own advice


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


# The rule id of a translation refused because the page would not keep the English
# page's blocks (a cell split in two, a paragraph turned into a list, a heading lost).
STRUCTURE_RULE = "tr-structure"
STRUCTURE_HINT = ("keep the msgstr one block of the English's kind: no line that would start "
                  "a list, heading, table row or math block ($$), backticks in pairs")


def apply(src: Source, catalog: Iterable[Any] | None, mark_lang: str | None = None,
          marker: Callable[[str], str] | None = None,
          guard: Guard | None = None) -> TranslatedFile:
    """The translated text; untranslated Markdown text is wrapped by `marker`, or in
    `<span lang=mark_lang>` (the site's pages). A translation `guard` refuses is treated as
    untranslated (English, marked) and listed in `refused`; so is one that would change the
    page's block structure (as mdformat refuses to write what renders differently)."""
    table = entries(catalog)
    # An English edit not yet merged (`capdev serve` between saves and `i18n update`): show
    # what the update will record (old Spanish, outdated), not English for the whole block.
    table.update(preview((s.msgid for s in src.all_segments()), catalog))
    mark = marker or (wrap_lang(mark_lang) if mark_lang else None)
    blocked: dict[str, tuple[str, str]] = {}
    while True:
        result, shown, written = _apply_once(src, table, mark, guard, blocked)
        if src.kind != "md" or not shown or _blocks_differ(src, result.text, written) is None:
            return result
        culprit = _first_breaking(src, shown, mark)
        if culprit is None or culprit[0] in blocked:
            return result  # not one translation's doing: nothing to refuse
        blocked[culprit[0]] = (STRUCTURE_RULE, culprit[1])


def _apply_once(src: Source, table: dict[str, Any], mark: Callable[[str], str] | None,
                guard: Guard | None, blocked: dict[str, tuple[str, str]],
                ) -> tuple[TranslatedFile, dict[str, str], dict[int, str]]:
    stats = Stats()
    missing: list[tuple[int, str]] = []
    outdated: list[tuple[int, str]] = []
    refused: list[Refused] = []
    shown: dict[str, str] = {}
    for seg in src.all_segments():
        entry = table.get(seg.msgid)
        state = state_of(entry)
        if state != "untranslated" and (why := blocked.get(seg.msgid) or (
                guard is not None and guard(seg.msgid, entry.msgstr))):
            hint = STRUCTURE_HINT if why[0] == STRUCTURE_RULE else ""
            refused.append(Refused(seg.line, seg.msgid, *why, _line(entry), hint))
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

    written: dict[int, str] = {}
    text = render_source(src, lookup, mark, written)
    return TranslatedFile(text, stats, missing, outdated, refused), shown, written


def _blocks_differ(src: Source, text: str, written: dict[int, str]) -> str | None:
    """How the rendered page `text` (`written`: what replaced each translated segment)
    differs from the English page's blocks (segment kinds, in order: the classifier's own
    view), or None when it keeps them. A block whose rendered translation has nothing to
    read (a cell that is only code or a number) is no segment of the rendered page, so it
    is not expected of it."""
    if text == src.text:
        return None
    got = [s.kind for s in markdown_segments(text)]
    want = [s.kind for s in src.segments if s.start not in written or readable(written[s.start])]
    if got == want:
        return None
    i = next((k for k, (a, b) in enumerate(zip(want, got, strict=False)) if a != b),
             min(len(want), len(got)))
    found = got[i] if i < len(got) else "the end of the page"
    expected = want[i] if i < len(want) else "the end of the page"
    return (f"the page would not keep the English blocks ({len(got)} text blocks instead of "
            f"{len(want)}; block {i + 1} would be {found}, not {expected})")


def _first_breaking(src: Source, shown: dict[str, str],
                    mark: Callable[[str], str] | None) -> tuple[str, str] | None:
    """The first translation (in page order) with which the page's blocks change, and how:
    found by halving, since the prefix of no translation keeps them and all of them do not."""
    order = list(dict.fromkeys(s.msgid for s in src.segments if s.msgid in shown))

    def differs(k: int) -> str | None:
        some = {m: shown[m] for m in order[:k]}
        written: dict[int, str] = {}
        text = render_source(src, lambda s: some.get(s.msgid), mark, written)
        return _blocks_differ(src, text, written)

    if differs(len(order)) is None or differs(0) is not None:
        return None  # the translations together keep the blocks, or the English alone does not
    lo, hi = 0, len(order)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if differs(mid) is not None else (mid, hi)
    how = differs(hi)
    return (order[hi - 1], how) if how is not None else None


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
