"""Links: internal targets and anchors resolve; link text says where it goes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from capdev.checks.context import Doc, ProjectFacts, is_external
from capdev.checks.registry import hit, rule
from capdev.errors import Finding

VAGUE = frozenset({
    "click here", "here", "this", "this link", "link", "more", "read more", "click", "this page",
    "aquí", "haga clic aquí", "clic aquí", "pulse aquí", "este enlace", "enlace", "más", "leer más",
})
URL_TEXT = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")


def internal_links(pf: ProjectFacts) -> Iterator[tuple[Doc, object, str]]:
    """(doc, link, staged target) for every non-image internal link of every page."""
    for doc in pf.docs.values():
        for link in doc.facts.links:
            if link.image or not link.target or is_external(link.target):
                continue
            yield doc, link, pf.resolve(doc, link.target)


@rule("link-not-found", "error", "an internal link points to a page or file that does not exist",
      "project")
def link_not_found(pf: ProjectFacts) -> Iterator[Finding]:
    for doc, link, staged in internal_links(pf):
        if link.target.startswith("#") or staged in pf.docs or staged in pf.generated:
            continue
        if staged.endswith(".md"):
            yield hit(
                "link-not-found",
                doc.rel,
                link.line,
                f"link to `{link.target}`: no such page",
                _page_hint(pf, staged),
                link.col,
            )
        elif pf.is_generated_file(staged):
            continue
        elif pf.source_of(staged).is_dir():
            yield hit("link-not-found", doc.rel, link.line, f"link to the folder `{link.target}`",
                      "link to the page itself (…/index.md): the site does not serve folders",
                      link.col)
        elif not pf.source_of(staged).exists():
            yield hit(
                "link-not-found",
                doc.rel,
                link.line,
                f"link to `{link.target}`: no such file",
                "link to a page by its .md file, relative to this page's place on the site",
                link.col,
            )


def _page_hint(pf: ProjectFacts, staged: str) -> str:
    name = staged.rsplit("/", 1)[-1]
    near = sorted(p for p in (*pf.docs, *pf.generated) if p.endswith("/" + name) or p == name)
    if near:
        return f"did you mean `{near[0]}`? links are relative to the page's place on the site"
    return "links are relative to the page's place on the site (docs/x.md is at x.md)"


@rule(
    "anchor-not-found",
    "error",
    "a link's #anchor is not a heading or { #id } of its target page",
    "project",
)
def anchor_not_found(pf: ProjectFacts) -> Iterator[Finding]:
    for doc, link, staged in internal_links(pf):
        if "#" not in link.target:
            continue
        anchor = link.target.split("#", 1)[1]
        target = pf.docs.get(staged)
        if target is None or not anchor:
            continue  # a missing page is link-not-found's finding; generated pages: any anchor
        if anchor not in target.facts.anchors and not _footnote(anchor):
            known = ", ".join(target.facts.anchors[:6])
            yield hit("anchor-not-found", doc.rel, link.line,
                      f"`#{anchor}` is not an anchor of {target.rel}",
                      f"anchors there: {known}" if known else "add a heading or a { #id }",
                      link.col)


def _footnote(anchor: str) -> bool:
    return anchor.startswith(("fn:", "fnref:"))


@rule(
    "link-text",
    "warning",
    "link text that says nothing out of context ('click here', a bare URL)",
    "markdown",
)
def link_text(doc: Doc) -> Iterator[Finding]:
    for link in doc.facts.links:
        if link.image or link.html:
            continue
        text = re.sub(r"[*_`]", "", link.text).strip().lower().rstrip(".:")
        if text in VAGUE:
            yield hit("link-text", doc.rel, link.line, f"non-descriptive link text “{link.text}”",
                      "say where the link goes (e.g. the title of the page or document)", link.col)
        elif URL_TEXT.match(link.text):
            yield hit("link-text", doc.rel, link.line, "a URL used as link text",
                      "use the title of the page as the link text", link.col)
    for mark in doc.facts.marks:
        if mark.kind == "bare-url":
            yield hit("link-text", doc.rel, mark.line, f"bare URL {mark.value}",
                      "write [Title of the page](URL) so screen-reader users hear what it is",
                      mark.col)
