"""Write a prepared document (see `prepare`) as typst → PDF/UA, and as DOCX."""

from __future__ import annotations

import calendar
import copy
import datetime as _dt
import posixpath
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from capdev.locale import language
from capdev.pdf import admonitions, ast, pandoc
from capdev.pdf.labels import as_date, labels, licence_line, long_date, sdg_tag
from capdev.pdf.prepare import Prepared, prepare, typst_prefix
from capdev.pdf.resources import data_uri
from capdev.pdf.source import Document
from capdev.pdf.typst_compile import add_alt_text, compile_pdf, typst_string


def template_file(name: str) -> Path:
    return Path(__file__).with_name("templates") / name


@cache
def typst_library() -> str:
    return template_file("capdev.typ").read_text("utf-8")


# --- typst / PDF ---------------------------------------------------------------------

def info(doc: Document) -> dict[str, Any]:
    """Everything the typst template needs besides the body. Front-matter values go in as
    typst strings (`typst_literal`): typst prints them as text and never evaluates them."""
    lab = labels(doc.lang)
    meta = doc.meta
    number = meta.get("number")
    series = lab["series"] if doc.kind == "note" else lab["publication"]
    number_text = f"{lab['number']} {number}" if number else ""
    title = str(meta.get("title", doc.id))
    people = [a for a in meta.get("authors") or [] if isinstance(a, dict)]
    return {
        "title": _text(title),
        "subtitle": _text(meta.get("subtitle")),
        "authors": [{"name": _text(a.get("name", "")), "affiliation": _text(a.get("affiliation"))}
                    for a in people],
        "abstract": _text(meta.get("abstract")),
        "keywords": [_text(k) for k in meta.get("keywords") or []],
        "kind": doc.kind,
        "lang": doc.lang,
        "region": doc.region or language(doc.lang).region,
        "series": series,
        "number": number_text,
        "date": long_date(meta.get("date"), doc.lang) if meta.get("date") else "",
        # --draft only marks what is actually incomplete: a fully translated note built
        # with --draft (e.g. by a site build that tolerates gaps) comes out clean.
        "draft-note": lab["draft_note"] if doc.draft and doc.untranslated else None,
        "watermark": lab["draft"] if doc.draft and doc.untranslated else None,
        "abstract-label": lab["abstract"],
        "keywords-label": lab["keywords"],
        "sdgs-label": lab["sdgs"],
        "sdgs": [sdg_tag(int(g), doc.lang) for g in meta.get("sdgs") or []],
        "disclaimer-title": lab["disclaimer_title"],
        "disclaimer": lab["disclaimer"],
        "licence": licence_line(meta.get("licence", meta.get("license")), doc.lang),
        "contents-label": lab["contents"],
        "table-label": lab["table"],
        "header-left": f"{series} {number_text}".strip() if doc.kind == "note" else _text(title),
        "header-right": _text(title) if doc.kind == "note" else long_date(meta.get("date"), doc.lang),
        "numbering": "1." if doc.kind == "note" else "1.1",
        "plain-title": title,
        "plain-authors": corporate_authors(meta),
        "plain-keywords": [str(k) for k in meta.get("keywords") or []],
    }


def corporate_authors(meta: dict[str, Any]) -> list[str]:
    """The PDF's Author: the front matter's `authors` names (in this programme corporate
    bodies, e.g. "Capacity Development Programme team"), never the tool. No authors: no
    Author entry rather than a made-up one."""
    return [name for a in meta.get("authors") or [] if isinstance(a, dict)
            if (name := " ".join(str(a.get("name", "")).split()))]


def _text(value: Any) -> str | None:
    """Front-matter text for the cover: one line, curly quotes; none if empty."""
    return None if value is None or value == "" else ast.typographic(" ".join(str(value).split()))


