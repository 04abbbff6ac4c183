"""Code-cell outputs as Markdown: text fenced, images as files with alt text, HTML sanitized."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from .download import labels
from .sanitize import UnsafeSvg, markdown_output_to_html, sanitize_html, sanitize_svg
from .tables import readable_tables

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg"}
# First match wins, as in Jupyter's own renderer: rich before plain.
PRIORITY = ("image/png", "image/jpeg", "image/gif", "image/svg+xml", "text/html",
            "text/markdown", "text/plain")


@dataclass
class OutputContext:
    """Where a page's images go, and what was written (for pruning stale files)."""

    files_dir: Path  # dest_dir/<stem>_files
    url_prefix: str  # "<stem>_files"
    lang: str = "en"  # the page's language: names the tables' scroll regions
    written: set[str] = field(default_factory=set)


def render_outputs(cell: NotebookNode, ctx: OutputContext, alt: list[str],
                   caption: str | None) -> str:
    """All outputs of one code cell, coalescing consecutive stream chunks."""
    blocks: list[str] = []
    images = 0
    for out in _coalesce(cell.get("outputs", [])):
        kind = out.get("output_type")
        if kind == "stream":
            text = _fold_carriage_returns(_text(out.get("text", "")))
            blocks.append(_fence(text, f"nb-output nb-{out.get('name')}"))
        elif kind == "error":
            blocks.append(_fence(_error_text(out), "nb-output nb-error"))
        elif kind in ("execute_result", "display_data"):
            block, is_image = _rich(out, cell, ctx, images, alt, caption)
            images += is_image
            blocks.append(block)
    return "\n\n".join(b for b in blocks if b)


def _coalesce(outputs: list) -> list:
    merged: list = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (prev is not None and out.get("output_type") == "stream"
                and prev.get("output_type") == "stream" and prev.get("name") == out.get("name")):
            merged[-1] = {**prev, "text": _text(prev.get("text", "")) + _text(out.get("text", ""))}
        else:
            merged.append(out)
    return merged


def _rich(out: NotebookNode, cell: NotebookNode, ctx: OutputContext, n: int, alt: list[str],
          caption: str | None) -> tuple[str, int]:
    data = out.get("data", {})
    mime = next((m for m in PRIORITY if m in data), None)
    if mime in IMAGE_TYPES:
        # One alt per image when a list is given; else the single alt, else the caption.
        # An image with neither is reported by checks.output_findings, not here.
        text = alt[n] if n < len(alt) else (alt[-1] if alt else (caption or ""))
        return _image(data[mime], mime, cell.get("id", "cell"), n + 1, ctx, text, caption), 1
    if mime == "text/html":
        return _html_block(sanitize_html(_text(data[mime])), ctx), 0
    if mime == "text/markdown":
        return _html_block(markdown_output_to_html(_text(data[mime])), ctx), 0
    if mime == "text/plain":
        return _fence(_text(data[mime]), "nb-output nb-result"), 0
    return "", 0  # widgets and other live-only outputs have no static form


def _image(payload, mime: str, cell_id: str, n: int, ctx: OutputContext, alt: str,
           caption: str | None) -> str:
    name = f"{cell_id}-{n}.{IMAGE_TYPES[mime]}"
    if mime == "image/svg+xml":
        try:
            raw = sanitize_svg(_text(payload))
        except UnsafeSvg:
            return ""  # not a readable drawing: nothing is published
    else:
        raw = base64.b64decode(_text(payload))
    ctx.files_dir.mkdir(parents=True, exist_ok=True)
    target = ctx.files_dir / name
    if not target.is_file() or target.read_bytes() != raw:  # unchanged file: no reload churn
        target.write_bytes(raw)
    ctx.written.add(name)
    image = f"![{_alt(alt)}]({ctx.url_prefix}/{name})"
    if not caption:
        return image
    return (f'<figure class="nb-figure" markdown="1">\n{image}\n\n'
            f'<figcaption markdown="span">{caption}</figcaption>\n</figure>')


def _alt(text: str) -> str:
    flat = " ".join(text.split())
    return re.sub(r"([\\\[\]])", r"\\\1", flat)


def _html_block(html: str, ctx: OutputContext) -> str:
    if not html.strip():
        return ""
    label = labels(ctx.lang)["table"]
    return f'<div class="nb-output nb-html">\n{readable_tables(html, label)}\n</div>'


def _error_text(out: NotebookNode) -> str:
    trace = out.get("traceback") or []
    return "\n".join(_text(t) for t in trace) if trace else f"{out.get('ename')}: {out.get('evalue')}"


def _fold_carriage_returns(text: str) -> str:
    """Progress bars rewrite a line with \\r; a static page shows only its final state."""
    return "\n".join(line.rstrip("\r").rsplit("\r", 1)[-1] for line in text.split("\n"))


def _text(value) -> str:
    text = "".join(value) if isinstance(value, list) else str(value)
    return ANSI.sub("", text)


def fence(text: str, lang: str) -> str:
    """A fenced block longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text.rstrip(chr(10))}\n{ticks}"


def _fence(text: str, classes: str) -> str:
    if not text.strip():
        return ""
    attrs = " ".join(f".{c}" for c in classes.split())
    return fence(text, f" {{ .text {attrs} }}")
