"""Labels, dates and SDG names for policy notes and publications, in English.

Kept in one table so the PDF, the DOCX and the web page always say the same thing in the
same language. Every other language comes from capdev's UI catalogs (`capdev.locale`),
domains `pdf`, `sdg`, `month`, `licence`: the Spanish follows United Nations usage
(official SDG short names, the standard Secretariat disclaimer).
"""

from __future__ import annotations

import datetime as _dt

from capdev.locale import language, ui, ui_sequence

LABELS_EN: dict[str, str] = {
    "series": "Capacity Development Policy Note",
    "number": "No.",
    "abstract": "Abstract",
    "keywords": "Keywords",
    "sdgs": "Sustainable Development Goals",
    "sdg": "SDG",
    "references": "References",
    "contents": "Contents",
    "table": "Table",
    "draft": "DRAFT",
    "draft_note": "Draft: untranslated passages are shown in English.",
    "downloads": "Downloads",
    "cite": "Cite this",
    "pdf": "PDF",
    "docx": "Word document (DOCX) for comments",
    "by": "Authors",
    "published": "Published",
    "chapters": "Chapters",
    "publication": "Publication",
    "page": "Page",
    "disclaimer_title": "Disclaimer",
    "disclaimer": "The designations employed and the presentation of the material in this publication do not imply the expression of any opinion whatsoever on the part of the Secretariat of the United Nations concerning the legal status of any country, territory, city or area or of its authorities, or concerning the delimitation of its frontiers or boundaries. The views expressed in this publication are those of the authors and do not necessarily reflect those of the United Nations.",
    "date_long": "{day} {month} {year}",
}

# Official short names of the 17 Goals (A/RES/70/1).
SDG_NAMES_EN: tuple[str, ...] = (
    "No Poverty",
    "Zero Hunger",
    "Good Health and Well-being",
    "Quality Education",
    "Gender Equality",
    "Clean Water and Sanitation",
    "Affordable and Clean Energy",
    "Decent Work and Economic Growth",
    "Industry, Innovation and Infrastructure",
    "Reduced Inequalities",
    "Sustainable Cities and Communities",
    "Responsible Consumption and Production",
    "Climate Action",
    "Life Below Water",
    "Life on Land",
    "Peace, Justice and Strong Institutions",
    "Partnerships for the Goals",
)

MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Content licences by SPDX id, as they are named. An id not listed here is printed as
# written ("Licence: X"): a licence is quoted, never guessed.
LICENCES_EN: dict[str, str] = {
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
    "CC-BY-NC-4.0": "Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)",
    "CC-BY-3.0-IGO": "Creative Commons Attribution 3.0 IGO (CC BY 3.0 IGO)",
    "CC0-1.0": "Creative Commons CC0 1.0 Universal (public domain dedication)",
}
LICENCE_TEXT_EN: dict[str, str] = {
    "sentence": "This work is available under the {name} licence.",
    "unknown": "Licence: {name}",
}


def labels(lang: str) -> dict[str, str]:
    return ui("pdf", LABELS_EN, lang)


def language_name(code: str, lang: str) -> str:
    """The name of language `code` in language `lang`, as a label starts ("Español")."""
    from capdev.locale import language_name as name

    return name(code, lang, capitalised=True)


def citeproc_locale(lang: str) -> str:
    """The CSL locale of citations ("and"/"y", "n.d."/"s. f.", date formats)."""
    return language(lang).citeproc


def sdg_tag(goal: int, lang: str) -> str:
    """"SDG 16: Peace, Justice and Strong Institutions" / "ODS 16: Paz, justicia e …"."""
    return f"{labels(lang)['sdg']} {goal}: {ui_sequence('sdg', SDG_NAMES_EN, lang)[goal - 1]}"


def as_date(value: object) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def long_date(value: object, lang: str) -> str:
    """"27 November 2026" / "27 de noviembre de 2026" (UN style, no leading zero)."""
    day = as_date(value)
    if day is None:
        return str(value)
    month = ui_sequence("month", MONTHS_EN, lang)[day.month - 1]
    return labels(lang)["date_long"].format(day=day.day, month=month, year=day.year)


def licence_line(licence: object, lang: str) -> str | None:
    """The licence line for a document's `licence:` (an SPDX id such as CC-BY-4.0), or
    None when no licence is given: we never print one that was not configured."""
    if licence is None or str(licence).strip() == "":
        return None
    spdx = " ".join(str(licence).split())
    text = ui("licence-text", LICENCE_TEXT_EN, lang)
    name = ui("licence", LICENCES_EN, lang).get(spdx.upper())
    if name is None:
        return text["unknown"].format(name=spdx)
    return text["sentence"].format(name=name)
