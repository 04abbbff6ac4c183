"""Rules on whole catalogs: PO syntax, charset, duplicates, up to date with the English, no
orphans. The findings about a catalog's bytes come from `capdev.catalogs.po_read.inspect`,
the verdict `capdev i18n update` acts on too."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from capdev.catalogs.po_read import SYNTAX_HINT, UNREADABLE, PoEntry
from capdev.checks.registry import hit, rule
from capdev.checks.tr_context import Catalog
from capdev.errors import Finding


@dataclass
class CatalogFile(Catalog):
    """A catalog with what `inspect` found in its bytes."""

    problems: list[Finding] = field(default_factory=list)


def _problems(cat: Catalog, rules: tuple[str, ...]) -> Iterator[Finding]:
    for f in getattr(cat, "problems", ()):
        if f.rule in rules:
            yield hit(f.rule, f.path, f.line, f.message, f.hint)


@rule("po-syntax", "error", "catalogs are valid gettext PO files", "catalog")
def po_syntax(cat: Catalog) -> Iterator[Finding]:
    if isinstance(cat, CatalogFile):  # also reports bytes that are not text (file-not-utf8)
        yield from _problems(cat, UNREADABLE)
    elif cat.error:
        line, message = cat.error
        yield hit("po-syntax", cat.path, line, message, SYNTAX_HINT)


@rule("po-charset", "error", "catalogs are UTF-8 and say so in their header", "catalog")
def po_charset(cat: Catalog) -> Iterator[Finding]:
    yield from _problems(cat, ("po-charset",))


@rule("po-duplicate", "error", "no two entries of a catalog have the same msgid and msgctxt",
      "catalog")
def po_duplicate(cat: Catalog) -> Iterator[Finding]:
    yield from _problems(cat, ("po-duplicate",))


@rule("tr-stale", "error", "catalogs are up to date with their English source", "catalog")
def tr_stale(cat: Catalog) -> Iterator[Finding]:
    if cat.stale:
        what = (
            f"out of date with {cat.source}" if cat.exists else f"no catalog yet for {cat.source}"
        )
        yield hit("tr-stale", cat.path, 1 if cat.exists else 0, what,
                  "run `capdev i18n update`, then translate the new and fuzzy entries")


@rule(
    "tr-orphan",
    "warning",
    "every catalog belongs to an English source that still exists",
    "catalog",
)
def tr_orphan(cat: Catalog) -> Iterator[Finding]:
    if cat.orphan:
        yield hit("tr-orphan", cat.path, 1, "no English source for this catalog",
                  "delete it if the page was removed, or move it with its renamed source")


def out_of_date(source: Path, rel: str, entries: list[PoEntry], exists: bool) -> bool:
    """Would `capdev i18n update` change what the catalog says (msgids, references, notes)?

    Semantic, not byte-wise: a catalog saved by Poedit or polib with another line wrapping
    is up to date if its entries are. Mirrors capdev.catalogs.po.template.
    """
    from capdev.catalogs.extract import read_source

    expected: dict[str, tuple[set, set]] = {}
    for seg in read_source(source).all_segments():
        refs, notes = expected.setdefault(seg.msgid, (set(), set()))
        refs.add((rel, seg.line))
        notes.add(f"{seg.kind} · {seg.ref}" if seg.ref else seg.kind)
    if not exists:
        return bool(expected)
    actual = {e.msgid: (set(e.occurrences), set(e.comments)) for e in entries
              if e.msgid and not e.obsolete and e.owned}
    return expected != actual
