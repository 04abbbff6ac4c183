"""Cohort report: the same worded tables written as standalone HTML and as a tagged PDF."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from capdev.assessment.framework import Framework
from capdev.assessment.pdf import compile_pdf
from capdev.assessment.scoring import percent
from capdev.assessment.texts import strings


def _pct(x: float | None, t: dict[str, str]) -> str:
    return t["c_suppressed"] if x is None else t["pct"].format(n=percent(x))


def _signed(x: float) -> str:
    return f"{x * 100:+.1f}"


def present(stats: dict[str, Any], fw: Framework, lang: str, excluded: int = 0,
            duplicates: int = 0) -> dict[str, Any]:
    """Turn statistics into display strings (shared by the HTML and the PDF)."""
    t = strings(lang)
    k = stats["k"]
    names = {0: "0"} | {lv["rank"]: f"{lv['rank']} {lv['name']}" for lv in fw.data["levels"]}
    head = [t["col_competence"], t["c_n"], *[names[lv] for lv in stats["levels"]],
            t["c_median"], t["c_at_target"]]
    rows = []
    for r in stats["rows"]:
        label = f"{r['id']} {r['title']}"
        if r["suppressed"]:
            rows.append([label, f"<{k}", *([t["c_suppressed"]] * (len(head) - 2))])
            continue
        dist = [f"<{k}" if r["distribution"][lv] is None else str(r["distribution"][lv])
                for lv in stats["levels"]]
        rows.append([label, str(r["n"]), *dist, _pct(r["median_score"], t),
                     _pct(r["at_target"], t)])
    paired = None
    if stats["paired"] is not None:
        p_head = [t["col_competence"], t["c_pairs"], t["c_mean_change"], t["c_ci"], t["c_up"],
                  t["c_check_change"]]
        p_rows = []
        for r in stats["paired"]["rows"]:
            label = f"{r['id']} {r['title']}"
            if r["suppressed"]:
                p_rows.append([label, f"<{k}", *([t["c_suppressed"]] * 4)])
                continue
            ci = "—" if r["ci"] is None else f"{_signed(r['ci'][0])} … {_signed(r['ci'][1])}"
            mean = "—" if r["mean_change"] is None else _signed(r["mean_change"])
            chk = t["c_suppressed"] if r["check_change"] is None else _signed(r["check_change"])
            p_rows.append([label, str(r["pairs"]), mean, ci, _pct(r["up_share"], t), chk])
        paired = {"head": p_head, "rows": p_rows, "pairs": stats["paired"]["pairs"]}
    synthetic = stats["synthetic"] > 0
    return {
        "lang": lang, "t": t, "synthetic": synthetic,
        "footer": f"{t['c_title']} · {fw.key}",
        "meta": [[t["q_version"], fw.key], [t["c_files"], str(stats["files"])],
                 [t["c_excluded"], str(excluded)], [t["c_duplicates"], str(duplicates)],
                 [t["c_generated"], dt.date.today().isoformat()]],
        "note": t["c_suppressed_note"].format(k=k),
        "head": head, "rows": rows, "paired": paired,
        "no_baseline": t["c_no_baseline"], "change_title": t["c_change"],
        "units_note": t["c_units"],
    }


def html_table(head: list[str], rows: list[list[str]], caption: str) -> str:
    """A captioned HTML table, the first cell of each row its header (the feedback summary
    writes its tables with it too)."""
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join("<tr>" + f'<th scope="row">{escape(r[0])}</th>'
                   + "".join(f"<td>{escape(c)}</td>" for c in r[1:]) + "</tr>" for r in rows)
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


CSS = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;
line-height:1.45}table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid
#777;padding:.3rem .5rem;text-align:left;vertical-align:top}td{font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600}.synthetic{border:3px solid #000;padding:.5rem;
font-weight:700}@media print{table,tr{break-inside:avoid}}"""


def render_html(doc: dict[str, Any]) -> str:
    t = doc["t"]
    parts = [f'<!DOCTYPE html><html lang="{escape(doc["lang"])}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(t['c_title'])}</title><style>{CSS}</style></head><body><main>"]
    if doc["synthetic"]:
        parts.append(f'<p class="synthetic">{escape(t["synthetic"])}</p>')
    parts.append(f"<h1>{escape(t['c_title'])}</h1><dl>")
    parts += [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in doc["meta"]]
    parts.append(f"</dl><p>{escape(doc['note'])}</p>")
    parts.append(html_table(doc["head"], doc["rows"], t["c_distribution"]))
    parts.append(f"<h2>{escape(doc['change_title'])}</h2>")
    if doc["paired"] is None:
        parts.append(f"<p>{escape(doc['no_baseline'])}</p>")
    else:
        parts.append(f"<p>{escape(t['c_pairs'])}: {doc['paired']['pairs']}. "
                     f"{escape(doc['units_note'])}</p>")
        parts.append(html_table(doc["paired"]["head"], doc["paired"]["rows"], doc["change_title"]))
    parts.append("</main></body></html>\n")
    return "".join(parts)


def write_cohort(doc: dict[str, Any], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = out_dir / "cohort.html", out_dir / "cohort.pdf"
    html_path.write_text(render_html(doc), encoding="utf-8")
    compile_pdf("cohort", doc, pdf_path)
    return [html_path, pdf_path]
