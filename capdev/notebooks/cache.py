"""The execution cache: outputs keyed on everything that can change them.

Quarto's freeze, mkdocs-jupyter and MyST key on the notebook source alone, so an edited data
file or a new environment serves stale outputs. Our key covers the code cells (source and
tags), the kernel as installed, the locked environment, the Python version and the bytes of
every declared data file. Markdown cells are not in the key: editing prose re-renders the
page from cached outputs without starting a kernel.

Each language's notebook has its own entry: a translated notebook differs from the English
in its labels cell and comments (capdev.catalogs.pycode), which are code, so its key covers
the translated strings too and a changed Spanish label re-runs the Spanish notebook only.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import platform
import tempfile
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode, from_dict

from .meta import data_files, kernel_name, tags

CACHE_FORMAT = 1  # bump when the entry layout or executor behaviour changes
CACHE_DIR = Path(".cache") / "notebooks"


@dataclass(frozen=True)
class Environment:
    """The parts of the key shared by every notebook in one run (computed once)."""

    lock_hash: str
    python: str
    kernels: dict[str, str]  # kernel name -> hash of its installed kernel.json

    @classmethod
    def probe(cls, root: Path) -> Environment:
        lock = root / "requirements.lock"
        lock_hash = _sha256(lock.read_bytes()) if lock.is_file() else "no-lock"
        python = f"{platform.python_implementation()} {platform.python_version()}"
        return cls(lock_hash, python, _kernel_hashes())


def _kernel_hashes() -> dict[str, str]:
    from jupyter_client.kernelspec import KernelSpecManager

    ksm = KernelSpecManager()
    out: dict[str, str] = {}
    for name, spec_dir in ksm.find_kernel_specs().items():
        spec_file = Path(spec_dir) / "kernel.json"
        out[name] = _sha256(spec_file.read_bytes()) if spec_file.is_file() else "?"
    return out


def cache_key(nb: NotebookNode, nb_path: Path, rel_path: str, env: Environment) -> str:
    """Hex digest over code, kernel, environment and data; raises FileNotFoundError for data."""
    h = hashlib.sha256()

    def part(label: str, value: str | bytes) -> None:
        raw = value.encode() if isinstance(value, str) else value
        h.update(f"{label}:{len(raw)}:".encode())  # length-prefixed: no ambiguous joins
        h.update(raw)

    part("format", str(CACHE_FORMAT))
    part("notebook", rel_path)
    name = kernel_name(nb) or ""
    part("kernel", f"{name}={env.kernels.get(name, 'missing')}")
    part("lock", env.lock_hash)
    part("python", env.python)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            part("code", cell.get("source", ""))
            part("tags", ",".join(sorted(tags(cell))))
    for data in sorted(data_files(nb)):
        part("data", data)
        part("bytes", _data_digest(nb_path.parent / data))
    return h.hexdigest()


def _data_digest(path: Path) -> str:
    if path.is_dir():  # a declared folder: every file in it, by relative name
        files = sorted(p for p in path.rglob("*") if p.is_file())
        return _sha256("".join(f"{p.relative_to(path).as_posix()}={_file_hash(p)};"
                               for p in files).encode())
    return _file_hash(path)


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class NotebookCache:
    """One JSON entry per notebook under `.cache/notebooks/<slug>/<key>.json`.

    Storing per notebook lets a new entry replace the old one, so the cache never grows
    beyond one entry per notebook.
    """

    def __init__(self, root: Path):
        self.dir = root / CACHE_DIR

    def _slot(self, rel_path: str, lang: str = "") -> Path:
        """`lang` "": the notebook as written; else its translation into `lang`."""
        slug = rel_path.replace("/", "__").replace(":", "_")
        return self.dir / (f"{slug}.{lang}" if lang else slug)

    def load(self, rel_path: str, key: str, source: NotebookNode,
             lang: str = "") -> NotebookNode | None:
        entry = self._slot(rel_path, lang) / f"{key}.json"
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("key") != key:
            return None
        return merge_outputs(source, data)

    def store(self, rel_path: str, key: str, executed: NotebookNode, lang: str = "") -> None:
        slot = self._slot(rel_path, lang)
        slot.mkdir(parents=True, exist_ok=True)
        payload = {
            "key": key,
            "notebook": rel_path,
            "language_info": executed.metadata.get("language_info", {}),
            "cells": [{"outputs": c.get("outputs", []), "execution_count": c.get("execution_count")}
                      for c in executed.cells if c.get("cell_type") == "code"],
        }
        _atomic_write(slot / f"{key}.json", json.dumps(payload, ensure_ascii=False))
        for old in slot.glob("*.json"):
            if old.name != f"{key}.json":
                old.unlink(missing_ok=True)


def merge_outputs(source: NotebookNode, entry: dict) -> NotebookNode | None:
    """The current notebook (current prose) with the cached outputs of its code cells."""
    nb = copy.deepcopy(source)
    code = [c for c in nb.cells if c.get("cell_type") == "code"]
    cached = entry.get("cells", [])
    if len(code) != len(cached):
        return None
    for cell, out in zip(code, cached, strict=True):
        cell["outputs"] = [from_dict(o) for o in out.get("outputs", [])]
        cell["execution_count"] = out.get("execution_count")
    if entry.get("language_info"):
        nb.metadata["language_info"] = from_dict(entry["language_info"])
    return nb


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
