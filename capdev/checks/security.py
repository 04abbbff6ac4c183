"""Security: content must not carry active code into the site (script, frames, handlers)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from capdev.checks.context import Doc
from capdev.checks.registry import hit, rule
from capdev.errors import Finding

ACTIVE_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet",
                         "base", "meta", "link", "form"})
HANDLER = re.compile(r"(?:^|\s)(on[a-z]+)\s*=", re.I)
JS_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text/html)", re.I)
JS_ATTR = re.compile(
    r"\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*(?:javascript|vbscript):", re.I
)


@rule(
    "unsafe-html", "error", "raw <script>, <iframe>, <object>… or an on*= event handler", "markdown"
)
def unsafe_html(doc: Doc) -> Iterator[Finding]:
    for mark in doc.facts.marks:
        if mark.kind != "html":
            continue
        if mark.value in ACTIVE_TAGS:
            yield hit(
                "unsafe-html",
                doc.rel,
                mark.line,
                f"raw <{mark.value}> in content",
                "content cannot run code or embed other sites; use a link or a figure",
                mark.col,
            )
        elif m := HANDLER.search(mark.extra):
            yield hit(
                "unsafe-html",
                doc.rel,
                mark.line,
                f"event handler `{m.group(1)}=` on <{mark.value}>",
                "remove it: interactive behaviour belongs in the theme, not in content",
                mark.col,
            )


@rule("unsafe-url", "error", "a javascript: (or vbscript:, data:text/html) URL", "markdown")
def unsafe_url(doc: Doc) -> Iterator[Finding]:
    for link in doc.facts.links:
        if JS_URL.match(link.target):
            yield hit("unsafe-url", doc.rel, link.line, f"`{link.target[:40]}` URL",
                      "link to a page or document instead", link.col)
    for mark in doc.facts.marks:
        if mark.kind == "html" and JS_ATTR.search(mark.extra):
            yield hit("unsafe-url", doc.rel, mark.line, f"javascript: URL on <{mark.value}>",
                      "link to a page or document instead", mark.col)
