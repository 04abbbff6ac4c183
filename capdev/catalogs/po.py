"""PO catalogs: templates from segments, and gettext merge semantics on update.

Merging follows GNU msgmerge with `--previous`: an unchanged segment keeps its entry; a
changed one becomes fuzzy with its old Spanish and the old English in `#| msgid`; a
removed one becomes obsolete (`#~`) and comes back if its text returns. No non-empty
translation is ever dropped.

Catalogs are read by their declared charset and always written as UTF-8 with a UTF-8
header. Entries capdev does not own (plural forms, msgctxt) are kept byte for byte, after
the entry they followed. A catalog that does not parse, or that has duplicate entries, is
reported (`path:line [rule]`) and never rewritten.
"""

from __future__ import annotations

import datetime as _dt
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from capdev.atomic import write_bytes
from capdev.catalogs import po_read, po_wrap
from capdev.catalogs.po_read import PoEntry, PoSyntaxError
from capdev.catalogs.segment import Segment
from capdev.errors import CapdevError, Finding
from capdev.locale import language

WRAP = 79  # Poedit's and msgmerge's line width, so their saves do not reflow our files
SIMILARITY = 60.0  # below this, a changed segment is treated as new rather than edited
TM_NOTE = "capdev: suggested from translation memory"


def header(lang: str, rel: str) -> dict[str, str]:
    return {
        "Project-Id-Version": rel,
        "Report-Msgid-Bugs-To": "",
        "Last-Translator": "",  # what msgfmt -c asks for; Poedit and Weblate fill it in
        "Language-Team": language(lang).name,  # "Spanish", what msgfmt -c asks for
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": "capdev",
    }


def catalog_path(root: Path, rel: str, lang: str) -> Path:
    return root / "translations" / lang / f"{rel}.po"


def template(rel: str, segments: list[Segment], lang: str = "") -> polib.POFile:
    """Entries in source order; one entry per distinct text, with every reference."""
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = header(lang, rel) if lang else header("", rel)
    by_id: dict[str, polib.POEntry] = {}
    for seg in segments:
        where = (rel, str(seg.line))
        note = f"{seg.kind} · {seg.ref}" if seg.ref else seg.kind
        entry = by_id.get(seg.msgid)
        if entry is None:
            entry = polib.POEntry(msgid=seg.msgid, msgstr="", occurrences=[where], comment=note)
            by_id[seg.msgid] = entry
            po.append(entry)
        else:
            entry.occurrences.append(where)
            if note not in entry.comment.split("\n"):
                entry.comment += "\n" + note
    return po


@dataclass
class UpdateReport:
    path: Path
    new: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    from_memory: list[str] = field(default_factory=list)
    written: bool = False
    converted: str = ""  # the charset the catalog was converted from to UTF-8
    findings: list[Finding] = field(default_factory=list)  # why it was left untouched


UTF8_TYPE = "text/plain; charset=UTF-8"
# Line separators of str.splitlines that are not newlines in a PO file: polib splits text
# it is given on them, so such a catalog is handed to polib as a file instead.
SPLITLINES_ONLY = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass
class Foreign:
    """An entry capdev does not own, as written, and the msgid of the entry capdev owns
    that it followed (None: the header), so that it stays where the translator put it."""

    entry: PoEntry
    raw: str
    after: str | None


@dataclass
class Catalog:
    """A catalog as read for rewriting: polib entries for what capdev owns, the others as
    written."""

    po: polib.POFile  # the header and the entries capdev owns (active and obsolete)
    data: bytes  # the file as read
    foreign: list[Foreign] = field(default_factory=list)  # plural, msgctxt
    converted: str = ""  # the declared charset when it was not UTF-8

    def owned(self) -> list[polib.POEntry]:
        return [e for e in self.po if not e.obsolete]


def shown_path(path: Path, root: Path) -> str:
    """Project-relative when it can be (paths from the project model already are under
    the resolved root: no stat per path part)."""
    for p, r in ((path, root), (path.resolve(), root.resolve())):
        if p.is_relative_to(r):
            return p.relative_to(r).as_posix()
    return str(path)


