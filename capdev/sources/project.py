"""The content model: a project is courses → modules → lessons, notes, publications, pages.

`Project.load` discovers every English source, validates it against its schema and either
returns the model (warnings kept) or raises one `CapdevError` naming every error found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capdev.config import ProjectConfig, load_config
from capdev.errors import CapdevError, Finding, errors_only
from capdev.sources import forms as form_model
from capdev.sources import frontmatter, schema, workshop
from capdev.sources.links import unsafe_links
from capdev.sources.reading import notebook_json, read_text

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


class Loader:
    """Reads one source file into the model. `capdev check` swaps in a caching loader;
    the walk over courses, modules and lessons stays in one place (here)."""

    def page(self, root: Path, path: Path, kind: str, out: str,
             findings: list[Finding]) -> Page | None:
        return load_page(root, path, kind, out, findings)

    def yaml(self, root: Path, path: Path, kind: str, findings: list[Finding]) -> dict | None:
        return load_yaml_file(root, path, kind, findings)


@dataclass
class Project:
    root: Path
    config: ProjectConfig
    courses: list[Course] = field(default_factory=list)
    notes: list[Page] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    forms: list[form_model.Form] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path, loader: Loader | None = None, strict: bool = True) -> Project:
        """Discover and validate every source. `strict`: raise once with every error;
        otherwise keep all findings in `project.findings` (for `capdev check`).
        Nothing is read through a symbolic link that leaves the project (links.py)."""
        root = root.resolve()
        project = cls(root, load_config(root))
        project.findings += unsafe_links(root)
        if project.findings:
            return project._done(strict)
        walk = _Walk(root, loader or Loader(), project.findings)
        project.pages = walk.docs_pages()
        project.courses = walk.courses()
        project.notes = walk.notes()
        project.publications = walk.publications()
        project.forms = walk.forms()
        return project._done(strict)

    def _done(self, strict: bool) -> Project:
        errs = errors_only(self.findings)
        if errs and strict:
            raise CapdevError(errs)
        self.warnings = [f for f in self.findings if f.severity != "error"]
        return self

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
        paths += [self.root / f.rel for f in self.forms]
        return sorted(set(paths))

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()


def workshop_lessons(course: Course) -> list[workshop.Lesson]:
    """The course's lessons as the workshop plan names and times them."""
    out = []
    for module in course.modules:
        for les in module.lessons:
            minutes = les.meta.get("duration")
            out.append(workshop.Lesson(f"{module.slug}/{Path(les.rel).stem}",
                                       minutes if isinstance(minutes, int) else 0))
    return out


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


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
    meta = (notebook_json(read_text(path, rel), rel).get("metadata") or {})
    meta = meta.get("capdev") if isinstance(meta, dict) else None
    if not isinstance(meta, dict):
        raise CapdevError(Finding(rel, 1, "frontmatter-missing", "notebook has no metadata.capdev",
                                  "add the lesson keys under metadata.capdev (Edit → Notebook metadata)"))
    return meta


def load_yaml_file(root: Path, path: Path, kind: str, findings: list[Finding]) -> dict | None:
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


def _plain_name(name: str) -> bool:
    """A file or folder name next to the YAML that lists it (no path, not hidden)."""
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


class _Walk:
    """The course → module → lesson walk, shared by the build and the checks."""

    def __init__(self, root: Path, loader: Loader, findings: list[Finding]):
        self.root, self.loader, self.findings = root, loader, findings

    def page(self, path: Path, kind: str, out: str) -> Page | None:
        return self.loader.page(self.root, path, kind, out, self.findings)

    def docs_pages(self) -> list[Page]:
        docs = self.root / "docs"
        paths = sorted(p for p in docs.rglob("*.md") if p.is_file()) if docs.is_dir() else []
        pages = (self.page(p, "page", p.relative_to(docs).as_posix()) for p in paths)
        return [p for p in pages if p]

    def courses(self) -> list[Course]:
        return [self.course(yml, data) for yml, data in self._yaml_files("courses", "course")]

    def _yaml_files(self, folder: str, kind: str) -> Iterator[tuple[Path, dict]]:
        """`<folder>/*/<kind>.yml` files that load (the others leave findings)."""
        base = self.root / folder
        for yml in sorted(base.glob(f"*/{kind}.yml")) if base.is_dir() else []:
            data = self.loader.yaml(self.root, yml, kind, self.findings)
            if data is not None:
                yield yml, data

    def course(self, yml: Path, data: dict) -> Course:
        root, cdir = self.root, yml.parent
        course = Course(str(data.get("id", cdir.name)), cdir, _rel(root, cdir), data)
        modules = data.get("modules")
        for slug in modules if isinstance(modules, list) else []:  # else: a schema finding
            if not _plain_name(str(slug)):
                continue  # `../x`: a schema finding; nothing is read outside the course
            mdir = cdir / str(slug)
            if not (mdir / "index.md").is_file():
                self.findings.append(Finding(
                    _rel(root, yml), 1, "course-module-missing",
                    f"module `{slug}` has no folder with an index.md",
                    f"create {_rel(root, mdir)}/index.md or fix the `modules` list"))
                continue
            course.modules.append(self.module(mdir))
        if "workshop" in data:
            self.findings += workshop.findings(data["workshop"], workshop_lessons(course),
                                               _rel(root, yml), read_text(yml, _rel(root, yml)))
        return course

    def module(self, mdir: Path) -> Module:
        rel = _rel(self.root, mdir)
        index = self.page(mdir / "index.md", "module", f"{rel}/index.md")
        module = Module(mdir.name, mdir, index or Page("module", mdir / "index.md",
                                                         f"{rel}/index.md", f"{rel}/index.md"))
        for path in sorted(mdir.iterdir()):
            if LESSON_RE.match(path.name) and path.is_file():
                lesson = self.page(path, "lesson", f"{rel}/{path.stem}.md")
                if lesson:
                    module.lessons.append(lesson)
        return module

    def notes(self) -> list[Page]:
        base = self.root / "policy_notes"
        paths = sorted(base.glob("*/note.md")) if base.is_dir() else []
        notes = (self.page(p, "note", f"{_rel(self.root, p.parent)}/index.md") for p in paths)
        return [n for n in notes if n]

    def publications(self) -> list[Publication]:
        return [self.publication(yml, data)
                for yml, data in self._yaml_files("publications", "publication")]

    def forms(self) -> list[form_model.Form]:
        out = []
        for yml, data in self._yaml_files(form_model.FOLDER, "form"):
            rel = _rel(self.root, yml)
            found = form_model.integrity(data, read_text(yml, rel), rel)
            self.findings += found
            if not errors_only(found) and isinstance(data.get("questions"), list):
                out.append(form_model.Form(str(data.get("id", yml.parent.name)), rel, data))
        return out

    def publication(self, yml: Path, data: dict) -> Publication:
        pub = Publication(str(data.get("id", yml.parent.name)), yml.parent,
                          _rel(self.root, yml.parent), data)
        chapters = data.get("chapters")
        for name in chapters if isinstance(chapters, list) else []:  # else: a schema finding
            if not _plain_name(str(name)):
                continue  # `../x.md`: a schema finding; nothing is read outside the folder
            path = yml.parent / str(name)
            if not path.is_file():
                self.findings.append(Finding(_rel(self.root, yml), 1, "publication-chapter-missing",
                                             f"chapter `{name}` not found", "fix the `chapters` list"))
                continue
            page = self.page(path, "chapter", _rel(self.root, path))
            if page:
                pub.chapters.append(page)
        return pub
