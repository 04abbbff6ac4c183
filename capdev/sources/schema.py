"""Schema validation for front matter and YAML data, with findings at the offending line."""

from __future__ import annotations

import datetime as _dt
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from capdev.errors import Finding

KINDS = ("course", "module", "lesson", "note", "page", "chapter", "publication", "form")


@cache
def schema(kind: str) -> dict:
    text = resources.files("capdev.sources").joinpath(f"schemas/{kind}.json").read_text("utf-8")
    return json.loads(text)


def normalise(value: Any) -> Any:
    """YAML turns `2026-11-15` into a date; schemas speak JSON, so dates become ISO strings."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


TYPE_WORDS = {"array": "a list", "object": "a mapping of keys to values", "string": "text",
              "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def _message(err: jsonschema.ValidationError) -> str:
    if err.validator == "additionalProperties":
        return "unknown key " + ", ".join(f"`{k}`" for k in _extra(err))
    if err.validator == "required":
        return "missing required key"
    if err.validator == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) \
            else [err.validator_value]
        found = repr(err.instance) if len(repr(err.instance)) <= 40 else type(err.instance).__name__
        return f"must be {' or '.join(TYPE_WORDS.get(w, w) for w in wanted)} (found {found})"
    return err.message


def _extra(err: jsonschema.ValidationError) -> list[str]:
    """The keys an `additionalProperties: false` mapping (e.g. course.yml's `workshop`)
    does not know."""
    known = set(err.schema.get("properties", {}))
    return [str(k) for k in err.instance if k not in known] if isinstance(err.instance, dict) else []


def _hint(err: jsonschema.ValidationError) -> str:
    if err.validator == "additionalProperties":
        return "check the spelling; known keys: " + ", ".join(sorted(err.schema.get("properties", {})))
    if err.validator == "required":
        return "add the key to the front matter (see CONTENT-MODEL.md)"
    if err.validator == "enum":
        return "use one of: " + ", ".join(map(str, err.validator_value))
    if err.validator == "type":
        if isinstance(err.instance, dict):
            return "a ': ' inside a value makes YAML read a mapping — put the whole value in quotes"
        if err.validator_value == "string":
            return "put the value in quotes so YAML reads it as text"
        if err.validator_value == "array":
            return "write one `- item` per line below the key, or [item, item]"
        return f"expected {err.validator_value}"
    if err.validator == "pattern":
        return f"must match {err.validator_value}"
    return "see CONTENT-MODEL.md for the expected shape"


def validate(kind: str, data: dict, path: str, key_lines: dict[str, int],
             default_line: int = 1) -> list[Finding]:
    """Missing required keys and wrong types are errors; unknown keys are warnings."""
    sch = schema(kind)
    findings: list[Finding] = []
    validator = jsonschema.Draft202012Validator(sch)
    for err in sorted(validator.iter_errors(normalise(data)), key=lambda e: list(e.path)):
        dotted = ".".join(str(p) for p in err.path if not isinstance(p, int))
        key = dotted or (err.message.split("'")[1] if err.validator == "required" else "")
        extra = _extra(err) if err.validator == "additionalProperties" else []
        line = (key_lines.get(f"{dotted}.{extra[0]}") if extra else None) \
            or key_lines.get(dotted) or key_lines.get(key.split(".")[0]) or default_line
        where = f"`{key}`: " if key else ""
        findings.append(Finding(path, line, f"schema-{kind}", f"{where}{_message(err)}",
                                _hint(err)))
    known = set(sch.get("properties", {}))
    for key in data:
        if key not in known:
            findings.append(Finding(path, key_lines.get(str(key), default_line), "schema-unknown-key",
                                    f"unknown key `{key}` in {kind} front matter",
                                    "check the spelling; known keys: " + ", ".join(sorted(known)),
                                    severity="warning"))
    return findings
