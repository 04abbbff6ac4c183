"""Individual report (PDF): levels, gaps, recommended modules, knowledge-check calibration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from capdev.assessment.explain import average_text, explanation, level_text, why
from capdev.assessment.framework import Framework
from capdev.assessment.pdf import compile_pdf
from capdev.assessment.responses import Response
from capdev.assessment.scoring import score
from capdev.assessment.texts import strings


def report_data(fw: Framework, resp: Response, lang: str,
                titles: dict[str, str]) -> dict[str, Any]:
    """Everything the report template prints, already worded in `lang`."""
    t = strings(lang)
    result = score(fw, resp.data, resp.profile)
    prof = fw.profile(resp.profile) if resp.profile else None
    rows = []
    for res in result["competences"]:
        comp = fw.competence(res["id"])
        rows.append({
            "id": res["id"], "title": comp["title"], "level": res["level"],
            "level_text": level_text(fw, t, res["level"]),
            "score": average_text(fw, t, res["average"]),
            "target": "—" if res["target"] is None else str(res["target"]),
            "gap": "—" if res["gap"] is None else str(res["gap"]),
            "target_n": res["target"],
            "modules": [f"{titles.get(m['module'], m['module'])} ({t[m['relation']]})"
                        for m in res["modules"]],
            "optimistic": res["optimistic"],
            "checks": t["r_checks"].format(**res["checks"]) if res["checks"]["answered"] else "",
            "explain": explanation(fw, t, res, resp.data.get("answers") or {}),
        })
    plan = [{"title": titles.get(p["module"], p["module"]), "relation": t[p["relation"]],
             "competences": ", ".join(p["competences"])} for p in result["plan"]]
    return {
        "lang": lang, "t": t, "synthetic": bool(resp.data.get("synthetic")),
        "footer": f"{t['r_title']} · {fw.key}",
        "meta": [[t["r_code"], resp.code or "—"],
                 [t["r_profile"], prof["title"] if prof else t["r_none"]],
                 [t["r_date"], resp.data.get("date", "—")],
                 [t["q_version"], fw.key]],
        "levels": [{"rank": lv["rank"], "name": lv["name"]} for lv in fw.data["levels"]],
        "rows": rows, "plan": plan, "why": why(fw, t),
        "flags": [f"{r['id']} {r['title']}: {r['checks']}" for r in rows if r["optimistic"]],
    }


def _out_name(resp: Response, index: int) -> str:
    base = resp.code or Path(resp.path).stem or f"response-{index}"
    return re.sub(r"[^A-Za-z0-9_-]", "_", base) + ".pdf"


def write_reports(fw: Framework, responses: list[Response], lang: str, titles: dict[str, str],
                  out_dir: Path, progress: Any = None) -> list[Path]:
    """One PDF per response in `out_dir`, named after the pseudonymous code (or file stem)."""
    written, used = [], set()
    for i, resp in enumerate(responses, 1):
        name = _out_name(resp, i)
        while name in used:
            name = name.removesuffix(".pdf") + f"-{i}.pdf"
        used.add(name)
        target = out_dir / name
        compile_pdf("report", report_data(fw, resp, lang, titles), target)
        written.append(target)
        if progress is not None:
            progress()
    return written
