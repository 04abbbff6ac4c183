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


def _construct(node: yaml.Node, path: JsonPath, out: Located, findings: list[Finding],
               src: str, loader: yaml.SafeLoader) -> Any:
    out.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                findings.append(Finding(src, key_node.start_mark.line + 1, "fw-duplicate-key",
                                        f"key {key!r} appears twice in the same mapping",
                                        "YAML keeps only the last one; remove or rename one"))
            child = (*path, key if isinstance(key, str | int) else str(key))
            result[key] = _construct(value_node, child, out, findings, src, loader)
            # point at the key ("levels:"), not at the first line of a block value below it
            out.lines[child] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(n, (*path, i), out, findings, src, loader)
                for i, n in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_located(text: str, src: str) -> tuple[Located | None, list[Finding]]:
    """Parse `text`; return (located data, findings). Syntax errors become findings."""
    findings: list[Finding] = []
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Finding(src, line, "fw-yaml", f"YAML syntax error: {problem}",
                              "check indentation and quoting around this line")]
    if node is None:
        return None, [Finding(src, 1, "fw-yaml", "the file is empty")]
    out = Located(data=None)
    out.data = _construct(node, (), out, findings, src, loader)
    loader.dispose()
    return out, findings
