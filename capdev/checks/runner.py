"""`capdev check`: discover, check each file once (cached), check across files, report once.

Order of work: per-page scans and rules (cached by content), per-catalog rules (cached by
catalog + source + glossary), then project rules over the collected facts. Severity and
ignores from the configuration are applied last, so the cache never depends on them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from capdev.checks import registry
from capdev.checks.cache import Cache, Memo, digest
from capdev.checks.context import GENERATED_PAGES, Doc, ProjectFacts
from capdev.checks.po_read import PoSyntaxError
from capdev.checks.po_read import parse as parse_po
from capdev.checks.scan import Facts, scan_cells, scan_markdown
from capdev.checks.settings import Settings
from capdev.checks.tr_catalog import out_of_date
from capdev.checks.tr_context import Catalog, Entry
from capdev.config import load_config
from capdev.errors import Finding
from capdev.notebooks.meta import CellFinding
from capdev.sources.project import Page, Project, _courses, _docs_pages, _notes, _publications


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


def discover(root: Path) -> tuple[Project, list[Finding]]:
    """Project.load, but keeping going: every finding is returned, nothing is raised."""
    project = Project(root, load_config(root))
    findings: list[Finding] = []
    project.pages = _docs_pages(root, findings)
    project.courses = [c for c in _courses(root, findings) if c]
    project.notes = _notes(root, findings)
    project.publications = _publications(root, findings)
    return project, findings


def run_checks(root: Path, paths: list[str] | None = None, use_cache: bool = True) -> Result:
    """Every finding of every rule, with configured severities, ignores and path limits."""
    root = root.resolve()
    registry.load_all()
    version = registry.version()
    cache = Cache(root / ".cache" / "check" if use_cache else None, version)
    project, load_findings = discover(root)
    pf = ProjectFacts(root, project=project, load_findings=load_findings, memo=Memo(cache))
    raw: list[tuple[Finding, list[tuple[str, int]]]] = []
    for page in project.all_pages():
        raw += [(f, []) for f in _check_page(pf, page, cache)]
    pf.generated = _generated(project)
    raw += [(f, occ) for f, occ in _check_catalogs(pf, cache)]
    for r in registry.by_scope("project"):
        raw += [(f, []) for f in r.func(pf)]
    cache.save()
    settings = Settings.from_config(load_config(root))
    findings = settings.apply(raw, pf, paths)
    return Result(findings, len(project.all_pages()))


def _generated(project: Project) -> set[str]:
    out = set(GENERATED_PAGES)
    out |= {f"{c.rel}/index.md" for c in project.courses}
    out |= {f"{p.rel}/index.md" for p in project.publications}
    return out


# -- pages ---------------------------------------------------------------------------------
def _check_page(pf: ProjectFacts, page: Page, cache: Cache) -> list[Finding]:
    raw = page.src.read_bytes()
    key = digest(raw, page.kind, page.out)
    hit = cache.get(page.rel, key)
    if hit is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pf.undecodable.append(page.rel)
            return []
        facts = _scan(text, page.is_notebook)
        doc = Doc(page.rel, page.kind, page.out, facts, page.is_notebook, str(page.src))
        found = [f for r in registry.by_scope("markdown") for f in r.func(doc)]
        hit = cache.put(page.rel, key, {"facts": facts.to_dict(), "findings": [_dump(f) for f in found]})
    doc = Doc(page.rel, page.kind, page.out, Facts.from_dict(hit["facts"]), page.is_notebook, str(page.src))
    pf.docs[page.out] = doc
    return [_load(d) for d in hit["findings"]]


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


def _dump(f: Finding) -> dict:
    return {**f.to_dict(), "cell": isinstance(f, CellFinding)}


def _load(d: dict) -> Finding:
    d = dict(d)
    cls = CellFinding if d.pop("cell", False) else Finding
    d.pop("occ", None)
    return cls(**d)


# -- catalogs ------------------------------------------------------------------------------
def _check_catalogs(pf: ProjectFacts, cache: Cache) -> list[tuple[Finding, list]]:
    from capdev.checks import glossary as gl

    root = pf.root
    gpath = root / gl.GLOSSARY
    gbytes = gpath.read_bytes() if gpath.is_file() else b""
    glossary, pf.glossary_findings = gl.load(root)
    sources = {pf.project.rel(p): p for p in pf.project.translatable_sources()}
    out: list[tuple[Finding, list]] = []
    for lang in pf.project.config.targets:
        base = root / "translations" / lang
        catalogs = {p.relative_to(base).as_posix()[:-3]: p for p in base.rglob("*.po")} \
            if base.is_dir() else {}
        for rel in sorted(set(sources) | set(catalogs)):
            out += _check_catalog(pf, cache, rel, lang, sources.get(rel), gbytes, glossary)
    return out


def _check_catalog(pf: ProjectFacts, cache: Cache, rel: str, lang: str, source: Path | None,
                   gbytes: bytes, glossary: object) -> list[tuple[Finding, list]]:
    root = pf.root
    po_path = root / "translations" / lang / f"{rel}.po"
    po_rel = po_path.relative_to(root).as_posix()
    po_bytes = po_path.read_bytes() if po_path.is_file() else b""
    src_bytes = source.read_bytes() if source is not None else b""
    key = digest(po_bytes, src_bytes, gbytes, lang)
    hit = cache.get(po_rel, key)
    if hit is None:
        found = _catalog_findings(root, po_rel, rel, lang, source, po_bytes, glossary, pf)
        hit = cache.put(po_rel, key, [{**_dump(f), "occ": occ} for f, occ in found])
    return [(_load(d), [tuple(o) for o in d.get("occ", [])]) for d in hit]


def _catalog_findings(root: Path, po_rel: str, rel: str, lang: str, source: Path | None,
                      po_bytes: bytes, glossary: object, pf: ProjectFacts) -> list[tuple[Finding, list]]:
    cat = Catalog(po_rel, rel if source else "", lang, root, orphan=source is None)
    entries = []
    if po_bytes:
        try:
            entries = parse_po(po_bytes.decode("utf-8"))
        except UnicodeDecodeError:
            pf.undecodable.append(po_rel)
            return []
        except PoSyntaxError as exc:
            cat.error = (exc.line, exc.message)
    if source is not None and cat.error is None:
        cat.stale = out_of_date(source, rel, entries, bool(po_bytes))
    found: list[tuple[Finding, list]] = [(f, []) for r in registry.by_scope("catalog") for f in r.func(cat)]
    return found + entry_findings(po_rel, entries, lang, glossary)


def entry_findings(po_rel: str, entries: list, lang: str, glossary: object) -> list[tuple[Finding, list]]:
    """Every entry rule on every translated entry (fuzzy, empty and obsolete ones are skipped).

    A translator silences a rule for one entry with a `# capdev-ignore rule-id` comment.
    """
    rules = registry.by_scope("entry")
    found: list[tuple[Finding, list]] = []
    for pe in entries:
        if not pe.msgid or not pe.msgstr or pe.obsolete or pe.fuzzy:
            continue
        entry = Entry(po_rel, pe.line, pe.msgid, pe.msgstr, pe.comments[0] if pe.comments else "",
                      lang, glossary)
        skip = {w for c in pe.tcomments if c.startswith("capdev-ignore") for w in c.split()[1:]}
        if any(c.strip() == "capdev-ignore" for c in pe.tcomments):
            continue
        for r in rules:
            if r.id not in skip:
                found += [(f, pe.occurrences) for f in r.func(entry)]
    return found
