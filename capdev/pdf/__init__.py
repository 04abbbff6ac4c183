"""Policy notes and long-form publications: PDF (typst, PDF/UA), DOCX and web pages.

Public entry points (the site build and the CLI use only these):
- `build_outputs(root, sources, langs, formats, out_dir, draft=False, jobs=2)`
- `web_pages(root, source, lang, draft=True)` and `web_assets(root, source)`
- `discover(root)` — every note and publication folder
- `render_note(root, folder, text, lang, fmt)` — one note from its text, no cache
"""

from __future__ import annotations

from pathlib import Path

from capdev.pdf.build import build, build_outputs
from capdev.pdf.source import discover
from capdev.pdf.webpage import web_assets, web_pages

__all__ = ["build", "build_outputs", "discover", "render_note", "web_assets", "web_pages"]


def render_note(root: Path, folder: Path, text: str, lang: str, fmt: str = "pdf",
                draft: bool = False) -> bytes:
    """PDF or DOCX bytes for a note given its full text in `lang` (front matter included)."""
    from capdev.pdf import render, source

    root, folder = root.resolve(), folder.resolve()
    prep = render.prepare(root, source.from_text(root, folder, text, lang, draft), use_cache=False)
    return render.render_pdf(root, prep) if fmt == "pdf" else render.render_docx(root, prep)
