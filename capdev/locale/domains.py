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
    from capdev.site.steps import glossary

    return {"glossary": glossary.GLOSSARY_EN}


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
