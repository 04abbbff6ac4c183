"""Markdown pages for the site: one page per note, an overview plus one page per chapter
for a publication. Citations are resolved by pandoc's citeproc to plain Markdown that
Python-Markdown renders (no raw HTML), with downloads and "Cite this" (BibTeX, RIS).
Citeproc ran once in `prepare` (cached): here pandoc only writes Markdown.

Front matter is plain text: what Python writes into the page from it (title, authors,
abstract, keywords, chapter titles) is escaped for Markdown and HTML (`md_text`), and the
page's own YAML (read by the theme's templates, which MkDocs does not autoescape) is
HTML-escaped. `rawcheck` has already refused tags and raw attributes in it.
"""

from __future__ import annotations

import copy
import html
import re
import secrets
from pathlib import Path
from typing import Any

import yaml

from capdev.pdf import admonitions, ast, pandoc, source
from capdev.pdf.cite import bibtex, ris
from capdev.pdf.labels import labels, language_name, long_date, sdg_tag
from capdev.pdf.prepare import Prepared, cited_keys, prepare, reference_entries
from capdev.pdf.render import template_file

WEB_FORMAT = "gfm-raw_html"


# Python-Markdown's backslash escapes; `<`, `>` and `&` become entities instead.
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_text(value: Any) -> str:
    """A front-matter string as Markdown that renders exactly these characters: no
    emphasis, link, attribute list `{: …}` or HTML."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return MD_SPECIAL.sub(r"\\\1", text)


def references(prep: Prepared, blocks: list[Any], lang: str) -> list[Any]:
    """A "References" section with the entries cited in `blocks` (citeproc ran once for
    the whole document, so a chapter page picks its own entries from the full list)."""
    entries = reference_entries(prep.tail_blocks(), cited_keys(blocks))
    if not entries:
        return []
    title = {"t": "Header", "c": [2, ["references", [], []], ast.words(labels(lang)["references"])]}
    return [title, *entries]


def body_markdown(prep: Prepared, blocks: list[Any], level_shift: int, lang: str) -> str:
    """Blocks (citations already resolved) → Markdown with a references section."""
    tree = copy.deepcopy({**prep.ast, "blocks": blocks + references(prep, blocks, lang)})
    for node in ast.walk(blocks and tree["blocks"][: len(blocks)]):
        if node["t"] == "Header":
            node["c"][0] += level_shift
    boxes: list[tuple[str, str, str]] = []
    tree["blocks"] = admonitions.transform(tree["blocks"], _marker(boxes))
    langs: list[str] = []
    nonce = secrets.token_hex(4)
    _lang_placeholders(tree["blocks"], langs, nonce)
    out = pandoc.write(tree, WEB_FORMAT, prep.where,
                       [f"--lua-filter={template_file('web.lua')}"])
    text = restore_admonitions(out.decode("utf-8"), boxes)
    return restore_langs(text, langs, nonce).strip() + "\n"


LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")


def _lang_placeholders(node: Any, langs: list[str], nonce: str) -> None:
    """Spans `[…]{lang=xx}` (untranslated passages) survive the Markdown writer, which
    allows no raw HTML, as placeholder words around their content."""
    if isinstance(node, dict):
        node = node.get("c")
    if not isinstance(node, list):
        return
    for i, item in enumerate(node):
        _lang_placeholders(item, langs, nonce)
        if isinstance(item, dict) and item.get("t") == "Span":
            lang = dict(item["c"][0][2]).get("lang", "")
            if LANG_CODE.match(lang):
                langs.append(lang)
                n = len(langs) - 1
                node[i] = {"t": "Span", "c": [["", [], []], [
                    {"t": "Str", "c": f"CAPDEVLANG{nonce}OPEN{n}X"}, *item["c"][1],
                    {"t": "Str", "c": f"CAPDEVLANG{nonce}CLOSE"}]]}


def restore_langs(text: str, langs: list[str], nonce: str) -> str:
    """Placeholders back to `<span lang="…">` (the only HTML the page gets; its attribute
    value was checked, and the per-page nonce keeps a translator from forging one)."""
    text = re.sub(f"CAPDEVLANG{nonce}OPEN(\\d+)X", lambda m: f'<span lang="{langs[int(m[1])]}">',
                  text)
    return text.replace(f"CAPDEVLANG{nonce}CLOSE", "</span>")


_PLACEHOLDER = re.compile(r"^CAPDEVADMONITION(OPEN|CLOSE)(\d+)$")


def _marker(boxes: list[tuple[str, str, str]]) -> Any:
    """Admonitions survive pandoc as placeholder paragraphs around their content."""
    def replace(kind: str, title: str, marker: str, content: list[Any]) -> list[Any]:
        boxes.append((kind, title, marker))
        n = len(boxes) - 1
        return [{"t": "Para", "c": [{"t": "Str", "c": f"CAPDEVADMONITIONOPEN{n}"}]}, *content,
                {"t": "Para", "c": [{"t": "Str", "c": f"CAPDEVADMONITIONCLOSE{n}"}]}]
    return replace


def restore_admonitions(text: str, boxes: list[tuple[str, str, str]]) -> str:
    """Placeholders back to `!!! kind "Title"` with the content indented under it."""
    out: list[str] = []
    depth = 0
    for line in text.split("\n"):
        match = _PLACEHOLDER.match(line.strip())
        if match and match[1] == "OPEN":
            kind, title, marker = boxes[int(match[2])]
            out.append("    " * depth + f'{marker} {kind} "{title}"')
            depth += 1
        elif match:
            depth = max(0, depth - 1)
        else:
            out.append(("    " * depth + line) if line.strip() else "")
    return "\n".join(out)


def front_matter(title: str, description: str) -> str:
    # The title is element text in the templates (nav, footer; `| e` in attributes), the
    # description an attribute value written without escaping.
    data = {"title": html.escape(" ".join(title.split()), quote=False),
            "description": html.escape(" ".join(description.split()), quote=True)}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def _english_marker(doc: source.Document) -> Any:
    """Front-matter text still in English in a translated page (title, abstract,
    keywords) gets `<span lang="en">`, as the body's untranslated passages do."""
    english = {" ".join(text.split()) for _, _, text in doc.untranslated
               if not text.startswith("(outdated) ")}

    def mark(value: Any) -> str:
        text = md_text(value)
        return f'<span lang="en">{text}</span>' if " ".join(str(value).split()) in english \
            else text
    return mark


