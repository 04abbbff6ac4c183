"""`notebook_page`: one executed notebook as a lesson page in one language.

The page is plain Markdown for mkdocs-material (front matter, H1, prose, fenced code, outputs),
so notebook lessons go through the same staging, navigation and overview pages as .md lessons.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import yaml
from nbformat import NotebookNode

from .download import (
    copy_data,
    data_paragraph,
    download_notebook,
    links_paragraph,
    translated_cells,
    write_download,
)
from .meta import FRONT_MATTER_KEYS, TRANSLATABLE_KEYS, capdev_meta, tags
from .outputs import OutputContext, fence, render_outputs
from .sanitize import UnsafeSvg, sanitize_svg


def notebook_page(executed: NotebookNode, lang: str, dest_dir: Path, stem: str, *,
                  translated: NotebookNode | None = None, repo_url: str | None = None,
                  source_rel: str | None = None, source_dir: Path | None = None) -> str:
    """Markdown page for `lang`; also writes `<stem>.ipynb` and `<stem>_files/` in dest_dir.

    With `source_dir` (the English notebook's folder) the declared data files are copied
    into dest_dir at the same relative paths and linked, so the download runs as is.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    ctx = OutputContext(dest_dir / f"{stem}_files", f"{stem}_files", lang)
    # Prose comes from translated markdown cells; figure alt/caption from translated code-cell
    # metadata. Code and outputs always come from the one English execution.
    by_id = {**translated_cells(translated), **translated_cells(translated, "code")}
    meta = front_matter(executed, translated)
    blocks = [_cell_block(cell, by_id, ctx) for cell in executed.cells]
    data = copy_data(executed, source_dir, dest_dir) if source_dir else []
    links = "\n\n".join(p for p in (links_paragraph(lang, stem, repo_url, source_rel),
                                    data_paragraph(lang, data)) if p)
    body = _with_title(blocks, str(meta.get("title", stem)), links)
    write_download(download_notebook(executed, translated), dest_dir / f"{stem}.ipynb")
    _prune(ctx)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) if meta else ""
    return f"---\n{head}---\n\n{body}\n"


def front_matter(executed: NotebookNode, translated: NotebookNode | None) -> dict:
    english = capdev_meta(executed)
    local = capdev_meta(translated) if translated is not None else {}
    meta = {}
    for key in FRONT_MATTER_KEYS:
        value = local.get(key) if key in TRANSLATABLE_KEYS and key in local else english.get(key)
        if value is not None:
            meta[key] = value
    return meta


def _cell_block(cell: NotebookNode, by_id: dict[str, NotebookNode], ctx: OutputContext) -> str:
    kind, cell_tags = cell.get("cell_type"), tags(cell)
    if "remove-cell" in cell_tags:
        return ""
    if kind == "markdown":
        other = by_id.get(cell.get("id"))
        shown = other if other is not None and other.get("cell_type") == "markdown" else cell
        return _attachments(_source(shown), shown, cell.get("id", "cell"), ctx).strip("\n")
    if kind != "code":
        return ""  # raw cells are for other exporters
    parts = []
    if "remove-input" not in cell_tags and _source(cell).strip():
        parts.append(fence(_source(cell), "python"))
    if "remove-output" not in cell_tags:
        alt, caption = _alt_and_caption(cell, by_id)
        parts.append(render_outputs(cell, ctx, alt, caption))
    return "\n\n".join(p for p in parts if p)


def _alt_and_caption(cell: NotebookNode, by_id: dict[str, NotebookNode]) -> tuple[list[str], str | None]:
    """metadata.capdev.alt (a string, or a list with one entry per image) and .caption."""
    meta = cell.get("metadata", {}).get("capdev", {}) or {}
    local = by_id.get(cell.get("id"), {}).get("metadata", {}).get("capdev", {}) or {}
    alt = local.get("alt", meta.get("alt"))
    caption = local.get("caption", meta.get("caption"))
    alts = [str(a) for a in alt] if isinstance(alt, list) else ([str(alt)] if alt else [])
    return alts, (str(caption) if caption else None)


def _with_title(blocks: list[str], title: str, links: str) -> str:
    """Links go right under the H1; a notebook whose first cell is not `# Title` gets one."""
    blocks = [b for b in blocks if b]
    if blocks and blocks[0].startswith("# "):
        first, _, rest = blocks[0].partition("\n")
        head = [first, links] + ([rest.strip("\n")] if rest.strip() else [])
        return "\n\n".join(head + blocks[1:])
    return "\n\n".join([f"# {title}", links] + blocks)


def _attachments(text: str, cell: NotebookNode, cell_id: str, ctx: OutputContext) -> str:
    """Images pasted into markdown cells (`attachment:name`) become files beside the page."""
    for name, bundle in (cell.get("attachments") or {}).items():
        mime = next(iter(bundle), None)
        if mime is None:
            continue
        raw = bundle[mime]
        raw = "".join(raw) if isinstance(raw, list) else raw
        if mime == "image/svg+xml":
            try:
                raw = sanitize_svg(raw)
            except UnsafeSvg:
                continue  # not a readable drawing: the link stays broken, nothing is published
        else:
            raw = base64.b64decode(raw)
        safe = re.sub(r"[^A-Za-z0-9._-]", "-", name)
        ctx.files_dir.mkdir(parents=True, exist_ok=True)
        (ctx.files_dir / f"{cell_id}-{safe}").write_bytes(raw)
        ctx.written.add(f"{cell_id}-{safe}")
        text = text.replace(f"attachment:{name}", f"{ctx.url_prefix}/{cell_id}-{safe}")
    return text


def _source(cell: NotebookNode) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _prune(ctx: OutputContext) -> None:
    """Drop images from an earlier render of this page that the current outputs no longer make."""
    if not ctx.files_dir.is_dir():
        return
    for old in ctx.files_dir.iterdir():
        if old.is_file() and old.name not in ctx.written:
            old.unlink()
    if not any(ctx.files_dir.iterdir()):
        ctx.files_dir.rmdir()
