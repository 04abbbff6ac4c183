"""Notebook lessons: executed with an honest cache, rendered per language, downloadable.

Steps, one per module: `checks` (static findings), `cache` (the key and the store),
`execute` (one kernel per notebook), `run` (cache then parallel execution), `outputs` and
`sanitize` (outputs as Markdown), `download` (per-language .ipynb and runner links),
`page` (the lesson page).
"""

from __future__ import annotations

from .checks import check_notebook
from .meta import CellFinding, loads_notebook
from .page import notebook_page
from .run import RunReport, run_notebooks

__all__ = [
    "CellFinding", "RunReport", "check_notebook", "loads_notebook", "notebook_page",
    "run_notebooks",
]
