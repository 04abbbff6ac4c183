"""mkdocs-material admonitions (`!!! note "Title"`, `??? tip`, `???+ warning`) in notes
and chapters: pandoc does not know them, so they become fenced divs before pandoc reads
the text, and each writer turns the div back into its own kind of box.
"""

from __future__ import annotations

import re
from typing import Any

_OPEN = re.compile(r'^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)'
                   r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
CLASS = "admonition"


def to_fenced_divs(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = len(match["indent"].expandtabs(4))
        body, i = _block(lines, i + 1, indent + 4)
        title = (match["title"] if match["title"] is not None
                 else match["kind"].capitalize()).replace('"', "'")
        pad = " " * indent
        out.append(f'{pad}::: {{.{CLASS} .{match["kind"]} title="{title}" '
                   f'marker="{match["marker"]}"}}')
        out.extend(pad + line if line else "" for line in to_fenced_divs("\n".join(body))
                   .split("\n"))
        out.append(f"{pad}:::")
        out.append("")
    return "\n".join(out)


def _block(lines: list[str], start: int, width: int) -> tuple[list[str], int]:
    """Indented lines (and blank lines between them) that form the admonition body."""
    body: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if line.strip() and len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) < width:
            break
        body.append(line.expandtabs(4)[width:] if line.strip() else "")
        i += 1
    while body and not body[-1]:
        body.pop()
        i -= 1
    return body, i


def info(node: dict[str, Any]) -> tuple[str, str, str] | None:
    """(kind, title, marker) if `node` is an admonition div."""
    if node.get("t") != "Div":
        return None
    ident, classes, attrs = node["c"][0]
    if CLASS not in classes:
        return None
    kinds = [c for c in classes if c != CLASS]
    values = dict(attrs)
    return (kinds[0] if kinds else "note", values.get("title", ""), values.get("marker", "!!!"))


def transform(blocks: list[Any], fn: Any) -> list[Any]:
    """Replace admonition divs (innermost first) by `fn(kind, title, marker, content)`."""
    out: list[Any] = []
    for block in blocks:
        found = info(block)
        if found is None:
            if isinstance(block, dict) and block.get("t") in ("Div", "BlockQuote"):
                content = block["c"][1] if block["t"] == "Div" else block["c"]
                content[:] = transform(content, fn)
            out.append(block)
            continue
        out.extend(fn(*found, transform(block["c"][1], fn)))
    return out
