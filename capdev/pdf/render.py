"""Render one document (note or publication) in one language to PDF and DOCX bytes.

Steps: read every Markdown part into pandoc's AST (once), check resources, build the
metadata pandoc and the template need, then write typst (compiled in-process) and DOCX.
"""

from __future__ import annotations

import calendar
import copy
import datetime as _dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from capdev.errors import Finding, raise_if_errors
from capdev.pdf import admonitions, ast, pandoc
from capdev.pdf.labels import CITEPROC_LOCALE, as_date, labels, long_date, sdg_tag
from capdev.pdf.resources import (
    Resource,
    check_images,
    check_path,
    data_uri,
    root_path,
)
from capdev.pdf.source import Document, Part, dump_yaml, rel
from capdev.pdf.typst_compile import add_alt_text, compile_pdf, typst_string

KEEP_META = ("title", "subtitle", "authors", "abstract", "keywords")


@dataclass
class Prepared:
    doc: Document
    ast: dict[str, Any]
    resources: list[Resource]
    bibliography: Path | None
    where: str
    part_blocks: list[list[Any]]


def template_file(name: str) -> Path:
    return Path(__file__).with_name("templates") / name


@cache
def typst_library() -> str:
    return template_file("capdev.typ").read_text("utf-8")


def prepare(root: Path, doc: Document) -> Prepared:
    """Parse and check every part; one AST with the document's metadata."""
    where = rel(root, doc.main_file)
    findings: list[Finding] = []
    found: list[Resource] = []
    part_blocks: list[list[Any]] = []
    if doc.kind == "note":
        tree = pandoc.read_markdown(admonitions.to_fenced_divs(doc.parts[0].text), where,
                                    shift=-1)
    else:
        head = "---\n" + dump_yaml(_publication_meta(doc.meta)) + "---\n"
        tree = pandoc.read_markdown(head, where)
    meta = tree["meta"]
    for part in doc.parts:
        part_tree = tree if doc.kind == "note" else pandoc.read_markdown(
            admonitions.to_fenced_divs(part.body), rel(root, part.path))
        res, probs = check_images(root, part, part_tree)
        found += res
        findings += probs
        part_blocks.append(part_tree["blocks"])
    bib, bib_problem = _bibliography(root, doc)
    if bib_problem:
        findings.append(bib_problem)
    raise_if_errors(findings)
    meta = {k: v for k, v in meta.items() if k in KEEP_META}
    meta["lang"] = pandoc.meta_string(CITEPROC_LOCALE.get(doc.lang, doc.lang))
    meta["reference-section-title"] = pandoc.meta_string(labels(doc.lang)["references"])
    meta["link-citations"] = pandoc.meta_bool(False)
    if bib:
        meta["bibliography"] = pandoc.meta_string(str(bib))
    tree = {**tree, "meta": meta, "blocks": [b for blocks in part_blocks for b in blocks]}
    return Prepared(doc, tree, found, bib, where, part_blocks)


def _publication_meta(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: meta[k] for k in KEEP_META if k in meta}


def _bibliography(root: Path, doc: Document) -> tuple[Path | None, Finding | None]:
    name = doc.meta.get("bibliography")
    if not name:
        return None, None
    part = doc.parts[0] if doc.kind == "note" else Part(doc.main_file, _main_text(doc), {}, "", 1)
    return check_path(root, part, str(name), "bibliography")


def _main_text(doc: Document) -> str:
    try:
        return doc.main_file.read_text("utf-8")
    except OSError:
        return ""


# --- typst / PDF ---------------------------------------------------------------------

