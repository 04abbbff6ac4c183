"""Substituting translations into the original bytes of a source.

A segment whose translation is missing, or equal to its English, keeps its original bytes:
that is what makes the identity round trip exact. Untranslated Markdown text can be
wrapped in `<span lang="en">` so screen readers switch voice.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from capdev.catalogs.extract import Source, meta_json
from capdev.catalogs.segment import Segment
from capdev.catalogs.yamldata import yaml_scalar

Lookup = Callable[[Segment], "str | None"]


def _md_text(value: str, seg: Segment) -> str:
    """Multi-line translations keep the block's continuation prefix and hard breaks."""
    if "\n" not in value:
        return value
    lines = value.split("\n")
    out = lines[0]
    for line in lines[1:]:
        brk = "\n" if out.endswith("\\") else "  \n"
        out += brk + seg.cont_prefix + line
    return out


def substitute(text: str, segments: list[Segment], lookup: Lookup,
               mark: Callable[[str], str] | None = None) -> str:
    out: list[str] = []
    pos = 0
    for seg in sorted(segments, key=lambda s: s.start):
        original = text[seg.start:seg.end]
        value = lookup(seg)
        if value is None or value == seg.msgid:
            if mark is None or not seg.wrap or seg.style != "md" or value == seg.msgid:
                continue
            new = mark(original)
        elif seg.style == "md":
            new = _md_text(value, seg)
        else:
            new = yaml_scalar(value, seg, original)
        out.append(text[pos:seg.start])
        out.append(new)
        pos = seg.end
    out.append(text[pos:])
    return "".join(out)


def render_source(src: Source, lookup: Lookup, mark: Callable[[str], str] | None = None) -> str:
    if src.kind != "ipynb":
        return substitute(src.text, src.segments, lookup, mark)
    return _render_notebook(src, lookup, mark)


def _render_notebook(src: Source, lookup: Lookup, mark: Callable[[str], str] | None) -> str:
    new_cells = {c.index: substitute(c.text, c.segments, lookup, mark) for c in src.cells}
    meta_segs = src.meta_segments + [s for segs in src.cell_meta.values() for s in segs]
    if all(new_cells[c.index] == c.text for c in src.cells) and not any(
        lookup(s) not in (None, s.msgid) for s in meta_segs
    ):
        return src.text  # nothing translated: the file itself, byte for byte
    nb = json.loads(src.text)
    for index, text in new_cells.items():
        nb["cells"][index]["source"] = text
    meta = nb.get("metadata", {}).get("capdev")
    if meta is not None:
        nb["metadata"]["capdev"] = json.loads(substitute(meta_json(meta), src.meta_segments, lookup))
    for index, segs in src.cell_meta.items():
        cell_meta = nb["cells"][index]["metadata"]
        cell_meta["capdev"] = json.loads(substitute(meta_json(cell_meta["capdev"]), segs, lookup))
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb))


def wrap_lang(lang: str) -> Callable[[str], str]:
    return lambda text: f'<span lang="{lang}">{text}</span>'


def pandoc_lang_span(lang: str) -> Callable[[str], str]:
    """Pandoc's bracketed span, `[text]{lang=en}`: for sources that go through pandoc (notes,
    publications), whose typst, Word and web writers each mark the language their own way.
    Text with unbalanced brackets stays unmarked, since the span would not parse."""
    def wrap(text: str) -> str:
        return f"[{text}]{{lang={lang}}}" if _balanced(text) else text
    return wrap


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text.replace("\\[", "").replace("\\]", ""):
        depth += (ch == "[") - (ch == "]")
        if depth < 0:
            return False
    return depth == 0
