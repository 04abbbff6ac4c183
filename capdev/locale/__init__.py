"""capdev's own interface text in every language, and what it knows about languages.

Every string capdev itself puts on a page, in a PDF, a questionnaire, a report or a slide
is written in English in the module that uses it (a table of keys → English text) and
translated in a gettext catalog shipped with the package, `capdev/locale/<lang>.po`, one
per language: msgctxt `<domain>:<key>` (the table and key), msgid the English, msgstr the
translation. A translator adds a language with a PO editor (`scripts/ui_catalogs.py`
makes the template and merges it); no code changes. An entry is used only when it is
translated, not fuzzy, and its msgid is the current English: when the English changes,
the page shows the new English until the translation is updated, never a stale one.

`languages.yml` holds the facts per language (name, native name, region, citeproc locale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import polib
import yaml


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in English
    native: str  # in itself
    region: str  # "" when unknown
    citeproc: str


@cache
def _languages() -> dict[str, dict[str, str]]:
    text = resources.files("capdev.locale").joinpath("languages.yml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def language(code: str) -> Language:
    """The facts about `code` (a language not listed: its code for every name)."""
    data = _languages().get(code) or _languages().get(code.split("-")[0]) or {}
    return Language(code, data.get("name", code), data.get("native", code),
                    data.get("region", ""), data.get("citeproc", code))


def language_names_en() -> dict[str, str]:
    """Every listed language's name in English, by code: the `language` UI domain."""
    return {code: str(data.get("name", code)) for code, data in _languages().items()}


def language_name(code: str, lang: str, capitalised: bool = False) -> str:
    """The name of language `code` in language `lang` ("español" in Spanish, as a word in a
    sentence; `capitalised` for a label that starts with it)."""
    name = ui("language", language_names_en(), lang).get(code) or language(code).name
    return name[:1].upper() + name[1:] if capitalised else name


@cache
def _catalog(lang: str) -> dict[str, tuple[str, str]]:
    """msgctxt → (msgid, msgstr) of the usable entries of `lang`'s UI catalog."""
    path = resources.files("capdev.locale").joinpath(f"{lang}.po")
    if not path.is_file():
        return {}
    po = polib.pofile(path.read_text("utf-8"))
    return {e.msgctxt: (e.msgid, e.msgstr) for e in po
            if e.msgctxt and e.msgstr and not e.obsolete and "fuzzy" not in e.flags}


def ui(domain: str, english: Mapping[str, str], lang: str) -> dict[str, str]:
    """The table `english` (key → English text) in `lang`: each key's translation, or its
    English where there is none (or it was made from other English)."""
    table = _catalog(lang)
    out = {}
    for key, text in english.items():
        found = table.get(f"{domain}:{key}")
        out[key] = found[1] if found is not None and found[0] == text else text
    return out


def ui_sequence(domain: str, english: Sequence[str], lang: str) -> tuple[str, ...]:
    """A list of texts (month names, the 17 Goals) in `lang`, keyed 1…n in the catalog."""
    table = ui(domain, {str(n): text for n, text in enumerate(english, 1)}, lang)
    return tuple(table[str(n)] for n in range(1, len(english) + 1))


def data_files() -> list[Path]:
    """The catalogs and languages.yml: what a cache of anything carrying capdev's own text
    must be keyed on, besides the code."""
    here = Path(__file__).parent
    return sorted([*here.glob("*.po"), here / "languages.yml"])


def available() -> list[str]:
    """The languages capdev's own text is translated into (besides English)."""
    return sorted(p.name[:-3] for p in resources.files("capdev.locale").iterdir()
                  if p.name.endswith(".po"))
