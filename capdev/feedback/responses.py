"""Form response files: read, validate (JSON Schema, then against the form), and refuse
duplicates. A bad file is never skipped: each problem is a finding with the file and line,
and the command that asked writes nothing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from capdev.assessment.responses import KeyLines, too_deep
from capdev.errors import Finding
from capdev.sources.forms import Form, choices

FORMAT = "capdev-form-response/1"
MAX_BYTES = 1_000_000  # a response is a few kilobytes; a bigger file is not one of ours
HINT = ("response files are written by the form page's 'Download my answers'; "
        "do not edit them by hand")


@dataclass
class Response:
    path: str
    data: dict[str, Any]

    @property
    def answers(self) -> dict[str, Any]:
        return self.data["answers"]

    @property
    def synthetic(self) -> bool:
        return bool(self.data.get("synthetic"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    text = resources.files("capdev.feedback").joinpath("schemas/response.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _decode(text: str, src: str) -> tuple[Any, list[Finding]]:
    deep = too_deep(text, 8)  # a response is three levels deep
    if deep is not None:
        return None, [Finding(src, deep, "fb-json", "brackets nest too deeply for a response",
                              HINT)]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [Finding(src, exc.lineno, "fb-json", f"not valid JSON: {exc.msg}", HINT)]


def _foreign(data: Any, forms: dict[str, Form], want: str | None, line_of: KeyLines,
             src: str) -> Finding | None:
    """A file that is not a response of ours, or answers another form than the others."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return Finding(src, line_of("format") if isinstance(data, dict) else 1, "fb-foreign",
                       f"not a capdev form response (no \"format\": \"{FORMAT}\")",
                       "pass only files downloaded from a form page of this site")
    name = data.get("form")
    if name not in forms:
        return Finding(src, line_of("form"), "fb-foreign", f"answers an unknown form {name!r}",
                       "forms of this project: " + ", ".join(sorted(forms)))
    if want is not None and name != want:
        return Finding(src, line_of("form"), "fb-foreign",
                       f"a response to {name}, not to {want} like the other files",
                       "aggregate each form's files separately, or choose one with --form")
    return None


def _schema(data: Any, line_of: KeyLines, src: str) -> list[Finding]:
    out = []
    for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(err.absolute_path)
        key = next((p for p in reversed(path) if isinstance(p, str)), None)
        where = "/".join(map(str, path)) or "(top level)"
        out.append(Finding(src, line_of(key), "fb-schema", f"{where}: {err.message}", HINT))
    return out


def _answer_problem(q: dict[str, Any], value: Any) -> str | None:
    allowed = [v for v, _label in choices(q)]
    if q["type"] == "rating":
        ok = isinstance(value, int) and not isinstance(value, bool) and value in allowed
        return None if ok else f"{value!r} is not a point of the scale {allowed}"
    if q["type"] == "single":
        return None if value in allowed else f"{value!r} is not an option ({', '.join(allowed)})"
    if q["type"] == "multiple":
        bad = [v for v in value if v not in allowed] if isinstance(value, list) else [value]
        return f"{bad[0]!r} is not an option ({', '.join(allowed)})" if bad else None
    if not isinstance(value, str):
        return "expected text"
    limit = int(q.get("max_length", 2000))
    return f"longer than {limit} characters" if len(value) > limit else None


def _against_form(form: Form, data: dict[str, Any], line_of: KeyLines,
                  src: str) -> list[Finding]:
    if data["version"] != form.version:
        return [Finding(src, line_of("version"), "fb-version",
                        f"answers version {data['version']} of {form.id}, not version "
                        f"{form.version}", "aggregate only responses to the same version")]
    out = []
    for qid, value in data["answers"].items():
        q = form.by_id.get(qid)
        problem = "not a question of " + form.id if q is None else _answer_problem(q, value)
        if problem:
            out.append(Finding(src, line_of(qid), "fb-answer", f"{qid}: {problem}", HINT))
    for q in form.questions:
        if q.get("required") and q["id"] not in data["answers"]:
            out.append(Finding(src, line_of("answers"), "fb-answer",
                               f"required question {q['id']} has no answer", HINT))
    return out


def parse_response(forms: dict[str, Form], want: str | None, text: str,
                   src: str) -> tuple[Response | None, list[Finding]]:
    """One file's text: the response, or None and its findings. `want`: the form every
    file must answer (None: any form of `forms`)."""
    data, found = _decode(text, src)
    if found:
        return None, found
    line_of = KeyLines(text)
    foreign = _foreign(data, forms, want, line_of, src)
    if foreign is not None:
        return None, [foreign]
    found = _schema(data, line_of, src) or _against_form(forms[data["form"]], data, line_of, src)
    return (None if found else Response(src, data)), found


def _read(path: Path) -> tuple[str | None, Finding | None]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, Finding(str(path), 1, "fb-foreign",
                                 f"{path.stat().st_size} bytes: too large for a form response",
                                 "pass only files downloaded from a form page")
        return path.read_text(encoding="utf-8"), None
    except UnicodeDecodeError:
        return None, Finding(str(path), 1, "fb-foreign", "not UTF-8 text, so not a response",
                             "pass only files downloaded from a form page")
    except OSError as exc:
        return None, Finding(str(path), 0, "fb-read", f"cannot read: {exc.strerror or exc}",
                             "check the file name and its permissions")


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def duplicates(responses: list[Response]) -> list[Finding]:
    """A file whose content is another's (the same export twice), or a second file under
    the same respondent code: either would count a person twice."""
    out: list[Finding] = []
    by_content: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for r in responses:
        first = by_content.setdefault(_canonical(r.data), r.path)
        if first != r.path:
            out.append(Finding(r.path, 1, "fb-duplicate", f"the same response as {first}",
                               "pass each person's file once"))
            continue
        code = r.data.get("code")
        if code is not None and by_code.setdefault(code, r.path) != r.path:
            out.append(Finding(r.path, 1, "fb-duplicate-code",
                               f"respondent code {code} is also used by {by_code[code]}",
                               "keep only the file that is the person's answer"))
    return out


def _main_form(texts: dict[str, str], forms: dict[str, Form]) -> str | None:
    """The form most files answer (the others are foreign to the set); None on a tie."""
    tally: Counter = Counter()
    for text in texts.values():
        try:
            data = json.loads(text) if too_deep(text, 8) is None else None
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("form") in forms:
            tally[data["form"]] += 1
    ranked = tally.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0] if ranked else None


def load(forms: dict[str, Form], paths: Iterable[Path],
         form_id: str | None = None) -> tuple[list[Response], list[Finding]]:
    """Every file read and checked: the responses and every finding. Without `form_id`,
    the form most files answer is the one all must answer; a tie is an error."""
    found: list[Finding] = []
    texts: dict[str, str] = {}
    for path in paths:
        text, problem = _read(Path(path))
        if problem is not None:
            found.append(problem)
        else:
            texts[str(path)] = text or ""
    want = form_id or _main_form(texts, forms)
    if want is None and any(_answers_a_form(t, forms) for t in texts.values()):  # a tie
        return [], [*found, Finding(next(iter(texts)), 1, "fb-mixed-forms",
                                    "the files answer different forms, as many each",
                                    "choose the form to summarise with --form ID")]
    responses: list[Response] = []
    for src, text in texts.items():
        resp, problems = parse_response(forms, want, text, src)
        found += problems
        if resp is not None:
            responses.append(resp)
    return responses, found + duplicates(responses)


def _answers_a_form(text: str, forms: dict[str, Form]) -> bool:
    return _main_form({"": text}, forms) is not None
