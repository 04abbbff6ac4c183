"""mkdocs-material admonitions (`!!! note "Title"`, `??? tip`, `???+ warning`) in notes
and chapters: pandoc does not know them, so they become fenced divs before pandoc reads
the text, and each writer turns the div back into its own kind of box.
"""

from __future__ import annotations

from typing import Any

from capdev.catalogs.markdown import ADMONITION, FENCE

CLASS = "admonition"


def to_fenced_divs(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _fence_end(lines, i)
        if end:  # a `!!! note` shown inside a code block is code, not an admonition
            out.extend(lines[i:end])
            i = end
            continue
        line = lines[i].expandtabs(4)
        stripped = line.lstrip(" ")
        match = ADMONITION.match(stripped)  # the segmenter's syntax, at any indentation
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = len(line) - len(stripped)
        marker, kind = stripped.split()[:2]
        body, i = _block(lines, i + 1, indent + 4)
        title = (match[2] if match[2] is not None else kind.capitalize()).replace('"', "'")
        pad = " " * indent
        out.append(f'{pad}::: {{.{CLASS} .{kind} title="{title}" marker="{marker}"}}')
        out.extend(pad + line if line else "" for line in to_fenced_divs("\n".join(body))
                   .split("\n"))
        out.append(f"{pad}:::")
        out.append("")
    return "\n".join(out)


def _fence_end(lines: list[str], i: int) -> int:
    """The index after the code fence opening at line i (its closing fence: the same
    character, at least as many, nothing else), or 0 when line i opens none."""
    m = FENCE.match(lines[i].lstrip(" "))
    if not m:
        return 0
    mark = m.group(1)
    for j in range(i + 1, len(lines)):
        close = FENCE.match(lines[j].lstrip(" "))
        if (close and close.group(1)[0] == mark[0] and len(close.group(1)) >= len(mark)
                and not lines[j].strip().strip(mark[0])):
            return j + 1
    return len(lines)


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
