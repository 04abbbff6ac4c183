"""Results cached by content hash under .cache/check/: a re-run reads, hashes and looks up.

One JSON file maps a project-relative path to {key, data}. The key hashes the file's bytes
with the rule-set version (and, for catalogs, the source and glossary they are checked
against), so an edit to any of them, or to capdev's rules, recomputes that file only.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FILE = "cache.json"


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def files_digest(paths: list[Path], *extra: str) -> str:
    """A version of the code (and data) whose results a cache keeps: names and bytes of
    `paths`, in order, plus `extra` strings (tool versions)."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode() + path.read_bytes())
    for item in extra:
        h.update(item.encode())
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path | None, version: str):
        self.folder = folder
        self.version = version
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.dirty = False
        if folder is not None:
            self._read()

    def _read(self) -> None:
        try:
            data = json.loads((self.folder / FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return
        if data.get("version") == self.version:
            self.entries = data.get("entries", {})

    def get(self, name: str, key: str) -> Any:
        self.used.add(name)
        hit = self.entries.get(name)
        return hit["data"] if hit and hit["key"] == key else None

    def put(self, name: str, key: str, data: Any) -> Any:
        self.used.add(name)
        self.entries[name] = {"key": key, "data": data}
        self.dirty = True
        return data

    def derived(self, path: Path, name: str, make: Callable[[str], Any]) -> Any:
        raw = path.read_bytes()
        slot = f"derived:{name}:{path}"
        key = digest(raw, self.version)
        found = self.get(slot, key)
        return (
            found
            if found is not None
            else self.put(slot, key, make(raw.decode("utf-8", "replace")))
        )

    def save(self) -> None:
        if self.folder is None:
            return
        stale = set(self.entries) - self.used
        if not self.dirty and not stale:
            return
        for name in stale:
            del self.entries[name]
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".cache.", suffix=".tmp")
        # dumps, not dump: json.dump streams through the pure-Python encoder (5x slower)
        text = json.dumps({"version": self.version, "entries": self.entries}, ensure_ascii=False)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, self.folder / FILE)


class Memo:
    """ProjectFacts.derived backed by the cache."""

    def __init__(self, cache: Cache):
        self.cache = cache

    def get(self, path: Path, name: str, make: Callable[[str], Any]) -> Any:
        return self.cache.derived(path, name, make)
