"""The summary of a form's responses, worded once per language and written as standalone
HTML and as a tagged PDF (the self-assessment's Typst setup), as `capdev assess cohort`
writes its report."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from capdev.assessment.cohort_report import CSS, html_table
from capdev.assessment.pdf import compile_pdf
from capdev.feedback.texts import strings
from capdev.sources.forms import Form, choices

BAR = 360  # px: the longest bar of an HTML chart


def _mean(tenths: int, t: dict[str, str]) -> str:
    return f"{tenths // 10}{t['decimal']}{tenths % 10}"


def _pct(count: int, n: int, t: dict[str, str]) -> str:
    return t["pct"].format(n=(200 * count + n) // (2 * n))  # whole percent, half up


def _words(q: dict[str, Any]) -> dict[Any, str]:
    return {v: (f"{v} — {label}" if q["type"] == "rating" else label) for v, label in choices(q)}


def _distribution(q: dict[str, Any], row: dict[str, Any], t: dict[str, str],
                  small: str) -> list[dict[str, Any]]:
    """One line per answer: label, count (or the suppression words), share, bar length."""
    out = []
    for value, label in _words(q).items():
        count = row["counts"][value]
        out.append({"label": label, "count": small if count is None else str(count),
                    "share": "" if count is None else _pct(count, row["n"], t),
                    "bar": 0 if count is None else round(100 * count / row["n"])})
    return out


def _breakdown(form: Form, q: dict[str, Any], row: dict[str, Any], t: dict[str, str],
               small: str) -> dict[str, Any]:
    by = form.breakdown
    assert by is not None
    names = _words(by)
    head = [t["s_group"], t["s_answered"]]
    head += [t["s_mean"]] if q["type"] == "rating" else list(_words(q).values())
    rows = []
    for g in row["groups"]:
        if g["suppressed"]:
            rows.append([names[g["value"]], small, *[small] * (len(head) - 2)])
        elif q["type"] == "rating":
            rows.append([names[g["value"]], str(g["n"]), _mean(g["mean_tenths"], t)])
        else:
            rows.append([names[g["value"]], str(g["n"]),
                         *[str(c) for c in g["counts"].values()]])
    return {"title": t["s_by"].format(q=by["text"]), "head": head, "rows": rows}


def _question(form: Form, row: dict[str, Any], t: dict[str, str], k: int) -> dict[str, Any]:
    q = form.by_id[row["id"]]
    small = t["s_suppressed"].format(k=k)
    out: dict[str, Any] = {"id": q["id"], "title": q["text"], "type": q["type"],
                           "answered": f"{t['s_answered']}: {row['n']}",
                           "suppressed": None, "lines": [], "mean": None, "breakdown": None,
                           "texts": [], "note": None}
    if row["suppressed"]:
        out["answered"] = f"{t['s_answered']}: {small}" if row["n"] else \
            f"{t['s_answered']}: 0"
        out["suppressed"] = t["s_suppressed_question"].format(k=k) if row["n"] else \
            t["s_no_texts"]
        return out
    if q["type"] == "text":
        out["texts"] = [{"text": text, "lang": lang} for text, lang in row["texts"]]
        return out
    out["lines"] = _distribution(q, row, t, small)
    if q["type"] == "rating":
        out["mean"] = f"{t['s_mean']}: {_mean(row['mean_tenths'], t)}"
    if q["type"] == "multiple":
        out["note"] = t["s_multiple_note"]
    if row.get("groups"):
        out["breakdown"] = _breakdown(form, q, row, t, small)
    return out


def present(summary: dict[str, Any], form: Form, lang: str) -> dict[str, Any]:
    """Display strings for one language (shared by the HTML and the PDF)."""
    t = strings(lang)
    k = summary["k"]
    langs = ", ".join(f"{code} ({n})" for code, n in summary["languages"].items())
    return {
        "lang": lang, "t": t, "synthetic": summary["synthetic"], "title": form.data["title"],
        "footer": f"{t['s_title']} · {form.id}@{form.version}",
        "meta": [[t["s_form"], form.data["title"]], [t["s_version"], str(form.version)],
                 [t["s_files"], str(summary["files"])], [t["s_languages"], langs or "—"],
                 [t["s_generated"], dt.date.today().isoformat()]],
        "note": t["s_suppressed_note"].format(k=k),
        "head": [t["s_answer"], t["s_count"], t["s_share"]],
        "questions": [_question(form, row, t, k) for row in summary["questions"]],
    }


def _chart(q: dict[str, Any], t: dict[str, str]) -> str:
    """Horizontal bars, each answer's label above its bar; the table beside it has the
    same numbers for screen readers, so the drawing is one labelled image."""
    rows = []
    for i, line in enumerate(q["lines"]):
        y = i * 40
        width = BAR * line["bar"] // 100
        shown = f"{line['count']} ({line['share']})" if line["share"] else line["count"]
        rows.append(f'<text x="0" y="{y + 13}">{escape(line["label"])}</text>'
                    f'<rect x="0" y="{y + 18}" width="{width}" height="14" fill="#1f4e8c"/>'
                    f'<text x="{width + 6}" y="{y + 30}">{escape(shown)}</text>')
    height = 40 * len(q["lines"])
    return (f'<svg class="chart" role="img" aria-label="{escape(t["s_chart"].format(q=q["title"]))}" '
            f'viewBox="0 0 600 {height}" width="100%" style="max-width:600px" '
            f'font-size="13" font-family="system-ui,sans-serif">' + "".join(rows) + "</svg>")


def _html_question(q: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    t = doc["t"]
    parts = [f'<section id="q-{escape(q["id"])}"><h2>{escape(q["title"])}</h2>',
             f"<p>{escape(q['answered'])}</p>"]
    if q["suppressed"]:
        parts.append(f'<p class="suppressed">{escape(q["suppressed"])}</p>')
    elif q["type"] == "text":
        parts.append(f"<h3>{escape(t['s_texts'])}</h3><ul class=\"texts\">")
        parts += [f'<li lang="{escape(x["lang"])}">{escape(x["text"])}</li>' for x in q["texts"]]
        parts.append("</ul>")
    else:
        if q["mean"]:
            parts.append(f"<p>{escape(q['mean'])}</p>")
        parts.append(_chart(q, t))
        parts.append(html_table(doc["head"], [[x["label"], x["count"], x["share"]]
                                          for x in q["lines"]], q["title"]))
        if q["note"]:
            parts.append(f"<p>{escape(q['note'])}</p>")
        if q["breakdown"]:
            b = q["breakdown"]
            parts.append(f"<h3>{escape(b['title'])}</h3>" + html_table(b["head"], b["rows"], b["title"]))
    parts.append("</section>")
    return parts


def render_html(doc: dict[str, Any]) -> str:
    t = doc["t"]
    parts = [f'<!DOCTYPE html><html lang="{escape(doc["lang"])}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(t['s_title'])}: {escape(doc['title'])}</title>",
             f"<style>{CSS}.suppressed{{font-style:italic}}.chart text{{fill:#000}}</style>"
             "</head><body><main>"]
    if doc["synthetic"]:
        parts.append(f'<p class="synthetic">{escape(t["synthetic"])}</p>')
    parts.append(f"<h1>{escape(t['s_title'])}: {escape(doc['title'])}</h1><dl>")
    parts += [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in doc["meta"]]
    parts.append(f"</dl><p>{escape(doc['note'])}</p>")
    for q in doc["questions"]:
        parts += _html_question(q, doc)
    parts.append("</main></body></html>\n")
    return "".join(parts)


def write_summary(doc: dict[str, Any], out_dir: Path, form_id: str) -> list[Path]:
    """summary-<form>-<lang>.html and .pdf in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"summary-{form_id}-{doc['lang']}"
    html_path, pdf_path = stem.with_suffix(".html"), stem.with_suffix(".pdf")
    pdf = compile_pdf("feedback", doc)  # first: a Typst failure leaves nothing half-written
    html_path.write_text(render_html(doc), encoding="utf-8")
    pdf_path.write_bytes(pdf)
    return [html_path, pdf_path]
