"""A course's facilitator guide as PDF/UA, from the guide page's Markdown in one language.

The site's guide page (capdev.site.steps.guide) is the one source: the PDF is that text
through the notes' typst pipeline (admonitions as boxes, templates/typst.lua, the capdev
look), with a cover, a table of contents and the programme's disclaimer. Links to lesson
pages mean nothing on paper, so they become their text. Cached by content under
`.cache/pdf/`: `capdev serve` restages on every save and must not run pandoc each time.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capdev.locale import language
from capdev.pdf import admonitions, cache, pandoc
from capdev.pdf.labels import labels, licence_line
from capdev.pdf.prepare import TYPST_FILTER
from capdev.pdf.render import typst_library, typst_literal
from capdev.pdf.typst_compile import compile_pdf


@dataclass(frozen=True)
class Cover:
    series: str  # the band at the top of the cover ("Facilitator guide")
    title: str  # the course's title
    abstract: str  # who the guide is for
    licence: str | None  # the course's licence (an SPDX id), or none
    region: str = ""  # of the guide's language (mkdocs.yml `regions`), "" for its default


def guide_pdf(root: Path, markdown: str, lang: str, cover: Cover, where: str) -> bytes:
    """PDF bytes for the guide's Markdown body (front matter and H1 already removed)."""
    digest = hashlib.sha256()
    for item in (cache.code_hash(), lang, markdown, json.dumps(cover.__dict__)):
        digest.update(item.encode() + b"\0")
    name = f"{digest.hexdigest()[:32]}.guide.pdf"
    hit = cache.lookup(root, name)
    if hit is not None:
        return hit[0].read_bytes()
    pdf = compile_pdf(_source(markdown, lang, cover, where), {}, where, _EPOCH)
    cache.store(root, name, pdf, [], kind="guide", lang=lang)
    return pdf


# the guide has no date of its own: a fixed one keeps identical input identical bytes
_EPOCH = calendar.timegm(_dt.date(2000, 1, 1).timetuple())


def _source(markdown: str, lang: str, cover: Cover, where: str) -> str:
    tree = json.loads(pandoc.run(["-f", pandoc.READER, "-t", "json"],
                                 admonitions.to_fenced_divs(markdown).encode("utf-8"), where))
    tree["blocks"] = _unlinked(tree["blocks"])
    out = pandoc.run(["-f", "json", "-t", "json", "-M", "capdev-prefix=", "-M", "capdev-shift=-1",
                      f"--lua-filter={TYPST_FILTER}"], json.dumps(tree).encode("utf-8"), where)
    body = pandoc.meta_text(json.loads(out)["meta"].get("capdev-typst"))
    return "#let info = " + typst_literal(_info(lang, cover)) + "\n" + typst_library() + "\n" + body


def _unlinked(node: Any) -> Any:
    """The AST with every link replaced by its text (a `Span` of its content)."""
    if isinstance(node, list):
        return [_unlinked(n) for n in node]
    if isinstance(node, dict):
        if node.get("t") == "Link":
            return {"t": "Span", "c": [["", [], []], _unlinked(node["c"][1])]}
        return {k: _unlinked(v) for k, v in node.items()}
    return node


def _info(lang: str, cover: Cover) -> dict[str, Any]:
    """What the capdev typst template reads (render.info for notes), for a guide."""
    lab = labels(lang)
    return {
        "title": cover.title, "subtitle": None, "authors": [], "abstract": cover.abstract,
        "keywords": [], "kind": "guide", "lang": lang,
        "region": cover.region or language(lang).region,
        "series": cover.series, "number": "", "date": "", "draft-note": None, "watermark": None,
        "abstract-label": cover.series, "keywords-label": lab["keywords"],
        "sdgs-label": lab["sdgs"], "sdgs": [], "disclaimer-title": lab["disclaimer_title"],
        "disclaimer": lab["disclaimer"], "licence": licence_line(cover.licence, lang),
        "contents-label": lab["contents"], "table-label": lab["table"],
        "header-left": cover.series, "header-right": cover.title, "numbering": None,
        "plain-title": f"{cover.series}: {cover.title}", "plain-authors": [],
        "plain-keywords": [],
    }
