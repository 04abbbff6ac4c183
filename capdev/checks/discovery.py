"""Discovery for `capdev check`: the foundation's Project, built from cached per-file results.

`Project.load` parses and schema-validates every page on each run (YAML + jsonschema: the
largest cost of a warm check). Here the same foundation functions (`load_page`,
`_load_yaml_file`) run only for files whose bytes changed; their metadata and findings are
cached by content. The course → module → lesson walk mirrors capdev.sources.project and
never raises: every finding is returned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from capdev.checks.cache import Cache, digest
from capdev.config import load_config
from capdev.errors import Finding
from capdev.sources import project as sp
from capdev.sources.schema import normalise


def discover(root: Path, cache: Cache) -> tuple[sp.Project, list[Finding]]:
    project = sp.Project(root, load_config(root))
    findings: list[Finding] = []
    docs = root / "docs"
    project.pages = [p for p in (_page(root, path, "page", path.relative_to(docs).as_posix(),
                                       cache, findings)
                                 for path in sorted(docs.rglob("*.md")) if docs.is_dir()) if p]
    project.courses = _courses(root, cache, findings)
    notes = root / "policy_notes"
    project.notes = [
        p
        for p in (
            _page(root, path, "note", f"{_rel(root, path.parent)}/index.md", cache, findings)
            for path in sorted(notes.glob("*/note.md"))
            if notes.is_dir()
        )
        if p
    ]
    project.publications = _publications(root, cache, findings)
    return project, findings


def _rel(root: Path, path: Path) -> str:
    # string slicing, not Path.relative_to: this runs for every file on every check
    return str(path)[len(str(root)) + 1:].replace("\\", "/")


def _cached(cache: Cache, slot: str, raw: bytes, make: Any) -> dict:
    key = digest(raw, slot)
    hit = cache.get(f"discover:{slot}", key)
    return hit if hit is not None else cache.put(f"discover:{slot}", key, make())


def _page(root: Path, path: Path, kind: str, out: str, cache: Cache,
          findings: list[Finding]) -> sp.Page | None:
    rel = _rel(root, path)

    def make() -> dict:
        local: list[Finding] = []
        page = sp.load_page(root, path, kind, out, local)
        return {"ok": page is not None, "meta": normalise(page.meta) if page else {},
                "findings": [f.to_dict() for f in local]}

    data = _cached(cache, f"{kind}:{out}:{rel}", path.read_bytes(), make)
    findings += [Finding(**f) for f in data["findings"]]
    return sp.Page(kind, path, rel, out, data["meta"]) if data["ok"] else None


def _yaml(root: Path, path: Path, kind: str, cache: Cache, findings: list[Finding]) -> dict | None:
    def make() -> dict:
        local: list[Finding] = []
        data = sp._load_yaml_file(root, path, kind, local)
        return {"data": normalise(data) if data is not None else None,
                "findings": [f.to_dict() for f in local]}

    got = _cached(cache, f"{kind}:{_rel(root, path)}", path.read_bytes(), make)
    findings += [Finding(**f) for f in got["findings"]]
    return got["data"]


def _courses(root: Path, cache: Cache, findings: list[Finding]) -> list[sp.Course]:
    base = root / "courses"
    courses = []
    for yml in sorted(base.glob("*/course.yml")) if base.is_dir() else []:
        data = _yaml(root, yml, "course", cache, findings)
        if data is None:
            continue
        cdir = yml.parent
        course = sp.Course(str(data.get("id", cdir.name)), cdir, _rel(root, cdir), data)
        for slug in data.get("modules") or []:
            mdir = cdir / str(slug)
            if not (mdir / "index.md").is_file():
                findings.append(
                    Finding(
                        _rel(root, yml),
                        1,
                        "course-module-missing",
                        f"module `{slug}` has no folder with an index.md",
                        f"create {_rel(root, mdir)}/index.md or fix the `modules` list",
                    )
                )
                continue
            course.modules.append(_module(root, mdir, cache, findings))
        courses.append(course)
    return courses


def _module(root: Path, mdir: Path, cache: Cache, findings: list[Finding]) -> sp.Module:
    rel = _rel(root, mdir)
    index = _page(root, mdir / "index.md", "module", f"{rel}/index.md", cache, findings)
    module = sp.Module(mdir.name, mdir, index or sp.Page("module", mdir / "index.md",
                                                         f"{rel}/index.md", f"{rel}/index.md"))
    for path in sorted(mdir.iterdir()):
        if sp.LESSON_RE.match(path.name):
            lesson = _page(root, path, "lesson", f"{rel}/{path.stem}.md", cache, findings)
            if lesson:
                module.lessons.append(lesson)
    return module


def _publications(root: Path, cache: Cache, findings: list[Finding]) -> list[sp.Publication]:
    base = root / "publications"
    pubs = []
    for yml in sorted(base.glob("*/publication.yml")) if base.is_dir() else []:
        data = _yaml(root, yml, "publication", cache, findings)
        if data is None:
            continue
        pub = sp.Publication(str(data.get("id", yml.parent.name)), yml.parent,
                             _rel(root, yml.parent), data)
        for name in data.get("chapters") or []:
            path = yml.parent / str(name)
            if not path.is_file():
                findings.append(Finding(_rel(root, yml), 1, "publication-chapter-missing",
                                        f"chapter `{name}` not found", "fix the `chapters` list"))
                continue
            page = _page(root, path, "chapter", _rel(root, path), cache, findings)
            if page:
                pub.chapters.append(page)
        pubs.append(pub)
    return pubs
