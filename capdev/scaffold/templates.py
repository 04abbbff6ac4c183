"""Scaffold templates: files shipped inside the package, filled with `{{name}}` values.

`{{…}}` and not `$name` or `{name}`: the templates are Makefiles, YAML and Markdown, where
`$(VAR)` and `{ #id }` are ordinary syntax that a formatter must leave alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import resources

import yaml

_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def template(name: str) -> str:
    """The text of one template, e.g. `lesson.md` or `project/mkdocs.yml`."""
    return resources.files("capdev.scaffold").joinpath(f"templates/{name}").read_text("utf-8")


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace every `{{name}}`; a name without a value is a bug in capdev, not user error."""
    def one(match: re.Match[str]) -> str:
        return str(values[match.group(1)])

    return _PLACEHOLDER.sub(one, text)


def render(name: str, **values: object) -> str:
    return fill(template(name), values)


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same string: plain when it is safe
    (what authors write by hand), double-quoted otherwise (`: `, `#`, leading symbols…)."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "\n" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
