"""Keeping the search index whole and single across `--dirty` rebuilds (`capdev serve`).

Under `--dirty` MkDocs rebuilds only the pages whose source changed, and each host plugin
copes in a way that breaks with the other:

1. Material's search keeps the last index and merges a dirty rebuild into it, assuming a
   single rebuilt page; static-i18n then runs that plugin's post-build a second time in
   the same build, which merges the index with itself: it doubled on every save (6 MB, 12,
   24, … at 250 pages, each rebuild slower than the last).
2. A language built in a child process (a new `mkdocs build --dirty` per save) has no kept
   index at all and wrote an index of the rebuilt pages only.

So the kept index is dropped before each of the two calls (each then writes this build's
pages only), and capdev merges files instead: the index read before the build, minus the
pages rebuilt now, plus the new entries. Without the plugins' attribute or files, a no-op.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def forget_previous(config: Any) -> None:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and getattr(search, "search_index_prev", None) is not None:
        search.search_index_prev = None


def _index_path(config: Any) -> Path:
    return Path(config.site_dir) / "search" / "search_index.json"


def read(config: Any) -> dict | None:
    try:
        return json.loads(_index_path(config).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def merge(config: Any, old: dict, built: set[str]) -> None:
    """Entries of the pages rebuilt now from the new index, every other page's from the old."""
    new = read(config)
    if new is None or not isinstance(old.get("docs"), list):
        return
    rebuilt = built | {_page(d) for d in new.get("docs", [])}
    new["docs"] = [d for d in old["docs"] if _page(d) not in rebuilt] + new.get("docs", [])
    data = json.dumps(new, ensure_ascii=False, separators=(",", ":"))
    path = _index_path(config)
    _write(path, data)
    if path.with_suffix(".js").is_file():  # Material's offline plugin inlines it in a script
        _write(path.with_suffix(".js"), f"var __index = {data}")


def _page(doc: dict) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
