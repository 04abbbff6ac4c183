"""Import an existing translation into a catalog, through alignment (see align.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from capdev.catalogs import po as _po
from capdev.catalogs.align import align
from capdev.catalogs.extract import Source, load_source, read_source
from capdev.catalogs.update import update_catalog
from capdev.errors import CapdevError, Finding


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


def read_translated(path: Path, suffix: str, role: str = "translated") -> Source:
    """The translated file, segmented like a source of `suffix`; a file that is not text
    of that kind (binary, not UTF-8, broken JSON) is a finding."""
    data = path.read_bytes()
    if b"\0" in data:
        raise CapdevError(Finding(str(path), data.count(b"\n", 0, data.index(b"\0")) + 1,
                                  "file-not-text", "a binary file, not a translated text",
                                  f"give the {role} {suffix} file"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CapdevError(Finding(str(path), data.count(b"\n", 0, exc.start) + 1,
                                  "file-not-utf8", f"not valid UTF-8 (byte 0x{data[exc.start]:02X})",
                                  "save the file as UTF-8")) from None
    try:
        return load_source(text, suffix)
    except (ValueError, TypeError, AttributeError, yaml.YAMLError) as exc:  # JSON, notebook shape
        raise CapdevError(Finding(str(path), getattr(exc, "lineno", 0), "i18n-import-unreadable",
                                  f"cannot read it as a {suffix} file: {exc}",
                                  f"give the {role} {suffix} file")) from None


def import_translation(root: Path, source: Path, translated: Path, lang: str,
                       overwrite: bool = False) -> ImportReport:
    translation = read_translated(translated, source.suffix)
    done = update_catalog(root, source, lang, {})  # the catalog exists and matches the source
    if done.findings:
        raise CapdevError(done.findings)
    rel = source.resolve().relative_to(root.resolve()).as_posix()
    path = _po.catalog_path(root, rel, lang)
    catalog = _po.read(path, _po.shown_path(path, root))
    if catalog is None:  # a source without segments
        raise CapdevError(Finding(rel, 0, "i18n-import-empty", "the source has nothing to translate",
                                  "give a Markdown, YAML or notebook source with text"))
    result = align(read_source(source), translation)
    report = ImportReport(path.relative_to(root.resolve()) if path.is_relative_to(root.resolve())
                          else path)
    by_id = {e.msgid: e for e in catalog.owned()}
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
    if report.imported:
        _po.stamp(catalog.po)
        _po.atomic_write(path, _po.render_po(catalog.po, catalog.foreign))
    return report
