"""Localized labels, dates and SDG names for policy notes and publications.

Kept in one table so the PDF, the DOCX and the web page always say the same thing in the
same language. Spanish follows United Nations usage (official SDG short names, the
standard Secretariat disclaimer).
"""

from __future__ import annotations

import datetime as _dt

LANGS = ("en", "es")

_LABELS: dict[str, dict[str, str]] = {
    "en": {
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
        "lang_en": "English",
        "lang_es": "Spanish",
        "by": "Authors",
        "published": "Published",
        "chapters": "Chapters",
        "publication": "Publication",
        "page": "Page",
        "disclaimer_title": "Disclaimer",
        "disclaimer": (
            "The designations employed and the presentation of the material in this "
            "publication do not imply the expression of any opinion whatsoever on the part "
            "of the Secretariat of the United Nations concerning the legal status of any "
            "country, territory, city or area or of its authorities, or concerning the "
            "delimitation of its frontiers or boundaries. The views expressed in this "
            "publication are those of the authors and do not necessarily reflect those of "
            "the United Nations."
        ),
    },
    "es": {
        "series": "Nota de política sobre desarrollo de capacidades",
        "number": "N.º",
        "abstract": "Resumen",
        "keywords": "Palabras clave",
        "sdgs": "Objetivos de Desarrollo Sostenible",
        "sdg": "ODS",
        "references": "Referencias",
        "contents": "Índice",
        "table": "Cuadro",
        "draft": "BORRADOR",
        "draft_note": "Borrador: los pasajes sin traducir se muestran en inglés.",
        "downloads": "Descargas",
        "cite": "Cómo citar",
        "pdf": "PDF",
        "docx": "Documento de Word (DOCX) para comentarios",
        "lang_en": "Inglés",
        "lang_es": "Español",
        "by": "Autores",
        "published": "Publicado",
        "chapters": "Capítulos",
        "publication": "Publicación",
        "page": "Página",
        "disclaimer_title": "Descargo de responsabilidad",
        "disclaimer": (
            "Las denominaciones empleadas en esta publicación y la forma en que aparecen "
            "presentados los datos que contiene no implican, de parte de la Secretaría de "
            "las Naciones Unidas, juicio alguno sobre la condición jurídica de países, "
            "territorios, ciudades o zonas, o de sus autoridades, ni respecto de la "
            "delimitación de sus fronteras o límites. Las opiniones expresadas en esta "
            "publicación son las de los autores y no reflejan necesariamente las de las "
            "Naciones Unidas."
        ),
    },
}

# Official short names of the 17 Goals (A/RES/70/1) in English and UN Spanish.
_SDG_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "No Poverty", "Zero Hunger", "Good Health and Well-being", "Quality Education",
        "Gender Equality", "Clean Water and Sanitation", "Affordable and Clean Energy",
        "Decent Work and Economic Growth", "Industry, Innovation and Infrastructure",
        "Reduced Inequalities", "Sustainable Cities and Communities",
        "Responsible Consumption and Production", "Climate Action", "Life Below Water",
        "Life on Land", "Peace, Justice and Strong Institutions",
        "Partnerships for the Goals",
    ),
    "es": (
        "Fin de la pobreza", "Hambre cero", "Salud y bienestar", "Educación de calidad",
        "Igualdad de género", "Agua limpia y saneamiento",
        "Energía asequible y no contaminante", "Trabajo decente y crecimiento económico",
        "Industria, innovación e infraestructura", "Reducción de las desigualdades",
        "Ciudades y comunidades sostenibles", "Producción y consumo responsables",
        "Acción por el clima", "Vida submarina", "Vida de ecosistemas terrestres",
        "Paz, justicia e instituciones sólidas", "Alianzas para lograr los objetivos",
    ),
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}

# Locale handed to citeproc: picks "and"/"y", "n.d."/"s. f." and date formats.
CITEPROC_LOCALE = {"en": "en-US", "es": "es-ES"}


def labels(lang: str) -> dict[str, str]:
    return _LABELS[lang if lang in _LABELS else "en"]


def sdg_tag(goal: int, lang: str) -> str:
    """"SDG 16: Peace, Justice and Strong Institutions" / "ODS 16: Paz, justicia e …"."""
    names = _SDG_NAMES[lang if lang in _SDG_NAMES else "en"]
    return f"{labels(lang)['sdg']} {goal}: {names[goal - 1]}"


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
    month = _MONTHS[lang if lang in _MONTHS else "en"][day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"


# Content licences by SPDX id, as a sentence per language. An id not listed here is printed
# as written ("Licence: X"): a licence is quoted, never guessed.
_LICENCES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International (CC BY 4.0)",
                  "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
                     "Creative Commons Atribución-CompartirIgual 4.0 Internacional "
                     "(CC BY-SA 4.0)"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International "
                     "(CC BY-NC 4.0)",
                     "Creative Commons Atribución-NoComercial 4.0 Internacional (CC BY-NC 4.0)"),
    "CC-BY-3.0-IGO": ("Creative Commons Attribution 3.0 IGO (CC BY 3.0 IGO)",
                      "Creative Commons Atribución 3.0 IGO (CC BY 3.0 IGO)"),
    "CC0-1.0": ("Creative Commons CC0 1.0 Universal (public domain dedication)",
                "Creative Commons CC0 1.0 Universal (dedicación al dominio público)"),
}
_LICENCE_SENTENCE = {"en": "This work is available under the {name} licence.",
                     "es": "Esta obra está disponible bajo la licencia {name}."}
_LICENCE_UNKNOWN = {"en": "Licence: {name}", "es": "Licencia: {name}"}


def licence_line(licence: object, lang: str) -> str | None:
    """The licence line for a document's `licence:` (an SPDX id such as CC-BY-4.0), or
    None when no licence is given: we never print one that was not configured."""
    if licence is None or str(licence).strip() == "":
        return None
    spdx = " ".join(str(licence).split())
    names = _LICENCES.get(spdx.upper())
    if names is None:
        return _LICENCE_UNKNOWN.get(lang, _LICENCE_UNKNOWN["en"]).format(name=spdx)
    name = names[1] if lang == "es" else names[0]
    return _LICENCE_SENTENCE.get(lang, _LICENCE_SENTENCE["en"]).format(name=name)
