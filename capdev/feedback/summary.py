"""What a set of responses says, question by question, with small groups suppressed.

A group is a set of respondents: those who answered a question, or those who gave one
answer to the form's `breakdown` question. A group of fewer than `K_MIN` is never shown —
neither its counts nor its free-text answers — so no one can be picked out; the breakdown
question's own counts are group sizes, so those under `K_MIN` are hidden too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from capdev.assessment.cohort import K_MIN
from capdev.feedback.responses import Response
from capdev.sources.forms import Form, choices


def _counts(q: dict[str, Any], answers: list[Any]) -> dict[Any, int]:
    tally: Counter = Counter()
    for a in answers:
        tally.update(a if isinstance(a, list) else [a])
    return {value: tally.get(value, 0) for value, _label in choices(q)}


def _mean_tenths(answers: list[Any]) -> int:
    """The mean rating in tenths, rounded half up in integers (no float drift)."""
    return (20 * sum(answers) + len(answers)) // (2 * len(answers))


def _group(q: dict[str, Any], answers: list[Any], k: int) -> dict[str, Any]:
    n = len(answers)
    if n < k:
        return {"n": n, "suppressed": True}
    out: dict[str, Any] = {"n": n, "suppressed": False, "counts": _counts(q, answers)}
    if q["type"] == "rating":
        out["mean_tenths"] = _mean_tenths(answers)
    return out


def _question(form: Form, q: dict[str, Any], responses: list[Response], k: int) -> dict[str, Any]:
    answered = [r for r in responses if q["id"] in r.answers]
    values = [r.answers[q["id"]] for r in answered]
    row: dict[str, Any] = {"id": q["id"], "type": q["type"], **_group(q, values, k)}
    if q["type"] == "text":
        row.pop("counts", None)
        if not row["suppressed"]:  # sorted: the order of the files says nothing
            row["texts"] = sorted((str(v), r.data["language"]) for v, r in zip(values, answered,
                                                                                strict=True))
        return row
    by = form.breakdown
    if by is not None and by["id"] == q["id"] and not row["suppressed"]:
        row["counts"] = {v: (c if c >= k or c == 0 else None) for v, c in row["counts"].items()}
    elif by is not None and not row["suppressed"]:
        row["groups"] = [{"value": value, **_group(q, [r.answers[q["id"]] for r in answered
                                                       if r.answers.get(by["id"]) == value], k)}
                         for value, _label in choices(by)]
    return row


def summarise(form: Form, responses: list[Response], k: int = K_MIN) -> dict[str, Any]:
    """Counts, means, free texts and breakdowns of every question; None for what is
    suppressed (see the module's docstring)."""
    return {
        "form": form.id, "version": form.version, "k": k, "files": len(responses),
        "synthetic": any(r.synthetic for r in responses),
        "languages": dict(sorted(Counter(r.data["language"] for r in responses).items())),
        "breakdown": form.breakdown["id"] if form.breakdown else None,
        "questions": [_question(form, q, responses, k) for q in form.questions],
    }
