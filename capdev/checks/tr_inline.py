"""Translation rules on inline markup: what machines read must survive translation verbatim."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from capdev.checks.registry import hit, rule
from capdev.checks.security import ACTIVE_TAGS
from capdev.checks.tr_context import Entry, diff
from capdev.errors import Finding

LINK_KINDS = ("target", "reflabel", "autolink", "url")
HANDLER = re.compile(r"\bon[a-z]+\s*=|javascript:|vbscript:", re.I)
TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")


def _changed(
    e: Entry, rule_id: str, kinds: tuple[str, ...], what: str, hint: str
) -> Iterator[Finding]:
    if e.same(kinds):
        return
    src, tr = e.count(kinds, True), e.count(kinds, False)
    missing, added = diff(src, tr)
    if missing or added:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(f"`{t}`" for t in missing))
        if added:
            parts.append("added " + ", ".join(f"`{t}`" for t in added))
        yield hit(
            rule_id, e.path, e.line, f"{what} differ from the English: " + "; ".join(parts), hint
        )


@rule(
    "tr-link-changed", "error", "a translation keeps every link target and reference label", "entry"
)
def link_changed(e: Entry) -> Iterator[Finding]:
    yield from _changed(e, "tr-link-changed", LINK_KINDS, "link targets",
                        "copy the (target) of each link unchanged; translate only the [text]")


@rule("tr-code-changed", "error", "code spans are copied byte for byte", "entry")
def code_changed(e: Entry) -> Iterator[Finding]:
    yield from _changed(e, "tr-code-changed", ("code",), "code spans",
                        "code is never translated: copy each `code span` exactly")


@rule("tr-footnote-changed", "error", "footnote references [^n] are kept", "entry")
def footnote_changed(e: Entry) -> Iterator[Finding]:
    yield from _changed(e, "tr-footnote-changed", ("footnote",), "footnote references",
                        "keep each [^label] (it may move within the sentence)")


@rule("tr-attr-changed", "error", "{ #id .class } attribute lists are kept", "entry")
def attr_changed(e: Entry) -> Iterator[Finding]:
    yield from _changed(e, "tr-attr-changed", ("attr",), "attribute lists",
                        "copy { … } blocks unchanged: ids are link anchors")


@rule("tr-token-changed", "warning", "citations, math, entities, emoji and keys are kept", "entry")
def token_changed(e: Entry) -> Iterator[Finding]:
    yield from _changed(
        e,
        "tr-token-changed",
        ("cite", "math", "entity", "emoji", "keys"),
        "protected tokens",
        "copy citations [@key], $math$, &entities; and :emoji: unchanged",
    )


@rule(
    "tr-html-added",
    "error",
    "a translation must not introduce HTML (or script) absent from the source (security)",
    "entry",
)
def html_added(e: Entry) -> Iterator[Finding]:
    if "<" not in e.msgstr and "script:" not in e.msgstr and "on" not in e.msgstr:
        return
    src = e.count(("html",), True)
    tr = e.count(("html",), False)
    if src == tr and ("on" not in e.msgstr and "script:" not in e.msgstr):
        return
    added = sorted((tr - src).elements())
    src_names = {m.group(1).lower() for t in src for m in [TAG_NAME.match(t)] if m}
    for token in added:
        name = (TAG_NAME.match(token) or [None, ""])[1].lower()
        danger = name in ACTIVE_TAGS or HANDLER.search(token)
        if danger or name not in src_names:
            yield hit("tr-html-added", e.path, e.line, f"HTML `{token[:60]}` is not in the English",
                      "remove it: a translation may not add markup or script" if danger
                      else "keep the English markup; do not add HTML")
    if HANDLER.search(e.msgstr) and not HANDLER.search(e.msgid):
        if not any(HANDLER.search(t) for t in added):
            yield hit(
                "tr-html-added",
                e.path,
                e.line,
                "a script URL or event handler not in the English",
                "remove it",
            )


@rule("tr-html-removed", "warning", "HTML tags of the source are kept", "entry")
def html_removed(e: Entry) -> Iterator[Finding]:
    if e.same(("html",)):
        return
    missing = sorted((e.count(("html",), True) - e.count(("html",), False)).elements())
    if missing:
        yield hit(
            "tr-html-removed",
            e.path,
            e.line,
            "HTML missing from the translation: " + ", ".join(f"`{t[:40]}`" for t in missing),
            "copy the tags; translate the text between them",
        )


EMPHASIS_CHARS = frozenset("*_")
# Each pattern starts with its literal marker and looks behind only after it, so the
# engine jumps between markers instead of trying a lookbehind at every character.
STRONG = re.compile(r"\*\*|__(?:(?=\S)|(?<=\S__))")
EM_STAR = re.compile(r"\*(?<!\*\*)(?!\*)")
EM_UNDERSCORE = re.compile(r"_(?:(?<![\w_]_)(?=[^\s_])|(?<=[^\s_]_)(?![\w_]))")


def emphasis(text: str) -> Counter:
    star, under = "*" in text, "_" in text
    strong = len(STRONG.findall(text)) // 2 * 2 if star or under else 0
    em = len(EM_STAR.findall(text.replace("**", ""))) if star else 0
    em += len(EM_UNDERSCORE.findall(text.replace("__", ""))) if under else 0
    return Counter(strong=strong, em=em)


@rule(
    "tr-emphasis-changed", "warning", "the same number of *emphasis* and **strong** runs", "entry"
)
def emphasis_changed(e: Entry) -> Iterator[Finding]:
    if e.kind.startswith("abbreviation") or not (EMPHASIS_CHARS & set(e.msgid + e.msgstr)):
        return
    src, tr = emphasis(e.src_text), emphasis(e.tr_text)
    for key, label in (("strong", "**strong**"), ("em", "*emphasis*")):
        if src[key] != tr[key]:
            yield hit("tr-emphasis-changed", e.path, e.line,
                      f"{label} markers: {src[key]} in the English, {tr[key]} in the translation",
                      "keep each emphasised phrase emphasised, with matching markers")
