"""Read, check and resolve a document once; every output format starts from the result.

Each Markdown part is read into pandoc's AST, its figures and raw content are checked
(`rawcheck`), the metadata is set for the language as literal text (front matter is never
parsed as Markdown, so a title cannot carry raw typst, LaTeX or HTML into an output), and
citeproc runs once (pandoc json→json), after which citations are plain text: the typst,
Word and Markdown writers then run without citeproc, which is most of pandoc's cost. The
resolved AST is cached by content hash, so the site's web pages and the PDF/DOCX builds
share one pandoc read and one citeproc run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capdev.errors import Finding, raise_if_errors
from capdev.pdf import admonitions, ast, cache, pandoc, rawcheck
from capdev.pdf.labels import citeproc_locale, labels
from capdev.pdf.resources import Resource, check_images, check_path
from capdev.pdf.source import Document, Part, rel

KEEP_META = ("title", "subtitle", "authors", "abstract", "keywords")
# Our compact author-date style (see the file): same look as pandoc's built-in Chicago
# author-date, a fraction of its parsing cost.
CSL = Path(__file__).with_name("templates") / "capdev-author-date.csl"
TYPST_FILTER = Path(__file__).with_name("templates") / "typst.lua"


@dataclass
class Prepared:
    doc: Document
    ast: dict[str, Any]  # citations resolved; references at the end
    resources: list[Resource]
    bibliography: Path | None
    where: str
    part_counts: list[int]  # blocks per part, in order; the rest is the reference list
    typst_body: str = ""  # the typst document body, written in the same pandoc run

    def part_blocks(self) -> list[list[Any]]:
        out, start = [], 0
        for count in self.part_counts:
            out.append(self.ast["blocks"][start:start + count])
            start += count
        return out

    def tail_blocks(self) -> list[Any]:
        return self.ast["blocks"][sum(self.part_counts):]


def prepare(root: Path, doc: Document, use_cache: bool = True) -> Prepared:
    root = root.resolve()
    where = rel(root, doc.main_file)
    bib, bib_problem = _bibliography(root, doc)
    name = f"{cache.key(doc, 'ast')}.ast.json"
    hit = cache.lookup(root, name) if use_cache else None
    if hit is not None:
        data = json.loads(hit[0].read_text("utf-8"))
        prep = Prepared(doc, data["ast"], [], bib, where, data["part_counts"],
                        data.get("typst", ""))
        prep.resources = _check(root, doc, prep.part_blocks(), bib_problem)
        return prep
    if bib_problem:
        raise_if_errors([bib_problem])
    if doc.kind == "note":
        tree = _read_note(root, doc, where, bib)
        counts = [len(tree["blocks"]) - len(_reference_tail(tree["blocks"]))]
        resources = _check(root, doc, [tree["blocks"][: counts[0]]], None)
    else:
        trees = _read(root, doc, where)
        resources = _check(root, doc, [t["blocks"] for t in trees], None)
        meta = {**_meta(doc, bib),
                "capdev-prefix": pandoc.meta_string(typst_prefix(root, doc))}
        tree = resolve({**trees[0], "meta": meta,
                        "blocks": [b for t in trees for b in t["blocks"]]}, where, doc, root)
        counts = [len(t["blocks"]) for t in trees]
    typst_body = pandoc.meta_text(tree["meta"].pop("capdev-typst", None))
    prep = Prepared(doc, tree, resources, bib, where, counts, typst_body)
    if use_cache:
        outside = [p for p in [*(r.path for r in resources), *([bib] if bib else [])]
                   if not p.is_relative_to(doc.folder.resolve())]
        payload = {"ast": prep.ast, "part_counts": prep.part_counts, "typst": typst_body}
        cache.store(root, name, json.dumps(payload).encode(), outside)
    return prep


def _read_note(root: Path, doc: Document, where: str, bib: Path | None) -> dict[str, Any]:
    """A note in one pandoc run: read, citeproc, shift `##` sections to level 1 and write
    the typst body (templates/typst.lua).

    Pandoc reads the body only: the front matter reaches the outputs as literal text
    (`_meta`, `render.info`), and a `csl:` or `header-includes:` in a note never reaches
    pandoc; language and bibliography come from the command line."""
    part = doc.parts[0]
    text = admonitions.to_fenced_divs(part.body)
    args = ["-f", pandoc.READER, "-t", "json", "--citeproc",
            f"--csl={CSL}",
            "-M", f"lang={citeproc_locale(doc.lang)}",
            "-M", f"reference-section-title={labels(doc.lang)['references']}",
            "-M", "link-citations=false"]
    if bib:
        args.append(f"--bibliography={bib}")
    args += ["-M", f"capdev-prefix={typst_prefix(root, doc)}",
             "-M", "capdev-shift=-1", f"--lua-filter={TYPST_FILTER}"]
    out, warnings = pandoc.run_with_warnings(args, text.encode("utf-8"), where)
    raise_if_errors(unknown_citations(root, doc, warnings))
    tree = json.loads(out)
    typst = tree["meta"].get("capdev-typst")
    tree["meta"] = _meta(doc, bib)
    if typst is not None:
        tree["meta"]["capdev-typst"] = typst
    return flatten_citations(tree)


def typst_prefix(root: Path, doc: Document) -> str:
    """Figures are written relative to the note's folder; typst sees them at their project
    paths, in a sandbox root holding only them (`render.sandbox_files`)."""
    return "/" + doc.folder.resolve().relative_to(root.resolve()).as_posix() + "/"


_UNKNOWN = re.compile(r"citation (\S+) not found")


def unknown_citations(root: Path, doc: Document, warnings: list[str]) -> list[Finding]:
    """Citeproc prints "(key?)" for a key missing from the bibliography; in a published
    note that is an error, reported where the key is cited."""
    findings: list[Finding] = []
    for key in sorted({m[1] for w in warnings if (m := _UNKNOWN.search(w))}):
        part = next((p for p in doc.parts if "@" + key in p.text), doc.parts[0])
        line = next((n for n, text in enumerate(part.text.splitlines(), 1)
                     if "@" + key in text), 0)
        findings.append(Finding(rel(root, part.path), line, "pdf-unknown-citation",
                                f"citation key '{key}' is not in the bibliography",
                                f"add it to {doc.meta.get('bibliography') or 'a .bib file'} "
                                "or fix the key"))
    return findings


def _reference_tail(blocks: list[Any]) -> list[Any]:
    """Citeproc's additions at the end: the references heading and the `refs` div."""
    if not blocks or blocks[-1]["t"] != "Div" or blocks[-1]["c"][0][0] != "refs":
        return []
    if len(blocks) > 1 and blocks[-2]["t"] == "Header" \
            and blocks[-2]["c"][1][0] == "bibliography":
        return blocks[-2:]
    return blocks[-1:]


