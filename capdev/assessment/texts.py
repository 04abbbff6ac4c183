"""Where the assessment's words come from: UI strings, the framework per language, module titles.

UI strings live in strings.json (English) and capdev's UI catalogs (capdev/locale/). The framework's and module titles' Spanish comes
from the PO catalogs under translations/<lang>/ (the site build passes it as
`framework_text`); untranslated strings stay in English.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from capdev.assessment.bank import Banked, add_bank, bank_of
from capdev.assessment.framework import Framework, load_framework
from capdev.errors import CapdevError
from capdev.sources.reading import load_yaml, read_text

COURSE = "digital-government"
FRAMEWORK_REL = Path("courses") / COURSE / "competences.yml"


@cache
def _all_strings() -> dict[str, dict[str, str]]:
    res = resources.files("capdev.assessment").joinpath("strings.json")
    return json.loads(res.read_text(encoding="utf-8"))


def strings_en() -> dict[str, str]:
    """The assessment's interface text in English (strings.json): the `assessment` domain
    of capdev's UI catalogs, which translate it."""
    return dict(_all_strings()["en"])


def strings(lang: str) -> dict[str, str]:
    """The interface text in `lang` (English where it has no translation). `lang` names the
    language the text is in: the language's own when capdev's interface is translated
    into it, else English."""
    from capdev.locale import available, ui

    table = ui("assessment", strings_en(), lang)
    table["lang"] = lang if lang in available() else "en"
    return table


def framework_path(root: Path) -> Path:
    """The framework of the first course whose course.yml names one (default: ours)."""
    for course_yml in sorted((root / "courses").glob("*/course.yml")):
        try:
            data = load_yaml(read_text(course_yml, course_yml.name), course_yml.name)[0] or {}
        except CapdevError:
            continue
        if isinstance(data, dict) and data.get("framework"):
            return course_yml.parent / str(data["framework"])
    return root / FRAMEWORK_REL


def framework_for(root: Path, lang: str, text: str | None = None) -> Framework:
    """The framework in `lang`: given text, else rendered from its catalog."""
    path = framework_path(root)
    if text is None and lang != "en":
        text = _translated(root, path, lang)
    fw = load_framework(path, text=text)
    # text rendered from a catalog keeps the source's `language` value (it is data, not
    # text): the words are in `lang` now, so say so
    fw.data["language"] = lang
    add_bank(fw.data, question_bank(root, path, lang, fw))
    fw.__dict__.pop("item_index", None)  # built again with the banked questions
    return fw


def question_bank(root: Path, framework: Path, lang: str, fw: Framework) -> list[Banked]:
    """The lesson questions tagged with one of the framework's competences, in `lang`, from
    the course whose framework it is (Markdown lessons: notebooks hold no quiz blocks)."""
    from capdev.sources import Project

    project = Project.load(root)
    known = {c["id"] for c in fw.competences()}
    out: list[Banked] = []
    for course in project.courses:
        if course.framework is None or course.framework.resolve() != framework.resolve():
            continue
        for module in course.modules:
            for lesson in module.lessons:
                if lesson.is_notebook:
                    continue
                text = (_translated(root, lesson.src, lang) if lang != "en"
                        else lesson.src.read_text("utf-8"))
                title = _front_matter_title(lesson.src, text) or lesson.title
                out += bank_of(text, lesson.rel, title, known)
    return out


def _translated(root: Path, path: Path, lang: str) -> str:
    from capdev.catalogs import translate_file
    from capdev.checks.gate import refusal

    return translate_file(root, path, lang, mark=False, guard=refusal).text


def _front_matter_title(path: Path, text: str | None = None) -> str | None:
    if text is None and not path.is_file():
        return None
    text = path.read_text(encoding="utf-8") if text is None else text
    match = re.match(r"^---\n(.*?)\n---", text, re.S)
    if not match:
        return None
    try:
        data = load_yaml(match.group(1), path.name)[0] or {}
    except CapdevError:
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if title else None


def module_titles(root: Path, fw: Framework, lang: str) -> dict[str, str]:
    """Module folder → title in `lang` (draft translation, English source, or the folder)."""
    course_dir = framework_path(root).parent
    titles = {}
    for mod in fw.course_modules or sorted({m["module"] for c in fw.competences()
                                             for m in c["modules"]}):
        rel = (course_dir / mod / "index.md").relative_to(root)
        title = _front_matter_title(root / rel, _translated(root, root / rel, lang)
                                    if lang != "en" and (root / rel).is_file() else None)
        titles[mod] = title or _humanise(mod)
    return titles


def _humanise(folder: str) -> str:
    number, _, slug = folder.partition("-")
    return f"{number} {slug.replace('-', ' ').capitalize()}"