def info(doc: Document) -> dict[str, Any]:
    """Everything the typst template needs besides the converted title/abstract/body."""
    lab = labels(doc.lang)
    meta = doc.meta
    number = meta.get("number")
    series = lab["series"] if doc.kind == "note" else lab["publication"]
    number_text = f"{lab['number']} {number}" if number else ""
    title = str(meta.get("title", doc.id))
    authors = [str(a.get("name", "")) for a in meta.get("authors") or [] if isinstance(a, dict)]
    return {
        "kind": doc.kind,
        "lang": doc.lang,
        "region": "ES" if doc.lang == "es" else "US",
        "series": series,
        "number": number_text,
        "date": long_date(meta.get("date"), doc.lang) if meta.get("date") else "",
        "draft-note": lab["draft_note"] if doc.draft and doc.untranslated else None,
        "watermark": lab["draft"] if doc.draft else None,
        "abstract-label": lab["abstract"],
        "keywords-label": lab["keywords"],
        "sdgs-label": lab["sdgs"],
        "sdgs": [sdg_tag(int(g), doc.lang) for g in meta.get("sdgs") or []],
        "disclaimer-title": lab["disclaimer_title"],
        "disclaimer": lab["disclaimer"],
        "contents-label": lab["contents"],
        "table-label": lab["table"],
        "header-left": f"{series} {number_text}".strip() if doc.kind == "note" else title,
        "header-right": title if doc.kind == "note" else long_date(meta.get("date"), doc.lang),
        "numbering": "1." if doc.kind == "note" else "1.1",
        "plain-title": title,
        "plain-authors": authors,
        "plain-keywords": [str(k) for k in meta.get("keywords") or []],
    }


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
    tree = copy.deepcopy(prep.ast)
    alts: dict[str, str] = {}
    by_src = {r.src: r for r in prep.resources}
    for node in ast.images(tree):
        res = by_src[node["c"][2][0]]
        node["c"][2][0] = root_path(root, res.path)
        alts.setdefault(node["c"][2][0], res.alt)
    tree["blocks"] = admonitions.transform(tree["blocks"], _typst_admonition)
    body = pandoc.write(tree, "typst", prep.where,
                        ["-s", f"--template={template_file('document.typst')}"])
    return ("#let info = " + typst_literal(info(prep.doc)) + "\n"
            + typst_library() + "\n" + add_alt_text(body.decode("utf-8"), alts))


def _raw(fmt: str, text: str) -> dict[str, Any]:
    return {"t": "RawBlock", "c": [fmt, text]}


def _typst_admonition(kind: str, title: str, marker: str, content: list[Any]) -> list[Any]:
    return [_raw("typst", f"#admonition({typst_string(kind)}, {typst_string(title)})["),
            *content, _raw("typst", "]")]


def timestamp(doc: Document) -> int:
    """PDF dates come from the note's date, so identical input gives identical bytes."""
    day = as_date(doc.meta.get("date")) or _dt.date(2000, 1, 1)
    return calendar.timegm(day.timetuple())


def render_pdf(root: Path, prep: Prepared) -> bytes:
    return compile_pdf(typst_source(root, prep), root, prep.where, timestamp(prep.doc))


# --- DOCX ------------------------------------------------------------------------------

def _para(text: str, style: str) -> dict[str, Any]:
    words: list[Any] = []
    for i, word in enumerate(text.split()):
        if i:
            words.append({"t": "Space"})
        words.append({"t": "Str", "c": word})
    return {"t": "Div", "c": [["", [], [["custom-style", style]]],
                              [{"t": "Para", "c": words}]]}


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
    tree["blocks"] = front + tree["blocks"] + tail
    args = [f"--reference-doc={template_file('reference.docx')}", "--number-sections"]
    if doc.kind == "publication":
        args += ["--toc", f"--metadata=toc-title:{lab['contents']}"]
    return pandoc.write(tree, "docx", prep.where, args)


def _docx_admonition(kind: str, title: str, marker: str, content: list[Any]) -> list[Any]:
    title_para = {"t": "Para", "c": [{"t": "Strong", "c": _para(title, "")["c"][1][0]["c"]}]}
    return [{"t": "Div", "c": [["", [], [["custom-style", "Admonition"]]],
                               [title_para, *content]]}]


def _author(author: Any) -> str:
    if not isinstance(author, dict):
        return str(author)
    name, aff = str(author.get("name", "")), author.get("affiliation")
    return f"{name} ({aff})" if aff else name
