"""The glossary page (English and every target language), from translations/glossary.yml
as `capdev check` reads it."""

from __future__ import annotations

from capdev.locale import language, ui
from capdev.site import pages
from capdev.site.labels import label
from capdev.site.stager import Stager

GLOSSARY_EN = {"note": "Note"}  # the page's own words (capdev.locale: domain `glossary`)


def run(stager: Stager) -> None:
    from capdev.checks.glossary import checked

    path = stager.root / "translations" / "glossary.yml"
    if not path.is_file():
        return
    glossary = checked(stager.root)  # read and checked as by capdev check
    source = stager.project.config.source_language
    langs = [lang for lang in stager.project.config.targets if lang in glossary.languages]
    heads = [language(code).native for code in (source, *langs)]
    heads.append(ui("glossary", GLOSSARY_EN, stager.lang)["note"])
    rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for t in sorted(glossary.terms, key=lambda t: t.en.lower()):
        cells = [f'<span lang="{source}">{pages.plain(t.en)}</span>']
        cells += [f'<span lang="{lang}">{pages.plain(t.target(lang))}</span>' for lang in langs]
        note = pages.plain(t.note)  # written in English: marked so on other pages
        if note and stager.lang != source:
            note = f'<span lang="{source}">{note}</span>'
        rows.append("| " + " | ".join([*cells, note]) + " |")
    title = label(stager.lang, "glossary")
    text = pages.front_matter({"title": title}) + f"# {title}\n\n" + "\n".join(rows) + "\n"
    stager.generated("glossary.md", text, "translations/glossary.yml")
