"""Nothing changed, nothing to build: the fingerprint of everything a build reads.

A build records, after it succeeded without a warning, the fingerprint of its inputs — the
bytes of every file of the project (sources, catalogs, mkdocs.yml, theme overrides, data;
not the output folders, caches, environments or version control: `NOT_INPUTS` and every
folder whose name starts with a dot), capdev's own files (code, theme,
templates, interface catalogs), the versions of the tools it runs (MkDocs, Material,
static-i18n, pandoc, typst, Python) and the options that change the outcome — and the
state of the site it wrote (every file's path, size and modification time). The next build
with the same fingerprint and an untouched site has nothing to do: the site it would make
is the one already there, byte for byte. Anything else — one byte of one catalog, a
deleted page in the site, a tool upgraded, a build with warnings — is a full build.
Contents are hashed, never trusted by their times, so quick successive edits are not missed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

RECORD = Path(".cache") / "build" / "last.json"
TOOLS = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pypandoc-binary", "typst",
         "nbclient", "pymdown-extensions", "Markdown")
_SKIP_PARTS = frozenset({"__pycache__", ".ipynb_checkpoints"})
# Top-level folders of a project that no build reads: outputs, environments, test reports.
NOT_INPUTS = frozenset({"site", "dist", "node_modules", "test-artifacts", "feedback-summary"})


def _files(base: Path) -> list[Path]:
    if not base.is_dir():
        return [base] if base.is_file() else []
    return sorted(p for p in base.rglob("*")
                  if p.is_file() and not _SKIP_PARTS.intersection(p.parts))


@cache
def _capdev_digest() -> str:
    """capdev's own files (this process's code cannot change under it)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parents[1]
    for path in _files(here):
        if path.suffix != ".pyc":
            digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _tools() -> str:
    versions = []
    for name in TOOLS:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ";".join([*versions, sys.version])


def _inputs(root: Path, site: Path) -> list[Path]:
    out = []
    for top in sorted(root.iterdir()):
        if top.name.startswith(".") or top.name in NOT_INPUTS or top == site:
            continue
        out += [p for p in _files(top) if not p.is_relative_to(site)]
    return out


def fingerprint(root: Path, site: Path, options: dict[str, object]) -> str:
    """Everything the build reads, as one digest."""
    digest = hashlib.sha256()
    for part in (_capdev_digest(), _tools(), json.dumps(options, sort_keys=True)):
        digest.update(part.encode() + b"\0")
    for path in _inputs(root, site):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def site_state(site: Path) -> str:
    """The site as it is on disk: each file's path, size and modification time."""
    digest = hashlib.sha256()
    for path in _files(site):
        st = path.stat()
        digest.update(f"{path.relative_to(site).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0"
                      .encode())
    return digest.hexdigest()


def is_current(root: Path, site: Path, print_: str) -> bool:
    """Whether the last build, from these very inputs, wrote this site and it is untouched."""
    try:
        last = json.loads((root / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(last, dict) and last.get("fingerprint") == print_
            and last.get("site") == str(site) and site.is_dir()
            and last.get("state") == site_state(site))


def record(root: Path, site: Path, print_: str) -> None:
    from capdev.catalogs.po import atomic_write

    atomic_write(root / RECORD, json.dumps({"fingerprint": print_, "site": str(site),
                                             "state": site_state(site)}))


def forget(root: Path) -> None:
    (root / RECORD).unlink(missing_ok=True)
