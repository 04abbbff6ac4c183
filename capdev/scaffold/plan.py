"""Writing scaffolded files: all or nothing, never over an existing file, always valid.

A plan collects the new files (and the one existing file we edit, course.yml), checks
every front matter against its schema in memory, refuses if any target exists, and only
then writes. Afterwards the catalogs of the new sources are created, as
`capdev i18n update` would, so translators see the new entries straight away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.update import memory, update_catalog
from capdev.config import load_config
from capdev.errors import CapdevError, Finding, raise_if_errors
from capdev.sources import frontmatter, schema


@dataclass
class Result:
    """What a scaffold command did, for the CLI to report."""

    root: Path
    written: list[Path] = field(default_factory=list)
    catalogs: list[Path] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)


@dataclass
class Plan:
    root: Path
    new: dict[Path, tuple[str, str | None]] = field(default_factory=dict)  # path → (text, kind)
    edits: dict[Path, str] = field(default_factory=dict)  # existing files, rewritten
    sources: list[Path] = field(default_factory=list)  # files that get catalogs
    guarded: list[Path] = field(default_factory=list)  # other paths that must not exist yet

    def add(self, path: Path, text: str, kind: str | None = None, source: bool = True) -> None:
        self.new[path] = (text, kind)
        if source:
            self.sources.append(path)

    def guard(self, path: Path) -> None:
        self.guarded.append(path)

    def edit(self, path: Path, text: str) -> None:
        self.edits[path] = text

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def conflicts(self) -> list[Finding]:
        return [Finding(self.rel(p), 0, "new-exists", "already exists: capdev never overwrites",
                        "choose another id or slug, or move the existing file away first")
                for p in dict.fromkeys([*self.new, *self.guarded]) if p.exists()]

    def invalid(self) -> list[Finding]:
        findings: list[Finding] = []
        for path, (text, kind) in self.new.items():
            if kind:
                findings += _validate(text, kind, self.rel(path), path.suffix)
        return findings

    def apply(self, result: Result) -> Result:
        raise_if_errors(self.conflicts())
        invalid = self.invalid()
        if invalid:  # e.g. a title YAML cannot hold; say which value, keep the disk clean
            raise CapdevError(invalid)
        for path, (text, _kind) in self.new.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            result.written.append(path)
        for path, text in self.edits.items():
            _po.atomic_write(path, text)
            result.written.append(path)
        result.catalogs += update_catalogs(self.root, self.sources)
        return result


def _validate(text: str, kind: str, rel: str, suffix: str) -> list[Finding]:
    try:
        if suffix == ".ipynb":
            meta, lines = json.loads(text)["metadata"]["capdev"], {}
        elif suffix in (".yml", ".yaml"):
            meta, lines = frontmatter.load_yaml(text, rel)
        else:
            fm = frontmatter.parse(text, rel)
            meta, lines = fm.meta, fm.key_lines
    except CapdevError as err:
        return err.findings
    return [f for f in schema.validate(kind, meta, rel, lines) if f.severity == "error"]


def update_catalogs(root: Path, sources: list[Path]) -> list[Path]:
    """Create or refresh the catalog of each source for every target language."""
    written = []
    for lang in load_config(root).targets:
        tm = memory(root, lang)
        for source in sources:
            report = update_catalog(root, source, lang, tm)
            if report.written or report.path.is_file():
                written.append(report.path)
    return written
