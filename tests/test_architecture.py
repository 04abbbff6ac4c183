"""The module graph, read with ast: no import cycle among capdev's modules, and only the
command line (capdev/cli/) talks to the terminal or parses arguments (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "capdev"
# `print` for people, argparse for arguments, rich's Console for both: the CLI's business
TERMINAL_MODULES = ("argparse", "rich.console")
PARSER_CALLS = {"add_parser", "add_argument", "add_subparsers", "parse_args"}
# The check rules register themselves when capdev.checks.registry imports them, and they
# import the registry's helpers back: the one cycle by design (ARCHITECTURE.md).
ALLOWED_CYCLES = {"capdev.checks.registry"}


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except what only a type checker reads (`if TYPE_CHECKING:` blocks)."""
    found, todo = [], [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                todo.extend(child.orelse)
                continue
            todo.append(child)
    return found


def _targets(module: str, node: ast.AST) -> list[str]:
    """The modules an import statement loads (capdev's own only)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        graph[module] = {t for n in _nodes(tree) for t in _targets(module, n)
                         if t in MODULES and t != module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle() -> None:
    cycles = [c for c in _cycles(_graph()) if not ALLOWED_CYCLES & set(c)]
    assert cycles == [], "import cycles among capdev modules:\n" + \
        "\n".join(" ↔ ".join(c) for c in cycles)


def _terminal_uses(module: str, tree: ast.AST) -> list[str]:
    uses = []
    for node in _nodes(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "print":
            uses.append(f"{module}:{node.lineno} print(")
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        uses += [f"{module}:{node.lineno} imports {n}" for n in names
                 if n.startswith(TERMINAL_MODULES)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in PARSER_CALLS:
            uses.append(f"{module}:{node.lineno} {node.func.attr}(")
        uses += [f"{module}:{node.lineno} imports {n} (upward)" for n in names
                 if n == "capdev.cli" or n.startswith("capdev.cli.")]
    return uses


def test_only_the_cli_prints_or_parses_arguments() -> None:
    uses = [use for module, path in MODULES.items()
            if not module.startswith("capdev.cli") and module != "capdev.__main__"
            for use in _terminal_uses(module, ast.parse(path.read_text("utf-8")))]
    assert uses == [], "below capdev/cli/:\n" + "\n".join(uses)


def test_the_graph_is_read() -> None:
    """The checks above are only as good as the graph: a known edge must be in it."""
    graph = _graph()
    assert "capdev.site.model" in graph["capdev.site.stage"]
    assert "capdev.site.steps.glossary" in graph["capdev.site.steps"]
