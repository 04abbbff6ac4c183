"""The foundation's Project, built from cached per-file results (`capdev check`, `i18n update`).

`Project.load` parses and schema-validates every page on each run (YAML + jsonschema: the
largest cost of a warm check). Here the foundation's walk runs with a loader that calls the
same per-file functions only for files whose bytes changed; their metadata and findings are
cached by content. `discover` returns every finding (check reports them); `load_project`
raises on errors, like `Project.load`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from capdev.cache import Cache, digest, files_digest
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
    """Every finding kept, none raised (`capdev check` reports them with the rest)."""
    project = sp.Project.load(root, loader=CachedLoader(cache), strict=False)
    return project, project.findings


def load_project(root: Path) -> sp.Project:
    """`Project.load` (raising on errors) with per-file results cached in .cache/discover/
    (shared by `capdev build`, `capdev serve` and `capdev i18n`)."""
    cache = Cache(root.resolve() / ".cache" / "discover", _version())
    project = sp.Project.load(root, loader=CachedLoader(cache), strict=True)
    cache.save()
    return project


def _version() -> str:
    """The code whose results are cached: the content model and its schemas."""
    pkg = Path(__file__).parent
    return files_digest([*pkg.glob("*.py"), *pkg.glob("schemas/*.json")])[:16]
