"""A reviewed DOCX is untrusted input: what may reach pandoc, and what is refused.

Checked on the zip's directory and its small XML parts only (never by unpacking it all):
a file that is not a DOCX, macros, external relationships other than hyperlinks,
embedded objects and ActiveX controls, and zip bombs are findings, and nothing is read
further.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from capdev.errors import CapdevError, Finding

MAX_FILE = 50 * 1024 * 1024  # on disk: a policy note's DOCX is a few hundred kB
MAX_UNPACKED = 200 * 1024 * 1024  # sum of the members' declared sizes
MAX_RATIO = 200  # compressed → uncompressed, per member (XML compresses ~10×)
MAX_MEMBERS = 2000
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
EMBEDDED = ("oleobject", "activex", "control", "/package", "embeddings/", "activex/")
EMBEDDED_RELS = {"oleobject", "package", "control", "activexcontrol", "activexcontrolbinary"}
MACRO = ("vbaproject", "vbadata", "macroenabled", "word/vba")
# What a damaged archive raises while it is read (RuntimeError: an encrypted member).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
              NotImplementedError, RuntimeError)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
HINT = "save the reviewed document as a plain Word Document (.docx) and import that"


def check(data: bytes, shown: str) -> zipfile.ZipFile:
    """The DOCX as an open zip, or a CapdevError with every reason it is refused."""
    if len(data) > MAX_FILE:
        raise CapdevError(Finding(shown, 1, "review-too-large",
                                  f"{len(data) // 1_000_000} MB is larger than a reviewed "
                                  "note can be", HINT))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except ZIP_ERRORS as exc:
        raise CapdevError(Finding(shown, 1, "review-not-docx",
                                  f"not a DOCX (not a zip archive: {exc})", HINT)) from None
    findings = _bomb(infos, shown)
    if findings:
        raise CapdevError(findings)
    names = {i.filename for i in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise CapdevError(Finding(shown, 1, "review-not-docx",
                                  "a zip archive without word/document.xml: not a Word document",
                                  HINT))
    findings += _damaged(zf, shown)
    findings += _members(names, shown)
    findings += _content_types(zf, shown)
    for name in sorted(n for n in names if n.endswith(".rels")):
        findings += _relationships(zf, name, shown)
    if findings:
        raise CapdevError(findings)
    return zf


def _bomb(infos: list[zipfile.ZipInfo], shown: str) -> list[Finding]:
    if len(infos) > MAX_MEMBERS:
        return [Finding(shown, 1, "review-zip-bomb", f"{len(infos)} members in the archive",
                        HINT)]
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        return [Finding(shown, 1, "review-zip-bomb",
                        f"unpacks to {total // 1_000_000} MB (limit "
                        f"{MAX_UNPACKED // 1_000_000} MB)", HINT)]
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return [Finding(f"{shown}!{i.filename}", 1, "review-zip-bomb",
                            f"compressed {i.file_size // max(i.compress_size, 1)}:1", HINT)]
    return []


def _damaged(zf: zipfile.ZipFile, shown: str) -> list[Finding]:
    """Every member's checksum (sizes are bounded above): a damaged download is told as
    such, not as whatever pandoc trips over first."""
    try:
        bad = zf.testzip()
    except ZIP_ERRORS as exc:
        return [Finding(shown, 1, "review-corrupt", f"the archive is damaged ({exc})", HINT)]
    if bad is not None:
        return [Finding(f"{shown}!{bad}", 1, "review-corrupt",
                        "this part of the archive is damaged (checksum mismatch)", HINT)]
    return []


def _members(names: set[str], shown: str) -> list[Finding]:
    out = []
    for name in sorted(names):
        low = name.lower()
        if any(m in low for m in MACRO):
            out.append(Finding(f"{shown}!{name}", 1, "review-macro",
                               "the document carries macros (VBA)", HINT))
        elif any(m in low for m in EMBEDDED):
            out.append(Finding(f"{shown}!{name}", 1, "review-embedded-object",
                               "the document embeds an object or ActiveX control",
                               "remove embedded objects, or " + HINT))
    return out


def _xml(zf: zipfile.ZipFile, name: str, shown: str) -> etree._Element | Finding:
    try:
        return etree.fromstring(zf.read(name), PARSER)
    except etree.XMLSyntaxError as exc:
        return Finding(f"{shown}!{name}", exc.lineno or 1, "review-corrupt",
                       f"not well-formed XML: {exc.msg}", HINT)
    except ZIP_ERRORS as exc:
        return Finding(f"{shown}!{name}", 1, "review-corrupt", f"cannot be unpacked: {exc}",
                       HINT)


def _content_types(zf: zipfile.ZipFile, shown: str) -> list[Finding]:
    root = _xml(zf, "[Content_Types].xml", shown)
    if isinstance(root, Finding):
        return [root]
    out = []
    for el in root:
        ctype = (el.get("ContentType") or "").lower()
        path, line = f"{shown}![Content_Types].xml", el.sourceline or 1
        if any(m in ctype for m in MACRO):
            out.append(Finding(path, line, "review-macro",
                               f"macro-enabled content ({el.get('ContentType')})", HINT))
        elif "oleobject" in ctype or "activex" in ctype:
            out.append(Finding(path, line, "review-embedded-object",
                               f"embedded object content ({el.get('ContentType')})",
                               "remove embedded objects, or " + HINT))
    return out


def _relationships(zf: zipfile.ZipFile, name: str, shown: str) -> list[Finding]:
    root = _xml(zf, name, shown)
    if isinstance(root, Finding):
        return [root]
    out = []
    for rel in root:
        kind = rel.get("Type") or ""
        line = rel.sourceline or 1
        if kind.rsplit("/", 1)[-1].lower() in EMBEDDED_RELS:
            out.append(Finding(f"{shown}!{name}", line, "review-embedded-object",
                               f"a relationship to an embedded object ({kind.rsplit('/', 1)[-1]})",
                               "remove embedded objects, or " + HINT))
        elif rel.get("TargetMode") == "External" and kind != HYPERLINK:
            out.append(Finding(f"{shown}!{name}", line, "review-external",
                               f"an external {kind.rsplit('/', 1)[-1]} relationship to "
                               f"{(rel.get('Target') or '')[:80]}",
                               "linked images, templates and frames are not accepted: "
                               "embed the picture or remove it"))
    return out
