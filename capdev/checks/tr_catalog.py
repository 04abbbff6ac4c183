"""Rules on whole catalogs: PO syntax, up to date with the English, no orphans."""

from __future__ import annotations

from collections.abc import Iterator

from capdev.checks.registry import hit, rule
from capdev.checks.tr_context import Catalog
from capdev.errors import Finding


@rule("po-syntax", "error", "catalogs are valid gettext PO files", "catalog")
def po_syntax(cat: Catalog) -> Iterator[Finding]:
    if cat.error:
        line, message = cat.error
        yield hit("po-syntax", cat.path, line, message,
                  "fix the quoting near this line (Poedit shows the error too), or restore it from git")


@rule("tr-stale", "error", "catalogs are up to date with their English source", "catalog")
def tr_stale(cat: Catalog) -> Iterator[Finding]:
    if cat.stale:
        yield hit("tr-stale", cat.path, 1, f"out of date with {cat.source}",
                  "run `capdev i18n update`, then translate the new and fuzzy entries")


@rule("tr-orphan", "warning", "every catalog belongs to an English source that still exists", "catalog")
def tr_orphan(cat: Catalog) -> Iterator[Finding]:
    if cat.orphan:
        yield hit("tr-orphan", cat.path, 1, "no English source for this catalog",
                  "delete it if the page was removed, or move it with its renamed source")
