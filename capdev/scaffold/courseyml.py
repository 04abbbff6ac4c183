"""Adding a module to course.yml as a text edit, so the author's comments and order survive.

A YAML round trip (load, append, dump) would drop every comment and requote values; we
insert one line next to the existing items instead and check the result parses as intended.
"""

from __future__ import annotations

import re

from capdev.errors import CapdevError
from capdev.sources.reading import load_yaml

_KEY = re.compile(r"^modules\s*:\s*(?P<rest>.*)$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?P<quote>['\"]?)(?P<value>[^'\"\s#]+)(?P=quote)")
_FLOW = re.compile(r"^(?P<head>modules\s*:\s*\[)(?P<items>[^\]]*)(?P<tail>\].*)$")


class CourseYmlError(ValueError):
    """course.yml has no `modules` list we can edit safely."""


def add_module(text: str, slug: str) -> str:
    """`text` with `slug` inserted into the `modules` list, in folder-number order."""
    listed = _modules(text)
    if listed is not None and not isinstance(listed, list):
        raise CourseYmlError("`modules:` is not a list")
    if slug in (listed or []):
        raise CourseYmlError(f"`{slug}` is already in the `modules` list")
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _KEY.match(line)), None)
    if start is None:
        raise CourseYmlError("no top-level `modules:` key")
    if _FLOW.match(lines[start]):
        lines[start] = _add_flow(lines[start], slug)
    else:
        _add_block(lines, start, slug)
    out = "".join(lines)
    modules = _modules(out)
    if not isinstance(modules, list) or slug not in modules:
        raise CourseYmlError("the edited `modules` list does not read back")
    return out


def _modules(text: str) -> object:
    try:
        data = load_yaml(text, "course.yml")[0]
    except CapdevError as err:
        raise CourseYmlError(f"course.yml is not valid YAML ({err.findings[0].message})") from None
    return data.get("modules") if isinstance(data, dict) else None


def _add_flow(line: str, slug: str) -> str:
    m = _FLOW.match(line)
    assert m is not None
    items = [s.strip() for s in m["items"].split(",") if s.strip()]
    items.append(slug)
    items.sort(key=lambda s: s.strip("'\""))
    return f"{m['head']}{', '.join(items)}{m['tail']}" + ("\n" if line.endswith("\n") else "")


def _add_block(lines: list[str], start: int, slug: str) -> None:
    """Insert after the last item that sorts before `slug` (or after `modules:` if none)."""
    items: list[tuple[int, str, str]] = []  # (line index, indent, value)
    i = start + 1
    while i < len(lines):
        line = lines[i]
        m = _ITEM.match(line)
        if m:
            items.append((i, m["indent"], m["value"]))
        elif line.strip() and not line.lstrip().startswith("#"):
            break  # the next key: the list has ended
        i += 1
    if not items:
        if _KEY.match(lines[start])["rest"].split("#")[0].strip():  # type: ignore[index]
            raise CourseYmlError("`modules:` is not a list")
        lines.insert(start + 1, f"  - {slug}\n")
        return
    after = max((idx for idx, _ind, value in items if value < slug), default=start)
    indent = items[0][1]
    if not lines[after].endswith("\n"):
        lines[after] += "\n"
    lines.insert(after + 1, f"{indent}- {slug}\n")
