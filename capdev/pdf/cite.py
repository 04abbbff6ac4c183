""""Cite this": BibTeX and RIS records for a note or publication.

RIS tags follow Zotero's RIS translator for reports (T2 series title, SN report number,
PB institution, M3 report type), so a download imports cleanly into Zotero, Mendeley
and EndNote.
"""

from __future__ import annotations

import re
from typing import Any

from capdev.locale import language
from capdev.pdf.labels import as_date, labels

_BIB_SPECIAL = re.compile(r"([&%$#_{}])")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _authors(meta: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name")]


def family_given(name: str) -> str:
    """"Ana Pérez" → "Pérez, Ana". Names with a comma are taken as already inverted.

    Two-surname Spanish names cannot be split reliably; authors who need it write the
    name inverted in the front matter ("Gómez Ruiz, Juan Carlos").
    """
    name = " ".join(name.split())
    if "," in name or " " not in name:
        return name
    given, family = name.rsplit(" ", 1)
    return f"{family}, {given}"


def citation_name(author: dict[str, Any]) -> str:
    """An author as a reference names it: a person inverted (`family_given`), a corporate
    body (`corporate: true`: "Digital Government Capacity Development Programme") whole."""
    name = " ".join(str(author["name"]).split())
    return name if author.get("corporate") is True else family_given(name)


def _institution(meta: dict[str, Any]) -> str:
    for author in _authors(meta):
        if author.get("affiliation"):
            return str(author["affiliation"])
    return "United Nations"


def _full_title(meta: dict[str, Any]) -> str:
    title = str(meta.get("title", ""))
    sub = meta.get("subtitle")
    return f"{title}: {sub}" if sub else title


def cite_key(doc_id: str, meta: dict[str, Any]) -> str:
    day = as_date(meta.get("date"))
    return f"{doc_id}-{day.year}" if day else doc_id


def _bib_escape(text: str) -> str:
    return _BIB_SPECIAL.sub(r"\\\1", str(text))


def _bib_name(author: dict[str, Any]) -> str:
    name = _bib_escape(citation_name(author))
    # An inverted person's name is BibTeX's "Family, Given"; any other name (one word, a
    # corporate body) is braced, so BibTeX never splits it into given and family names.
    return name if ", " in name and author.get("corporate") is not True else "{" + name + "}"


def bibtex(doc_id: str, kind: str, meta: dict[str, Any], lang: str) -> str:
    lab = labels(lang)
    fields: list[tuple[str, str]] = [
        ("author", " and ".join(_bib_name(a) for a in _authors(meta))),
        ("title", "{" + _bib_escape(_full_title(meta)) + "}"),
        ("institution", _bib_escape(_institution(meta))),
    ]
    if kind == "note":
        fields += [("type", _bib_escape(lab["series"])),
                   ("number", str(meta.get("number", "")))]
    day = as_date(meta.get("date"))
    if day:
        fields += [("year", str(day.year)), ("month", _MONTHS[day.month - 1])]
    fields.append(("language", language(lang).name.lower()))  # biblatex/babel names
    if meta.get("keywords"):
        fields.append(("keywords", _bib_escape(", ".join(map(str, meta["keywords"])))))
    entry = "techreport" if kind == "note" else "book"
    if entry == "book":
        fields = [(k, v) for k, v in fields if k != "institution"]
        fields.insert(2, ("publisher", _bib_escape(_institution(meta))))
    body = ",\n".join(f"  {k} = {v if k == 'month' else '{' + v + '}'}"
                      for k, v in fields if v)
    return f"@{entry}{{{cite_key(doc_id, meta)},\n{body}\n}}\n"


def ris(doc_id: str, kind: str, meta: dict[str, Any], lang: str) -> str:
    lab = labels(lang)
    lines = [("TY", "RPRT" if kind == "note" else "BOOK")]
    lines += [("AU", citation_name(a)) for a in _authors(meta)]
    lines.append(("TI", _full_title(meta)))
    if kind == "note":
        lines += [("T2", lab["series"]), ("SN", str(meta.get("number", ""))),
                  ("M3", lab["series"])]
    lines.append(("PB", _institution(meta)))
    day = as_date(meta.get("date"))
    if day:
        lines += [("PY", str(day.year)), ("DA", day.strftime("%Y/%m/%d"))]
    lines.append(("LA", lang))
    lines += [("KW", str(k)) for k in meta.get("keywords") or []]
    if meta.get("abstract"):
        lines.append(("AB", " ".join(str(meta["abstract"]).split())))
    lines.append(("ID", cite_key(doc_id, meta)))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)
