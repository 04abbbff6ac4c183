"""Which segments a source file has: Markdown (with front matter), YAML data, notebooks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from capdev.catalogs.markdown import segment_markdown
from capdev.catalogs.pycode import LABELS_TAG, code_segments
from capdev.catalogs.segment import Segment
from capdev.catalogs.yamldata import segment_yaml
from capdev.errors import CapdevError
from capdev.sources.frontmatter import split
from capdev.sources.reading import notebook_json

SUFFIXES = (".md", ".yml", ".yaml", ".ipynb")


@dataclass
class Cell:
    """A notebook cell: its own text and segments (offsets relative to the cell)."""

    index: int
    id: str
    text: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Source:
    kind: str  # md | yaml | ipynb
    text: str
    segments: list[Segment]
    cells: list[Cell] = field(default_factory=list)
    meta_segments: list[Segment] = field(default_factory=list)  # notebook metadata.capdev
    cell_meta: dict[int, list[Segment]] = field(default_factory=dict)  # code cells' alt text
    code: list[Cell] = field(default_factory=list)  # code cells with labels or comments

    def all_segments(self) -> list[Segment]:
        if self.kind != "ipynb":
            return self.segments
        out = list(self.meta_segments)
        cells: dict[int, list[Segment]] = {c.index: c.segments for c in self.cells}
        for index, segs in [*self.cell_meta.items(), *((c.index, c.segments) for c in self.code)]:
            cells[index] = cells.get(index, []) + segs  # a code cell's alt text, then its code
        for index in sorted(cells):
            out += cells[index]
        return out


def markdown_segments(text: str) -> list[Segment]:
    yaml_text, first, body_line = split(text)
    if yaml_text is None:
        return segment_markdown(text)
    head_len = len("".join(text.splitlines(keepends=True)[: body_line - 1]))
    first_offset = len(text.splitlines(keepends=True)[0])
    front = segment_yaml(yaml_text, first_offset, first - 1)
    return front + segment_markdown(text[head_len:], head_len, body_line - 1)


def notebook_source(text: str) -> Source:
    """A file that does not read as a notebook has no segments (discovery reports it)."""
    try:
        nb = notebook_json(text, "")
    except CapdevError:
        return Source("ipynb", text, [])
    listed = nb.get("cells")
    cells_json = [_obj(c) for c in listed] if isinstance(listed, list) else []
    cells = []
    for i, cell in enumerate(cells_json):
        if cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        src = "".join(map(str, src)) if isinstance(src, list) else str(src)
        segs = [_with_ref(s, cell.get("id", str(i))) for s in segment_markdown(src)]
        cells.append(Cell(i, cell.get("id", str(i)), src, segs))
    meta = _obj(_obj(nb.get("metadata")).get("capdev"))
    meta_segments = segment_yaml(meta_json(meta), kind="metadata")
    cell_meta = {}
    for i, cell in enumerate(cells_json):
        cmeta = _obj(cell.get("metadata")).get("capdev")
        if cell.get("cell_type") == "code" and isinstance(cmeta, dict):
            segs = segment_yaml(meta_json(cmeta), kind="figure")
            cell_meta[i] = [_with_ref(s, cell.get("id", str(i))) for s in segs]
    code = [c for i, cell in enumerate(cells_json) if (c := _code_cell(i, cell)) is not None]
    return Source("ipynb", text, [], cells, meta_segments, cell_meta, code)


def _code_cell(index: int, cell: dict) -> Cell | None:
    """A code cell's labels and comments (capdev.catalogs.pycode), None when it has none."""
    if cell.get("cell_type") != "code":
        return None
    src = cell.get("source", "")
    src = "".join(map(str, src)) if isinstance(src, list) else str(src)
    tags = _obj(cell.get("metadata")).get("tags")
    labels = isinstance(tags, list) and LABELS_TAG in tags
    cell_id = str(cell.get("id", index))
    segs = [_with_ref(s, cell_id) for s in code_segments(src, labels)]
    return Cell(index, cell_id, src, segs) if segs else None


def _obj(value: object) -> dict:
    """A JSON object, or an empty one for anything else (a damaged notebook)."""
    return value if isinstance(value, dict) else {}


def meta_json(meta: dict) -> str:
    """Notebook metadata as JSON text (valid YAML), so the YAML segmenter reads it."""
    return json.dumps(meta, ensure_ascii=False, indent=1)


def _with_ref(seg: Segment, cell_id: str) -> Segment:
    from dataclasses import replace

    return replace(seg, ref=f"cell {cell_id} · {seg.ref}" if seg.ref else f"cell {cell_id}")


def load_source(text: str, suffix: str) -> Source:
    if suffix == ".ipynb":
        return notebook_source(text)
    if suffix in (".yml", ".yaml"):
        return Source("yaml", text, segment_yaml(text, kind="data"))
    return Source("md", text, markdown_segments(text))


def read_source(path: Path) -> Source:
    """Segmented once per distinct content per process (staging reads sources several
    times); keyed on the bytes, not the mtime, so quick successive edits are never missed.
    Callers must not mutate the result."""
    return _read_cached(path.read_text("utf-8"), path.suffix)


@lru_cache(maxsize=4096)
def _read_cached(text: str, suffix: str) -> Source:
    return load_source(text, suffix)
