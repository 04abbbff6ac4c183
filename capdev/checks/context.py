"""What rules receive: a scanned page (`Doc`) or the project's collected facts."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capdev.checks.scan import Facts

# Pages capdev generates at staging time (no English source of their own).
GENERATED_PAGES = ("assessment/index.md", "glossary.md", "translation-status.md")
# Generated files a page may link to before they exist (PDFs, DOCX, downloads, assessment).
GENERATED_PREFIXES = ("downloads/", "assessment/")
GENERATED_SUFFIXES = (".pdf", ".docx", ".zip", ".bib", ".ris")


@dataclass
class Doc:
    """One English page as the per-file rules see it."""

    rel: str  # project-relative source path
    kind: str  # lesson | module | note | page | chapter
    out: str  # staged path (docs/x.md → x.md)
    facts: Facts
    notebook: bool = False
    src: str = ""  # absolute path of the source file


@dataclass
class ProjectFacts:
    """Cross-file view: every page's facts, keyed by staged path, plus the project model."""

    root: Path
    docs: dict[str, Doc] = field(default_factory=dict)  # staged out path → Doc
    generated: set[str] = field(default_factory=set)  # generated page paths (any anchor ok)
    project: Any = None  # capdev.sources.Project (None when discovery failed)
    load_findings: list = field(default_factory=list)
    undecodable: list[str] = field(default_factory=list)
    glossary_findings: list = field(default_factory=list)
    languages: tuple[str, ...] = ()  # target languages (their sites sit under <lang>/)
    memo: Any = None  # runner.Memo: derived data of a file, cached by its content hash

    def derived(self, path: Path, name: str, make: Any) -> Any:
        """`make(text)` for a file, cached by content (None when the file is missing)."""
        if not path.is_file():
            return None
        if self.memo is None:
            return make(path.read_text("utf-8", errors="replace"))
        return self.memo.get(path, name, make)

    def resolve(self, doc: Doc, target: str) -> str:
        """A link target (relative to the staged page) as a staged path, normalised.

        The other languages' sites sit under `<lang>/` (Spanish at /es/), with the same
        pages: a link into them resolves to the same page path.
        """
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return doc.out
        if path.startswith("/"):
            staged = posixpath.normpath(path.lstrip("/"))
        else:
            staged = posixpath.normpath(posixpath.join(posixpath.dirname(doc.out), path))
        first, _, rest = staged.partition("/")
        return rest if rest and first in self.languages else staged

    def source_of(self, staged: str) -> Path:
        """The file a staged non-page path is copied from (stage.assets mirrors these)."""
        first = staged.split("/", 1)[0]
        if first in ("courses", "policy_notes", "publications"):
            return self.root / staged
        return self.root / "docs" / staged

    def is_generated_file(self, staged: str) -> bool:
        return staged.startswith(GENERATED_PREFIXES) or staged.endswith(GENERATED_SUFFIXES)


def is_external(target: str) -> bool:
    low = target.lower()
    return "://" in low or low.startswith(("mailto:", "tel:", "data:", "javascript:", "//",
                                           "attachment:"))
