"""HTML from notebook outputs, made safe to publish: tables and text survive, code does not.

bleach strips disallowed tags but keeps their text, which would print the body of a
<script> or <style> (pandas emits a <style scoped> block) as page text; those elements are
removed whole first.
"""

from __future__ import annotations

import re

import bleach
import markdown

DROP_WHOLE = re.compile(r"<(script|style|template|iframe|object|noscript)\b.*?</\1\s*>[ \t]*\n?",
                        re.IGNORECASE | re.DOTALL)

ALLOWED_TAGS = frozenset({
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "p", "br", "hr", "div", "span", "b", "i", "strong", "em", "code", "pre", "kbd", "samp",
    "sub", "sup", "small", "abbr", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "a",
})
# No style, no on*: only structural attributes. Class is kept for pandas' "dataframe" styling.
ALLOWED_ATTRIBUTES = {
    "*": ["class", "title", "lang", "dir"],
    "th": ["colspan", "rowspan", "scope", "class"],
    "td": ["colspan", "rowspan", "class"],
    "col": ["span"],
    "colgroup": ["span"],
    "abbr": ["title"],
    "a": ["href", "title"],
}
PROTOCOLS = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    # html5lib (inside bleach) balances the tags, so the result is one well-formed raw HTML
    # block; Python-Markdown keeps such a block whole, blank lines included.
    return bleach.clean(DROP_WHOLE.sub("", html), tags=ALLOWED_TAGS,
                        attributes=ALLOWED_ATTRIBUTES, protocols=PROTOCOLS, strip=True,
                        strip_comments=True).strip()


def markdown_output_to_html(text: str) -> str:
    """A text/markdown output (IPython's Markdown()) rendered here, so it is sanitized too."""
    return sanitize_html(markdown.markdown(text, extensions=["tables", "fenced_code"]))


# -- SVG -----------------------------------------------------------------------------------
# An SVG output is published as a file: opened on its own it runs in the site's origin, so
# it may carry drawing only. Matplotlib, Altair and Graphviz draw with these elements.
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "textPath", "title", "desc", "metadata", "style",
    "clipPath", "mask", "pattern", "marker", "linearGradient", "radialGradient", "stop",
    "filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood", "feComposite", "feMerge",
    "feMergeNode", "feColorMatrix", "image", "switch",
})
SAFE_HREF = re.compile(r"^\s*(?:#|data:image/(?:png|jpeg|gif|webp);base64,)", re.I)
UNSAFE_CSS = re.compile(r"@import|expression\s*\(|url\s*\(\s*['\"]?\s*(?!#)|javascript:", re.I)


class UnsafeSvg(ValueError):
    """The output is not an SVG document we can read."""


def sanitize_svg(text: str) -> bytes:
    """The drawing of an SVG, without script, handlers, foreign content or outside links."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeSvg(str(exc)) from None
    if etree.QName(root).localname != "svg":
        raise UnsafeSvg("the root element is not <svg>")
    for el in list(root.iter()):
        if el is not root and not _drawing(el):
            el.getparent().remove(el)
            continue
        _clean_attributes(el)
        if isinstance(el.tag, str) and etree.QName(el).localname == "style" and el.text \
                and UNSAFE_CSS.search(el.text):
            el.text = ""
    return etree.tostring(root, encoding="unicode").encode("utf-8")


def _drawing(el) -> bool:
    from lxml import etree

    if not isinstance(el.tag, str):  # entities and the like
        return False
    name = etree.QName(el)
    if name.namespace == SVG_NS:
        return name.localname in SVG_ELEMENTS
    # RDF licence metadata (matplotlib writes it) may stay; nothing else foreign may
    return any(etree.QName(a).localname == "metadata" for a in el.iterancestors())


def _clean_attributes(el) -> None:
    from lxml import etree

    for key in list(el.attrib):
        name = etree.QName(key).localname.lower()
        value = el.attrib[key]
        # handlers run code; an outside href or url() loads (or tracks) when the file is opened
        if name.startswith("on") or (name == "href" and not SAFE_HREF.match(value)) \
                or UNSAFE_CSS.search(value):
            del el.attrib[key]
