"""A notebook lesson: nbformat 4.5 with cell ids, a python3 kernelspec, no outputs, and the
lesson's keys under `metadata.capdev` (where `Project.load` and the catalogs read them)."""

from __future__ import annotations

import re
from typing import Any

import nbformat
from nbformat import v4

from capdev.scaffold.templates import render

_CELL = re.compile(r"^%% (markdown|code) ([a-z0-9-]+)\n", re.MULTILINE)


def cells(text: str) -> list[Any]:
    """Cells from a template: each starts with a `%% markdown id` or `%% code id` line."""
    parts = _CELL.split(text)
    out = []
    for kind, cell_id, source in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
        make = v4.new_markdown_cell if kind == "markdown" else v4.new_code_cell
        out.append(make(source.strip("\n"), id=cell_id))
    return out


def lesson_notebook(title: str, meta: dict[str, Any]) -> str:
    nb = v4.new_notebook()
    nb.nbformat_minor = 5
    nb.metadata = {
        "capdev": meta,
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nb.cells = cells(render("notebook.txt", title=title))
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def lesson_meta(title: str) -> dict[str, Any]:
    """The same starting keys as a Markdown lesson (notebooks cannot hold YAML comments, so
    the placeholder values themselves say what goes where)."""
    return {
        "title": title,
        "summary": "One sentence that tells learners what they will get from this notebook.",
        "duration": 30,
        "level": "intermediate",
        "outcomes": ["Run a short analysis and interpret its result."],
        "competences": [],
        "keywords": [],
        "key_points": ["State the one thing learners should remember."],
        "data": [],
    }
