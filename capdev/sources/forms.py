"""Forms: questionnaires that are not competence assessments (`forms/<id>/form.yml`).

A workshop evaluation or a consultation: rating scales with labels, single and multiple
choice, free text. The file's shape is checked by its JSON schema (`schema-form`, through
`schema.validate` like every content file); what a schema cannot say — an id used twice, a
`breakdown` that names no single-choice question — is checked here, with the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from capdev.errors import CapdevError, Finding, errors_only
from capdev.sources import schema
from capdev.sources.frontmatter import load_yaml
from capdev.sources.reading import compose_yaml

FOLDER = "forms"
FILE = "form.yml"
CHOICE_TYPES = ("single", "multiple")


@dataclass
class Form:
    """One form, its text in one language (`data` as parsed, already validated)."""

    id: str
    rel: str  # project-relative path of the English form.yml
    data: dict[str, Any]

    @property
    def version(self) -> int:
        return int(self.data["version"])

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.data["questions"])

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        return {q["id"]: q for q in self.questions}

    @property
    def breakdown(self) -> dict[str, Any] | None:
        """The single-choice question whose answers split the summary into groups."""
        name = self.data.get("breakdown")
        return self.by_id.get(name) if name else None

    @property
    def page(self) -> str:
        """The staged page, relative to a language's docs dir."""
        return f"{FOLDER}/{self.id}/index.md"


def choices(question: dict[str, Any]) -> list[tuple[str | int, str]]:
    """(value, label) of a rating's points or a choice question's options, in order."""
    if question["type"] == "rating":
        return [(p["value"], p["label"]) for p in question["scale"]]
    return [(o["id"], o["label"]) for o in question.get("options", [])]


def integrity(data: dict[str, Any], text: str, rel: str) -> list[Finding]:
    """Ids used twice and a `breakdown` that is not a single-choice question."""
    root = compose_yaml(text, rel)  # only for lines: the loader has parsed it already

    def at(*path: str | int) -> int:
        return _line(root, path)

    out: list[Finding] = []
    seen: set[str] = set()
    for i, q in enumerate(data.get("questions") or []):
        if not isinstance(q, dict):
            continue
        if q.get("id") in seen:
            out.append(Finding(rel, at("questions", i, "id"), "form-duplicate-id",
                               f"question id `{q['id']}` is used twice",
                               "give each question its own id; never reuse one once answers exist"))
        seen.add(str(q.get("id")))
        key, field = ("scale", "value") if q.get("type") == "rating" else ("options", "id")
        values = [c.get(field) for c in q.get(key) or [] if isinstance(c, dict)]
        for j, value in enumerate(values):
            if value in values[:j]:
                out.append(Finding(rel, at("questions", i, key, j, field), "form-duplicate-id",
                                   f"question `{q.get('id')}`: {field} `{value}` appears twice",
                                   f"each {field} of a question must be different"))
    name = data.get("breakdown")
    if name is not None:
        target = next((q for q in data.get("questions") or []
                       if isinstance(q, dict) and q.get("id") == name), None)
        if target is None or target.get("type") != "single":
            out.append(Finding(rel, at("breakdown"), "form-breakdown",
                               f"`breakdown: {name}` names no single-choice question",
                               "name the id of a `type: single` question, or remove `breakdown`"))
    return out


def _line(node: yaml.Node | None, path: tuple[str | int, ...]) -> int:
    """1-based line of the deepest node of `path` that exists (the file's first line else)."""
    line = 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == step), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def parse(text: str, rel: str, form_id: str) -> Form:
    """A form's text (English, or rendered from its catalog) as a `Form`; a bad one raises
    its findings."""
    data, lines = load_yaml(text, rel)
    if not isinstance(data, dict):
        raise CapdevError(Finding(rel, 1, "schema-form", "expected a mapping of keys",
                                  "see CONTENT-MODEL.md, Forms"))
    found = errors_only(schema.validate("form", data, rel, lines) + integrity(data, text, rel))
    if found:
        raise CapdevError(found)
    return Form(str(data.get("id", form_id)), rel, data)


def form_paths(root: Path) -> list[Path]:
    base = root / FOLDER
    return sorted(base.glob(f"*/{FILE}")) if base.is_dir() else []