def header_block(doc: source.Document) -> str:
    lab, meta, mark = labels(doc.lang), doc.meta, _english_marker(doc)
    lines = [f"# {mark(meta.get('title', doc.id))}", ""]
    if meta.get("subtitle"):
        lines += [f"*{mark(meta['subtitle'])}*", ""]
    series = (f"{lab['series']} {lab['number']} {meta['number']}" if doc.kind == "note"
              else lab["publication"])
    facts = [f"**{series}**"]
    if meta.get("date"):
        facts.append(long_date(meta["date"], doc.lang))
    authors = "; ".join(
        md_text(a["name"]) + (f" ({md_text(a['affiliation'])})" if a.get("affiliation") else "")
        for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name"))
    if authors:
        facts.append(authors)
    lines += [" · ".join(facts), ""]
    if meta.get("abstract"):
        lines += [f'!!! abstract "{lab["abstract"]}"', "", f"    {mark(meta['abstract'])}", ""]
    tags = []
    if meta.get("keywords"):
        tags.append(f"**{lab['keywords']}:** " + ", ".join(map(mark, meta["keywords"])))
    if meta.get("sdgs"):
        tags.append(f"**{lab['sdgs']}:** " + "; ".join(sdg_tag(int(g), doc.lang)
                                                     for g in meta["sdgs"]))
    for tag in tags:
        lines += [tag, ""]
    return "\n".join(lines)


def downloads(doc: source.Document, prefix: str = "") -> str:
    lab = labels(doc.lang)
    items = [f"- [{lab['pdf']} — {language_name(lang, doc.lang)}]({prefix}{doc.id}-{lang}.pdf)"
             for lang in doc.languages]
    items.append(f"- [{lab['docx']} — {language_name(doc.lang, doc.lang)}]"
                 f"({prefix}{doc.id}-{doc.lang}.docx)")
    return f"## {lab['downloads']}\n\n" + "\n".join(items) + "\n"


def cite_block(doc: source.Document) -> str:
    lab = labels(doc.lang)
    return (f"## {lab['cite']}\n\n=== \"BibTeX\"\n\n"
            + _indent("```bibtex\n" + bibtex(doc.id, doc.kind, doc.meta, doc.lang) + "```")
            + "\n\n=== \"RIS\"\n\n"
            + _indent("```text\n" + ris(doc.id, doc.kind, doc.meta, doc.lang) + "```") + "\n")


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def note_page(prep: Prepared) -> str:
    doc = prep.doc
    body = body_markdown(prep, prep.part_blocks()[0], 1, doc.lang)
    return (front_matter(str(doc.meta.get("title", doc.id)), str(doc.meta.get("abstract", "")))
            + header_block(doc) + "\n" + body + "\n" + downloads(doc) + "\n" + cite_block(doc))


def publication_pages(root: Path, prep: Prepared) -> dict[str, str]:
    doc, lab = prep.doc, labels(prep.doc.lang)
    pages: dict[str, str] = {}
    toc: list[str] = []
    for part, blocks in zip(doc.parts, prep.part_blocks(), strict=True):
        name = part.path.name
        title = str(part.meta.get("title", name))
        pages[name] = (front_matter(title, str(part.meta.get("summary", title)))
                       + body_markdown(prep, blocks, 0, doc.lang))
        toc.append(f"1. [{md_text(title)}]({name})")
    index = (front_matter(str(doc.meta.get("title", doc.id)), str(doc.meta.get("abstract", "")))
             + header_block(doc) + f"\n## {lab['chapters']}\n\n" + "\n".join(toc) + "\n\n"
             + downloads(doc) + "\n" + cite_block(doc))
    return {"index.md": index, **pages}


def web_pages(root: Path, src: Path, lang: str, *, draft: bool = True) -> dict[str, str]:
    """Site pages for a note or publication in `lang` (file name → Markdown).

    By default an incomplete translation does not fail: untranslated passages stay in
    English, and whether to show such a page at all is the site's fallback policy.
    `draft=False` raises `pdf-untranslated` findings instead, as the PDF build does."""
    root, src = root.resolve(), src.resolve()
    prep = prepare(root, source.load(root, src, lang, draft))
    if prep.doc.kind == "note":
        return {"index.md": note_page(prep)}
    return publication_pages(root, prep)


def web_assets(root: Path, src: Path) -> list[Path]:
    """Files the pages link to (figures), to copy next to the generated pages."""
    root, src = root.resolve(), src.resolve()
    prep = prepare(root, source.load(root, src, "en", draft=True))
    return sorted({r.path for r in prep.resources})
