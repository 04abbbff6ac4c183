"""Reference links in translations name a label their page defines (#16.5).

`[text][label]`, `[text][]` and `[text]` link through a `[label]: url` definition elsewhere
on the page. Rendering rewrites a shortcut or collapsed reference whose translated text no
longer names a label into a full reference to the English one
(`capdev.catalogs.render.fix_references`); what it cannot pair — a full reference to an
undefined label, or more (or fewer) bracketed texts than the English has references — links
to nothing and is reported here. A catalog rule, since the labels live in the English page.
"""

from __future__ import annotations

from collections.abc import Iterator

from capdev.catalogs.po_read import inspect
from capdev.catalogs.render import Ref, defined_labels, fix_references
from capdev.checks.registry import hit, rule
from capdev.checks.tr_context import Catalog
from capdev.errors import Finding

RULE = "tr-reflabel-unresolved"


@rule(RULE, "error", "a reference link in a translation names a label its page defines",
      "catalog")
def reflabel_unresolved(cat: Catalog) -> Iterator[Finding]:
    if not cat.source or cat.error or not cat.exists or cat.orphan:
        return
    source = cat.root / cat.source
    if source.suffix not in (".md", ".ipynb") or not source.is_file():
        return
    data = (cat.root / cat.path).read_bytes()
    if b"[" not in data:
        return
    text = source.read_text("utf-8")
    if "]:" not in text and b"][" not in data:
        return  # no label defined and no explicit reference: nothing can be unresolved
    got, _ = inspect(data, cat.path)
    if got is None:
        return
    defined = _labels(source.suffix, text)
    for pe in got.entries:
        if not pe.msgid or not pe.msgstr or pe.obsolete or pe.fuzzy or "[" not in pe.msgstr:
            continue
        if any(c.strip() == "capdev-ignore" or (c.startswith("capdev-ignore") and RULE in
                                                c.split()[1:]) for c in pe.tcomments):
            continue
        for ref in fix_references(pe.msgid, pe.msgstr, defined)[1]:
            yield hit(RULE, cat.path, pe.line, _message(ref),
                      "keep the English label: write [texto traducido][english label], with the "
                      "label of a `[label]: url` definition of the page")


def _labels(suffix: str, text: str) -> set[str]:
    if suffix != ".ipynb":
        return defined_labels(text)
    from capdev.catalogs.extract import load_source

    out: set[str] = set()
    for cell in load_source(text, suffix).cells:
        out |= defined_labels(cell.text)
    return out


def _message(ref: Ref) -> str:
    if ref.form == "full":
        return f"`[{ref.text}][{ref.label}]` links to nothing: the page defines no [{ref.label}]"
    shown = f"[{ref.text}][]" if ref.form == "collapsed" else f"[{ref.text}]"
    return (f"`{shown}` links to nothing: no label [{ref.text}] is defined on the page, and it "
            "pairs with no reference of the English")
