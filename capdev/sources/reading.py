"""Reading source files: one text reader, one YAML loader, one notebook reader.

Whatever the bytes, a bad file becomes a finding `path:line [rule-id] message — hint`:

- `encoding`: not UTF-8 (at the line and column of the first bad byte);
- `yaml-syntax`: YAML that does not parse, or nests too deeply to construct;
- `yaml-aliases`: aliases that would expand beyond `EXPANDED_LIMIT` nodes (a "billion
  laughs" bomb: a few lines that expand to gigabytes) or that refer to themselves;
- `yaml-duplicate-key`: a key twice in one mapping (YAML would silently keep the last);
- `nb-invalid`: a notebook that is not a JSON object.

Content is untrusted (see README, Security): it is read with the safe loaders only (libyaml
when available), which never construct Python objects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from capdev.errors import CapdevError, Finding

FAST: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10× faster, same marks
EXPANDED_LIMIT = 100_000  # nodes of a document once its aliases are expanded
MERGE_TAG = "tag:yaml.org,2002:merge"
YAML_HINT = "check indentation and quote values that contain ': ' or start with a symbol"


# -- text ------------------------------------------------------------------------------------
def decode(data: bytes, rel: str) -> str:
    """UTF-8 text, or a finding at the line and column of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        raise CapdevError(Finding(
            rel, data.count(b"\n", 0, exc.start) + 1, "encoding",
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} ({exc.reason})",
            "save the file as UTF-8 (in the editor: Save with Encoding → UTF-8)",
            col=exc.start - start + 1)) from None


def read_text(path: Path, rel: str) -> str:
    """A source file's text; unreadable or non-UTF-8 bytes become a finding."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CapdevError(Finding(rel, 0, "file-unreadable", f"cannot read: {exc.strerror}",
                                  "check that the file exists and is a regular file")) from None
    return decode(data, rel)


# -- YAML ------------------------------------------------------------------------------------
class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, mark: yaml.Mark):
        super().__init__(key)
        self.key, self.problem_mark = key, mark


class SafeLoader(FAST):  # type: ignore[misc, valid-type]
    """The safe loader (libyaml's when installed) refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[tuple[str, str]] = set()
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != MERGE_TAG:
                if (key.tag, key.value) in seen:
                    raise DuplicateKey(key.value, key.start_mark)
                seen.add((key.tag, key.value))
        return super().construct_mapping(node, deep)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def expanded_size(node: yaml.Node, limit: int = EXPANDED_LIMIT) -> int:
    """Nodes in the document once every alias is expanded, counted up to `limit + 1`
    (each node once: linear in the file, not in the expansion). Raises ValueError on an
    alias inside its own anchor (a recursive document)."""
    sizes: dict[int, int] = {}
    path: set[int] = set()  # the node being counted and its ancestors
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        if done:
            path.discard(key)
            sizes[key] = min(limit + 1, 1 + sum(sizes[id(c)] for c in _children(current)))
        elif key not in sizes:
            path.add(key)
            stack.append((current, True))
            for child in _children(current):
                if id(child) in path:
                    raise ValueError("an alias refers to its own anchor")
                stack.append((child, False))
    return sizes[id(node)]


def _first_alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=FAST):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


def _check_aliases(node: yaml.Node | None, text: str, path: str, first_line: int) -> None:
    if node is None or "*" not in text:  # no alias token at all: nothing to expand
        return
    try:
        too_big = expanded_size(node) > EXPANDED_LIMIT
        problem = f"aliases expand to more than {EXPANDED_LIMIT:,} values"
    except ValueError as exc:
        too_big, problem = True, str(exc)
    if too_big:
        raise CapdevError(Finding(path, _first_alias_line(text) + first_line - 1, "yaml-aliases",
                                  problem, "write the values out instead of repeating "
                                  "anchors (&name) and aliases (*name)"))


def _syntax(exc: Exception, path: str, first_line: int) -> CapdevError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark else first_line
    if isinstance(exc, DuplicateKey):
        return CapdevError(Finding(path, line, "yaml-duplicate-key",
                                   f"key `{exc.key}` appears twice in the same mapping",
                                   "YAML would keep only the last one: remove or rename one"))
    if isinstance(exc, RecursionError):
        problem = "nested too deeply"
    else:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start and start.line + first_line != line:  # where the unclosed part began
        problem += f" ({context} that starts at line {start.line + first_line})"
    return CapdevError(Finding(path, line, "yaml-syntax", f"invalid YAML: {problem}", YAML_HINT))


def parse_yaml(text: str, path: str, first_line: int = 1,
               loader: type = SafeLoader) -> tuple[Any, yaml.Node | None]:
    """The data and its node tree, parsed once; every problem is a finding (see above).
    `first_line`: the file line of the text's first line (front matter starts at 2)."""
    ldr = loader(text)
    try:
        node = ldr.get_single_node()
        _check_aliases(node, text, path, first_line)
        return (ldr.construct_document(node) if node is not None else None), node
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
        raise _syntax(exc, path, first_line) from None
    finally:
        ldr.dispose()


def compose_yaml(text: str, path: str = "", first_line: int = 1) -> yaml.Node | None:
    """The node tree alone (line marks for the segmenter), with the same bounds."""
    ldr = FAST(text)
    try:
        node = ldr.get_single_node()
    except (yaml.YAMLError, RecursionError) as exc:
        raise _syntax(exc, path, first_line) from None
    finally:
        ldr.dispose()
    _check_aliases(node, text, path, first_line)
    return node


def key_lines(node: yaml.Node | None, offset: int) -> dict[str, int]:
    """Map top-level (and dotted nested) keys to their 1-based line numbers."""
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out[str(k.value)] = k.start_mark.line + offset
                for sub, line in key_lines(v, offset).items():
                    out.setdefault(f"{k.value}.{sub}", line)
    return out


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Parse content YAML: (data, line of each key); every problem is a finding."""
    data, node = parse_yaml(text, path, first_line)
    try:
        return data, key_lines(node, first_line)
    except RecursionError:
        raise _syntax(RecursionError(), path, first_line) from None


# -- notebooks -------------------------------------------------------------------------------
NB_HINT = "open and save the notebook in Jupyter"


def notebook_json(text: str, rel: str) -> dict:
    """A notebook file's JSON object; anything else is an `nb-invalid` finding."""
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CapdevError(Finding(rel, exc.lineno, "nb-invalid", f"not valid JSON: {exc.msg}",
                                  NB_HINT)) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, deep nesting
        raise CapdevError(Finding(rel, 1, "nb-invalid", f"not a readable notebook: {exc}",
                                  NB_HINT)) from None
    if not isinstance(nb, dict):
        raise CapdevError(Finding(rel, 1, "nb-invalid", "not a notebook: the JSON is not an "
                                  "object with cells and metadata", NB_HINT))
    return nb
