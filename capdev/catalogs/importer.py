"""Import an existing translation into a catalog, through alignment (see align.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.align import align
from capdev.catalogs.extract import read_source
from capdev.catalogs.update import update_catalog


@dataclass
class ImportReport:
    catalog: Path
    imported: int = 0
    doubtful: int = 0
    kept: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.catalog}: {self.imported} imported ({self.doubtful} fuzzy, to review), "
                f"{self.kept} existing translations kept")


def import_translation(root: Path, source: Path, translated: Path, lang: str,
                       overwrite: bool = False) -> ImportReport:
    update_catalog(root, source, lang, {})  # the catalog exists and matches the source
    rel = source.resolve().relative_to(root.resolve()).as_posix()
    path = _po.catalog_path(root, rel, lang)
    catalog = _po.load(path)
    result = align(read_source(source), read_source(translated))
    report = ImportReport(path.relative_to(root.resolve()) if path.is_relative_to(root.resolve())
                          else path)
    by_id = {e.msgid: e for e in catalog if not e.obsolete}
    for en, es, doubtful in result.pairs:
        entry = by_id.get(en.msgid)
        if entry is None:
            continue
        if entry.msgstr == es:
            continue  # the same text met twice (a title and its H1)
        if entry.msgstr and not overwrite and "fuzzy" not in entry.flags:
            report.kept += 1
            continue
        entry.msgstr = es
        entry.flags = ["fuzzy"] if doubtful else []
        report.imported += 1
        report.doubtful += int(doubtful)
    for seg in result.unmatched_en:
        report.warnings.append(f"{rel}:{seg.line} [i18n-import-unmatched] no Spanish block "
                               f"matched this {seg.kind} — translate it in the catalog")
    _po.stamp(catalog)
    _po.atomic_write(path, _po.render_po(catalog))
    return report
