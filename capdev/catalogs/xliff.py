"""XLIFF 1.2 exchange through translate-toolkit, one XLIFF per catalog.

Fuzzy entries go out as `state="needs-translation"` with the previous English kept in an
`<alt-trans>` (its `<source>` is the old English, its `<target>` the old Spanish), so a
CAT tool shows what changed. Units are keyed by msgid (the XLIFF `resname`).
"""

from __future__ import annotations

from pathlib import Path

import polib
from translate.storage import xliff

from capdev.catalogs import po as _po


def _unit(store: xliff.xlifffile, entry: polib.POEntry) -> None:
    unit = store.UnitClass(entry.msgid)
    store.addunit(unit)
    unit.setid(str(len(store.units)))
    unit.xmlelement.set("resname", entry.msgid[:200])
    if entry.comment:
        unit.addnote(entry.comment, origin="developer")
    if entry.occurrences:
        unit.addnote(" ".join(f"{f}:{ln}" for f, ln in entry.occurrences), origin="location")
    if entry.msgstr:
        unit.target = entry.msgstr
        if "fuzzy" in entry.flags:
            unit.markfuzzy(True)
            if entry.previous_msgid:
                unit.addalttrans(entry.msgstr, origin="previous", sourcetxt=entry.previous_msgid)
        else:
            unit.markapproved(True)


def export_catalog(po_path: Path, rel: str, lang: str) -> bytes:
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage=lang)
    store.switchfile(rel, createifmissing=True)
    for entry in polib.pofile(str(po_path)):
        if not entry.obsolete:
            _unit(store, entry)
    # translate-toolkit writes a 1.1 header; the document is valid XLIFF 1.2, so say so.
    return bytes(store).replace(b'urn:oasis:names:tc:xliff:document:1.1" version="1.1"',
                                b'urn:oasis:names:tc:xliff:document:1.2" version="1.2"', 1)


def export_all(root: Path, lang: str, out: Path) -> list[Path]:
    base = root / "translations" / lang
    written = []
    for po_path in sorted(base.rglob("*.po")):
        rel = po_path.relative_to(base).as_posix()[: -len(".po")]
        target = out / f"{rel}.xlf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(export_catalog(po_path, rel, lang))
        written.append(target)
    return written


def import_file(root: Path, lang: str, xlf: Path) -> int:
    store = xliff.xlifffile.parsefile(str(xlf))
    names = [n for n in store.getfilenames() if n != "NoName"]
    if not names:
        return 0
    rel = names[0]
    po_path = _po.catalog_path(root, rel, lang)
    catalog = _po.load(po_path)
    if catalog is None:
        return 0
    by_id = {e.msgid: e for e in catalog if not e.obsolete}
    changed = 0
    for unit in store.units:
        entry = by_id.get(str(unit.source))
        target = str(unit.target or "")
        if entry is None or not target:
            continue
        fuzzy = not unit.isapproved()
        flags = ["fuzzy"] if fuzzy else []
        if entry.msgstr != target or entry.flags != flags:
            entry.msgstr, entry.flags = target, flags
            if not fuzzy:
                entry.previous_msgid = None
            changed += 1
    if changed:
        _po.stamp(catalog)
        _po.atomic_write(po_path, _po.render_po(catalog))
    return changed


def import_all(root: Path, lang: str, files: list[Path]) -> int:
    return sum(import_file(root, lang, f) for f in files)
