"""XLIFF 1.2 exchange through translate-toolkit, one XLIFF per catalog.

States follow XLIFF 1.2 as CAT tools use them. On export: a translated entry is
`state="translated"` (and `approved="yes"`), a fuzzy one `state="needs-review-translation"`
with the previous English kept in an `<alt-trans>` (its `<source>` is the old English, its
`<target>` the old Spanish) so a CAT tool shows what changed, an empty one an empty
`<target state="needs-translation">`. On import: `approved="yes"`, `final`, `signed-off`
and `translated` are finished translations; `needs-review-*`, `needs-adaptation` and
`needs-l10n` (or no state at all) come back fuzzy; `new` and `needs-translation` are
untranslated, so their target is not taken (the catalog entry stays as it is).

Units are keyed by msgid (the XLIFF `resname`). Entries capdev does not own (plural
forms, msgctxt) are neither exported nor touched on import.

A catalog or an XLIFF file that cannot be read is a finding; the others are still
exported or imported.
"""

from __future__ import annotations

from pathlib import Path

import polib
from lxml import etree
from translate.storage import xliff

from capdev.catalogs import po as _po
from capdev.errors import CapdevError, Finding


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
        fuzzy = "fuzzy" in entry.flags
        unit.markapproved(not fuzzy)
        _target(unit).set("state", "needs-review-translation" if fuzzy else "translated")
        if fuzzy and entry.previous_msgid:
            unit.addalttrans(entry.msgstr, origin="previous", sourcetxt=entry.previous_msgid)
    else:
        target = etree.SubElement(unit.xmlelement, unit.namespaced("target"))
        target.set("state", "needs-translation")
        unit.xmlelement.insert(list(unit.xmlelement).index(unit.source_dom) + 1, target)


FINISHED = {"final", "signed-off", "translated"}
REVIEW = {"needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
          "needs-adaptation", "needs-l10n"}
UNTRANSLATED = {"new", "needs-translation"}


def _target(unit: xliff.xliffunit):  # noqa: ANN202 — an lxml element
    return unit.xmlelement.find(unit.namespaced("target"))


def status(unit: xliff.xliffunit) -> str:
    """"translated", "fuzzy" or "untranslated", from `approved` and the target's state."""
    if unit.xmlelement.get("approved") == "yes":
        return "translated"
    target = _target(unit)
    state = target.get("state") if target is not None else None
    if state in FINISHED:
        return "translated"
    if state in UNTRANSLATED:
        return "untranslated"
    return "fuzzy"  # needs-review-*, needs-adaptation, needs-l10n, none, x-…


def export_catalog(po_path: Path, rel: str, lang: str, shown: str = "") -> bytes:
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage=lang)
    store.switchfile(rel, createifmissing=True)
    catalog = _po.read(po_path, shown or str(po_path))
    for entry in catalog.owned() if catalog else []:
        _unit(store, entry)
    # translate-toolkit writes a 1.1 header; the document is valid XLIFF 1.2, so say so.
    return bytes(store).replace(b'urn:oasis:names:tc:xliff:document:1.1" version="1.1"',
                                b'urn:oasis:names:tc:xliff:document:1.2" version="1.2"', 1)


def export_all(root: Path, lang: str, out: Path) -> tuple[list[Path], list[Finding]]:
    """The XLIFF files written, and a finding for each catalog that cannot be read."""
    base = root / "translations" / lang
    written, problems = [], []
    for po_path in sorted(base.rglob("*.po")):
        rel = po_path.relative_to(base).as_posix()[: -len(".po")]
        target = out / f"{rel}.xlf"
        try:
            data = export_catalog(po_path, rel, lang, _po.shown_path(po_path, root))
        except CapdevError as err:
            problems += err.findings
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written, problems


def _store(xlf: Path, shown: str) -> xliff.xlifffile:
    try:
        data = xlf.read_bytes()
    except OSError as exc:
        raise CapdevError(Finding(shown, 0, "file-not-found", f"cannot read it ({exc.strerror})",
                                  "give the path of an XLIFF file written by export-xliff")) from None
    try:
        return xliff.xlifffile.parsestring(data)
    except etree.XMLSyntaxError as exc:
        line, message = exc.lineno or 0, exc.msg
    except Exception as exc:  # noqa: BLE001 — translate-toolkit on XML that is not XLIFF
        line, message = 0, str(exc) or type(exc).__name__
    raise CapdevError(Finding(shown, line, "xliff-syntax", f"not a readable XLIFF file: {message}",
                              "export it again from the CAT tool (the file may be truncated)"))


def import_file(root: Path, lang: str, xlf: Path) -> int:
    shown = _po.shown_path(xlf, root)
    store = _store(xlf, shown)
    names = [n for n in store.getfilenames() if n != "NoName"]
    if not names:
        raise CapdevError(Finding(shown, 0, "xliff-syntax", "no <file> element names a catalog",
                                  "import XLIFF files written by `capdev i18n export-xliff`"))
    rel = names[0]
    base = (root / "translations" / lang).resolve()
    po_path = _po.catalog_path(root, rel, lang)
    if not po_path.resolve().is_relative_to(base) or not po_path.is_file():
        raise CapdevError(Finding(shown, 0, "xliff-unknown-file",
                                  f"no catalog translations/{lang}/{rel}.po for this XLIFF file",
                                  "check its <file original=…> and --lang"))
    catalog = _po.read(po_path, _po.shown_path(po_path, root))
    if catalog is None:
        return 0
    by_id = {e.msgid: e for e in catalog.owned()}
    changed = 0
    for unit in store.units:
        entry = by_id.get(str(unit.source))
        target = str(unit.target or "")
        if entry is None or not target or (state := status(unit)) == "untranslated":
            continue
        fuzzy = state == "fuzzy"
        flags = ["fuzzy"] if fuzzy else []
        if entry.msgstr != target or entry.flags != flags:
            entry.msgstr, entry.flags = target, flags
            if not fuzzy:
                entry.previous_msgid = None
            changed += 1
    if changed or catalog.converted:
        _po.stamp(catalog.po)
        _po.atomic_write(po_path, _po.render_po(catalog.po, catalog.foreign))
    return changed


def import_all(root: Path, lang: str, files: list[Path]) -> tuple[int, list[Finding]]:
    """Entries changed, and a finding for each file that cannot be imported (the others
    are)."""
    changed, problems = 0, []
    for f in files:
        try:
            changed += import_file(root, lang, f)
        except CapdevError as err:
            problems += err.findings
    return changed, problems
