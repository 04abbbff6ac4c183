"""The tables of English text that capdev's UI catalogs translate, by domain.

One entry per table: the domain (the msgctxt prefix) and where its English lives. The
catalog script (scripts/ui_catalogs.py) and the completeness test read this list, so a new
table joins the catalogs by being named here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

Table = Mapping[str, str] | Sequence[str]


def _pdf() -> dict[str, Table]:
    from capdev.pdf import labels as pdf

    return {"pdf": pdf.LABELS_EN, "sdg": pdf.SDG_NAMES_EN, "month": pdf.MONTHS_EN,
            "licence": pdf.LICENCES_EN, "licence-text": pdf.LICENCE_TEXT_EN}


def _languages() -> dict[str, Table]:
    from capdev.locale import language_names_en

    return {"language": language_names_en()}


def _site() -> dict[str, Table]:
    from capdev.assessment.texts import strings_en
    from capdev.feedback.texts import strings_en as feedback_en
    from capdev.notebooks.download import LABELS_EN as NOTEBOOK
    from capdev.site.labels import LABELS_EN as SITE
    from capdev.site.steps import glossary

    def text(table: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in table.items() if k != "lang"}  # "lang" is data

    return {"site": SITE, "glossary": glossary.GLOSSARY_EN, "notebook": NOTEBOOK,
            "assessment": text(strings_en()), "feedback": text(feedback_en())}


SOURCES: list[Callable[[], dict[str, Table]]] = [_languages, _pdf, _site]


def tables() -> dict[str, dict[str, str]]:
    """Every domain's English, as key → text (a sequence keyed 1…n, as `ui_sequence` reads it)."""
    out: dict[str, dict[str, str]] = {}
    for source in SOURCES:
        for domain, table in source().items():
            items = table.items() if isinstance(table, Mapping) else (
                (str(n), text) for n, text in enumerate(table, 1))
            out[domain] = {str(k): str(v) for k, v in items}
    return out
