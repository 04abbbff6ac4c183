"""`capdev i18n update`: bring every catalog in line with its English source.

A catalog whose source and own bytes are unchanged since the last update is skipped: the
merge would produce the same file (translation memory only fills entries that are new,
and an unchanged source has none). The record lives in `.cache/i18n/`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.extract import read_source

ENGINE = "1"  # bump when segmentation or merging changes what a catalog should contain
Memory = dict[str, str]


def memory(root: Path, lang: str) -> Memory:
    """Translation memory: every approved translation in the project's catalogs."""
    tm: Memory = {}
    base = root / "translations" / lang
    for path in sorted(base.rglob("*.po")) if base.is_dir() else []:
        for entry in _po.load_readonly(path) or []:
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                tm.setdefault(entry.msgid, entry.msgstr)
    return tm


def update_catalog(root: Path, source: Path, lang: str, tm: Memory,
                   dry_run: bool = False) -> _po.UpdateReport:
    rel = source.resolve().relative_to(root.resolve()).as_posix()
    path = _po.catalog_path(root, rel, lang)
    report = _po.UpdateReport(path)
    fresh = _po.template(rel, read_source(source).all_segments(), lang)
    merged = _po.merge(_po.load(path), fresh, tm, report)
    text = _po.render_po(merged)
    if path.is_file() and path.read_text("utf-8") == text:
        return report
    if not dry_run:
        if "PO-Revision-Date" in merged.metadata:
            text = _po.stamped(text)  # rewrite the date in place: no second render
        else:  # a new catalog: let polib place the header field where editors expect it
            _po.stamp(merged)
            text = _po.render_po(merged)
        report.written = _po.atomic_write(path, text)
    else:
        report.written = True
    return report


def stale(root: Path, source: Path, lang: str) -> bool:
    """True when `capdev i18n update` would change this catalog (a source was edited)."""
    return update_catalog(root, source, lang, {}, dry_run=True).written


def _digest(path: Path) -> str:
    if not path.is_file():
        return ""
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


class _Record:
    """Which (source, catalog) pairs were last seen in agreement."""

    def __init__(self, root: Path, lang: str):
        self.path = root / ".cache" / "i18n" / f"update-{lang}.json"
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        self.seen: dict[str, list[str]] = data.get("files", {}) if data.get("engine") == ENGINE else {}

    def key(self, source: Path, catalog: Path) -> list[str]:
        return [_digest(source), _digest(catalog)]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _po.atomic_write(self.path, json.dumps({"engine": ENGINE, "files": self.seen}))


def update_all(root: Path, sources: Iterable[Path], lang: str, dry_run: bool = False,
               on_report: Callable[[_po.UpdateReport], None] | None = None) -> list[_po.UpdateReport]:
    """Update every catalog; unchanged pairs are skipped and translation memory is only
    read when some catalog actually needs merging."""
    root = root.resolve()
    record = _Record(root, lang)
    tm: Memory | None = None
    reports = []
    for source in sources:
        rel = source.resolve().relative_to(root).as_posix()
        catalog = _po.catalog_path(root, rel, lang)
        key = record.key(source, catalog)
        if record.seen.get(rel) == key and catalog.is_file():
            continue
        if tm is None:
            tm = memory(root, lang)
        rep = update_catalog(root, source, lang, tm, dry_run)
        if rep.written and on_report:
            on_report(rep)
        reports.append(rep)
        if not dry_run or not rep.written:
            record.seen[rel] = record.key(source, catalog)
    if not dry_run:
        record.save()
    return reports