def _read(root: Path, doc: Document, where: str) -> list[dict[str, Any]]:
    """One AST per chapter of a publication (the metadata is set from the front matter)."""
    trees = [pandoc.read_markdown(admonitions.to_fenced_divs(p.body), rel(root, p.path))
             for p in doc.parts]
    return trees or [pandoc.read_markdown("", where)]


def _check(root: Path, doc: Document, blocks: list[list[Any]],
           bib_problem: Finding | None) -> list[Resource]:
    findings: list[Finding] = [bib_problem] if bib_problem else []
    findings += rawcheck.front_matter_findings(root, doc)
    found: list[Resource] = []
    for part, part_blocks in zip(doc.parts, blocks, strict=False):
        res, problems = check_images(root, part, {"blocks": part_blocks})
        found += res
        findings += problems
    findings += rawcheck.body_findings(root, doc, blocks)
    raise_if_errors(findings)
    return found


def _meta(doc: Document, bib: Path | None) -> dict[str, Any]:
    """Only the keys we render, as literal text; pandoc must not act on others (csl,
    header-includes…)."""
    out = {k: literal_meta(doc.meta[k]) for k in KEEP_META if doc.meta.get(k) is not None}
    out["lang"] = pandoc.meta_string(citeproc_locale(doc.lang))
    out["reference-section-title"] = pandoc.meta_string(labels(doc.lang)["references"])
    out["link-citations"] = pandoc.meta_bool(False)
    if bib:
        out["bibliography"] = pandoc.meta_string(str(bib))
    return out


def literal_meta(value: Any) -> dict[str, Any]:
    """A front-matter value as pandoc metadata that every writer prints as text: strings
    become words (Str), never Markdown, so backticks, `{=typst}` or `<b>` stay characters."""
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {str(k): literal_meta(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [literal_meta(v) for v in value]}
    return {"t": "MetaInlines", "c": ast.words(ast.typographic(str(value)))}


def _bibliography(root: Path, doc: Document) -> tuple[Path | None, Finding | None]:
    name = doc.meta.get("bibliography")
    if not name:
        return None, None
    if doc.kind == "note":
        part = doc.parts[0]
    else:
        part = Part(doc.main_file, doc.main_file.read_text("utf-8"), {}, "", 1)
    return check_path(root, part, localized_bibliography(doc.folder, str(name), doc.lang),
                      "bibliography")


def localized_bibliography(folder: Path, name: str, lang: str) -> str:
    """`references.bib`, or `references.<lang>.bib` beside it when that file exists: the
    same keys with the edition's names of corporate authors (DAES, OCDE, Banco Mundial),
    since an in-text citation prints the author as the bibliography writes it and a
    translation may not change a citation key (tr-token-changed)."""
    path = Path(name)
    candidate = path.with_name(f"{path.stem}.{lang}{path.suffix}")
    return candidate.as_posix() if (folder / candidate).is_file() else name


def resolve(tree: dict[str, Any], where: str, doc: Document | None = None,
            root: Path | None = None) -> dict[str, Any]:
    """One pandoc pass over a publication's joined chapters: citeproc, then the typst body
    (templates/typst.lua); citations become spans that remember their keys."""
    out, warnings = pandoc.run_with_warnings(
        ["-f", "json", "-t", "json", "--citeproc", f"--csl={CSL}",
         f"--lua-filter={TYPST_FILTER}"],
        json.dumps(tree).encode("utf-8"), where)
    if doc is not None and root is not None:
        raise_if_errors(unknown_citations(root, doc, warnings))
    return flatten_citations(json.loads(out))


def flatten_citations(out: dict[str, Any]) -> dict[str, Any]:
    """Cite → Span: writers then print citeproc's text instead of native citations."""
    for node in ast.walk(out["blocks"]):
        if node["t"] == "Cite":
            keys = " ".join(c["citationId"] for c in node["c"][0])
            node["t"] = "Span"
            node["c"] = [["", ["citation"], [["data-cites", keys]]], node["c"][1]]
    return out


def cited_keys(blocks: list[Any]) -> set[str]:
    keys: set[str] = set()
    for node in ast.walk(blocks):
        if node["t"] == "Span" and "citation" in node["c"][0][1]:
            keys.update(dict(node["c"][0][2]).get("data-cites", "").split())
    return keys


def reference_entries(tail: list[Any], keys: set[str]) -> list[Any]:
    """The bibliography entries (citeproc's `ref-<key>` divs) for the given keys."""
    entries: list[Any] = []
    for node in ast.walk(tail):
        if node["t"] == "Div" and node["c"][0][0].startswith("ref-") \
                and node["c"][0][0][4:] in keys:
            entries.append(node)
    return entries
