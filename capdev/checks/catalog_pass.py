"""The catalog pass: every PO catalog checked once per content, on both cores when cold.

A catalog's result depends on its bytes, its English source and the glossary, and on
nothing else, so it is cached under that key and computed in worker processes when many
are missing (a cold run on a large project is dominated by this pass).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from capdev.cache import Cache, digest
from capdev.catalogs.po_read import inspect
from capdev.checks import registry
from capdev.checks.context import ProjectFacts
from capdev.checks.tr_catalog import CatalogFile, out_of_date
from capdev.checks.tr_context import Entry
from capdev.errors import CapdevError, Finding
from capdev.pool import Started, parallel_map

# The parsed termbase the jobs check against. Invariant: written only by `start`, in the
# parent, before any worker forks (each worker inherits it instead of unpickling it per
# job), and read only by `_job`; `finish` runs in the same process after `start`.
_GLOSSARY: Any = None


class CatalogJob(NamedTuple):
    """One catalog to check (a tuple, as `capdev.pool` hands jobs to forked workers)."""

    root: str
    po_rel: str  # translations/<lang>/<rel>.po
    rel: str  # the English source's path, project-relative
    lang: str
    source: str  # the English file, or "" for an orphan catalog
    key: str  # the cache key: catalog bytes, source bytes, glossary bytes, language


class JobResult(NamedTuple):
    po_rel: str
    key: str
    data: list[dict]  # the findings, dumped, each with its "occ" (the entry's occurrences)
    undecodable: bool


class Assumed(NamedTuple):
    """What `start` assumed of a catalog before discovery: its source by path, its key,
    and the cached result (None: a job computes it)."""

    source: str
    key: str
    hit: list[dict] | None


def dump(f: Finding) -> dict:
    return {**f.to_dict(), "cell": f.at_cell}


def load(d: dict) -> Finding:
    d = dict(d)
    d.pop("occ", None)
    if d.pop("cell", False):
        from capdev.notebooks.meta import CellFinding

        return CellFinding(**d)
    return Finding(**d)


@dataclass
class Early:
    """Catalog jobs started before discovery, each on the English file next to it by path
    (`translations/es/x.md.po` → `x.md`); `finish` keeps the ones the project confirms."""

    gbytes: bytes
    glossary_findings: list
    assumed: dict[str, Assumed]  # by po_rel
    started: Started


def start(root: Path, cache: Cache) -> Early:
    """Load the glossary (workers inherit it at fork) and start every catalog's checks."""
    global _GLOSSARY
    from capdev.checks import glossary as gl
    from capdev.config import load_config

    gpath = root / gl.GLOSSARY
    gbytes = gpath.read_bytes() if gpath.is_file() else b""
    _GLOSSARY, glossary_findings = gl.load(root)
    try:
        langs = tuple(load_config(root).targets)
    except CapdevError:  # discovery reports it; every catalog is then checked in `finish`
        langs = ()
    assumed: dict[str, Assumed] = {}
    jobs: list[CatalogJob] = []
    for lang in langs:
        base = root / "translations" / lang
        for po in sorted(base.rglob("*.po")) if base.is_dir() else []:
            rel = po.relative_to(base).as_posix()[:-3]
            po_rel, src = f"translations/{lang}/{rel}.po", root / rel
            source = str(src) if src.is_file() else ""
            key = digest(po.read_bytes(), src.read_bytes() if source else b"", gbytes, lang)
            hit = cache.get(po_rel, key)
            assumed[po_rel] = Assumed(source, key, hit)
            if hit is None:
                jobs.append(CatalogJob(str(root), po_rel, rel, lang, source, key))
    return Early(gbytes, glossary_findings, assumed, Started(_job, jobs))


