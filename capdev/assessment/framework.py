"""The competence framework: load, validate (JSON Schema + integrity checks), query.

JSON Schema catches shape errors; the integrity checks here catch what a schema cannot
express (unique ids, id prefixes matching parents, referenced levels and modules existing,
enough items per competence). Every problem is a Finding with the YAML line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from capdev.assessment.integrity import check_integrity
from capdev.assessment.yamlsrc import Located, load_located
from capdev.errors import CapdevError, Finding, errors_only, raise_if_errors


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped inside the package (`framework` or `response`)."""
    text = resources.files("capdev.assessment").joinpath(f"schemas/{name}.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


@dataclass
class Framework:
    """A validated framework. `data` is the plain dict (the same shape the page embeds)."""

    data: dict[str, Any]
    path: str = ""
    course_modules: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def version(self) -> str:
        return self.data["version"]

    @property
    def key(self) -> str:
        """`id@version`: what a response must name, and the browser storage key suffix."""
        return f"{self.id}@{self.version}"

    def competences(self) -> Iterator[dict[str, Any]]:
        for area in self.data["areas"]:
            yield from area["competences"]

    def competence(self, cid: str) -> dict[str, Any]:
        return next(c for c in self.competences() if c["id"] == cid)

    def items(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        for comp in self.competences():
            for item in comp["items"]:
                if kind is None or item["type"] == kind:
                    yield item

    @cached_property
    def item_index(self) -> dict[str, dict[str, Any]]:
        """Items by id, built once (validating many responses looks each answer up)."""
        return {item["id"]: item for item in self.items()}

    def profile(self, pid: str) -> dict[str, Any] | None:
        return next((p for p in self.data["profiles"] if p["id"] == pid), None)

    def level_name(self, rank: int) -> str:
        return next(lv["name"] for lv in self.data["levels"] if lv["rank"] == rank)

    def to_json(self) -> str:
        """Compact JSON safe to embed inside an HTML <script> element."""
        text = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _schema_findings(loc: Located, src: str) -> list[Finding]:
    validator = jsonschema.Draft202012Validator(schema("framework"))
    findings = []
    for err in sorted(validator.iter_errors(loc.data), key=lambda e: list(map(str, e.path))):
        err = _best(err)
        path = tuple(err.absolute_path)
        hint = "see the content model (CONTENT-MODEL.md) and the design note on assessment"
        if isinstance(err.instance, bool):
            hint = "YAML 1.1 reads unquoted yes/no/on/off/true/false as booleans: quote the value"
        where = "/".join(map(str, path)) or "(top level)"
        findings.append(Finding(src, loc.line(path), "fw-schema", f"{where}: {err.message}", hint))
    return findings


def _best(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For oneOf failures, report the most relevant sub-error instead of 'not valid under'."""
    if err.context:
        return min(err.context, key=lambda e: (-len(e.absolute_path), e.validator == "const"))
    return err


def _course_modules(fw_path: Path) -> list[str]:
    """Modules of the course the framework lives in: course.yml `modules`, else folders."""
    course_yml = fw_path.parent / "course.yml"
    if course_yml.is_file():
        try:
            mods = (yaml.safe_load(course_yml.read_text(encoding="utf-8")) or {}).get("modules")
        except yaml.YAMLError:
            mods = None
        if isinstance(mods, list):
            return [str(m) for m in mods]
    return sorted(p.name for p in fw_path.parent.glob("[0-9][0-9]-*") if p.is_dir())


def validate_framework(text: str, src: str, modules: list[str]
                       ) -> tuple[Located | None, list[Finding]]:
    """Every finding for a framework's text: YAML (syntax, duplicate keys), schema, then
    integrity (duplicate ids…, only on a schema-valid file). Located is None when the
    text cannot be a framework at all."""
    loc, findings = load_located(text, src)
    if loc is None:
        return None, findings
    if not isinstance(loc.data, dict):
        return None, [*findings, Finding(src, 1, "fw-schema",
                                         "the framework must be a YAML mapping")]
    findings += _schema_findings(loc, src)
    if errors_only(findings):
        return loc, findings
    return loc, findings + check_integrity(loc, src, modules)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CapdevError(Finding(str(path), 0, "fw-missing", f"cannot read framework: {exc}",
                                  "check the path, and that the file is UTF-8")) from None


def load_framework(path: Path, text: str | None = None,
                   modules: list[str] | None = None) -> Framework:
    """Load and validate a framework; raise CapdevError with every error (path:line).

    `text` replaces the file's content (e.g. the Spanish YAML rendered from the catalog);
    `modules` overrides the course's module list used by the fw-unknown-module check.
    """
    path = Path(path)
    mods = modules if modules is not None else _course_modules(path)
    loc, findings = validate_framework(_read(path) if text is None else text, str(path), mods)
    raise_if_errors(findings)
    assert loc is not None  # no errors: validate_framework returned the data
    return Framework(data=loc.data, path=str(path), course_modules=mods)


def framework_warnings(path: Path, text: str | None = None) -> list[Finding]:
    """Non-fatal findings (warnings) for `capdev assess validate`."""
    path = Path(path)
    _, findings = validate_framework(_read(path) if text is None else text, str(path),
                                     _course_modules(path))
    return [f for f in findings if f.severity != "error"]
