"""Response files: load, validate (JSON Schema + against the framework), report problems.

A bad file is never skipped silently: every problem is a Finding with the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from capdev.assessment.framework import Framework, schema
from capdev.errors import Finding

FORMAT = "capdev-assessment-response/1"


@dataclass
class Response:
    path: str
    data: dict[str, Any]

    @property
    def code(self) -> str | None:
        return self.data.get("code")

    @property
    def profile(self) -> str | None:
        return self.data.get("profile")


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema("response"))


def _line_of(text: str, key: Any) -> int:
    """Line where `"key"` first appears (JSON keeps no positions; this is good enough)."""
    if key is None:
        return 1
    match = re.search(re.escape(json.dumps(str(key))), text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _schema_findings(data: Any, text: str, src: str) -> list[Finding]:
    out = []
    for err in _validator().iter_errors(data):
        path = list(err.absolute_path)
        where = "/".join(map(str, path)) or "(top level)"
        message = err.message
        if len(path) == 2 and path[0] == "answers" and err.validator == "oneOf":
            message = f"{err.instance!r} is not a point of the scale (0–4) or \"na\""
        out.append(Finding(src, _line_of(text, path[-1] if path else None), "resp-schema",
                           f"{where}: {message}",
                           "response files are written by the assessment page's "
                           "'Download my answers'; do not edit them by hand"))
    return out


def _framework_findings(fw: Framework, data: dict[str, Any], text: str,
                        src: str) -> list[Finding]:
    if (data["framework"], data["version"]) != (fw.id, fw.version):
        return [Finding(src, _line_of(text, "version"), "resp-framework",
                        f"answers are for {data['framework']}@{data['version']}, "
                        f"not {fw.key}", "compare only responses to the same framework version")]
    out: list[Finding] = []
    items = {it["id"]: it for it in fw.items()}
    top = max(p["value"] for p in fw.data["scale"]["points"])
    for kind, table in (("self_rating", data.get("answers", {})), ("knowledge_check",
                                                                   data.get("checks", {}))):
        for iid, value in table.items():
            item = items.get(iid)
            line = _line_of(text, iid)
            if item is None or item["type"] != kind:
                out.append(Finding(src, line, "resp-unknown-item",
                                   f"{iid} is not a {kind} item of {fw.key}"))
            elif kind == "self_rating" and value != "na" and value > top:
                out.append(Finding(src, line, "resp-value", f"{iid}: {value} is above the "
                                   f"top of the scale ({top})"))
            elif kind == "knowledge_check" and value not in {o["id"] for o in item["options"]}:
                out.append(Finding(src, line, "resp-value", f"{iid}: {value!r} is not an option"))
    prof = data.get("profile")
    if prof and fw.profile(prof) is None:
        out.append(Finding(src, _line_of(text, "profile"), "resp-unknown-profile",
                           f"unknown profile {prof!r}",
                           "profiles: " + ", ".join(p["id"] for p in fw.data["profiles"])))
    return out


def parse_response(fw: Framework, text: str, src: str) -> tuple[Response | None, list[Finding]]:
    """Validate one response's text; return the response (None if invalid) and findings."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Finding(src, exc.lineno, "resp-json", f"not valid JSON: {exc.msg}")]
    findings = _schema_findings(data, text, src)
    if not findings:
        findings = _framework_findings(fw, data, text, src)
    return (None if findings else Response(src, data)), findings


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; directories contribute their *.json files (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.json")) if p.is_dir() else [p])
    return out


def load_responses(fw: Framework, paths: Iterable[Path],
                   progress: Any = None) -> tuple[list[Response], list[Finding]]:
    """Load every file; invalid ones are left out of the list and reported as findings."""
    responses, findings = [], []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            findings.append(Finding(str(path), 0, "resp-read", f"cannot read: {exc}"))
            continue
        resp, found = parse_response(fw, text, str(path))
        findings += found
        if resp is not None:
            responses.append(resp)
        if progress is not None:
            progress()
    return responses, findings
