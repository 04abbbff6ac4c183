"""Which source revision a DOCX was built from, in its custom document properties.

Word keeps docProps/custom.xml through a review round, so the reviewed file still says
what it was built from: the note's and the catalog's SHA-256 and the git commit.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

CUSTOM = "docProps/custom.xml"
NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CTYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PREFIX = "capdev-"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def catalog_of(root: Path, folder: Path, lang: str) -> Path:
    rel = (folder / "note.md").resolve().relative_to(root.resolve()).as_posix()
    return root / "translations" / lang / f"{rel}.po"


def revision(root: Path, folder: Path, lang: str) -> dict[str, str]:
    """What a DOCX of the note in `lang` depends on. An English DOCX depends on note.md
    only; a Spanish one on note.md and its catalog."""
    props = {"note": folder.name, "lang": lang, "note-sha256": digest(folder / "note.md")}
    if lang != "en":
        props["catalog-sha256"] = digest(catalog_of(root, folder, lang))
    props["git-commit"] = git_commit(root)
    return props


def git_commit(root: Path) -> str:
    try:
        proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def stamp(data: bytes, props: dict[str, str]) -> bytes:
    """The DOCX with `props` (as `capdev-<name>`) in docProps/custom.xml; other members
    are copied as they are."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    names = zin.namelist()
    custom = _custom(zin.read(CUSTOM) if CUSTOM in names else None, props)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == CUSTOM:
                body = custom
            elif CUSTOM not in names and info.filename == "[Content_Types].xml":
                body = _with_override(body)
            elif CUSTOM not in names and info.filename == "_rels/.rels":
                body = _with_rel(body)
            z.writestr(info, body)
        if CUSTOM not in names:
            z.writestr(CUSTOM, custom)
    return out.getvalue()


def _custom(old: bytes | None, props: dict[str, str]) -> bytes:
    root = etree.fromstring(old) if old else etree.Element(f"{{{NS}}}Properties",
                                                           nsmap={None: NS, "vt": VT})
    for el in list(root):
        if (el.get("name") or "").startswith(PREFIX):
            root.remove(el)
    pid = max((int(el.get("pid") or 1) for el in root), default=1)
    for name, value in props.items():
        pid += 1
        el = etree.SubElement(root, f"{{{NS}}}property", fmtid=FMTID, pid=str(pid),
                              name=PREFIX + name)
        etree.SubElement(el, f"{{{VT}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_override(types: bytes) -> bytes:
    root = etree.fromstring(types)
    ns = root.nsmap[None]
    etree.SubElement(root, f"{{{ns}}}Override", PartName="/" + CUSTOM, ContentType=CTYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_rel(rels: bytes) -> bytes:
    root = etree.fromstring(rels)
    ns = root.nsmap[None]
    etree.SubElement(root, f"{{{ns}}}Relationship", Id="rIdCapdevCustom", Type=REL,
                     Target=CUSTOM)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read(zf: zipfile.ZipFile) -> dict[str, str]:
    """The `capdev-*` properties of an (already checked) DOCX, without the prefix."""
    if CUSTOM not in zf.namelist():
        return {}
    try:
        root = etree.fromstring(zf.read(CUSTOM),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for el in root:
        name = el.get("name") or ""
        if name.startswith(PREFIX):
            out[name[len(PREFIX):]] = "".join(el.itertext())
    return out


def changed(current: dict[str, str], built: dict[str, str]) -> list[str]:
    """The parts of the source that changed since the DOCX was built."""
    return [k for k in ("note-sha256", "catalog-sha256")
            if k in current and built.get(k) != current[k]]


def revision_of(note) -> dict[str, str]:  # noqa: ANN001 — a clearance.source.NoteSource
    """The hashes of what an import was proposed against (recorded in the decisions)."""
    out = {"note-sha256": hashlib.sha256(note.text.encode("utf-8")).hexdigest()}
    if note.catalog is not None:
        out["catalog-sha256"] = hashlib.sha256(note.catalog.data).hexdigest()
    return out
