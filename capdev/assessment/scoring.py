"""Criterion-referenced, explainable scoring — the Python half of a twin.

The page's JavaScript (static/assessment.js, `capdevScore`) implements the same rules line
for line; tests/fixtures/assessment/vectors.json is run against both so they cannot drift.
Arithmetic is done on integers wherever a threshold is compared, so floating-point rounding
cannot make the two languages disagree.

Rules (design note "Scoring"):
- score = mean of answered self-ratings / top of the scale; "na" and blanks are excluded;
  fewer than 2/3 of the items answered → status "insufficient", no score, no level.
- a level is met when the answered items that target it average ≥ scale.met_at; the level
  is the highest met rank with every lower rank met (0 = not yet at the first level).
- knowledge checks are reported apart; level ≥ 2 with fewer than half of the answered
  checks right raises the `optimistic` flag.
- gap = max(0, target − level); recommended modules address the missing levels
  (level+1 … target; without a profile, the next level), core before optional.
- the result explains itself: `evidence` says, per level, whether its statements were
  rated, met and counted (met with every lower level met: what the level is made of);
  `average` is the mean rating on the scale, to one decimal, so the page and the report
  can say why it differs from the level (a level is met at met_at, not at the top).
"""

from __future__ import annotations

import math
from typing import Any

from capdev.assessment.framework import Framework

OPTIMISTIC_FROM_LEVEL = 2


def round3(x: float) -> float:
    """Round half up to 3 decimals, as JavaScript's Math.round(x * 1000) / 1000 does."""
    return math.floor(x * 1000 + 0.5) / 1000


def percent(x: float) -> int:
    """Whole percent, rounded half up like the page's Math.round (Python's round() is not)."""
    return math.floor(x * 100 + 0.5)


def _is_rating(value: Any) -> bool:
    # JSON 3.0 is the integer 3 in JavaScript: accept integral floats too, like the twin does
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) and not isinstance(value, bool)


def _evidence(ratings: list[tuple[dict, int]], ranks: list[int], met_at: int
              ) -> list[dict[str, Any]]:
    """Per level: how many of its statements were rated, whether they average ≥ met_at, and
    whether the level counts (met, with every lower level met)."""
    out, counting = [], True
    for rank in ranks:
        values = [v for item, v in ratings if item["level"] == rank]
        met = bool(values) and sum(values) >= met_at * len(values)
        counting = counting and met
        out.append({"rank": rank, "rated": len(values), "met": met, "counted": counting})
    return out


def _levels(evidence: list[dict[str, Any]]) -> int:
    return max((e["rank"] for e in evidence if e["counted"]), default=0)


def average_tenths(total: int, answered: int) -> int:
    """The mean rating in tenths, rounded half up on integers (the page's twin does the same)."""
    return (20 * total + answered) // (2 * answered)


def _missing_levels(level: int | None, target: int | None, has_profile: bool,
                    top: int) -> list[int]:
    if level is None:
        return []
    if has_profile:
        return list(range(level + 1, target + 1)) if target is not None else []
    return [level + 1] if level < top else []


def _modules(comp: dict[str, Any], missing: list[int]) -> list[dict[str, str]]:
    chosen = [m for m in comp["modules"] if set(m["addresses_levels"]) & set(missing)]
    chosen.sort(key=lambda m: (m["relation"] != "core", m["module"]))
    return [{"module": m["module"], "relation": m["relation"]} for m in chosen]


def _checks(comp: dict[str, Any], checks: dict[str, Any]) -> dict[str, int]:
    items = [it for it in comp["items"]
             if it["type"] == "knowledge_check" and not it.get("deprecated")]
    answered = [it for it in items if isinstance(checks.get(it["id"]), str)]
    correct = sum(1 for it in answered if checks[it["id"]] == it["answer"])
    return {"total": len(items), "answered": len(answered), "correct": correct}


def score_competence(fw: Framework, comp: dict[str, Any], response: dict[str, Any],
                     prof: dict[str, Any] | None) -> dict[str, Any]:
    answers = response.get("answers") or {}
    scale = fw.data["scale"]
    top_value = max(p["value"] for p in scale["points"])
    ranks = [lv["rank"] for lv in fw.data["levels"]]
    items = [it for it in comp["items"] if it["type"] == "self_rating" and not it.get("deprecated")]
    ratings = [(it, int(answers[it["id"]])) for it in items if _is_rating(answers.get(it["id"]))]
    enough = len(items) > 0 and 3 * len(ratings) >= 2 * len(items)
    total = int(sum(v for _, v in ratings))
    evidence = _evidence(ratings, ranks, scale["met_at"]) if enough else []
    level = _levels(evidence) if enough else None
    target = prof["targets"].get(comp["id"]) if prof else None
    checks = _checks(comp, response.get("checks") or {})
    return {
        "id": comp["id"],
        "status": "ok" if enough else "insufficient",
        "items": len(items),
        "answered": len(ratings),
        "score": round3(total / (top_value * len(ratings))) if enough else None,
        "average": average_tenths(total, len(ratings)) / 10 if enough else None,
        "evidence": evidence,
        "level": level,
        "target": target,
        "gap": max(0, target - level) if target is not None and level is not None else None,
        "checks": checks,
        "optimistic": bool(level is not None and level >= OPTIMISTIC_FROM_LEVEL
                           and checks["answered"] > 0
                           and 2 * checks["correct"] < checks["answered"]),
        "modules": _modules(comp, _missing_levels(level, target, prof is not None, max(ranks))),
    }


def _plan(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One study plan: every recommended module once, core (for any competence) first."""
    plan: dict[str, dict[str, Any]] = {}
    for res in results:
        for m in res["modules"]:
            entry = plan.setdefault(m["module"], {"module": m["module"], "relation": "optional",
                                                  "competences": []})
            if m["relation"] == "core":
                entry["relation"] = "core"
            entry["competences"].append(res["id"])
    return sorted(plan.values(), key=lambda e: (e["relation"] != "core", e["module"]))


def score(framework: Framework, response: dict[str, Any], profile: str | None = None
          ) -> dict[str, Any]:
    """Score one response. `profile` is a profile id (targets) or None for no targets."""
    prof = framework.profile(profile) if profile else None
    results = [score_competence(framework, comp, response, prof)
               for comp in framework.competences() if not comp.get("deprecated")]
    return {
        "framework": framework.key,
        "profile": prof["id"] if prof else None,
        "competences": results,
        "plan": _plan(results),
    }
