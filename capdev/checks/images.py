"""Images: they exist, stay inside the project, and have alt text that describes them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from capdev.checks.context import Doc, ProjectFacts, is_external
from capdev.checks.registry import hit, rule
from capdev.errors import Finding

FILE_NAME = re.compile(r"^[\w.\- ]+\.(png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$", re.I)
WEAK_ALT = frozenset({"image", "picture", "figure", "graphic", "photo", "imagen", "figura",
                      "gráfico", "foto", "img"})


@rule("alt-missing", "error", "an image has no alt text", "markdown")
def alt_missing(doc: Doc) -> Iterator[Finding]:
    for link in doc.facts.links:
        if link.image and not link.text.strip():
            yield hit("alt-missing", doc.rel, link.line, f"image `{link.target}` has no alt text",
                      "describe what the image shows: ![Bar chart of EGDI by region](chart.svg)",
                      link.col)


@rule("alt-filename", "warning", "alt text that is a file name or a placeholder word", "markdown")
def alt_filename(doc: Doc) -> Iterator[Finding]:
    for link in doc.facts.links:
        alt = link.text.strip()
        if not link.image or not alt:
            continue
        stem = PurePosixPath(link.target.split("#")[0]).stem.lower()
        if FILE_NAME.match(alt) or alt.lower() in WEAK_ALT or alt.lower() == stem:
            yield hit(
                "alt-filename",
                doc.rel,
                link.line,
                f"alt text “{alt}” does not describe the image",
                "write what a reader who cannot see it needs to know",
                link.col,
            )


def _images(pf: ProjectFacts) -> Iterator[tuple[Doc, object, str]]:
    for doc in pf.docs.values():
        for link in doc.facts.links:
            if link.image and link.target and not is_external(link.target) \
                    and not link.target.startswith("data:"):
                yield doc, link, pf.resolve(doc, link.target)


@rule(
    "image-outside-project",
    "error",
    "an image path leaves the project (../ past the root, absolute)",
    "project",
)
def image_outside(pf: ProjectFacts) -> Iterator[Finding]:
    for doc, link, staged in _images(pf):
        if staged.startswith("..") or link.target.startswith("/"):
            yield hit("image-outside-project", doc.rel, link.line,
                      f"image `{link.target}` is outside the project",
                      "keep images next to the page that shows them", link.col)


@rule("image-not-found", "error", "an image file does not exist", "project")
def image_not_found(pf: ProjectFacts) -> Iterator[Finding]:
    for doc, link, staged in _images(pf):
        if staged.startswith("..") or link.target.startswith("/") or pf.is_generated_file(staged):
            continue
        if not pf.source_of(staged).is_file():
            yield hit("image-not-found", doc.rel, link.line, f"image `{link.target}` not found",
                      "paths are relative to the page's source folder", link.col)
