"""`capdev i18n update`: bring every catalog in line with its English source."""

from __future__ import annotations

from pathlib import Path

import polib

from capdev.catalogs import po as _po
from capdev.catalogs.extract import read_source


def memory(root: Path, lang: str) -> dict[str, str]:
    """Translation memory: every approved translation in the project's catalogs."""
    tm: dict[str, str] = {}
    base = root / "translations" / lang
    for path in sorted(base.rglob("*.po")) if base.is_dir() else []:
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                tm.setdefault(entry.msgid, entry.msgstr)
    return tm


def update_catalog(root: Path, source: Path, lang: str, tm: dict[str, str],
                   dry_run: bool = False) -> _po.UpdateReport:
    rel = source.resolve().relative_to(root.resolve()).as_posix()
    path = _po.catalog_path(root, rel, lang)
    report = _po.UpdateReport(path)
    fresh = _po.template(rel, read_source(source).all_segments(), lang)
    merged = _po.merge(_po.load(path), fresh, tm, report)
    text = _po.render_po(merged)
    if path.is_file() and path.read_text("utf-8") == text:
        return report
    _po.stamp(merged)
    if not dry_run:
        report.written = _po.atomic_write(path, _po.render_po(merged))
    else:
        report.written = True
    return report


def stale(root: Path, source: Path, lang: str) -> bool:
    """True when `capdev i18n update` would change this catalog (a source was edited)."""
    return update_catalog(root, source, lang, {}, dry_run=True).written
