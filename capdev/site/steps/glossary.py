"""The bilingual glossary page, from translations/glossary.yml as `capdev check` reads it."""

from __future__ import annotations

from capdev.site import pages
from capdev.site.labels import label
from capdev.site.stager import Stager


def run(stager: Stager) -> None:
    from capdev.checks.glossary import checked

    path = stager.root / "translations" / "glossary.yml"
    if not path.is_file():
        return
    terms = [vars(t) for t in checked(stager.root).terms]  # read and checked as by check
    rows = ["| English | Español | Note |", "|---|---|---|"]
    for t in sorted(terms, key=lambda t: str(t.get("en", "")).lower()):
        en, es, note = (pages.plain(t.get(k, "")) for k in ("en", "es", "note"))
        rows.append(f'| <span lang="en">{en}</span> | <span lang="es">{es}</span> | {note} |')
    title = label(stager.lang, "glossary")
    text = pages.front_matter({"title": title}) + f"# {title}\n\n" + "\n".join(rows) + "\n"
    stager.generated("glossary.md", text, "translations/glossary.yml")
