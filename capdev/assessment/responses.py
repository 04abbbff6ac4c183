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


MAX_DEPTH = 32  # a response is 2 levels deep; this bounds what the parser recurses into
# A JSON string (an unterminated one runs to the end, so a scan never backtracks over the
# text twice), optionally followed by the colon that makes it a key; or a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)(\s*:)?|[\[\]{}]')


class KeyLines:
    """Line of the first occurrence of each object key, from one pass over the text."""

    def __init__(self, text: str):
        self.text = text
        self._lines: dict[str, int] | None = None

    def __call__(self, key: Any) -> int:
        if self._lines is None:
            self._lines = _key_lines(self.text)
        return self._lines.get(str(key), 1) if key is not None else 1


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    line, last = 1, 0
    for m in _TOKEN.finditer(text):
        if m.group(1) is None:
            continue
        line += text.count("\n", last, m.start())
        last = m.start()
        raw = m.group(0)[: -len(m.group(1))]
        key = _unquote(raw)
        if key is not None:
            lines.setdefault(key, line)
    return lines


def _unquote(raw: str) -> str | None:
    if "\\" not in raw:
        return raw[1:-1]
    try:
        return json.loads(raw)
    except ValueError:
        return None


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """Line where brackets first nest deeper than `limit` (outside strings), else None."""
    depth = 0
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok in ("[", "{"):
            depth += 1
            if depth > limit:
                return text.count("\n", 0, m.start()) + 1
        elif tok in ("]", "}"):
            depth -= 1
    return None


def _schema_findings(data: Any, line_of: KeyLines, src: str) -> list[Finding]:
    out = []
    for err in _validator().iter_errors(data):
        path = list(err.absolute_path)
        where = "/".join(map(str, path)) or "(top level)"
        message = err.message
        if len(path) == 2 and path[0] == "answers" and err.validator == "oneOf":
            message = f"{err.instance!r} is not a point of the scale (0–4) or \"na\""
        key = next((p for p in reversed(path) if isinstance(p, str)), None)
        out.append(Finding(src, line_of(key), "resp-schema",
                           f"{where}: {message}",
                           "response files are written by the assessment page's "
                           "'Download my answers'; do not edit them by hand"))
    return out


def _framework_findings(fw: Framework, data: dict[str, Any], line_of: KeyLines,
                        src: str) -> list[Finding]:
    if (data["framework"], data["version"]) != (fw.id, fw.version):
        return [Finding(src, line_of("version"), "resp-framework",
                        f"answers are for {data['framework']}@{data['version']}, "
                        f"not {fw.key}", "compare only responses to the same framework version")]
    out: list[Finding] = []
    items = fw.item_index
    top = max(p["value"] for p in fw.data["scale"]["points"])
    for kind, table in (("self_rating", data.get("answers", {})), ("knowledge_check",
                                                                   data.get("checks", {}))):
        for iid, value in table.items():
            item = items.get(iid)
            line = line_of(iid)
            if item is None or item["type"] != kind:
                out.append(Finding(src, line, "resp-unknown-item",
                                   f"{iid} is not a {kind} item of {fw.key}"))
            elif kind == "self_rating" and value != "na" and value > top:
                out.append(Finding(src, line, "resp-value", f"{iid}: {value} is above the "
                                   f"top of the scale ({top})"))
            elif kind == "knowledge_check" and value not in [o["id"] for o in item["options"]]:
                out.append(Finding(src, line, "resp-value", f"{iid}: {value!r} is not an option"))
    prof = data.get("profile")
    if prof and fw.profile(prof) is None:
        out.append(Finding(src, line_of("profile"), "resp-unknown-profile",
                           f"unknown profile {prof!r}",
                           "profiles: " + ", ".join(p["id"] for p in fw.data["profiles"])))
    return out


def _decode(text: str, src: str) -> tuple[Any, list[Finding]]:
    """The JSON value of `text`, or findings (syntax, or nesting no response has)."""
    deep = too_deep(text)
    if deep is not None:
        return None, [_depth_finding(src, deep)]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [Finding(src, exc.lineno, "resp-json", f"not valid JSON: {exc.msg}")]
    except RecursionError:  # not reached after too_deep(); kept so no input can crash us
        return None, [_depth_finding(src, 1)]


def _depth_finding(src: str, line: int) -> Finding:
    return Finding(src, line, "resp-depth", f"brackets nest more than {MAX_DEPTH} levels deep",
                   "a response file is an object of answers two levels deep: this is not "
                   "one ('Download my answers' on the assessment page writes them)")


def parse_response(fw: Framework, text: str, src: str) -> tuple[Response | None, list[Finding]]:
    """Validate one response's text; return the response (None if invalid) and findings."""
    data, findings = _decode(text, src)
    if findings:
        return None, findings
    line_of = KeyLines(text)
    findings = _schema_findings(data, line_of, src)
    if not findings:
        findings = _framework_findings(fw, data, line_of, src)
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
