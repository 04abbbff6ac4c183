"""The reviewed DOCX as pandoc reads it (`--track-changes=all`), flattened to text blocks.

Each block is a paragraph, heading, list item, table cell or footnote paragraph, as a
list of pieces: text that was there before the review ("same"), text the reviewer
deleted ("del") or inserted ("ins"). A piece carries what it displays (for aligning with
the source) and its Markdown form (for inserted text: emphasis, http(s) links).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from capdev.errors import CapdevError, Finding
from capdev.pdf import pandoc

NOTE_MARK = "\ue000"  # a footnote reference: one character in either text
IMAGE_MARK = "\ue002"
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                        "\u2019": "'", "\u00a0": " "})
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


@dataclass
class Piece:
    state: str  # same | del | ins
    text: str  # as displayed (quotes straightened)
    md: str  # as Markdown
    author: str = ""
    date: str = ""


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str
    start: int = -1  # offsets into the block's old text
    end: int = -1


@dataclass
class Block:
    kind: str  # paragraph | heading | list item | table cell | footnote
    pieces: list[Piece] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    para_mark: str = ""  # "ins" | "del" when the paragraph mark itself was tracked

    def text(self, states: tuple[str, ...]) -> str:
        return "".join(p.text for p in self.pieces if p.state in states)

    @property
    def old(self) -> str:
        return self.text(("same", "del"))

    @property
    def new(self) -> str:
        return self.text(("same", "ins"))

    @property
    def changed(self) -> bool:
        return any(p.state != "same" and p.text.strip() for p in self.pieces)


def read(data: bytes, shown: str) -> list[Block]:
    """The DOCX's blocks in reading order, then its footnotes (as the source has them)."""
    try:
        out = pandoc.run(["-f", "docx", "--track-changes=all", "-t", "json"], data, shown)
        tree = json.loads(out)
    except CapdevError as err:
        said = err.findings[0].message if err.findings else ""
        # pandoc's own words when they are words, not a Haskell call site
        detail = f" ({said.removeprefix('pandoc failed: ')})" if said and "called at" not in said \
            else ""
        raise CapdevError(Finding(shown, 1, "review-unreadable",
                                  f"not a readable Word document{detail}",
                                  "open it in Word and save it again as .docx")) from None
    except ValueError as exc:
        raise CapdevError(Finding(shown, 1, "review-unreadable", str(exc),
                                  "open it in Word and save it again as .docx")) from None
    reader = _Reader()
    reader.front(tree.get("meta", {}))
    reader.blocks(tree.get("blocks", []), "paragraph")
    return reader.out + reader.notes


class _Reader:
    def __init__(self) -> None:
        self.out: list[Block] = []
        self.notes: list[Block] = []
        self.target = self.out

    def front(self, meta: dict[str, Any]) -> None:
        """The cover pandoc moves to metadata (Title, Subtitle, Author, Date styles): a
        reviewer's edits there are reported too, not lost."""
        for key in ("title", "subtitle", "author", "date"):
            value = meta.get(key)
            values = value["c"] if value and value.get("t") == "MetaList" else [value]
            for v in values:
                if v and v.get("t") == "MetaInlines":
                    self.para(v["c"], "front matter")
                elif v and v.get("t") == "MetaBlocks":
                    self.blocks(v["c"], "front matter")

    def blocks(self, blocks: list[Any], kind: str) -> None:
        for b in blocks:
            self.block(b, kind)

    def block(self, b: dict[str, Any], kind: str) -> None:
        t, c = b.get("t"), b.get("c")
        if t in ("Para", "Plain"):
            self.para(c, kind)
        elif t == "Header":
            self.para(c[2], "heading")
        elif t in ("BulletList", "OrderedList"):
            for item in c if t == "BulletList" else c[1]:
                self.blocks(item, "list item")
        elif t in ("BlockQuote", "Div"):
            self.blocks(c if t == "BlockQuote" else c[1], kind)
        elif t == "Figure":
            self.blocks(c[1][1], "caption")
            self.blocks(c[2], kind)
        elif t == "Table":
            self.table(c)
        elif t == "DefinitionList":
            for term, defs in c:
                self.para(term, "definition term")
                for d in defs:
                    self.blocks(d, "definition")

    def table(self, c: list[Any]) -> None:
        self.blocks(c[1][1], "caption")
        head, bodies, foot = c[3], c[4], c[5]
        rows = list(head[1])
        for body in bodies:
            rows += body[2] + body[3]
        rows += foot[1]
        for row in rows:
            for cell in row[1]:
                before = len(self.target)
                self.blocks(cell[4], "table cell")
                if len(self.target) == before:  # an empty cell is still a cell
                    self.target.append(Block("table cell"))

    def para(self, inlines: list[Any], kind: str) -> None:
        block = Block(kind)
        self.target.append(block)
        notes: list[list[Any]] = []
        _Inlines(block, notes).run(inlines, "same", "", "")
        for note in notes:
            saved, self.target = self.target, self.notes
            self.blocks(note, "footnote")
            self.target = saved


