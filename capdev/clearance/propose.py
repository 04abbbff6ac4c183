"""Proposed changes: the reviewed DOCX's blocks aligned with the note's segments, each
tracked insertion, deletion, moved paragraph and comment as a change with its splice.

A change's edits say exactly what to replace where (`at`, `old`, `new`): in note.md for
English, in a catalog entry's msgstr for Spanish. Applying checks `old` is still there, so
a decision file never writes over text that changed since the import.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from capdev.catalogs.markdown import LIST_ITEM
from capdev.clearance.docx import IMAGE_MARK, NOTE_MARK, Block, Comment, Piece
from capdev.clearance.mdtext import CITE_MARK, Display, citation_keys
from capdev.clearance.source import Item, NoteSource, source_offsets

MATCH = 80.0  # a DOCX block and a segment this similar are the same block
LOOKAHEAD = 12  # segments searched ahead of the last match before the whole note
SECTION_NUMBER = re.compile(r"^\d+(\.\d+)*\s+")
WHOLE_BLOCKS = ("paragraph", "heading", "list item")  # deleted whole, lines and all
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Edit:
    at: int  # offset in note.md (en) or in the entry's msgstr (es)
    old: str
    new: str
    msgid: str = ""  # es: the catalog entry


@dataclass
class Change:
    id: str
    kind: str
    author: str
    date: str
    line: int
    summary: str
    edits: list[Edit] = field(default_factory=list)
    applicable: bool = True
    reason: str = ""
    anchor: str = ""  # comments: the text they are anchored to
    comment: str = ""

    def as_dict(self) -> dict:
        """For the decisions file: what a person reads and decides first, then the splice;
        empty fields left out."""
        d = asdict(self)
        head = {k: d.pop(k) for k in ("id", "kind", "author", "date", "line", "summary")}
        head["decision"] = "defer"
        for e in d["edits"]:
            if not e["msgid"]:
                del e["msgid"]
        return head | {k: v for k, v in d.items() if v not in ("", [])}


@dataclass
class _Group:
    """Consecutive tracked pieces: a deletion of old[o1:o2] and/or an insertion."""

    o1: int
    o2: int
    old: str
    new_text: str
    new_md: str
    author: str
    date: str


def match(blocks: list[Block], items: list[Item]) -> list[int | None]:
    """For each block, the index of its segment (None: not from the note's text, such as
    the cover, the keyword line, the disclaimer or the reference list)."""
    keys = [_key(it.shown.text) for it in items]
    out: list[int | None] = []
    nxt, used = 0, set()
    for b in blocks:
        old = _key(SECTION_NUMBER.sub("", b.old) if b.kind == "heading" else b.old)
        if not old.strip():
            out.append(None)
            continue
        found = _best(old, keys, range(nxt, min(nxt + LOOKAHEAD, len(keys))), used)
        if found is None:
            found = _best(old, keys, range(len(keys)), used)
        out.append(found)
        if found is not None:
            used.add(found)
            nxt = max(nxt, found + 1)
    return out


def _key(text: str) -> str:
    return " ".join(text.replace(CITE_MARK, " ").replace(NOTE_MARK, " ").split())


def _best(old: str, keys: list[str], where: range, used: set[int]) -> int | None:
    best, score = None, MATCH
    for i in where:
        if i in used or not keys[i]:
            continue
        s = fuzz.ratio(old, keys[i])
        if s > score or (s == score == 100.0 and best is None):
            best, score = i, s
    return best


def groups(block: Block) -> list[_Group]:
    out: list[_Group] = []
    pos, cur = 0, None
    for p in block.pieces:
        if p.state == "same" and p.text:
            cur = None
        elif p.state != "same":
            if cur is None:
                cur = _Group(pos, pos, "", "", "", p.author, p.date)
                out.append(cur)
            if p.state == "del":
                cur.old += p.text
                cur.o2 = pos + len(p.text)
            else:
                cur.new_text += p.text
                cur.new_md += p.md
        if p.state in ("same", "del"):
            pos += len(p.text)
    return [g for g in out if g.old.strip() or g.new_text.strip()]


def _only(block: Block, state: str) -> bool:
    """The block's text is all tracked `state` (a paragraph inserted or deleted whole)."""
    text = [p for p in block.pieces if p.text.strip()]
    return bool(text) and all(p.state == state for p in text)


