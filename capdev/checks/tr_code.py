"""Translation rules on the code a notebook shows: its labels (capdev.catalogs.pycode)."""

from __future__ import annotations

from collections.abc import Iterator

from capdev.catalogs.pycode import LABEL_KIND, fields
from capdev.checks.registry import hit, rule
from capdev.checks.tr_context import Entry
from capdev.errors import Finding


@rule("tr-label-fields", "error",
      "a notebook label's translation keeps its {fields}: the code fills them in", "entry")
def label_fields(e: Entry) -> Iterator[Finding]:
    if not e.kind.startswith(LABEL_KIND) or "{" not in e.msgid + e.msgstr:
        return
    want, got = fields(e.msgid), fields(e.msgstr)
    if want != got:
        shown = ", ".join(f"{{{f.rstrip(':')}}}" for f in want or []) or "none"
        yield hit("tr-label-fields", e.path, e.line,
                  f"the translation does not keep the label's fields ({shown}) in the same "
                  "order: the English label is shown instead",
                  "copy each {name} or {name:spec} of the English as it is; write a literal "
                  "brace as {{ or }}")