class _Inlines:
    """Pandoc inlines → pieces, carrying the tracked-change state down the tree."""

    def __init__(self, block: Block, notes: list[list[Any]]) -> None:
        self.block, self.notes = block, notes
        self.open: dict[str, Comment] = {}

    def add(self, state: str, text: str, md: str, author: str, date: str) -> None:
        self.block.pieces.append(Piece(state, text.translate(QUOTES), md, author, date))

    def old_len(self) -> int:
        return len(self.block.old)

    def run(self, inlines: list[Any], state: str, author: str, date: str) -> None:
        for node in inlines:
            self.inline(node, state, author, date)

    def inline(self, node: dict[str, Any], state: str, author: str, date: str) -> None:
        t, c = node.get("t"), node.get("c")
        if t == "Str":
            self.add(state, c, MD_SPECIAL.sub(r"\\\1", c.translate(QUOTES)), author, date)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            self.add(state, " ", " ", author, date)
        elif t in ("Code", "Math"):
            text = c[1]
            self.add(state, text, f"`{text}`" if t == "Code" else f"${text}$", author, date)
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript",
                   "Subscript"):
            mark = {"Emph": "*", "Strong": "**"}.get(t, "")
            self.add(state, "", mark, author, date)
            self.run(c, state, author, date)
            self.add(state, "", mark, author, date)
        elif t == "Quoted":
            q = '"' if c[0]["t"] == "DoubleQuote" else "'"
            self.add(state, q, q, author, date)
            self.run(c[1], state, author, date)
            self.add(state, q, q, author, date)
        elif t == "Link":
            self.link(c, state, author, date)
        elif t == "Image":
            self.add(state, IMAGE_MARK, "", author, date)
        elif t == "Note":
            self.add(state, NOTE_MARK, "", author, date)
            self.notes.append(c)
        elif t == "Cite":
            self.run(c[1], state, author, date)
        elif t == "Span":
            self.span(c, state, author, date)

    def link(self, c: list[Any], state: str, author: str, date: str) -> None:
        url = str(c[2][0])
        web = re.match(r"https?://", url, re.I) is not None
        # Only web links become Markdown links: file:, javascript:, mailto: … stay text.
        self.add(state, "", "[" if web else "", author, date)
        self.run(c[1], state, author, date)
        self.add(state, "", f"]({url})" if web else "", author, date)

    def span(self, c: list[Any], state: str, author: str, date: str) -> None:
        (_id, classes, attrs), content = c
        kv = dict(attrs)
        if "insertion" in classes or "deletion" in classes:
            new_state = "ins" if "insertion" in classes else "del"
            self.run(content, new_state, kv.get("author", ""), kv.get("date", ""))
        elif "paragraph-insertion" in classes or "paragraph-deletion" in classes:
            self.block.para_mark = "ins" if "paragraph-insertion" in classes else "del"
        elif "comment-start" in classes:
            com = Comment(kv.get("id", ""), kv.get("author", ""), kv.get("date", ""),
                          " ".join(_plain(content).split()), start=self.old_len())
            self.open[com.id] = com
            self.block.comments.append(com)
        elif "comment-end" in classes:
            com = self.open.pop(kv.get("id", ""), None)
            if com is not None:
                com.end = self.old_len()
        else:
            self.run(content, state, author, date)


def _plain(inlines: list[Any]) -> str:
    out = []
    for node in inlines:
        t, c = node.get("t"), node.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif isinstance(c, list):
            out.append(_plain([x for x in c if isinstance(x, dict)] or
                              [y for x in c if isinstance(x, list) for y in x
                               if isinstance(y, dict)]))
    return "".join(out)
