"""Shared by the notes and publications steps (not a step): a folder's web pages, made by
capdev.pdf and cached, and its PDF/DOCX downloads, placed in the language tree."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from capdev.site.model import Localized
from capdev.site.stager import Stager


def stage_web(stager: Stager, folder: Path, source_rel: str, out_dir: str) -> None:
    from capdev.pdf import web_pages

    lang = stager.lang
    loc = Localized("", lang)
    if lang != stager.project.config.source_language:
        loc = stager.localize(stager.root / source_rel)
    use = lang if not loc.fallback else stager.project.config.source_language
    for name, text in _cached_web_pages(stager.root, folder, use, web_pages).items():
        stager.write(f"{out_dir}/{name}", stager.stamp(text, loc, source_rel))
        stager.count_page()
    for path in stager.context.pdf_files:
        if path.parent.name == folder.name:
            stager.copy(path, f"{out_dir}/{path.name}")


def _cached_web_pages(root: Path, folder: Path, lang: str,
                      make: Callable[[Path, Path, str], dict[str, str]]) -> dict[str, str]:
    """Note and publication pages run pandoc (citeproc): reuse them while nothing they
    depend on changed — the folder's files, their catalogs, and capdev.pdf itself."""
    import capdev.pdf as pdf_pkg

    h = hashlib.blake2b(lang.encode(), digest_size=16)
    deps = sorted(p for p in folder.rglob("*") if p.is_file())
    deps += sorted((root / "translations" / lang / folder.relative_to(root)).rglob("*.po")) \
        if (root / "translations" / lang / folder.relative_to(root)).is_dir() else []
    deps += sorted(p for p in Path(pdf_pkg.__file__).parent.rglob("*") if p.is_file()
                   and "__pycache__" not in p.parts)
    for dep in deps:
        h.update(str(dep).encode())
        h.update(dep.read_bytes())
    cache = root / ".cache" / "web" / f"{folder.name}-{lang}-{h.hexdigest()}.json"
    if cache.is_file():
        return json.loads(cache.read_text("utf-8"))
    pages_ = make(root, folder, lang)
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob(f"{folder.name}-{lang}-*.json"):
        old.unlink()
    cache.write_text(json.dumps(pages_, ensure_ascii=False), "utf-8")
    return pages_
