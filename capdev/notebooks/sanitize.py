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
