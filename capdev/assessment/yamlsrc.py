"""YAML with line numbers: every value's source line, keyed by its JSON path.

PyYAML's `safe_load` forgets where a value came from and silently keeps the last of two
duplicate keys. We compose the node tree ourselves so findings can say `path:line` and so
a duplicated key is an error rather than a silent overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from capdev.errors import Finding

JsonPath = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed data plus the 1-based source line of every node (by JSON path)."""

    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def line(self, path: JsonPath) -> int:
        """Line of the deepest known ancestor of `path` (errors may point at missing keys)."""
        p = tuple(path)
        while p and p not in self.lines:
            p = p[:-1]
        return self.lines.get(p, 1)


MAX_NODES = 200_000  # far above any framework; stops aliases that expand exponentially


class _TooLarge(Exception):
    pass


@dataclass
class _Builder:
    """Builds plain data from the node tree, recording lines and duplicate keys."""

    src: str
    loader: yaml.SafeLoader
    out: Located
    findings: list[Finding] = field(default_factory=list)
    nodes: int = 0

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge
        self.out.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(n, (*path, i)) for i, n in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.findings.append(Finding(self.src, line, "fw-yaml",
                                             "a mapping key must be a word or a number",
                                             "write `key: value` with a plain key"))
                continue
            if key in result:
                self.findings.append(Finding(self.src, line, "fw-duplicate-key",
                                             f"key {key!r} appears twice in the same mapping",
                                             "YAML keeps only the last one; remove or rename one"))
            child = (*path, key if isinstance(key, str | int) else str(key))
            result[key] = self.build(value_node, child)
            # point at the key ("levels:"), not at the first line of a block value below it
            self.out.lines[child] = line
        return result


def _syntax(src: str, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(exc, "problem", None) or str(exc)
    return Finding(src, line, "fw-yaml", f"YAML syntax error: {problem}",
                   "check indentation and quoting around this line")


def _too_big(src: str, what: str) -> Finding:
    return Finding(src, 1, "fw-yaml", f"the YAML {what}",
                   "a framework is a few levels of mappings and lists, without anchors "
                   "and aliases that multiply it")


def load_located(text: str, src: str) -> tuple[Located | None, list[Finding]]:
    """Parse `text`; return (located data, findings). Syntax errors, nesting too deep for
    the parser and aliases that expand past MAX_NODES values become findings."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Finding(src, 1, "fw-yaml", "the file is empty")]
        builder = _Builder(src, loader, Located(data=None))
        builder.out.data = builder.build(node, ())
    except yaml.YAMLError as exc:
        return None, [_syntax(src, exc)]
    except RecursionError:
        return None, [_too_big(src, "nests too deeply to read")]
    except _TooLarge:
        return None, [_too_big(src, f"expands to more than {MAX_NODES} values")]
    finally:
        loader.dispose()
    return builder.out, builder.findings
