"""Where the assessment's words come from: UI strings, the framework per language, module titles.

UI strings live in strings.json (en/es). The framework's Spanish text normally comes from
the PO catalog (the lead passes it as `framework_text`); until then the hand-written draft
under translations/_import/es/ is used, and as a last resort the English source.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from capdev.assessment.framework import Framework, load_framework

COURSE = "digital-government"
FRAMEWORK_REL = Path("courses") / COURSE / "competences.yml"


@cache
def _all_strings() -> dict[str, dict[str, str]]:
    res = resources.files("capdev.assessment").joinpath("strings.json")
    return json.loads(res.read_text(encoding="utf-8"))


def strings(lang: str) -> dict[str, str]:
    """UI strings for `lang` (English for an unknown language)."""
    table = _all_strings()
    return dict(table.get(lang, table["en"]))


def framework_path(root: Path) -> Path:
    """The framework of the first course whose course.yml names one (default: ours)."""
    for course_yml in sorted((root / "courses").glob("*/course.yml")):
        try:
            data = yaml.safe_load(course_yml.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("framework"):
            return course_yml.parent / str(data["framework"])
    return root / FRAMEWORK_REL


def framework_for(root: Path, lang: str, text: str | None = None) -> Framework:
    """The framework in `lang`: given text, else the Spanish draft, else the English source."""
    path = framework_path(root)
    if text is None and lang != "en":
        draft = root / "translations" / "_import" / lang / path.relative_to(root)
        if draft.is_file():
            text = draft.read_text(encoding="utf-8")
    fw = load_framework(path, text=text)
    # text rendered from a catalog keeps the source's `language` value (it is data, not
    # text): the words are in `lang` now, so say so
    fw.data["language"] = lang
    return fw


def _front_matter_title(path: Path) -> str | None:
    if not path.is_file():
        return None
    match = re.match(r"^---\n(.*?)\n---", path.read_text(encoding="utf-8"), re.S)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
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
        candidates = [root / "translations" / "_import" / lang / rel] if lang != "en" else []
        candidates.append(root / rel)
        title = next((t for t in map(_front_matter_title, candidates) if t), None)
        titles[mod] = title or _humanise(mod)
    return titles


def _humanise(folder: str) -> str:
    number, _, slug = folder.partition("-")
    return f"{number} {slug.replace('-', ' ').capitalize()}"
