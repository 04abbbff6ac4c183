"""The termbase for CAT tools: TBX-Basic export (the command is capdev/cli/glossary.py)."""

from __future__ import annotations

from typing import Any

from capdev.checks.glossary import GLOSSARY, Glossary

POS = {"noun": "noun", "proper noun": "properNoun", "verb": "verb", "adjective": "adjective",
       "adverb": "adverb"}


DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'  # the TBX-Basic dialect


def to_tbx(glossary: Glossary, source: str = "en") -> str:
    """TBX-Basic (ISO 30042:2008 `martif`, the TBX-Basic core-structure DOCTYPE), which
    OmegaT, Trados, memoQ, Weblate and translate-toolkit import. Each concept's term is its
    preferred term (preferredTerm-admn-sts); the Spanish variants accepted in context
    (glossary `also`) and the acronyms are admitted terms (admittedTerm-admn-sts), the
    forbidden variants deprecated ones (deprecatedTerm-admn-sts). Every target language of
    the termbase has its langSet in each concept that translates into it."""
    from xml.etree import ElementTree as ET

    martif = ET.Element("martif", {"type": "TBX-Basic", "xml:lang": source})
    desc = ET.SubElement(
        ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc"), "sourceDesc"
    )
    ET.SubElement(desc, "p").text = f"capdev glossary ({GLOSSARY})"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for i, t in enumerate(glossary.terms, 1):
        entry = ET.SubElement(body, "termEntry", {"id": f"c{i}"})
        if t.note:
            ET.SubElement(entry, "note").text = t.note
        for lang, term in ((source, t.en), *t.targets.items()):
            ls = ET.SubElement(entry, "langSet", {"xml:lang": lang})
            _tig(ls, term, t.pos, "preferredTerm-admn-sts")
            if t.acronym.get(lang):
                _tig(ls, t.acronym[lang], "", "admittedTerm-admn-sts", "acronym")
            for other in t.also.get(lang, []):
                _tig(ls, other, t.pos, "admittedTerm-admn-sts")
            for bad in t.forbidden.get(lang, []):
                _tig(ls, bad, t.pos, "deprecatedTerm-admn-sts")
    ET.indent(martif)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + DOCTYPE + "\n"
        + ET.tostring(martif, encoding="unicode") + "\n"
    )


def _tig(parent: Any, term: str, pos: str, status: str, term_type: str = "") -> None:
    from xml.etree import ElementTree as ET

    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = term
    if term_type:
        ET.SubElement(tig, "termNote", {"type": "termType"}).text = term_type
    if pos in POS:
        ET.SubElement(tig, "termNote", {"type": "partOfSpeech"}).text = POS[pos]
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
