"""Content-addressed cache under `<root>/.cache/pdf/`.

A key hashes everything that shapes an output: the document's texts in its language,
every file in its folder (figures, bibliography), our code and templates, the pandoc and
typst versions, and the options. Files a note uses from outside its folder are recorded
with their own hashes in a manifest and checked on every hit.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from capdev.cache import files_digest
from capdev.pdf import pandoc

CACHE_DIR = Path(".cache") / "pdf"


@cache
def code_hash() -> str:
    """Changes to our code, templates or interface text (capdev/locale) invalidate it."""
    import typst

    from capdev.locale import data_files

    here = Path(__file__).parent
    return files_digest([*here.glob("*.py"), *(here / "templates").iterdir(), *data_files()],
                        pandoc.identity(), typst.__version__)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key(doc: Any, what: str) -> str:
    """`doc` is a source.Document; `what` names the output ("pdf", "docx", "ast")."""
    digest = hashlib.sha256()
    for item in (code_hash(), doc.lang, what, str(doc.draft), doc.kind, doc.id,
                 getattr(doc, "region", ""), ",".join(getattr(doc, "languages", ()))):
        digest.update(item.encode() + b"\0")
    for part in doc.parts:
        digest.update(part.text.encode() + b"\0")
    for path in sorted(p for p in doc.folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(doc.folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:32]


def folder(root: Path) -> Path:
    return root / CACHE_DIR


def lookup(root: Path, name: str) -> tuple[Path, dict[str, Any]] | None:
    """The cached file and its manifest, if present and its outside deps are unchanged."""
    data_path, manifest = folder(root) / name, folder(root) / f"{name}.json"
    if not data_path.is_file() or not manifest.is_file():
        return None
    try:
        info = json.loads(manifest.read_text("utf-8"))
    except ValueError:
        return None
    for dep, digest in info.get("deps", {}).items():
        path = Path(dep)
        if not path.is_file() or file_hash(path) != digest:
            return None
    return data_path, info


def store(root: Path, name: str, data: bytes, deps: list[Path], **info: Any) -> None:
    """Atomic writes: parallel workers and interrupted builds never leave half a file."""
    base = folder(root)
    base.mkdir(parents=True, exist_ok=True)
    manifest = {**info, "deps": {str(p): file_hash(p) for p in deps}}
    for target, payload in ((base / name, data),
                            (base / f"{name}.json", json.dumps(manifest).encode())):
        tmp = target.with_name(target.name + f".{id(payload)}.tmp")
        tmp.write_bytes(payload)
        tmp.replace(target)
