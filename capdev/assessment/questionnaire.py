"""Printable questionnaire (PDF) for workshops without computers."""

from __future__ import annotations

from pathlib import Path

from capdev.assessment.framework import Framework
from capdev.assessment.pdf import compile_pdf
from capdev.assessment.texts import strings


def questionnaire_data(fw: Framework, lang: str) -> dict:
    t = strings(lang)
    return {
        "lang": lang,
        "t": t,
        "fw": fw.data,
        "level_names": {str(lv["rank"]): lv["name"] for lv in fw.data["levels"]},
        "footer": f"{t['q_title']} · {fw.key}",
    }


def write_questionnaire(fw: Framework, lang: str, out: Path) -> Path:
    """Write the questionnaire PDF for `fw` (already in `lang`) to `out`."""
    compile_pdf("questionnaire", questionnaire_data(fw, lang), out)
    return out