def read(path: Path, shown: str) -> Catalog | None:
    """The catalog at `path` (None if there is none). A catalog that does not parse, has
    duplicate entries or an unknown charset raises CapdevError with `shown:line` findings."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    got, problems = po_read.inspect(data, shown)
    if got is None or any(f.rule != "po-charset" for f in problems):
        raise CapdevError(problems)  # po-charset alone: converted to UTF-8 on writing
    po = _polib(got.decoded.text, shown)
    cat = Catalog(po, data, converted="" if got.decoded.utf8_header else str(got.decoded.declared))
    if cat.converted or not _utf8_type(po.metadata.get("Content-Type", UTF8_TYPE)):
        po.metadata["Content-Type"] = UTF8_TYPE
    po[:] = [e for e in po if _owned(e)]
    cat.foreign = _foreign(got.entries, po_read.lines_of(got.decoded.text))
    return cat


def _foreign(entries: list[PoEntry], lines: list[str]) -> list[Foreign]:
    out, after = [], {False: None, True: None}  # last owned msgid, active and obsolete
    for e in entries[1:] if entries and not entries[0].msgid and entries[0].owned else entries:
        if e.owned:
            after[e.obsolete] = e.msgid
        else:
            out.append(Foreign(e, "\n".join(lines[e.first - 1:e.last]) + "\n", after[e.obsolete]))
    return out


def _polib(text: str, shown: str) -> polib.POFile:
    """polib's reading of text the strict reader accepted (polib is the writer)."""
    text = "\n".join(po_read.lines_of(text)).rstrip("\n") + "\n"  # never a path to polib
    try:
        if not SPLITLINES_ONLY.search(text):
            return polib.pofile(text, wrapwidth=WRAP)
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "catalog.po"
            copy.write_text(text, "utf-8", newline="\n")
            return polib.pofile(str(copy), wrapwidth=WRAP, encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 — whatever polib trips on is a finding
        where = re.search(r"\(line (\d+)\)", str(exc))  # polib names the line it stopped at
        raise CapdevError(Finding(shown, int(where.group(1)) if where else 1, "po-syntax",
                                  f"polib cannot read it: {exc}", po_read.SYNTAX_HINT)) from None


def _owned(e: polib.POEntry) -> bool:
    return e.msgctxt is None and not e.msgid_plural and not e.msgstr_plural


def _utf8_type(value: str) -> bool:
    m = re.search(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", value, re.I)
    return m is None or po_read.codec_of(m.group(1)) == "utf-8"


def clashes(cat: Catalog, fresh: polib.POFile, shown: str) -> list[Finding]:
    """Entries capdev does not own that have the key (no msgctxt, same msgid) of a segment:
    merging would make a duplicate."""
    ids = {e.msgid for e in fresh}
    return [Finding(shown, e.line, "po-duplicate",
                    f"plural entry {po_read._short(e.msgid)} has the msgid of a segment of the "
                    "English source", "add a msgctxt to the plural entry, or remove it")
            for e in (f.entry for f in cat.foreign)
            if e.msgctxt is None and not e.obsolete and e.msgid in ids]


def load_readonly(path: Path) -> list[PoEntry] | None:
    """The entries capdev owns (header excluded), cached per file version: for readers
    (rendering, translation memory, PDF), never writers. Read by the fast strict reader in
    the declared charset; a catalog that does not parse raises CapdevError."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        return _parse_owned(po_read.decode(data).text)
    except PoSyntaxError as exc:
        raise CapdevError(po_read.syntax_finding(exc, str(path))) from None


def parse_readonly(text: str) -> list[PoEntry]:
    """`load_readonly` of a catalog's text (read as UTF-8 by the caller)."""
    try:
        return _parse_owned(text)
    except PoSyntaxError as exc:  # callers check catalogs first (`unreadable`): a last resort
        raise CapdevError(Finding("translations", exc.line, exc.rule, exc.message,
                                  "run `capdev check` to see which catalog")) from None


@lru_cache(maxsize=4096)
def _parse_owned(text: str) -> list[PoEntry]:
    return [e for e in po_read.parse(text) if e.msgid and e.owned]


_READABLE: dict[Path, tuple[int, int]] = {}  # catalogs found readable: (mtime_ns, size)


def unreadable(root: Path, sources: Iterable[Path], langs: Iterable[str]) -> list[Finding]:
    """Why the catalogs of these sources cannot be read as UTF-8 PO files (what the site's
    staging and `capdev i18n status` read), one finding each; [] when all can."""
    found = []
    for lang in langs:
        for source in sources:
            path = catalog_path(root, shown_path(source, root), lang)
            problem = _unreadable(path, shown_path(path, root))
            if problem is not None:
                found.append(problem)
    return found


def _unreadable(path: Path, shown: str) -> Finding | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if _READABLE.get(path) == (st.st_mtime_ns, st.st_size):
        return None
    data = path.read_bytes()
    try:
        _parse_owned(data.decode("utf-8"))  # the parse staging then finds in the cache
    except (UnicodeDecodeError, PoSyntaxError) as exc:
        problems = [f for f in po_read.inspect(data, shown)[1] if f.rule != "po-duplicate"]
        return problems[0] if problems else Finding(
            shown, getattr(exc, "line", 0), "po-syntax", str(exc), po_read.SYNTAX_HINT)
    _READABLE[path] = (st.st_mtime_ns, st.st_size)
    return None


def merge(old: polib.POFile | None, new: polib.POFile, memory: dict[str, str],
          report: UpdateReport) -> polib.POFile:
    """Fill the fresh template `new` from the previous catalog `old` (gettext semantics)."""
    if old is not None:
        new.metadata = {**new.metadata, **{k: v for k, v in old.metadata.items()
                                           if k not in ("Project-Id-Version", "X-Generator")}}
    active = {e.msgid: e for e in (old or []) if not e.obsolete}  # no duplicates: see read
    obsolete = [e for e in (old or []) if e.obsolete]  # all kept, duplicates too
    fresh = [e for e in new if e.msgid not in active]
    for entry in new:
        prev = active.get(entry.msgid)
        if prev is not None:
            _carry(prev, entry)
    leftovers = {m: e for m, e in active.items() if m not in {x.msgid for x in new}}
    for entry in fresh:
        if (back := _translated_obsolete(entry.msgid, obsolete)) is not None:
            _carry(obsolete.pop(back), entry)
            report.restored.append(entry.msgid)
        elif (match := _similar(entry.msgid, leftovers)) is not None:
            _as_fuzzy(entry, leftovers.pop(match))
            report.fuzzy.append(entry.msgid)
        elif entry.msgid in memory:
            entry.msgstr = memory[entry.msgid]
            entry.flags = ["fuzzy"]
            entry.tcomment = TM_NOTE
            report.from_memory.append(entry.msgid)
        else:
            report.new.append(entry.msgid)
    for msgid, gone in leftovers.items():
        if gone.msgstr:
            gone.obsolete = True
            new.append(gone)
            report.obsolete.append(msgid)
    for entry in obsolete:
        new.append(entry)
    return new


def _translated_obsolete(msgid: str, obsolete: list[polib.POEntry]) -> int | None:
    return next((i for i, e in enumerate(obsolete) if e.msgid == msgid and e.msgstr), None)


def _carry(prev: polib.POEntry, entry: polib.POEntry) -> None:
    entry.msgstr = prev.msgstr
    entry.flags = list(prev.flags)
    entry.previous_msgid = prev.previous_msgid
    entry.tcomment = prev.tcomment


def _as_fuzzy(entry: polib.POEntry, prev: polib.POEntry) -> None:
    entry.msgstr = prev.msgstr
    entry.flags = ["fuzzy"]
    # Keep the English the Spanish was made from: if it was already fuzzy, its previous.
    entry.previous_msgid = prev.previous_msgid if "fuzzy" in prev.flags and prev.previous_msgid \
        else prev.msgid
    entry.tcomment = prev.tcomment if prev.tcomment != TM_NOTE else ""


def _similar(msgid: str, candidates: dict[str, polib.POEntry]) -> str | None:
    pool = [m for m, e in candidates.items() if e.msgstr]
    if not pool:
        return None
    best = process.extractOne(msgid, pool, scorer=fuzz.ratio, score_cutoff=SIMILARITY)
    return best[0] if best else None


def render_po(po: polib.POFile, foreign: Iterable[Foreign] = ()) -> str:
    """The catalog's text as GNU gettext writes it (po_wrap: `msgcat` of it is identity),
    with the entries capdev does not own as they were written, each after the entry it
    followed (at the end of its section when that entry is gone)."""
    foreign = list(foreign)
    parts = ["\n".join(po_wrap.entry_lines(_header_entry(po), po.wrapwidth)) + "\n"]
    for obsolete in (False, True):
        section = [e for e in po if e.obsolete == obsolete]
        blocks: dict[str | None, list[str]] = {}
        for f in foreign:
            if f.entry.obsolete == obsolete:
                blocks.setdefault(f.after, []).append(f.raw)
        parts += blocks.pop(None, [])
        for e in section:
            if lines := po_wrap.entry_lines(e, po.wrapwidth):
                parts.append("\n".join(lines) + "\n")
            parts += blocks.pop(e.msgid, [])
        parts += [raw for rest in blocks.values() for raw in rest]  # their entry is gone
    return _file_comment(po.header) + "\n".join(parts)


def _header_entry(po: polib.POFile) -> polib.POEntry:
    """The header as an entry, its fields in polib's order (the one Poedit keeps)."""
    entry = polib.POEntry(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in
                                                   po.ordered_metadata()))
    if po.metadata_is_fuzzy:
        entry.flags.append("fuzzy")
    return entry


def _file_comment(header: str) -> str:
    """polib's rendering of the file's leading comment (POFile.__unicode__)."""
    out = ""
    for line in header.split("\n"):
        out += "#\n" if not line else f"#{line}\n" if line[:1] in (",", ":") else f"# {line}\n"
    return out


def atomic_write(path: Path, text: str) -> bool:
    """Write only if changed, through a temporary file and a rename (never half a file)."""
    return write_bytes(path, text.encode("utf-8"))


def stamped(text: str) -> str:
    """The rendered catalog with a fresh PO-Revision-Date (no second render of the file).
    The header must already have the field (polib orders header fields)."""
    now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    line = f'"PO-Revision-Date: {now}\\n"\n'
    head, sep, body = text.partition("\n\n")
    head = re.sub(r'^"PO-Revision-Date: .*\\n"$', lambda _m: line.rstrip("\n"), head,
                  count=1, flags=re.M)
    return head + sep + body


def stamp(po: polib.POFile) -> None:
    po.metadata["PO-Revision-Date"] = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
