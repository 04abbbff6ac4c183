"""What `capdev new` leaves for the author to replace: the placeholder texts of its templates.

Read from the templates themselves, segmented like any source (`catalogs/extract.py`), so
editing a template moves the check with it; nothing here repeats a template's words.
A placeholder is every text segment of a template except those an author keeps on
purpose: headings and block titles ("Exercise", "Solution"), table headers and captions,
values that are real as written (the title, a prerequisite, keywords), the real
publication under "Further reading", and texts shorter than three words ("Option A"),
which real content says too. A list the templates leave empty (`competences: []`) is
also theirs: `empty_keys` names those keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from capdev.catalogs.extract import load_source
from capdev.catalogs.segment import Segment
from capdev.sources.frontmatter import split

# The templates of `capdev new` (and of `capdev init`'s sample pages) and what they make.
TEMPLATES = {"lesson.md": "lesson", "notebook": "notebook lesson", "module.md": "module",
             "course.yml": "course", "note.md": "policy note"}
_KEPT_KINDS = ("heading", "admonition title", "block title", "tab title", "table header cell",
               "definition")
_KEPT_KEYS = frozenset({"title", "prerequisites", "keywords"})
_FURTHER_READING = "Further reading"  # CONTENT-MODEL: a list of real publications
_MIN_WORDS = 3
_VARIABLE = "{{"


@dataclass(frozen=True)
class Placeholder:
    text: str  # the template's text, whitespace collapsed
    template: str  # what the template makes: "lesson", "module", …
    kind: str  # "summary", "paragraph", "quiz", …: what the author should replace


def normal(text: str) -> str:
    return " ".join(text.split())


def _key(seg: Segment) -> str:
    """`summary` for a YAML value ("front matter: summary"), "" for body text."""
    head, sep, key = seg.kind.partition(": ")
    return key if sep and head in ("front matter", "data", "metadata") else ""


def _template_text(name: str) -> tuple[str, str]:
    """A template's text (with its `{{…}}` variables unfilled) and its suffix."""
    if name == "notebook":
        from capdev.scaffold.notebook import lesson_meta, lesson_notebook

        return lesson_notebook(_VARIABLE + "title}}", lesson_meta(_VARIABLE + "title}}")), ".ipynb"
    return _read(name), "." + name.rsplit(".", 1)[1]


def _read(name: str) -> str:
    return resources.files("capdev.scaffold").joinpath(f"templates/{name}").read_text("utf-8")


def _placeholders_of(segments: list[Segment], template: str) -> list[Placeholder]:
    out = []
    section = ""
    for seg in segments:
        if seg.kind.startswith("heading"):
            section = seg.msgid
        key = _key(seg)
        text = normal(seg.msgid)
        if (seg.kind.startswith(_KEPT_KINDS) or key in _KEPT_KEYS or _VARIABLE in text
                or (section == _FURTHER_READING and not key) or len(text.split()) < _MIN_WORDS):
            continue
        kind = key or ("quiz" if seg.kind.startswith("quiz") else "text")
        out.append(Placeholder(text, template, kind))
    return out


@cache
def placeholders() -> dict[str, Placeholder]:
    """Every placeholder text of the templates, by its whitespace-collapsed text."""
    found: dict[str, Placeholder] = {}
    for name, template in TEMPLATES.items():
        text, suffix = _template_text(name)
        for ph in _placeholders_of(load_source(text, suffix).all_segments(), template):
            found.setdefault(ph.text, ph)
    return found


@cache
def empty_keys() -> frozenset[str]:
    """Front-matter keys a template leaves as an empty list for the author to fill (and
    that a page must not keep empty): today `competences`. `keywords` is not one of
    them: an empty keyword list is a real choice (see `_KEPT_KEYS`)."""
    keys: set[str] = set()
    for name in ("lesson.md", "module.md"):
        node = yaml.compose(split(_read(name))[0] or "{}")  # composed: `{{title}}` is no key
        for k, v in node.value if isinstance(node, yaml.MappingNode) else []:
            if isinstance(v, yaml.SequenceNode) and not v.value and k.value not in _KEPT_KEYS:
                keys.add(str(k.value))
    return frozenset(keys)


def version() -> str:
    """The templates and this module, for the caches of what is derived from them."""
    from pathlib import Path

    from capdev.cache import files_digest

    here = Path(__file__).parent
    files = [here / "placeholders.py", here / "notebook.py",
             *(p for p in (here / "templates").glob("*") if p.is_file())]
    return files_digest(files)[:12]
