"""The note's side of the alignment: one item per segment, the text the DOCX shows.

For English the item's Markdown is the segment's msgid and an edit lands in note.md; for
Spanish it is the catalog's msgstr and an edit lands in that entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.extract import read_source
from capdev.catalogs.segment import Segment
from capdev.clearance.mdtext import Display, display


@dataclass
class Item:
    seg: Segment
    md: str  # what the DOCX was built from: msgid (en) or msgstr (es)
    shown: Display
    why_not: str  # why an edit here is reported and not spliced ("" when it can be)

    @property
    def editable(self) -> bool:
        return not self.why_not


@dataclass
class NoteSource:
    folder: Path
    rel: str  # policy_notes/<id>/note.md
    lang: str
    text: str  # note.md
    items: list[Item]
    catalog: _po.Catalog | None = None
    catalog_path: Path | None = None


def load(root: Path, folder: Path, lang: str) -> NoteSource:
    path = folder / "note.md"
    src = read_source(path)
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    cat, cat_path = None, None
    translations: dict[str, str] = {}
    if lang != "en":
        cat_path = _po.catalog_path(root, rel, lang)
        cat = _po.read(cat_path, _po.shown_path(cat_path, root))
        translations = {e.msgid: e.msgstr for e in cat.owned()} if cat else {}
    items = []
    for seg in src.segments:
        md = translations.get(seg.msgid) or seg.msgid if lang != "en" else seg.msgid
        items.append(Item(seg, md, display(md), _why_not(src.text, seg, lang, translations)))
    return NoteSource(folder, rel, lang, src.text, items, cat, cat_path)


def source_offsets(text: str, seg: Segment) -> list[int]:
    """For each character of the msgid, its offset in note.md (and one past the end): a
    segment's msgid is its span with each line break and continuation prefix as a space."""
    out: list[int] = []
    i, brk = seg.start, "\n" + seg.cont_prefix
    while i < seg.end:
        out.append(i)
        i += len(brk) if text.startswith(brk, i) and i + len(brk) <= seg.end else 1
    out.append(seg.end)
    return out


def _why_not(text: str, seg: Segment, lang: str, translations: dict[str, str]) -> str:
    if seg.style != "md":
        # YAML quoting and folding rules differ per scalar style: a splice could change
        # what the front matter means.
        return "the front matter is YAML: make this change in note.md by hand"
    if lang != "en" and not translations.get(seg.msgid):
        return "this segment is not translated yet: translate it in the catalog"
    if lang == "en" and len(source_offsets(text, seg)) != len(seg.msgid) + 1:
        return "this block's layout is not plain text lines: make the change by hand"
    return ""