class Proposer:
    def __init__(self, note: NoteSource, labels: dict[str, str]) -> None:
        self.note, self.labels = note, labels
        self.changes: list[Change] = []

    def add(self, kind: str, piece: Piece | _Group | Comment, line: int, summary: str,
            edits: list[Edit] | None = None, reason: str = "", **extra: str) -> Change:
        ch = Change(f"c{len(self.changes) + 1}", kind, piece.author, piece.date, line,
                    summary, edits or [], not reason, reason, **extra)
        self.changes.append(ch)
        return ch

    def run(self, blocks: list[Block]) -> list[Change]:
        where = match(blocks, self.note.items)
        moved = self._moves(blocks, where)
        for n, (block, idx) in enumerate(zip(blocks, where, strict=True)):
            item = self.note.items[idx] if idx is not None else None
            if n in moved:
                self._move(blocks, where, n, moved[n])
            elif n in moved.values():
                pass  # the paragraph's old place: part of its move
            elif _only(block, "ins") and item is None:
                self._inserted(blocks, where, n)
            elif block.changed and item is None:
                first = next(p for p in block.pieces if p.state != "same" and p.text.strip())
                self.add("unmapped", first, 0, f"in “{_short(block.old)}”",
                         reason="this text is not from the note (cover, keywords, "
                                "disclaimer or references): change it by hand")
            elif block.changed and item is not None and not item.editable:
                first = next(p for p in block.pieces if p.state != "same" and p.text.strip())
                self.add("unmapped", first, item.seg.line, f"in “{_short(block.old)}”",
                         reason=item.why_not)
            elif block.changed and item is not None:
                if _only(block, "del") and item.seg.kind.startswith(WHOLE_BLOCKS):
                    self._deleted(item, block)
                else:
                    self._edits(item, block)
            for com in block.comments:
                self._comment(block, item, com)
        # In the note's order (a table's caption comes first in the DOCX, last in note.md).
        self.changes.sort(key=lambda c: c.line)
        for n, ch in enumerate(self.changes, 1):
            ch.id = f"c{n}"
        _refuse_overlaps(self.changes)
        return self.changes

    # -- whole paragraphs -------------------------------------------------------------

    def _moves(self, blocks: list[Block], where: list[int | None]) -> dict[int, int]:
        """Inserted block → deleted block with the same text: Word's moveTo/moveFrom, as
        pandoc reads them (an insertion and a deletion)."""
        deleted = {n: _key(b.old) for n, b in enumerate(blocks)
                   if where[n] is not None and _only(b, "del")}
        out: dict[int, int] = {}
        for n, b in enumerate(blocks):
            if not _only(b, "ins"):
                continue
            new = _key(b.new)
            for d, old in deleted.items():
                if d not in out.values() and fuzz.ratio(new, old) >= 97:
                    out[n] = d
                    break
        return out

    def _anchor(self, where: list[int | None], n: int, skip: set[int]) -> Item | None:
        for k in range(n - 1, -1, -1):
            if where[k] is not None and where[k] not in skip:
                return self.note.items[where[k]]
        return None

    def _move(self, blocks: list[Block], where: list[int | None], n: int, d: int) -> None:
        item = self.note.items[where[d]]
        anchor = self._anchor(where, n, {where[d]})
        first = next(p for p in blocks[n].pieces if p.text.strip())
        if not item.editable or anchor is None or self.note.lang != "en":
            self.add("paragraph-moved", first, item.seg.line,
                     f"moved “{_short(blocks[d].old)}”",
                     reason="moves are applied to the English source only; move the "
                            "paragraph in note.md, then run `capdev i18n update`"
                     if self.note.lang != "en" else "cannot locate the new place")
            return
        start, end = _lines(self.note.text, item.seg.start, item.seg.end)
        raw = self.note.text[start:end]
        at = _after_block(self.note.text, anchor.seg.end)
        edits = [Edit(start, self.note.text[start:_after_blank(self.note.text, end)], ""),
                 Edit(at, "", "\n" + raw.rstrip("\n") + "\n")]
        self.add("paragraph-moved", first, item.seg.line,
                 f"moved “{_short(blocks[d].old)}” after line {anchor.seg.line}", edits)

    def _inserted(self, blocks: list[Block], where: list[int | None], n: int) -> None:
        block = blocks[n]
        first = next(p for p in block.pieces if p.text.strip())
        md = " ".join("".join(p.md for p in block.pieces if p.state == "ins").split())
        anchor = self._anchor(where, n, set())
        reason = ("new paragraphs are added to the English source only: add it to note.md, "
                  "then translate it" if self.note.lang != "en"
                  else "cannot locate where it goes" if anchor is None
                  else "" if _fits(block.kind, anchor.seg.kind)
                  else f"a new {block.kind}: add it to note.md by hand")
        if reason:
            self.add("paragraph-inserted", first, anchor.seg.line if anchor else 0,
                     f"new {block.kind} “{_short(block.new)}”", reason=reason)
            return
        at = _after_block(self.note.text, anchor.seg.end)
        if block.kind == "list item":
            self._new_item(first, anchor, at, md, block.new)
            return
        self.add("paragraph-inserted", first, anchor.seg.line,
                 f"new paragraph after line {anchor.seg.line}: “{_short(block.new)}”",
                 [Edit(at, "", "\n" + md + "\n")])

    def _new_item(self, first: Piece, anchor: Item, at: int, md: str, new: str) -> None:
        """A new list item goes right after the item Word put it after, with that item's
        indentation and marker (an ordered list's next number: the later items keep theirs
        in note.md, and the rendered list counts from its first number anyway)."""
        start, end = _lines(self.note.text, anchor.seg.start, anchor.seg.start)
        m = LIST_ITEM.match(self.note.text[start:end])
        if m is None:
            self.add("paragraph-inserted", first, anchor.seg.line, f"new list item “{_short(new)}”",
                     reason="a new list item: add it to note.md by hand")
            return
        indent, marker, gap = m.group(1), m.group(2), m.group(3) or " "
        if marker[0].isdigit():
            marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
        self.add("paragraph-inserted", first, anchor.seg.line,
                 f"new list item {marker} after line {anchor.seg.line}: “{_short(new)}”",
                 [Edit(at, "", f"{indent}{marker}{gap}{md}\n")])

    def _deleted(self, item: Item, block: Block) -> None:
        first = next(p for p in block.pieces if p.text.strip())
        if self.note.lang != "en" or not item.editable:
            self.add("paragraph-deleted", first, item.seg.line,
                     f"deleted “{_short(block.old)}”",
                     reason="paragraphs are deleted in the English source only: delete "
                            "it in note.md, then run `capdev i18n update`")
            return
        start, end = _lines(self.note.text, item.seg.start, item.seg.end)
        end = _after_blank(self.note.text, end)
        self.add("paragraph-deleted", first, item.seg.line, f"deleted “{_short(block.old)}”",
                 [Edit(start, self.note.text[start:end], "")])

    # -- within a paragraph -----------------------------------------------------------

    def _edits(self, item: Item, block: Block) -> None:
        shown = item.shown
        sm = SequenceMatcher(None, shown.text, block.old, autojunk=False)
        ops = sm.get_opcodes()
        cites = _citation_regions(shown, ops)
        for g in groups(block):
            cite = next((c for c in cites if _touches(g, c[1], c[2])), None)
            if cite is not None:
                self._citation(item, block, g, cite)
                continue
            s1, s2 = _to_source(ops, g.o1, True), _to_source(ops, g.o2, False)
            s2 = max(s1, s2)
            # An insertion at the very start goes before any opening markup (`**`).
            a = shown.md_at(s1) if s1 or s2 > s1 else 0
            b = shown.md_end(s2) if s2 > s1 else a
            a, b, new = _spaced(item.md, a, b, g.new_md.strip() if g.new_md.strip() else "")
            kind = "table-cell" if item.seg.kind.startswith("table") else \
                "replacement" if g.old.strip() and g.new_text.strip() else \
                "deletion" if g.old.strip() else "insertion"
            summary = _summary(g.old, g.new_text)
            reason = self._meaning(g.old, g.new_text, g.new_md)
            self.add(kind, g, item.seg.line, summary,
                     [] if reason else self._edit(item, a, b, new), reason)

    def _meaning(self, old: str, new: str, new_md: str = "") -> str:
        """A change that cannot be spliced as text: a new footnote or picture (either
        language); in Spanish, one the English must make first (numbers, links)."""
        if NOTE_MARK in new or IMAGE_MARK in new:
            return "a new footnote or picture: add it to note.md by hand"
        if self.note.lang == "en":
            return ""
        if "](" in new_md:
            return ("a link was added: links are the English source's — add it to note.md "
                    "first, then translate")
        if NUMBER.findall(old) != NUMBER.findall(new) and (NUMBER.search(old)
                                                            or NUMBER.search(new)):
            return ("a number changed: that changes what the note says — change the English "
                    "in note.md first, then the translation")
        return ""

    def _edit(self, item: Item, a: int, b: int, new: str) -> list[Edit]:
        if self.note.lang != "en":
            return [Edit(a, item.md[a:b], new, msgid=item.seg.msgid)]
        offs = source_offsets(self.note.text, item.seg)
        start = offs[a]
        end = offs[b - 1] + 1 if b > a else start
        return [Edit(start, self.note.text[start:end], new)]

    def _citation(self, item: Item, block: Block, g: _Group,
                  cite: tuple[int, int, int]) -> None:
        atom_pos, o1, o2 = cite
        atom = next(a for a in item.shown.atoms if a.at == atom_pos)
        rendered = block.old[o1:o2]
        new_render = rendered[:g.o1 - o1] + g.new_text + rendered[max(g.o2, g.o1) - o1:]
        old_md = item.md[atom.md_start:atom.md_end]
        keys = _keys_in(new_render, self.labels)
        summary = f"citation {old_md} “{rendered.strip()}” → “{new_render.strip()}”"
        if keys is None:
            self.add("citation", g, item.seg.line, summary,
                     reason="no entry of references.bib renders as "
                            f"“{new_render.strip()}”: add it to references.bib, or edit "
                            "the citation by hand")
            return
        new_md = "[" + "; ".join(f"@{k}" for k in keys) + "]"
        if keys == citation_keys(old_md):
            new_md = old_md
        if self.note.lang != "en":
            self.add("citation", g, item.seg.line, summary + f" ({new_md})",
                     reason="a citation changed: change it in the English note.md first "
                            "(the translation follows the English citations)")
            return
        self.add("citation", g, item.seg.line, f"{summary} ({old_md} → {new_md})",
                 self._edit(item, atom.md_start, atom.md_end, new_md))

    def _comment(self, block: Block, item: Item | None, com: Comment) -> None:
        end = com.end if com.end >= 0 else len(block.old)
        anchor = " ".join(block.old[com.start:end].replace(NOTE_MARK, "").split())
        self.add("comment", com, item.seg.line if item else 0,
                 f"“{_short(com.text)}” on “{_short(anchor)}”", anchor=anchor,
                 comment=com.text)