def finish(pf: ProjectFacts, cache: Cache, early: Early) -> list[tuple[Finding, list]]:
    """Every catalog's findings: the early results where the project's source is the one
    assumed, the rest (orphans, sources without a catalog) computed now."""
    root = pf.root
    pf.glossary_findings = early.glossary_findings
    done: dict[str, JobResult] = {r.po_rel: r for r in early.started.results()}
    sources = {p.relative_to(root).as_posix(): p for p in pf.project.translatable_sources()}
    jobs: list[CatalogJob] = []
    results: dict[str, list[dict] | None] = {}
    for lang in pf.project.config.targets:
        base = root / "translations" / lang
        catalogs = {p.relative_to(base).as_posix()[:-3] for p in base.rglob("*.po")} \
            if base.is_dir() else set()
        for rel in sorted(set(sources) | catalogs):
            po_rel, source = f"translations/{lang}/{rel}.po", sources.get(rel)
            guess = early.assumed.get(po_rel)
            if guess is not None and guess.source == (str(source) if source else ""):
                results[po_rel] = guess.hit if guess.hit is not None else \
                    _keep(pf, cache, done[po_rel])
                continue
            po_path = root / po_rel
            po_bytes = po_path.read_bytes() if po_path.is_file() else b""
            key = digest(po_bytes, source.read_bytes() if source else b"", early.gbytes, lang)
            hit = cache.get(po_rel, key)
            if hit is None:
                jobs.append(CatalogJob(str(root), po_rel, rel, lang,
                                       str(source) if source else "", key))
            results[po_rel] = hit
    for result in parallel_map(_job, jobs):
        results[result.po_rel] = _keep(pf, cache, result)
    return [
        (load(d), [tuple(o) for o in d.get("occ", [])])
        for data in results.values() for d in data or []
    ]


def _keep(pf: ProjectFacts, cache: Cache, result: JobResult) -> list:
    if result.undecodable:
        pf.undecodable.append(result.po_rel)
    return cache.put(result.po_rel, result.key, result.data)


def _job(job: CatalogJob) -> JobResult:
    source = Path(job.source) if job.source else None
    try:
        found = catalog_findings(Path(job.root), job.po_rel, job.rel, job.lang, source, _GLOSSARY)
    except UnicodeDecodeError:
        return JobResult(job.po_rel, job.key, [], True)
    return JobResult(job.po_rel, job.key, [{**dump(f), "occ": occ} for f, occ in found], False)


def catalog_findings(root: Path, po_rel: str, rel: str, lang: str, source: Path | None,
                     glossary: Any) -> list[tuple[Finding, list]]:
    path = root / po_rel
    cat = CatalogFile(po_rel, rel if source else "", lang, root, orphan=source is None,
                      exists=path.is_file())
    entries: list = []
    if path.is_file():
        got, cat.problems = inspect(path.read_bytes(), po_rel)
        if got is None:
            cat.error = (cat.problems[0].line, cat.problems[0].message)
        else:
            entries = got.entries
    if source is not None and cat.error is None:
        cat.stale = out_of_date(source, rel, entries, path.is_file())
    found = [(f, []) for r in registry.by_scope("catalog") for f in r.func(cat)]
    return found + entry_findings(po_rel, entries, lang, glossary)


def entry_findings(
    po_rel: str, entries: list, lang: str, glossary: Any
) -> list[tuple[Finding, list]]:
    """Every entry rule on every translated entry (fuzzy, empty and obsolete ones are skipped).

    A translator silences a rule for one entry with a `# capdev-ignore rule-id` comment.
    The same (msgid, msgstr) pair recurs across catalogs (keywords, headings, memory
    matches): its results are computed once per process.
    """
    found: list[tuple[Finding, list]] = []
    for pe in entries:
        if not pe.msgid or not pe.msgstr or pe.obsolete or pe.fuzzy:
            continue
        if any(c.strip() == "capdev-ignore" for c in pe.tcomments):
            continue
        skip = {w for c in pe.tcomments if c.startswith("capdev-ignore") for w in c.split()[1:]}
        kind = pe.comments[0] if pe.comments else ""
        for rule, message, hint, col in _entry_results(pe.msgid, pe.msgstr, kind, lang, glossary):
            if rule not in skip:
                found.append((Finding(po_rel, pe.line, rule, message, hint, "error", col),
                              pe.occurrences))
    return found


_MEMO: dict[tuple, list[tuple[str, str, str, int]]] = {}


def _entry_results(msgid: str, msgstr: str, kind: str, lang: str,
                   glossary: Any) -> list[tuple[str, str, str, int]]:
    key = (msgid, msgstr, kind, lang, getattr(glossary, "key", None))
    got = _MEMO.get(key)
    if got is None:
        if len(_MEMO) > 200_000:
            _MEMO.clear()
        entry = Entry("", 0, msgid, msgstr, kind, lang, glossary)
        got = _MEMO[key] = [(f.rule, f.message, f.hint, f.col)
                            for r in registry.by_scope("entry") for f in r.func(entry)]
    return got
