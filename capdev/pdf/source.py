"""Load a policy note or a long-form publication, in one language, with findings.

A note is a folder with `note.md`; a publication is a folder with `publication.yml` and
chapter files. Spanish text comes from the translation engine (`capdev.catalogs`); an
incomplete translation is an error unless the build is a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from capdev.errors import CapdevError, Finding, raise_if_errors
from capdev.sources import frontmatter, schema

NOTE_FILE = "note.md"
PUBLICATION_FILE = "publication.yml"


@dataclass
class Part:
    """One Markdown file: its English source path (for findings) and text in `lang`."""

    path: Path
    text: str
    meta: dict[str, Any]
    body: str
    body_line: int


@dataclass
class Document:
    kind: str  # "note" | "publication"
    id: str
    folder: Path
    lang: str
    meta: dict[str, Any]
    parts: list[Part]
    draft: bool = False
    untranslated: list[tuple[Path, int, str]] = field(default_factory=list)
    languages: tuple[str, ...] = ("en",)  # the project's: a document exists in each
    region: str = ""  # of `lang` (mkdocs.yml `regions`, else the language's own)

    @property
    def main_file(self) -> Path:
        return self.folder / (NOTE_FILE if self.kind == "note" else PUBLICATION_FILE)


CONTAINERS = ("policy_notes", "publications")


def discover(root: Path) -> list[Path]:
    """Every note folder and publication folder in the project, in a stable order."""
    found: list[Path] = []
    for container in CONTAINERS:
        folder = root / container
        if folder.is_dir():
            found += sorted(d for d in folder.iterdir()
                            if (d / NOTE_FILE).is_file() or (d / PUBLICATION_FILE).is_file())
    return found


def rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def kind_of(source: Path) -> str:
    if (source / NOTE_FILE).is_file():
        return "note"
    if (source / PUBLICATION_FILE).is_file():
        return "publication"
    raise CapdevError(Finding(str(source), 0, "pdf-source",
                              "not a policy note or publication folder",
                              f"expected {NOTE_FILE} or {PUBLICATION_FILE} in the folder"))


def localized_text(root: Path, path: Path, lang: str, draft: bool,
                   untranslated: list[tuple[Path, int, str]]) -> str:
    """English source text, or the Spanish rendered from its catalog."""
    if lang == "en":
        return path.read_text("utf-8")
    from capdev.catalogs import translate_file  # the lead's translation engine
    from capdev.catalogs.render import pandoc_lang_span
    from capdev.checks.gate import refusal

    # Untranslated passages become pandoc spans `[…]{lang=en}`, not raw HTML (which the
    # typst and Word writers drop): typst.lua, the docx writer and webpage.py mark them.
    # A translation that adds markup is never published (capdev.checks.gate): its English
    # passage stands in, so only a --draft is built with it.
    translated = translate_file(root, path, lang, marker=pandoc_lang_span("en"), guard=refusal)
    if not translated.complete:
        untranslated.extend((path, line, text) for line, text in translated.missing)
        untranslated.extend((path, line, "(outdated) " + text)
                            for line, text in getattr(translated, "outdated", []))
    return translated.text


def untranslated_findings(root: Path, doc: Document) -> list[Finding]:
    return [Finding(rel(root, path), line, "pdf-untranslated",
                    f"not translated into '{doc.lang}': {_clip(text)}",
                    f"translate it in translations/{doc.lang}/{rel(root, path)}.po "
                    "(see `capdev i18n status`), or build a draft with --draft")
            for path, line, text in doc.untranslated]


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_part(root: Path, path: Path, text: str, kind: str) -> Part:
    where = rel(root, path)
    fm = frontmatter.parse(text, where)
    findings = [
        Finding(f.path, f.line, f"{kind}-frontmatter", f.message, f.hint)
        for f in schema.validate(kind, fm.meta, where, fm.key_lines, 1)
        if f.severity == "error"
    ]
    raise_if_errors(findings)
    return Part(path, text, fm.meta, fm.body, fm.body_line)


def load(root: Path, source: Path, lang: str, draft: bool = False) -> Document:
    kind = kind_of(source)
    untranslated: list[tuple[Path, int, str]] = []
    if kind == "note":
        path = source / NOTE_FILE
        part = parse_part(root, path, localized_text(root, path, lang, draft, untranslated),
                          "note")
        doc = Document("note", source.name, source, lang, part.meta, [part], draft)
    else:
        doc = _load_publication(root, source, lang, draft, untranslated)
    doc.untranslated = untranslated
    doc.languages, doc.region = project_languages(root), project_region(root, lang)
    if untranslated and not draft:
        raise CapdevError(untranslated_findings(root, doc))
    return doc


def from_text(root: Path, source: Path, text: str, lang: str, draft: bool = False) -> Document:
    """A note from its text in `lang` directly (hand-written Spanish, tests, previews)."""
    part = parse_part(root, source / NOTE_FILE, text, "note")
    return Document("note", source.name, source, lang, part.meta, [part], draft,
                    languages=project_languages(root), region=project_region(root, lang))


def project_languages(root: Path) -> tuple[str, ...]:
    from capdev.config import load_config

    return tuple(load_config(root).languages)


def project_region(root: Path, lang: str) -> str:
    from capdev.config import load_config

    return load_config(root).region(lang)


def _load_publication(root: Path, source: Path, lang: str, draft: bool,
                      untranslated: list[tuple[Path, int, str]]) -> Document:
    path = source / PUBLICATION_FILE
    where = rel(root, path)
    text = localized_text(root, path, lang, draft, untranslated)
    data, lines = frontmatter.load_yaml(text, where)
    if not isinstance(data, dict):
        raise CapdevError(Finding(where, 1, "publication-frontmatter",
                                  "publication.yml must be a mapping", "see CONTENT-MODEL.md"))
    raise_if_errors(
        Finding(f.path, f.line, "publication-frontmatter", f.message, f.hint)
        for f in schema.validate("publication", data, where, lines, 1)
        if f.severity == "error"
    )
    parts: list[Part] = []
    findings: list[Finding] = []
    for name in data.get("chapters") or []:
        chapter = (source / str(name))
        if not _inside(chapter, source) or not chapter.is_file():
            findings.append(Finding(where, lines.get("chapters", 1), "pdf-missing-chapter",
                                    f"chapter '{name}' not found in {rel(root, source)}",
                                    "list chapter files that sit in the publication folder"))
            continue
        chapter_text = localized_text(root, chapter, lang, draft, untranslated)
        parts.append(parse_part(root, chapter, chapter_text, "chapter"))
    raise_if_errors(findings)
    pub_id = str(data.get("id") or source.name)
    return Document("publication", pub_id, source, lang, data, parts, draft)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