# -- helpers ---------------------------------------------------------------------------

def _fits(new_kind: str, anchor_kind: str) -> bool:
    """Where a new block can be written without guessing: a paragraph after a paragraph or
    a heading, a list item after a list item."""
    if new_kind == "list item":
        return anchor_kind.startswith("list item")
    return new_kind == "paragraph" and anchor_kind.startswith(("paragraph", "heading"))


def _refuse_overlaps(changes: list[Change]) -> None:
    """Two changes rewriting the same text cannot both be spliced: the later one is
    reported instead. The same edit met twice (a Spanish entry shared by two table cells)
    is no clash: applying collapses it to one."""
    taken: dict[tuple[str, int, int], tuple[str, str]] = {}
    for ch in changes:
        if not ch.applicable:
            continue
        clash = None
        for e in ch.edits:
            span = (e.msgid, e.at, e.at + len(e.old))
            for (msgid, a, b), (cid, new) in taken.items():
                same = (msgid, a, b) == span and new == e.new
                if msgid == e.msgid and a < span[2] and span[1] < b and not same:
                    clash = cid
        if clash:
            ch.applicable, ch.edits = False, []
            ch.reason = f"overlaps {clash}: decide that one, import again, then this one"
            continue
        for e in ch.edits:
            taken[(e.msgid, e.at, e.at + len(e.old))] = (ch.id, e.new)

