"""PO catalogs: templates from segments, and gettext merge semantics on update.

Merging follows GNU msgmerge with `--previous`: an unchanged segment keeps its entry; a
changed one becomes fuzzy with its old Spanish and the old English in `#| msgid`; a
removed one becomes obsolete (`#~`) and comes back if its text returns. No non-empty
translation is ever dropped.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from capdev.catalogs.po_read import PoEntry, PoSyntaxError
from capdev.catalogs.po_read import parse as parse_entries
from capdev.catalogs.segment import Segment

WRAP = 79  # Poedit's and msgmerge's line width, so their saves do not reflow our files
SIMILARITY = 60.0  # below this, a changed segment is treated as new rather than edited
TM_NOTE = "capdev: suggested from translation memory"


def header(lang: str, rel: str) -> dict[str, str]:
    return {
        "Project-Id-Version": rel,
        "Report-Msgid-Bugs-To": "",
        "Language-Team": {"es": "Spanish"}.get(lang, lang),
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


def load(path: Path) -> polib.POFile | None:
    if not path.is_file():
        return None
    return polib.pofile(str(path), wrapwidth=WRAP)


def load_readonly(path: Path) -> list[PoEntry] | polib.POFile | None:
    """The entries (header excluded), cached per file version: for readers (rendering,
    status, translation memory), never writers. Read by the fast strict reader; a file it
    rejects is read by polib, which tolerates more (`capdev check` reports the error)."""
    if not path.is_file():
        return None
    return parse_readonly(path.read_text("utf-8"))


@lru_cache(maxsize=4096)
def parse_readonly(text: str) -> list[PoEntry] | polib.POFile:
    """`load_readonly` of a catalog's text."""
    try:
        return [e for e in parse_entries(text) if e.msgid or e.msgctxt is not None]
    except PoSyntaxError:
        return polib.pofile(text, wrapwidth=WRAP)


def merge(old: polib.POFile | None, new: polib.POFile, memory: dict[str, str],
          report: UpdateReport) -> polib.POFile:
    """Fill the fresh template `new` from the previous catalog `old` (gettext semantics)."""
    if old is not None:
        new.metadata = {**new.metadata, **{k: v for k, v in old.metadata.items()
                                           if k not in ("Project-Id-Version", "X-Generator")}}
    active = {e.msgid: e for e in (old or []) if not e.obsolete}
    obsolete = {e.msgid: e for e in (old or []) if e.obsolete}
    fresh = [e for e in new if e.msgid not in active]
    for entry in new:
        prev = active.get(entry.msgid)
        if prev is not None:
            _carry(prev, entry)
    leftovers = {m: e for m, e in active.items() if m not in {x.msgid for x in new}}
    for entry in fresh:
        if entry.msgid in obsolete and obsolete[entry.msgid].msgstr:
            _carry(obsolete.pop(entry.msgid), entry)
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
    for entry in obsolete.values():
        new.append(entry)
    return new


def _carry(prev: polib.POEntry, entry: polib.POEntry) -> None:
    entry.msgstr = prev.msgstr
    entry.flags = list(prev.flags)
    entry.previous_msgid = prev.previous_msgid
    entry.tcomment = prev.tcomment
    entry.msgctxt = prev.msgctxt


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


def render_po(po: polib.POFile) -> str:
    text = str(po)  # polib renders (and re-wraps) the whole file on each str()
    return text if text.endswith("\n") else text + "\n"


def atomic_write(path: Path, text: str) -> bool:
    """Write only if changed, through a temporary file and a rename (never half a file)."""
    if path.is_file() and path.read_text("utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


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
