"""`capdev check`: discover, check each file once (cached), check across files, report once.

Order of work: per-page scans and rules (cached by content), per-catalog rules (cached by
catalog + source + glossary), then project rules over the collected facts. Severity and
ignores from the configuration are applied last, so the cache never depends on them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from capdev.cache import Cache, Memo, digest
from capdev.checks import catalog_pass, registry
from capdev.checks.catalog_pass import dump, load
from capdev.checks.context import GENERATED_PAGES, Doc, ProjectFacts
from capdev.checks.scan import Facts, scan_cells, scan_markdown
from capdev.checks.settings import Settings
from capdev.config import load_config
from capdev.errors import Finding
from capdev.pool import parallel_map
from capdev.sources.cached import discover
from capdev.sources.links import unsafe_links
from capdev.sources.project import Page, Project


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def run_checks(root: Path, paths: list[str] | None = None, use_cache: bool = True) -> Result:
    """Every finding of every rule, with configured severities, ignores and path limits."""
    root = root.resolve()
    if links := unsafe_links(root):  # refused before anything reads through them
        return Result(links)
    registry.load_all()
    version = registry.version()
    cache = Cache(root / ".cache" / "check" if use_cache else None, version)
    early = catalog_pass.start(root, cache)  # the catalogs are checked during discovery
    try:
        project, load_findings = discover(root, cache)
        pf = ProjectFacts(root, project=project, load_findings=load_findings,
                          memo=Memo(cache), languages=tuple(project.config.targets))
        raw: list[tuple[Finding, list[tuple[str, int]]]] = []
        raw += [(f, []) for f in _check_pages(pf, project.all_pages(), cache)]
        pf.generated = _generated(project)
        raw += catalog_pass.finish(pf, cache, early)
    finally:
        early.started.close()
    for r in registry.by_scope("project"):
        raw += [(f, []) for f in r.func(pf)]
    cache.save()
    settings = Settings.from_config(load_config(root))
    findings = settings.apply(raw, pf, paths)
    return Result(findings, len(project.all_pages()))


def publish_findings(project: Project) -> list[Finding]:
    """What `capdev build` checks before publishing, with the configured severities and
    inline ignores: the English pages' findings of the rules in `gate.SOURCE_RULES` (their
    errors stop the build) and the project rules in `gate.PUBLISH_WARNING_RULES` (the
    build's warnings, fatal under --strict). The scans share `capdev check`'s cache, so
    after a check (or a build) they cost nothing."""
    from capdev.checks.gate import PUBLISH_WARNING_RULES, SOURCE_RULES

    registry.load_all()
    root = project.root.resolve()
    cache = Cache(root / ".cache" / "check", registry.version())
    pf = ProjectFacts(root, project=project, memo=Memo(cache))
    found = _check_pages(pf, project.all_pages(), cache)
    raw = [(f, []) for f in found if f.rule in SOURCE_RULES]
    for r in registry.by_scope("project"):
        if r.id in PUBLISH_WARNING_RULES:
            raw += [(f, []) for f in r.func(pf)]
    cache.save()
    settings = Settings.from_config(project.config)
    return [f for f in settings.apply(raw, pf, None) if f.severity in ("error", "warning")]


def _generated(project: Project) -> set[str]:
    out = set(GENERATED_PAGES)
    out |= {f"{c.rel}/index.md" for c in project.courses}
    out |= {f"{p.rel}/index.md" for p in project.publications}
    return out


# -- pages ---------------------------------------------------------------------------------
def _check_pages(pf: ProjectFacts, pages: list[Page], cache: Cache) -> list[Finding]:
    hits: dict[str, Any] = {}
    misses = []
    for page in pages:
        # a notebook's findings also depend on the data files next to it (nb-data-missing)
        around = _listing(page.src.parent) if page.is_notebook else ""
        key = digest(page.src.read_bytes(), page.kind, page.out, around)
        hits[page.rel] = cache.get(page.rel, key)
        if hits[page.rel] is None:
            misses.append((page.rel, page.kind, page.out, str(page.src), page.is_notebook, key))
    for rel, key, data in parallel_map(_page_job, misses):
        if data is None:
            pf.undecodable.append(rel)
        else:
            hits[rel] = cache.put(rel, key, data)
    out: list[Finding] = []
    for page in pages:
        hit = hits[page.rel]
        if hit is not None:
            pf.docs[page.out] = Doc(page.rel, page.kind, page.out, Facts.from_dict(hit["facts"]),
                                    page.is_notebook, str(page.src))
            out += [load(d) for d in hit["findings"]]
    return out


def _page_job(job: tuple) -> tuple[str, str, dict | None]:
    rel, kind, out, src, notebook, key = job
    try:
        text = Path(src).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return rel, key, None
    facts = _scan(text, notebook)
    doc = Doc(rel, kind, out, facts, notebook, src)
    found = [f for r in registry.by_scope("markdown") for f in r.func(doc)]
    return rel, key, {"facts": facts.to_dict(), "findings": [dump(f) for f in found]}


def _listing(folder: Path) -> str:
    return "\n".join(sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                            if p.is_file() and not p.name.startswith(".")))


def _scan(text: str, notebook: bool) -> Facts:
    if not notebook:
        return scan_markdown(text)[0]
    try:
        nb = json.loads(text)
    except ValueError:
        return Facts()
    cells = []
    for i, cell in enumerate(nb.get("cells") or []):
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            cells.append((i + 1, "".join(src) if isinstance(src, list) else str(src)))
    return scan_cells(cells)
