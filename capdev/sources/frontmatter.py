"""YAML front matter with line numbers, so every schema finding can name its line.

The YAML itself is read by `capdev.sources.reading.load_yaml` (bounded aliases, no
duplicate keys); `FAST`, `key_lines` and `load_yaml` are re-exported for older callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from capdev.errors import CapdevError, Finding
from capdev.sources.reading import FAST, key_lines, load_yaml

__all__ = ["FAST", "FrontMatter", "key_lines", "load_yaml", "parse", "split"]

_FENCE = re.compile(r"^---[ \t]*\r?$")


@dataclass
class FrontMatter:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line where the body starts
    key_lines: dict[str, int] = field(default_factory=dict)
    start_line: int = 2  # 1-based line of the first YAML line

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, max(1, self.start_line - 1))


def split(text: str) -> tuple[str | None, int, int]:
    """Return (yaml_text, yaml_first_line, body_first_line) — 1-based lines."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\n")):
        return None, 0, 1
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i].rstrip("\n")) or lines[i].rstrip("\r\n") == "...":
            return "".join(lines[1:i]), 2, i + 2
    return None, 0, 1


def parse(text: str, path: str) -> FrontMatter:
    """Split and parse a Markdown file's front matter (empty when the file has none)."""
    yaml_text, first, body_line = split(text)
    if yaml_text is None:
        return FrontMatter({}, text, 1, {}, 0)
    data, lines = load_yaml(yaml_text, path, first)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CapdevError(Finding(path, first, "frontmatter-not-mapping",
                                  "front matter must be a mapping of keys to values",
                                  "write `key: value` lines between the `---` fences"))
    body = "".join(text.splitlines(keepends=True)[body_line - 1:])
    return FrontMatter(data, body, body_line, lines, first)