def typst_literal(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "(" + "".join(typst_literal(v) + ", " for v in value) + ")"
    if isinstance(value, dict):
        items = ", ".join(f"{k}: {typst_literal(v)}" for k, v in value.items())
        return f"({items})" if items else "(:)"
    return typst_string(str(value))


def typst_source(root: Path, prep: Prepared) -> str:
    """Our library + the document: the body was written by pandoc while the note was
    read (templates/typst.lua); Python adds the alt text pandoc's typst writer drops."""
    prefix = typst_prefix(root, prep.doc)
    alts: dict[str, str] = {}
    for res in prep.resources:
        for name in (res.src, unquote(res.src)):  # as written, as the writer decodes it
            alts.setdefault(prefix + name, res.alt)
    return ("#let info = " + typst_literal(info(prep.doc)) + "\n"
            + typst_library() + "\n" + add_alt_text(prep.typst_body, alts))


def timestamp(doc: Document) -> int:
    """PDF dates come from the note's date, so identical input gives identical bytes."""
    day = as_date(doc.meta.get("date")) or _dt.date(2000, 1, 1)
    return calendar.timegm(day.timetuple())


def sandbox_files(root: Path, prep: Prepared) -> dict[str, Path]:
    """What typst may read: each checked figure, at the path the typst body names it by
    (`typst_prefix` + its Markdown target, which pandoc's typst writer percent-decodes).
    Nothing else of the project is in its root."""
    prefix = typst_prefix(root, prep.doc)
    return {posixpath.normpath(prefix + name): res.path for res in prep.resources
            for name in {res.src, unquote(res.src)}}


def render_pdf(root: Path, prep: Prepared) -> bytes:
    return compile_pdf(typst_source(root, prep), sandbox_files(root, prep), prep.where,
                       timestamp(prep.doc))


# --- DOCX ------------------------------------------------------------------------------

def _para(text: str, style: str) -> dict[str, Any]:
    return {"t": "Div", "c": [["", [], [["custom-style", style]]],
                              [{"t": "Para", "c": ast.words(text)}]]}


def render_docx(root: Path, prep: Prepared) -> bytes:
    doc, lab, inf = prep.doc, labels(prep.doc.lang), info(prep.doc)
    tree = copy.deepcopy(prep.ast)
    by_src = {r.src: r for r in prep.resources}
    for node in ast.images(tree):
        node["c"][2][0] = data_uri(by_src[node["c"][2][0]].path)
    meta = tree["meta"]
    meta["author"] = {"t": "MetaList", "c": [pandoc.meta_string(_author(a))
                                             for a in doc.meta.get("authors") or []]}
    meta["date"] = pandoc.meta_string(inf["date"])
    meta["abstract-title"] = pandoc.meta_string(lab["abstract"])
    front = [_para(f"{inf['series']} {inf['number']}".strip(), "Series")]
    if inf["watermark"]:
        front.append(_para(inf["watermark"] + " — " + (inf["draft-note"] or ""), "Draft"))
    if inf["plain-keywords"]:
        front.append(_para(f"{lab['keywords']}: " + ", ".join(inf["plain-keywords"]),
                           "Keywords"))
    if inf["sdgs"]:
        front.append(_para(f"{lab['sdgs']}: " + "; ".join(inf["sdgs"]), "Keywords"))
    tree["blocks"] = admonitions.transform(tree["blocks"], _docx_admonition)
    tail = [_para(f"{lab['disclaimer_title']}. {lab['disclaimer']}", "Disclaimer")]
    if inf["licence"]:  # the same line the PDF prints under the disclaimer
        tail.append(_para(inf["licence"], "Disclaimer"))
    tree["blocks"] = front + tree["blocks"] + tail
    args = [f"--reference-doc={template_file('reference.docx')}", "--number-sections"]
    if doc.kind == "publication":
        args += ["--toc", f"--metadata=toc-title:{lab['contents']}"]
    from capdev.clearance import provenance  # the source revision, for `capdev review`
    data = pandoc.write(tree, "docx", prep.where, args)
    return provenance.stamp(data, provenance.revision(root, doc.folder, doc.lang))


def _docx_admonition(kind: str, title: str, marker: str, content: list[Any]) -> list[Any]:
    title_para = {"t": "Para", "c": [{"t": "Strong", "c": _para(title, "")["c"][1][0]["c"]}]}
    return [{"t": "Div", "c": [["", [], [["custom-style", "Admonition"]]],
                               [title_para, *content]]}]


def _author(author: Any) -> str:
    if not isinstance(author, dict):
        return str(author)
    name, aff = str(author.get("name", "")), author.get("affiliation")
    return f"{name} ({aff})" if aff else name


__all__ = ["Prepared", "prepare", "render_docx", "render_pdf", "typst_source"]
