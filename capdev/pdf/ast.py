"""Small helpers over pandoc's JSON AST (walking, stringifying)."""

from __future__ import annotations

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


def images(ast: Any) -> Iterator[Node]:
    return (n for n in walk(ast) if n["t"] == "Image")


def raw_elements(ast: Any) -> Iterator[Node]:
    return (n for n in walk(ast) if n["t"] in ("RawBlock", "RawInline"))


def map_images(ast: Any, fn: Callable[[Node], None]) -> None:
    for node in list(images(ast)):
        fn(node)
