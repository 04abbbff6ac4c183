"""Raw typst, LaTeX, OpenXML, Markdown or HTML never reaches a PDF, DOCX or web page
unless the English author wrote it in the body and the rules allow it.

- Front matter is plain text. A raw attribute (`{=typst}`) or an HTML tag in a rendered
  key (title, subtitle, authors, abstract, keywords, a chapter's title or summary) is
  refused; and every writer receives these values as literal text anyway (`render.info`,
  `prepare.literal_meta`, `webpage.md_text`), so nothing in them is ever interpreted.
- In the English body a raw element is allowed only as HTML, which the typst, Word and
  web writers all drop; any other format (typst, latex, openxml, gfm, markdown…) would
  pass straight into that writer's output, and typst code can read files.
- A translation may hold only raw elements its English source has (HTML, by the rule
  above); a finding names the catalog entry that adds one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from capdev.errors import Finding
from capdev.pdf import admonitions, ast, pandoc
from capdev.pdf.source import Document, Part, rel

RULE = "pdf-raw"
ALLOWED_RAW = frozenset({"html"})
TEXT_KEYS = ("title", "subtitle", "authors", "abstract", "keywords", "summary")
# `{=format}` (raw inline or fenced raw block) and anything a browser or pandoc would read
# as a tag, comment or processing instruction.
FRONT_MATTER_RAW = re.compile(r"\{=[^}\s]*\}?|<[A-Za-z/!?][^>\s]*")
TAG = re.compile(r"<(/?[A-Za-z][\w-]*|!--)")
HINT_TEXT = "front matter is plain text: remove the markup and write the words"
HINT_BODY = "write plain Markdown; layout comes from the template"
HINT_TRANSLATION = "a translation may not add markup, script or raw typst/LaTeX: remove it"


# --- front matter ------------------------------------------------------------------------

def front_matter_findings(root: Path, doc: Document) -> list[Finding]:
    findings: list[Finding] = []
    for path, meta in _front_matters(doc):
        for key, text in _texts(meta):
            if m := FRONT_MATTER_RAW.search(text):
                where, line = locate(root, path, doc.lang, m.group(0), exact=text)
                findings.append(Finding(where, line, RULE,
                                        f"`{m.group(0)}` in the front-matter key '{key}'",
                                        _hint(where, HINT_TEXT)))
    return findings


def _front_matters(doc: Document) -> Iterator[tuple[Path, dict[str, Any]]]:
    if doc.kind == "publication":
        yield doc.main_file, doc.meta
    for part in doc.parts:
        yield part.path, part.meta


def _texts(meta: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(key, string) for every rendered string in the front matter, nested ones included."""
    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)
        elif value is not None:
            yield str(value)

    for key in TEXT_KEYS:
        for text in strings(meta.get(key)):
            yield key, text


# --- body ----------------------------------------------------------------------------------

def body_findings(root: Path, doc: Document, blocks: list[list[Any]]) -> list[Finding]:
    findings: list[Finding] = []
    for part, part_blocks in zip(doc.parts, blocks, strict=False):
        raws = [(str(n["c"][0]).lower(), str(n["c"][1])) for n in ast.raw_elements(part_blocks)]
        if not raws:
            continue
        if doc.lang == "en":
            findings += _english(root, part, raws)
        else:
            findings += _translated(root, doc, part, raws)
    return findings


def _english(root: Path, part: Part, raws: list[tuple[str, str]]) -> list[Finding]:
    findings: list[Finding] = []
    seen: Counter[str] = Counter()
    for fmt, _text in raws:
        if fmt in ALLOWED_RAW:
            continue
        line = nth_line(part.text, "{=" + fmt, seen[fmt])
        seen[fmt] += 1
        findings.append(Finding(rel(root, part.path), line, RULE,
                                f"raw {fmt} content is not allowed in a note", HINT_BODY))
    return findings


def _translated(root: Path, doc: Document, part: Part,
                raws: list[tuple[str, str]]) -> list[Finding]:
    """Raw elements of the translation that the English body does not have."""
    english = Counter(_key(fmt, text) for fmt, text in english_raws(root, part))
    findings: list[Finding] = []
    for fmt, text in raws:
        key = _key(fmt, text)
        if english[key] > 0:
            english[key] -= 1
            continue
        first = text.strip().split("\n")[0].strip() or text
        where, line = locate(root, part.path, doc.lang, first, fallback="{=" + fmt)
        findings.append(Finding(where, line, RULE,
                                f"raw {fmt} `{_clip(text)}` that the English source does "
                                "not have", _hint(where, HINT_TRANSLATION)))
    return findings


def _key(fmt: str, text: str) -> tuple[str, str]:
    """HTML is compared by tag name (a translator may translate an attribute such as a
    title), everything else byte for byte."""
    if fmt == "html" and (m := TAG.match(text.strip())):
        return fmt, m.group(1).lower()
    return fmt, text


def english_raws(root: Path, part: Part) -> list[tuple[str, str]]:
    """Raw elements of the English body behind a translated part (one extra pandoc read,
    only when the translation holds raw elements at all)."""
    from capdev.pdf.source import NOTE_FILE, parse_part

    kind = "note" if part.path.name == NOTE_FILE else "chapter"
    english = parse_part(root, part.path, part.path.read_text("utf-8"), kind)
    tree = pandoc.read_markdown(admonitions.to_fenced_divs(english.body), rel(root, part.path))
    return [(str(n["c"][0]).lower(), str(n["c"][1])) for n in ast.raw_elements(tree["blocks"])]


# --- where to point ----------------------------------------------------------------------

def locate(root: Path, source: Path, lang: str, needle: str, *, exact: str = "",
           fallback: str = "") -> tuple[str, int]:
    """The catalog entry whose Spanish holds `needle` (for a translation), else the
    English file and the line where `needle` (or `fallback`) occurs."""
    if lang != "en":
        for wanted in (needle, fallback):
            hit = catalog_line(root, source, lang, wanted, exact) if wanted else None
            if hit is not None:
                return hit
    text = source.read_text("utf-8")
    line = nth_line(text, needle, 0) or (nth_line(text, fallback, 0) if fallback else 0)
    return rel(root, source), line


def catalog_line(root: Path, source: Path, lang: str, needle: str,
                 exact: str = "") -> tuple[str, int] | None:
    from capdev.catalogs import po

    path = po.catalog_path(root, rel(root, source), lang)
    entries = [e for e in po.load_readonly(path) or [] if not e.obsolete and e.msgstr]
    for wanted in ([e for e in entries if exact and e.msgstr == exact],
                   [e for e in entries if needle in e.msgstr and needle not in e.msgid]):
        if wanted:
            entry = wanted[0]
            return rel(root, path), int(getattr(entry, "line", 0)
                                        or getattr(entry, "linenum", 0))
    return None


def nth_line(text: str, needle: str, n: int) -> int:
    """1-based line of the n-th (0-based) line holding `needle`; the first if fewer; 0."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle and needle in line]
    if not lines:
        return 0
    return lines[min(n, len(lines) - 1)]


def _hint(where: str, hint: str) -> str:
    return hint + (" (fix the msgstr in this catalog)" if where.endswith(".po") else "")


def _clip(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
