"""Cohort statistics with small-cell suppression, and paired baseline → endline change.

Suppression (k = 5 by default): a competence row with n < k shows nothing but "suppressed";
a level-distribution count between 1 and k−1 is shown as "<k"; when only one count in a row
would be hidden, the next smallest non-zero count is hidden too, so that the total n cannot
be used to work it back out. Paired change needs k pairs or more. k is never below K_MIN.

One person is counted once (`deduplicate`): files with identical content are one response
(a copy would otherwise let a group of four pass as five); several different responses
under one code are that person's answers at different times, and the one with the latest
`date` is counted. When no single latest date exists (same day, or a date missing), the
files are an error: nothing says which answers are the person's.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from typing import Any

from capdev.assessment.framework import Framework
from capdev.assessment.responses import Response
from capdev.assessment.scoring import score
from capdev.assessment.stats import paired_mean_ci
from capdev.errors import CapdevError, Finding

K_MIN = 5


def _suppress_counts(counts: dict[int, int], k: int) -> dict[int, int | None]:
    """None marks a hidden count (primary: 1..k-1; secondary: keeps totals from revealing it)."""
    hidden = {lv for lv, c in counts.items() if 0 < c < k}
    if len(hidden) == 1:
        others = sorted((c, lv) for lv, c in counts.items() if c > 0 and lv not in hidden)
        if others:
            hidden.add(others[0][1])
    return {lv: (None if lv in hidden else c) for lv, c in counts.items()}


def deduplicate(responses: list[Response]) -> tuple[list[Response], list[Finding]]:
    """One response per person; what was left out (and why) as findings."""
    unique, findings = _drop_copies(responses)
    by_code: dict[str, list[Response]] = defaultdict(list)
    for r in unique:
        if r.code:
            by_code[r.code].append(r)
    dropped: set[int] = set()
    for code, group in by_code.items():
        if len(group) > 1:
            findings += _latest_only(code, group, dropped)
    return [r for r in unique if id(r) not in dropped], findings


def _drop_copies(responses: list[Response]) -> tuple[list[Response], list[Finding]]:
    first: dict[str, Response] = {}
    findings = []
    for r in responses:
        key = json.dumps(r.data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        if key in first:
            findings.append(Finding(r.path, 0, "cohort-duplicate-file",
                                    f"same response as {first[key].path}: counted once",
                                    "a copy must not count as another person; remove it",
                                    "warning"))
        else:
            first[key] = r
    return list(first.values()), findings


def _latest_only(code: str, group: list[Response], dropped: set[int]) -> list[Finding]:
    """Keep the response with the latest date under `code`; mark the others dropped."""
    dates = [r.data.get("date") for r in group]
    latest = max((d for d in dates if d), default=None)
    winners = [r for r in group if r.data.get("date") == latest]
    if latest is None or len(winners) > 1 or None in dates:
        dropped.update(id(r) for r in group)
        names = ", ".join(r.path for r in group)
        return [Finding(r.path, 0, "cohort-code-conflict",
                        f"code {code!r} has different answers in {names} and no single "
                        "latest date to choose by",
                        "keep only the file with this person's current answers", "error")
                for r in group]
    keep = winners[0]
    dropped.update(id(r) for r in group if r is not keep)
    return [Finding(r.path, 0, "cohort-superseded",
                    f"code {code!r} answered again on {latest} in {keep.path}: only that "
                    "later response is counted", "one person counts once", "warning")
            for r in group if r is not keep]


def _row(comp: dict[str, Any], results: list[dict[str, Any]], ranks: list[int],
         k: int) -> dict[str, Any]:
    ok = [r for r in results if r["status"] == "ok"]
    row: dict[str, Any] = {"id": comp["id"], "title": comp["title"], "n": len(ok),
                           "suppressed": len(ok) < k}
    if row["suppressed"]:
        return row
    counts = Counter(r["level"] for r in ok)
    row["distribution"] = _suppress_counts({lv: counts.get(lv, 0) for lv in [0, *ranks]}, k)
    row["median_score"] = statistics.median(r["score"] for r in ok)
    targeted = [r for r in ok if r["target"] is not None]
    row["with_target"] = len(targeted)
    row["at_target"] = (None if len(targeted) < k
                        else sum(1 for r in targeted if r["gap"] == 0) / len(targeted))
    return row


def _by_code(responses: list[Response], label: str,
             findings: list[Finding]) -> dict[str, Response]:
    counts = Counter(r.code for r in responses if r.code)
    for code, c in counts.items():
        if c > 1:
            findings.append(Finding(label, 0, "cohort-duplicate-code",
                                    f"code {code!r} appears in {c} {label} files",
                                    "these files are left out of the pairing", "warning"))
    return {r.code: r for r in responses if r.code and counts[r.code] == 1}


def _check_share(res: dict[str, Any]) -> float | None:
    c = res["checks"]
    return c["correct"] / c["answered"] if c["answered"] else None


def _paired(fw: Framework, pairs: list[tuple[dict, dict]], k: int) -> list[dict[str, Any]]:
    rows = []
    for i, comp in enumerate(c for c in fw.competences() if not c.get("deprecated")):
        both = [(b["competences"][i], e["competences"][i]) for b, e in pairs]
        scored = [(b, e) for b, e in both if b["score"] is not None and e["score"] is not None]
        row: dict[str, Any] = {"id": comp["id"], "title": comp["title"], "pairs": len(scored),
                               "suppressed": len(scored) < k}
        if not row["suppressed"]:
            ci = paired_mean_ci([e["score"] - b["score"] for b, e in scored])
            row["mean_change"] = ci.mean if ci else None
            row["ci"] = [ci.low, ci.high] if ci else None
            row["up_share"] = sum(1 for b, e in scored if e["level"] > b["level"]) / len(scored)
            checks = [(_check_share(b), _check_share(e)) for b, e in both]
            diffs = [e - b for b, e in checks if b is not None and e is not None]
            row["check_change"] = statistics.fmean(diffs) if len(diffs) >= k else None
        rows.append(row)
    return rows


def cohort_stats(fw: Framework, responses: list[Response],
                 baseline: list[Response] | None = None, k: int = K_MIN
                 ) -> tuple[dict[str, Any], list[Finding]]:
    """Per-competence statistics (and paired change when a baseline is given)."""
    if k < K_MIN:
        raise CapdevError(Finding("cohort", 0, "cohort-min-cell",
                                  f"cells of {k} are below the floor of {K_MIN}",
                                  "smaller groups could identify individuals"))
    findings: list[Finding] = []
    ranks = [lv["rank"] for lv in fw.data["levels"]]
    scored = {id(r): score(fw, r.data, r.profile) for r in responses}
    comps = [c for c in fw.competences() if not c.get("deprecated")]
    rows = [_row(c, [scored[id(r)]["competences"][i] for r in responses], ranks, k)
            for i, c in enumerate(comps)]
    out: dict[str, Any] = {"framework": fw.key, "k": k, "files": len(responses),
                           "synthetic": sum(1 for r in responses if r.data.get("synthetic")),
                           "levels": [0, *ranks], "rows": rows, "paired": None}
    if baseline is not None:
        base = _by_code(baseline, "baseline", findings)
        end = _by_code(responses, "endline", findings)
        codes = sorted(set(base) & set(end))
        pairs = [(score(fw, base[c].data, base[c].profile), scored[id(end[c])]) for c in codes]
        out["paired"] = {"pairs": len(pairs), "baseline_files": len(baseline),
                         "rows": _paired(fw, pairs, k)}
    return out, findings
