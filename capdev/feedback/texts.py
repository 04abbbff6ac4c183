"""Where a form's words come from: UI strings (strings.json in English, translated by
capdev's UI catalogs, domain `feedback`) and the form in a language (its catalog, through
the same translator and publishing guard as the site)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

from capdev.errors import CapdevError, Finding
from capdev.sources.forms import Form, form_paths, parse
from capdev.sources.reading import read_text


@cache
def _all_strings() -> dict[str, dict[str, str]]:
    res = resources.files("capdev.feedback").joinpath("strings.json")
    return json.loads(res.read_text(encoding="utf-8"))


def strings_en() -> dict[str, str]:
    return dict(_all_strings()["en"])


def strings(lang: str) -> dict[str, str]:
    """UI strings for `lang` (English where capdev's interface has no translation); `lang`
    names the language they are in."""
    from capdev.locale import available, ui

    table = ui("feedback", strings_en(), lang)
    if "lang" in table:
        table["lang"] = lang if lang in available() else "en"
    return table


def form_text(root: Path, path: Path, lang: str, source_language: str = "en") -> str:
    """The form.yml text in `lang`: the English source, or rendered from its catalog
    (a refused or missing translation keeps the English segment)."""
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    if lang == source_language:
        return read_text(path, rel)
    from capdev.catalogs import translate_file
    from capdev.checks.gate import refusal

    return translate_file(root, path, lang, mark=False, guard=refusal).text


def load_forms(root: Path, lang: str) -> dict[str, Form]:
    """Every form of the project in `lang`, by id."""
    out: dict[str, Form] = {}
    for path in form_paths(root):
        rel = path.relative_to(root).as_posix()
        form = parse(form_text(root, path, lang), rel, path.parent.name)
        out[form.id] = form
    if not out:
        raise CapdevError(Finding("forms/", 0, "fb-no-forms", "the project has no forms",
                                  "add forms/<id>/form.yml (CONTENT-MODEL.md, Forms)"))
    return out
