"""Discovery for `capdev check`: the foundation's Project, built from cached per-file results.

`Project.load` parses and schema-validates every page on each run (YAML + jsonschema: the
largest cost of a warm check). Here the foundation's walk runs with a loader that calls the
same per-file functions only for files whose bytes changed; their metadata and findings are
cached by content. Nothing raises: every finding is returned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from capdev.checks.cache import Cache, digest
from capdev.errors import Finding
from capdev.sources import project as sp
from capdev.sources.schema import normalise


def _rel(root: Path, path: Path) -> str:
    # string slicing, not Path.relative_to: this runs for every file on every check
    return str(path)[len(str(root)) + 1:].replace("\\", "/")


class CachedLoader(sp.Loader):
    def __init__(self, cache: Cache):
        self.cache = cache

    def _cached(self, slot: str, raw: bytes, make: Any) -> dict:
        key = digest(raw, slot)
        hit = self.cache.get(f"discover:{slot}", key)
        return hit if hit is not None else self.cache.put(f"discover:{slot}", key, make())

    def page(self, root: Path, path: Path, kind: str, out: str,
             findings: list[Finding]) -> sp.Page | None:
        rel = _rel(root, path)

        def make() -> dict:
            local: list[Finding] = []
            page = super(CachedLoader, self).page(root, path, kind, out, local)
            return {"ok": page is not None, "meta": normalise(page.meta) if page else {},
                    "findings": [f.to_dict() for f in local]}

        data = self._cached(f"{kind}:{out}:{rel}", path.read_bytes(), make)
        findings += [Finding(**f) for f in data["findings"]]
        return sp.Page(kind, path, rel, out, data["meta"]) if data["ok"] else None

    def yaml(self, root: Path, path: Path, kind: str, findings: list[Finding]) -> dict | None:
        def make() -> dict:
            local: list[Finding] = []
            data = super(CachedLoader, self).yaml(root, path, kind, local)
            return {"data": normalise(data) if data is not None else None,
                    "findings": [f.to_dict() for f in local]}

        got = self._cached(f"{kind}:{_rel(root, path)}", path.read_bytes(), make)
        findings += [Finding(**f) for f in got["findings"]]
        return got["data"]


def discover(root: Path, cache: Cache) -> tuple[sp.Project, list[Finding]]:
    project = sp.Project.load(root, loader=CachedLoader(cache), strict=False)
    return project, project.findings
