"""What may be published: the security rules of `capdev check`, applied by the build.

`capdev check` reports a translation that adds markup, script or a link target absent from
its English source; the publishers (site staging, PDF, the self-assessment) must never
publish such a translation, whether or not anybody ran the check. They hand this module's
`refusal` to the translation engine as its guard: a refused translation is replaced by its
English segment, marked English like any untranslated one, and reported.

The verdict comes from the registered rules themselves (`tr-html-added`) and from the same
token counts `tr-attr-changed` and `tr-link-changed` compare, so the two cannot drift.
"""

from __future__ import annotations

from functools import lru_cache

from capdev.checks.tr_context import MAYBE_PROTECTED, Entry, diff
from capdev.checks.tr_inline import LINK_KINDS, html_added

# The rules on English pages whose errors stop the build: content may not run code.
SOURCE_RULES = frozenset({"unsafe-html", "unsafe-url"})

# The project rules the build reports as its own warnings, so that `capdev build --strict`
# fails on them as `capdev check --strict` does: text left from the `capdev new` templates
# is never published by a strict build.
PUBLISH_WARNING_RULES = frozenset({"template-placeholder"})

# Kinds of protected tokens a translation may never add: an attribute list can carry any
# attribute (`{ onclick=… }`), a link or image target can point at a tracker.
ADDED_KINDS = ((("attr",), "tr-attr-changed", "attribute list"),
               (LINK_KINDS, "tr-link-changed", "link or image target"))


@lru_cache(maxsize=65536)
def refusal(msgid: str, msgstr: str) -> tuple[str, str] | None:
    """(rule id, reason) when `msgstr` may not replace `msgid` on a published page."""
    if not MAYBE_PROTECTED.search(msgstr) and "script:" not in msgstr:
        return None  # no markup, link or URL at all: nothing can have been added
    entry = Entry("", 0, msgid, msgstr, "", "")
    for finding in html_added(entry):
        return finding.rule, finding.message
    for kinds, rule_id, what in ADDED_KINDS:
        if entry.same(kinds):
            continue
        added = diff(entry.count(kinds, True), entry.count(kinds, False))[1]
        if added:
            return rule_id, f"{what} `{added[0][:60]}` is not in the English"
    return None
