"""Content rules that wrap other parts of capdev: schemas, encoding, notebooks, block types."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from capdev.checks import registry
from capdev.checks.context import Doc, ProjectFacts
from capdev.checks.registry import hit, rule
from capdev.errors import CapdevError, Finding
from capdev.sources.reading import read_text

# Material's admonition types (and their aliases), see squidfunk.github.io/mkdocs-material.
ADMONITIONS = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help "
    "faq warning caution attention failure fail missing danger error bug example quote cite"
    .split())
# `///` blocks of the extensions in mkdocs.yml (pymdownx.blocks.*) plus capdev's quiz,
# facilitator notes (capdev.site.facilitator) and slide content (capdev.delivery.slideblock),
# the last two removed from learner pages at staging.
BLOCKS = frozenset(
    "admonition details caption figure-caption table-caption html tab quiz facilitator "
    "slide".split()
) | ADMONITIONS


@rule("schema", "error", "front matter and YAML data match the content model (CONTENT-MODEL.md)",
      "project", family=("schema-*", "yaml-syntax", "frontmatter-*", "course-module-missing",
                         "publication-chapter-missing", "workshop-*"))
def schema(pf: ProjectFacts) -> Iterator[Finding]:
    for f in pf.load_findings:  # except those another project rule reports (encoding, …)
        owner = registry.owner(f.rule)
        if owner is None or owner.id == "schema" or owner.scope != "project":
            yield f


@rule("file-not-utf8", "error", "every source, catalog and data file is UTF-8", "project",
      family=("encoding",))
def not_utf8(pf: ProjectFacts) -> Iterator[Finding]:
    seen = set()
    for f in pf.load_findings:
        if f.rule == "encoding":
            seen.add(f.path)
            yield f
    for rel in pf.undecodable:
        if rel not in seen:
            yield _encoding(pf.root / rel, rel)


def _encoding(path: Path, rel: str) -> Finding:
    """The reader's finding for a file a pass could not decode (line of the first bad byte)."""
    try:
        read_text(path, rel)
    except CapdevError as err:
        return err.findings[0]
    return hit("encoding", rel, 0, "not valid UTF-8", "save the file as UTF-8")


@rule(
    "block-unknown", "error", "an admonition or /// block type the site does not know", "markdown"
)
def block_unknown(doc: Doc) -> Iterator[Finding]:
    for mark in doc.facts.marks:
        if mark.kind == "admonition" and mark.value not in ADMONITIONS:
            yield hit(
                "block-unknown",
                doc.rel,
                mark.line,
                f"unknown admonition type `{mark.value}`",
                "use one of: note, info, tip, success, warning, danger, example, quote…",
                mark.col,
            )
        elif mark.kind == "block" and mark.value not in BLOCKS:
            yield hit("block-unknown", doc.rel, mark.line, f"unknown block `/// {mark.value}`",
                      "known blocks: " + ", ".join(sorted(BLOCKS - ADMONITIONS)), mark.col)


@rule("notebook", "error", "notebooks: valid nbformat 4.5, python3 kernel, no committed outputs or "
      "errors, declared data", "markdown", family=("nb-*",))
def notebook(doc: Doc) -> Iterator[Finding]:
    if not doc.notebook:
        return
    from capdev.notebooks.checks import check_notebook

    src = Path(doc.src)
    root = Path(doc.src[: -len(doc.rel)]) if doc.src.endswith(doc.rel) else src.parent
    yield from check_notebook(src, root)


@rule("html-text", "warning",
      "text inside a raw HTML block, which translation cannot reach", "markdown")
def html_text(doc: Doc) -> Iterator[Finding]:
    for mark in doc.facts.marks:
        if mark.kind == "html-text":
            yield hit("html-text", doc.rel, mark.line,
                      f"the text inside this <{mark.value}> block is not translated (nor marked "
                      "as English on translated pages)",
                      "write it in Markdown (an admonition, `???` for a collapsible <details>, a "
                      "Markdown table), or add the `markdown` attribute: <div markdown>",
                      mark.col)