def _citation_regions(shown: Display, ops: list) -> list[tuple[int, int, int]]:
    """(display position of the citation, start and end of its rendering in the DOCX's
    old text), for each citation the note has in this segment."""
    out = []
    for atom in shown.atoms:
        if atom.kind != "citation":
            continue
        for tag, i1, i2, j1, j2 in ops:
            if i1 <= atom.at < i2 and tag != "equal":
                out.append((atom.at, j1, j2))
                break
    return out


def _touches(g: _Group, start: int, end: int) -> bool:
    """Does the edit fall in old[start:end] (an insertion: strictly inside it)?"""
    if g.o1 == g.o2:
        return start < g.o1 < end
    return g.o1 < end and start < g.o2


def _to_source(ops: list, o: int, start: bool) -> int:
    """A position in the DOCX's old text as a position in the segment's display."""
    for tag, i1, i2, j1, j2 in ops:
        if j1 <= o < j2 or (o == j2 and not start and j2 > j1):
            if tag == "equal":
                return i1 + (o - j1)
            return i1 if start else i2
    return ops[-1][2] if ops else 0


def _spaced(md: str, a: int, b: int, new: str) -> tuple[int, int, str]:
    """Word-processor edits as pandoc reads them lose the spaces at their edges: keep
    one space between words and never leave two."""
    after = md[b] if b < len(md) else " "
    before = md[:a].rstrip("*_")[-1:] or " "  # the text before any closing emphasis
    if not new:
        before = md[a - 1] if a > 0 else " "
        if before == " " and after in " .,;:)":
            return a - 1, b, ""
        return a, b, ""
    if (before.isalnum() or before in ".,;:!?)") and new[0].isalnum():
        new = " " + new
    if after.isalnum() or (after == "[" and new[-1].isalnum()):
        new += " "
    return a, b, new


def _keys_in(rendered: str, labels: dict[str, str]) -> list[str] | None:
    from capdev.clearance.labels import keys_of

    return keys_of(rendered.strip(), labels)


def _lines(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole lines holding text[start:end], with the last newline."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return s, len(text) if e < 0 else e + 1


def _after_blank(text: str, pos: int) -> int:
    """Past one blank line after `pos`, so that deleting a block leaves one."""
    return pos + 1 if text.startswith("\n", pos) else pos


def _after_block(text: str, end: int) -> int:
    return _lines(text, end, end)[1]


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.replace(NOTE_MARK, "").replace(CITE_MARK, "[@…]").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _summary(old: str, new: str) -> str:
    old, new = _short(old), _short(new)
    if old and new:
        return f"“{old}” → “{new}”"
    return f"inserted “{new}”" if new else f"deleted “{old}”"
