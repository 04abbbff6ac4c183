"""Results in plain words (#18.3): how each level was reached, and why it is not the average.

The Python half of a twin: assessment.js (`Page.explain`) words the page's results with the
same strings.json templates, from the same `evidence` and `average` the scorers return, so
the page and the PDF report say the same sentences (tests/browser/test_assessment_results.py
compares them).
"""

from __future__ import annotations

from typing import Any

from capdev.assessment.framework import Framework


def level_text(fw: Framework, t: dict[str, str], level: int | None) -> str:
    if level is None:
        return t["insufficient"]
    if level == 0:
        return t["below_first"]
    return f"{level} — {fw.level_name(level)}"


def average_text(fw: Framework, t: dict[str, str], average: float | None) -> str:
    """"2.5 of 4" ("2,5 de 4"): the mean rating on the scale, never a percentage, which
    reads as a pass mark although a level is met at the middle of the scale."""
    if average is None:
        return "—"
    top = max(p["value"] for p in fw.data["scale"]["points"])
    return t["avg"].format(avg=f"{average:.1f}".replace(".", t["decimal"]), top=top)


def _met_label(fw: Framework) -> str:
    scale = fw.data["scale"]
    label = next(p["label"] for p in scale["points"] if p["value"] == scale["met_at"])
    return f"{scale['met_at']} — {label}"


def summary(fw: Framework, t: dict[str, str], res: dict[str, Any]) -> str:
    """One sentence: which levels were met and what level that makes."""
    level, top = res["level"], len(fw.data["levels"])
    if level is None:
        needed = (2 * res["items"] + 2) // 3
        return t["x_insufficient"].format(answered=res["answered"], items=res["items"],
                                          needed=needed)
    if level == 0:
        return t["x_none"]
    shown = level_text(fw, t, level)
    if level == top:
        return t["x_all_met"].format(top=top, level_text=shown)
    key = {1: "x_first_only", 2: "x_two"}.get(level, "x_up_to")
    return t[key].format(level=level, next=level + 1, level_text=shown)


def _level_line(fw: Framework, t: dict[str, str], step: dict[str, Any]) -> str:
    if step["counted"]:
        key = "x_met"
    elif step["met"]:
        key = "x_not_counted"
    else:
        key = "x_not_met" if step["rated"] else "x_not_rated"
    return t[key].format(rank=step["rank"], name=fw.level_name(step["rank"]), met=_met_label(fw))


def _rating(fw: Framework, t: dict[str, str], value: Any) -> str:
    scale = fw.data["scale"]
    if value == "na":
        return scale["not_applicable"]["label"]
    point = next((p for p in scale["points"] if p["value"] == value), None)
    return f"{point['value']} — {point['label']}" if point else t["x_blank"]


def why(fw: Framework, t: dict[str, str]) -> str:
    """Why a level and an average rating differ: said once, above the competences."""
    return t["x_why"].format(met=_met_label(fw))


def explanation(fw: Framework, t: dict[str, str], res: dict[str, Any],
                answers: dict[str, Any]) -> dict[str, Any]:
    """The words under one competence's result: a summary, then each level with the
    statements that target it and the rating given."""
    comp = fw.competence(res["id"])
    items = [it for it in comp["items"] if it["type"] == "self_rating" and not it.get("deprecated")]
    levels = [{"text": _level_line(fw, t, step),
               "statements": [t["x_statement"].format(text=it["text"],
                                                      rating=_rating(fw, t, answers.get(it["id"])))
                              for it in items if it["level"] == step["rank"]]}
              for step in res["evidence"]]
    return {"summary": summary(fw, t, res), "levels": levels}
