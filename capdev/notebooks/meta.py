"""Reading notebooks and their capdev metadata: the shared vocabulary of the other steps."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import nbformat
from nbformat import NotebookNode

from capdev.errors import Finding

# Front-matter keys a notebook lesson carries in `metadata.capdev`, in content-model order.
FRONT_MATTER_KEYS = (
    "title", "summary", "duration", "level", "outcomes", "competences",
    "keywords", "key_points", "data",
)
# The subset a translator changes; everything else is copied from the English notebook.
TRANSLATABLE_KEYS = ("title", "summary", "outcomes", "keywords", "key_points")
REQUIRED_KERNEL = "python3"


class CellFinding(Finding):
    """A finding located at a notebook cell: prints `nb.ipynb:cell N [rule] message`.

    `line` holds N (1-based cell index) so JSON output and sorting still work.
    """

    at_cell: ClassVar[bool] = True

    def location(self) -> str:
        return f"{self.path}:cell {self.line}" if self.line > 0 else self.path


def read_notebook(path: Path) -> NotebookNode:
    """Read without validation; callers that need validation use `checks`."""
    with path.open(encoding="utf-8") as fh:
        return nbformat.read(fh, as_version=4)


def loads_notebook(text: str) -> NotebookNode:
    return nbformat.reads(text, as_version=4)


def capdev_meta(nb: NotebookNode) -> dict:
    meta = nb.get("metadata", {}).get("capdev", {})
    return dict(meta) if isinstance(meta, dict) else {}


def data_files(nb: NotebookNode) -> list[str]:
    """Declared data files (relative to the notebook); a bare string counts as one."""
    data = capdev_meta(nb).get("data") or []
    if isinstance(data, str):
        data = [data]
    return [str(d) for d in data]


def kernel_name(nb: NotebookNode) -> str | None:
    spec = nb.get("metadata", {}).get("kernelspec") or {}
    name = spec.get("name") if isinstance(spec, dict) else None
    return str(name) if name else None


def tags(cell: NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []) or [])


def rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def dumps(nb: NotebookNode) -> str:
    """Stable serialisation: nbformat's own layout (indent 1) plus a final newline."""
    return nbformat.writes(nb) + "\n"


def json_line_of(text: str, needle: str) -> int:
    """Line (1-based) of the first occurrence of `needle` in a raw JSON text, else 0."""
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 0

