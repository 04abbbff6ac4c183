"""Segments of YAML: front matter and data files (course.yml, the competence framework).

PyYAML's composer gives every scalar node its exact start and end offsets, so a
translation replaces just that scalar; keys, comments, order and quoting of everything
else stay byte for byte. Which values are translatable is decided by key name.
"""

from __future__ import annotations

import json
import re

import yaml

from capdev.catalogs.segment import Segment
from capdev.errors import CapdevError
from capdev.sources.frontmatter import FAST
from capdev.sources.reading import compose_yaml

# Keys whose values readers read. Everything else (ids, levels, paths, numbers) is data.
TRANSLATABLE_KEYS = frozenset(
    "title subtitle summary description abstract audience outcomes prerequisites keywords "
    "key_points name label statement text stem question options feedback descriptor "
    "descriptors explanation purpose consent caption alt intro help placeholder affiliation "
    "materials".split()
)
# Keys that look like text but are identifiers or machine values.
NEVER_KEYS = frozenset("id ids key code url href src path file files data modules languages "
                       "licence license level levels answer answers rank type kind".split())


def segment_yaml(text: str, offset: int = 0, line_base: int = 0,
                 keys: frozenset[str] = TRANSLATABLE_KEYS, kind: str = "front matter") -> list[Segment]:
    try:
        root = compose_yaml(text)  # aliases bounded: a bomb is not walked
    except CapdevError:
        return []  # discovery reports the syntax error or the bomb with its line
    out: list[Segment] = []
    _walk(root, None, False, out, offset, line_base, keys, kind, text)
    return sorted(out, key=lambda s: s.start)


def _walk(node: yaml.Node | None, key: str | None, on: bool, out: list[Segment], offset: int,
          line_base: int, keys: frozenset[str], kind: str, text: str) -> None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = str(k.value) if isinstance(k, yaml.ScalarNode) else ""
            child_on = name in keys or (on and name not in NEVER_KEYS)
            _walk(v, name, child_on, out, offset, line_base, keys, kind, text)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, key, on, out, offset, line_base, keys, kind, text)
    elif isinstance(node, yaml.ScalarNode) and on and node.tag == "tag:yaml.org,2002:str":
        if re.search(r"[^\W\d_]", node.value):
            out.append(Segment(
                msgid=node.value.rstrip("\n") if node.style in ("|", ">") else node.value, kind=f"{kind}: {key}", line=line_base + node.start_mark.line + 1,
                start=offset + node.start_mark.index, end=offset + node.end_mark.index,
                style=_style(node), wrap=False,
            ))


def _style(node: yaml.ScalarNode) -> str:
    return {None: "yaml-plain", "": "yaml-plain", "'": "yaml-single", '"': "yaml-double",
            "|": "yaml-block", ">": "yaml-block"}.get(node.style, "yaml-plain")


# Words and sentence punctuation, starting with a letter and holding a space: never a YAML
# indicator, number, date, boolean or null, so it stays a plain string (no parse needed).
SAFE_PLAIN = re.compile(r"[^\W\d_][\w ,.;()¿?¡!'’/\-–—«»“”%+]*\Z")


def _plain_ok(value: str, original: str) -> bool:
    if "\n" in value or value != value.strip() or not value:
        return False
    if re.search(r"[\[\]{},]", original) is None and re.search(r"[\[\]{},]", value):
        return False  # may be inside a flow collection, where these end a plain scalar
    if " " in value and SAFE_PLAIN.match(value):
        return True
    try:
        return yaml.load(f"k: {value}", Loader=FAST) == {"k": value}
    except yaml.YAMLError:
        return False


def yaml_scalar(value: str, seg: Segment, original: str) -> str:
    """Write `value` in place of the scalar `original`, in the same style when possible."""
    if seg.style == "yaml-block":
        header, _, _ = original.partition("\n")
        indent = re.match(r"\n([ \t]*)", original[len(header):])
        pad = indent.group(1) if indent and indent.group(1) else "  "
        lines = value.split("\n") if header.lstrip().startswith("|") else [value]
        body = "\n".join(pad + ln if ln else "" for ln in lines)
        return f"{header}\n{body}\n"
    if seg.style == "yaml-single" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if seg.style == "yaml-plain" and _plain_ok(value, original):
        return value
    return json.dumps(value, ensure_ascii=False)
