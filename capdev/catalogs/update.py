"""`capdev i18n update`: bring every catalog in line with its English source.

A catalog whose source and own bytes are unchanged since the last update is skipped: the
merge would produce the same file (translation memory only fills entries that are new,
and an unchanged source has none). The record lives in `.cache/i18n/`.

A catalog that cannot be merged safely (it does not parse, has duplicate entries) is left
byte for byte as it is; its report carries the findings and the others are still updated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.extract import read_source
from capdev.errors import CapdevError, Finding
from capdev.pool import parallel_imap

ENGINE = "3"  # bump when segmentation or merging changes what a catalog should contain
Memory = dict[str, str]


def memory(root: Path, lang: str) -> Memory:
    """Translation memory: every approved translation in the project's catalogs."""
    tm: Memory = {}
    base = root / "translations" / lang
    for path in sorted(base.rglob("*.po")) if base.is_dir() else []:
        try:
            entries = _po.load_readonly(path) or []
        except CapdevError:  # reported by its own update
            continue
        for entry in entries:
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                tm.setdefault(entry.msgid, entry.msgstr)
    return tm


def update_catalog(root: Path, source: Path, lang: str, tm: Memory,
                   dry_run: bool = False) -> _po.UpdateReport:
    rel = source.resolve().relative_to(root.resolve()).as_posix()
    path = _po.catalog_path(root, rel, lang)
    report = _po.UpdateReport(path)
    if problems := unreadable_source(source, rel):
        report.findings = problems  # its catalog is left as it is
        return report
    fresh = _po.template(rel, read_source(source).all_segments(), lang)
    try:
        old = _po.read(path, _po.shown_path(path, root))
    except CapdevError as err:
        report.findings = err.findings
        return report
    if old is not None and (clash := _po.clashes(old, fresh, _po.shown_path(path, root))):
        report.findings = clash
        return report
    merged = _po.merge(old.po if old else None, fresh, tm, report)
    exists = old is not None
    if not exists and not dry_run:  # a new catalog: polib places the date field itself
        _po.stamp(merged)
    foreign = old.foreign if old else []
    text = _po.render_po(merged, foreign)
    if old is not None and old.data == text.encode("utf-8"):
        return report
    report.converted = old.converted if old else ""
    if not dry_run:
        if exists and "PO-Revision-Date" in merged.metadata:
            text = _po.stamped(text)  # rewrite the date in place: no second render
        elif exists:  # an old catalog without the field: let polib place it
            _po.stamp(merged)
            text = _po.render_po(merged, foreign)
        report.written = _po.atomic_write(path, text)
    else:
        report.written = True
    return report


def unreadable_source(source: Path, rel: str) -> list[Finding]:
    """Why this English source cannot be read. The segmenter reads a damaged YAML file or
    notebook as having no text, so merging it would make every translation obsolete."""
    from capdev.sources.reading import load_yaml, notebook_json, read_text

    try:
        text = read_text(source, rel)
        if source.suffix in (".yml", ".yaml"):
            load_yaml(text, rel)
        elif source.suffix == ".ipynb":
            notebook_json(text, rel)
    except CapdevError as err:
        return err.findings
    return []


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


def external_memory(paths: Iterable[Path]) -> Memory:
    """Translation memory from other projects: the approved entries of PO files, given as
    files or folders (searched for *.po); the first translation of a msgid wins."""
    tm: Memory = {}
    for path in paths:
        for po in sorted(path.rglob("*.po")) if path.is_dir() else [path]:
            try:
                entries = _po.load_readonly(po) or []
            except CapdevError:
                continue  # not ours to report: memory is a suggestion
            for entry in entries:
                if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                    tm.setdefault(entry.msgid, entry.msgstr)
    return tm


def update_all(root: Path, sources: Iterable[Path], lang: str, dry_run: bool = False,
               on_report: Callable[[_po.UpdateReport], None] | None = None,
               memory_extra: Memory | None = None) -> list[_po.UpdateReport]:
    """Update every catalog; unchanged pairs are skipped and translation memory is only
    read when some catalog actually needs merging. Catalogs are merged on every core.
    `memory_extra`: suggestions from elsewhere, used after the project's own."""
    global _TM
    root = root.resolve()
    record = _Record(root, lang)
    todo = []
    for source in sources:
        rel = _rel(source, root)
        catalog = _po.catalog_path(root, rel, lang)
        if record.seen.get(rel) != record.key(source, catalog) or not catalog.is_file():
            todo.append((str(root), str(source), rel, lang, dry_run))
    # set before the workers fork: they inherit it
    _TM = {**(memory_extra or {}), **memory(root, lang)} if todo else {}
    reports = []
    for (_, source, rel, _, _), rep in zip(todo, parallel_imap(_update_job, todo), strict=True):
        if rep.written and on_report:
            on_report(rep)
        reports.append(rep)
        if not rep.findings and (not dry_run or not rep.written):
            record.seen[rel] = record.key(Path(source), rep.path)
    if not dry_run:
        record.save()
    return reports


_TM: Memory = {}


def _rel(source: Path, root: Path) -> str:
    """Project-relative path; sources from the project model are already under the
    resolved root, so resolving each again (a stat per path part) is skipped."""
    try:
        return source.relative_to(root).as_posix()
    except ValueError:
        return source.resolve().relative_to(root).as_posix()


def _update_job(job: tuple) -> _po.UpdateReport:
    root, source, _, lang, dry_run = job
    return update_catalog(Path(root), Path(source), lang, _TM, dry_run)
