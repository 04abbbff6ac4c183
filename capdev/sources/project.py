"""The content model: a project is courses → modules → lessons, notes, publications, pages.

`Project.load` discovers every English source, validates it against its schema and either
returns the model (warnings kept) or raises one `CapdevError` naming every error found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capdev.config import ProjectConfig, load_config
from capdev.errors import CapdevError, Finding, errors_only
from capdev.sources import frontmatter, schema

LESSON_RE = re.compile(r"^[0-9]{2}-[a-z0-9-]+\.(md|ipynb)$")


@dataclass
class Page:
    """One English source file that becomes one site page."""

    kind: str  # lesson | module | note | page | chapter
    src: Path
    rel: str  # project-relative source path (posix)
    out: str  # staged page path, relative to a language's docs dir
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", Path(self.rel).stem))

    @property
    def is_notebook(self) -> bool:
        return self.src.suffix == ".ipynb"


@dataclass
class Module:
    slug: str
    dir: Path
    index: Page
    lessons: list[Page] = field(default_factory=list)


@dataclass
class Course:
    id: str
    dir: Path
    rel: str
    meta: dict[str, Any]
    modules: list[Module] = field(default_factory=list)

    @property
    def framework(self) -> Path | None:
        name = self.meta.get("framework")
        return self.dir / name if name else None


@dataclass
class Publication:
    id: str
    dir: Path
    rel: str
    meta: dict[str, Any]
    chapters: list[Page] = field(default_factory=list)


@dataclass
class Project:
    root: Path
    config: ProjectConfig
    courses: list[Course] = field(default_factory=list)
    notes: list[Page] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path) -> Project:
        root = root.resolve()
        project = cls(root, load_config(root))
        findings: list[Finding] = []
        project.pages = _docs_pages(root, findings)
        project.courses = [c for c in _courses(root, findings) if c]
        project.notes = _notes(root, findings)
        project.publications = _publications(root, findings)
        errs = errors_only(findings)
        if errs:
            raise CapdevError(errs)
        project.warnings = [f for f in findings if f.severity != "error"]
        return project

    def all_pages(self) -> list[Page]:
        out = list(self.pages)
        for course in self.courses:
            for module in course.modules:
                out += [module.index, *module.lessons]
        out += self.notes
        for pub in self.publications:
            out += pub.chapters
        return out

    def translatable_sources(self) -> list[Path]:
        """Every English file that has a catalog: pages, lessons, notes, YAML data."""
        paths = [p.src for p in self.all_pages()]
        for course in self.courses:
            paths.append(course.dir / "course.yml")
            if course.framework and course.framework.is_file():
                paths.append(course.framework)
        paths += [pub.dir / "publication.yml" for pub in self.publications]
        return sorted(set(paths))

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_text(path: Path, rel: str) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise CapdevError(Finding(rel, 0, "file-not-utf8", f"not valid UTF-8 ({exc.reason})",
                                  "save the file as UTF-8")) from None


def load_page(root: Path, path: Path, kind: str, out: str,
              findings: list[Finding]) -> Page | None:
    rel = _rel(root, path)
    try:
        if path.suffix == ".ipynb":
            meta, lines = _notebook_meta(path, rel), {}
            default = 1
        else:
            fm = frontmatter.parse(read_text(path, rel), rel)
            meta, lines, default = fm.meta, fm.key_lines, 1
            if not fm.meta and fm.start_line == 0:
                findings.append(Finding(rel, 1, "frontmatter-missing",
                                        "no front matter", "start the file with `---`, the keys, `---`"))
                return None
    except CapdevError as err:
        findings.extend(err.findings)
        return None
    findings.extend(schema.validate(kind, meta, rel, lines, default))
    return Page(kind, path, rel, out, meta)


def _notebook_meta(path: Path, rel: str) -> dict:
    try:
        nb = json.loads(read_text(path, rel))
    except json.JSONDecodeError as exc:
        raise CapdevError(Finding(rel, exc.lineno, "nb-invalid", f"not valid JSON: {exc.msg}",
                                  "open and save the notebook in Jupyter")) from None
    meta = (nb.get("metadata") or {}).get("capdev")
    if not isinstance(meta, dict):
        raise CapdevError(Finding(rel, 1, "frontmatter-missing", "notebook has no metadata.capdev",
                                  "add the lesson keys under metadata.capdev (Edit → Notebook metadata)"))
    return meta


def _docs_pages(root: Path, findings: list[Finding]) -> list[Page]:
    docs = root / "docs"
    pages = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        page = load_page(root, path, "page", path.relative_to(docs).as_posix(), findings)
        if page:
            pages.append(page)
    return pages


def _load_yaml_file(root: Path, path: Path, kind: str, findings: list[Finding]) -> dict | None:
    rel = _rel(root, path)
    try:
        data, lines = frontmatter.load_yaml(read_text(path, rel), rel)
    except CapdevError as err:
        findings.extend(err.findings)
        return None
    if not isinstance(data, dict):
        findings.append(Finding(rel, 1, f"schema-{kind}", "expected a mapping of keys", ""))
        return None
    findings.extend(schema.validate(kind, data, rel, lines))
    return data


def _courses(root: Path, findings: list[Finding]) -> list[Course]:
    base = root / "courses"
    courses = []
    for yml in sorted(base.glob("*/course.yml")) if base.is_dir() else []:
        data = _load_yaml_file(root, yml, "course", findings)
        if data is not None:
            courses.append(_course(root, yml, data, findings))
    return courses


def _course(root: Path, yml: Path, data: dict, findings: list[Finding]) -> Course:
    cdir = yml.parent
    course = Course(str(data.get("id", cdir.name)), cdir, _rel(root, cdir), data)
    for slug in data.get("modules") or []:
        mdir = cdir / str(slug)
        if not (mdir / "index.md").is_file():
            findings.append(Finding(_rel(root, yml), 1, "course-module-missing",
                                    f"module `{slug}` has no folder with an index.md",
                                    f"create {_rel(root, mdir)}/index.md or fix the `modules` list"))
            continue
        course.modules.append(_module(root, mdir, findings))
    return course


def _module(root: Path, mdir: Path, findings: list[Finding]) -> Module:
    rel = _rel(root, mdir)
    index = load_page(root, mdir / "index.md", "module", f"{rel}/index.md", findings)
    module = Module(mdir.name, mdir, index or Page("module", mdir / "index.md", f"{rel}/index.md",
                                                     f"{rel}/index.md"))
    for path in sorted(mdir.iterdir()):
        if LESSON_RE.match(path.name):
            out = f"{rel}/{path.stem}.md"
            lesson = load_page(root, path, "lesson", out, findings)
            if lesson:
                module.lessons.append(lesson)
    return module


def _notes(root: Path, findings: list[Finding]) -> list[Page]:
    base = root / "policy_notes"
    notes = []
    for path in sorted(base.glob("*/note.md")) if base.is_dir() else []:
        out = f"{_rel(root, path.parent)}/index.md"
        page = load_page(root, path, "note", out, findings)
        if page:
            notes.append(page)
    return notes


def _publications(root: Path, findings: list[Finding]) -> list[Publication]:
    base = root / "publications"
    pubs = []
    for yml in sorted(base.glob("*/publication.yml")) if base.is_dir() else []:
        data = _load_yaml_file(root, yml, "publication", findings)
        if data is None:
            continue
        pub = Publication(str(data.get("id", yml.parent.name)), yml.parent,
                          _rel(root, yml.parent), data)
        for name in data.get("chapters") or []:
            path = yml.parent / str(name)
            if not path.is_file():
                findings.append(Finding(_rel(root, yml), 1, "publication-chapter-missing",
                                        f"chapter `{name}` not found", "fix the `chapters` list"))
                continue
            page = load_page(root, path, "chapter", _rel(root, path), findings)
            if page:
                pub.chapters.append(page)
        pubs.append(pub)
    return pubs
