"""Small helpers over pandoc's JSON AST (walking, stringifying)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

Node = dict[str, Any]


def walk(node: Any) -> Iterator[Node]:
    """Every element (dict with a "t") below `node`, depth first, parents first."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def stringify(node: Any) -> str:
    """Plain text of inlines, as pandoc's `stringify` would give it."""
    parts: list[str] = []

    def visit(n: Any) -> None:
        if isinstance(n, list):
            for item in n:
                visit(item)
        elif isinstance(n, dict) and "t" in n:
            t, c = n["t"], n.get("c")
            if t in ("Str", "Code", "Math", "MetaString"):
                parts.append(c if isinstance(c, str) else c[-1])
            elif t in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif t == "Image":
                visit(c[1])
            elif t in ("Note", "RawInline"):
                return
            elif c is not None:
                visit(c)

    visit(node)
    return "".join(parts).strip()


_OPEN = re.compile(r"(^|[\s(\[{\u2014\u2013-])([\"'])")


def typographic(text: str) -> str:
    """Curly quotes and apostrophes in literal text, as pandoc's `smart` reading gives
    the body (front matter is not read as Markdown, so it would keep straight ones)."""
    text = _OPEN.sub(lambda m: m[1] + ("\u201c" if m[2] == '"' else "\u2018"), text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def words(text: str) -> list[Node]:
    """Literal text as inlines: Str words and Spaces (what pandoc's `Inlines(text)` makes)."""
    out: list[Node] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def images(ast: Any) -> Iterator[Node]:
    return (n for n in walk(ast) if n["t"] == "Image")


def raw_elements(ast: Any) -> Iterator[Node]:
    return (n for n in walk(ast) if n["t"] in ("RawBlock", "RawInline"))


def map_images(ast: Any, fn: Callable[[Node], None]) -> None:
    for node in list(images(ast)):
        fn(node)
