"""Build PDFs and DOCX files for many notes and languages: cached, in parallel.

The unit of work is one (document, language): its Markdown is read and checked once and
feeds both formats. Results are cached (see `cache`), so an unchanged note costs a hash and
a file copy.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from capdev.errors import CapdevError, Finding
from capdev.pdf import cache, render, source

FORMATS = ("pdf", "docx")


@dataclass
class Output:
    path: Path
    lang: str
    fmt: str
    seconds: float
    pages: int = 0
    cached: bool = False


@dataclass
class TaskResult:
    source: Path
    lang: str
    outputs: list[Output] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    """typst writes each page object uncompressed: count them (importing pypdf for this
    cost more than compiling a note). pypdf reads what has no visible page objects."""
    found = len(PAGE_OBJECT.findall(pdf))
    if found or b"/ObjStm" not in pdf:
        return found
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def build_one(root: Path, src: Path, lang: str, formats: list[str], out_dir: Path,
              draft: bool, only_cached: bool = False) -> TaskResult | None:
    """One document in one language, every requested format. With `only_cached`, return
    None as soon as something must be rendered (the parent then hands it to a worker)."""
    result = TaskResult(src, lang)
    try:
        if not _build_one(root, src, lang, formats, out_dir, draft, result, only_cached):
            return None
    except CapdevError as err:
        result.findings.extend(err.findings)
    return result


def _build_one(root: Path, src: Path, lang: str, formats: list[str], out_dir: Path,
               draft: bool, result: TaskResult, only_cached: bool) -> bool:
    start = time.perf_counter()
    doc = source.load(root, src, lang, draft)
    target = out_dir / doc.id
    names = {fmt: f"{cache.key(doc, fmt)}.{fmt}" for fmt in formats}
    hits = {fmt: cache.lookup(root, name) for fmt, name in names.items()}
    if only_cached and any(hit is None for hit in hits.values()):
        return False
    target.mkdir(parents=True, exist_ok=True)
    prep: render.Prepared | None = None
    for fmt in formats:
        out, name, hit = target / f"{doc.id}-{lang}.{fmt}", names[fmt], hits[fmt]
        if hit is not None:
            shutil.copyfile(hit[0], out)
            result.outputs.append(Output(out, lang, fmt, time.perf_counter() - start,
                                         hit[1].get("pages", 0), cached=True))
            start = time.perf_counter()
            continue
        prep = prep or render.prepare(root, doc)
        data = render.render_pdf(root, prep) if fmt == "pdf" else render.render_docx(root, prep)
        pages = page_count(data) if fmt == "pdf" else 0
        outside = [r.path for r in prep.resources
                   if not r.path.is_relative_to(doc.folder.resolve())]
        cache.store(root, name, data, outside, pages=pages)
        out.write_bytes(data)
        result.outputs.append(Output(out, lang, fmt, time.perf_counter() - start, pages))
        start = time.perf_counter()
    return True


def check_args(root: Path, langs: list[str], formats: list[str]) -> None:
    known = source.project_languages(root)
    bad = [f for f in formats if f not in FORMATS] + [lang for lang in langs if lang not in known]
    if bad:
        raise CapdevError(Finding("capdev pdf", 0, "pdf-usage",
                                  f"unknown language or format: {', '.join(bad)}",
                                  f"languages (mkdocs.yml): {', '.join(known)}; "
                                  f"formats: {', '.join(FORMATS)}"))


def build(root: Path, sources: list[Path], langs: list[str], formats: list[str],
          out_dir: Path, *, draft: bool = False, jobs: int = 2,
          on_done: Callable[[TaskResult], None] | None = None) -> list[TaskResult]:
    """Every (source, language) task; findings are collected, not raised."""
    check_args(root, langs, formats)
    root, out_dir = root.resolve(), out_dir.resolve()
    tasks = [(root, s.resolve(), lang, list(formats), out_dir, draft)
             for s in sources for lang in langs]
    done: dict[int, TaskResult] = {}
    todo: list[int] = []
    for i, task in enumerate(tasks):  # cache hits and bad input need no worker
        result = build_one(*task, only_cached=True)
        if result is None:
            todo.append(i)
        else:
            done[i] = result
            if on_done:
                on_done(result)
    if jobs <= 1 or len(todo) <= 1:
        for i in todo:
            done[i] = build_one(*tasks[i])  # type: ignore[assignment]
            if on_done:
                on_done(done[i])
    else:
        _in_pool(tasks, todo, done, jobs, on_done)
    return [done[i] for i in range(len(tasks))]


def _in_pool(tasks: list[tuple], todo: list[int], done: dict[int, TaskResult], jobs: int,
             on_done: Callable[[TaskResult], None] | None) -> None:
    """Threads, not processes: the work is pandoc subprocesses and typst's compiler (both
    outside Python), so threads run in parallel without a process pool's start-up cost,
    pickling, or the hazard of forking a process whose typst thread pool is running."""
    with ThreadPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = {i: pool.submit(build_one, *tasks[i]) for i in todo}
        for i, future in futures.items():
            done[i] = future.result()  # type: ignore[assignment]
            if on_done:
                on_done(done[i])


def build_outputs(root: Path, sources: list[Path], langs: list[str], formats: list[str],
                  out_dir: Path, *, draft: bool = False, jobs: int = 2) -> list[Path]:
    """Write `<out_dir>/<id>/<id>-<lang>.<fmt>`; raise CapdevError with every finding."""
    results = build(root, sources, langs, formats, out_dir, draft=draft, jobs=jobs)
    findings = [f for r in results for f in r.findings]
    if findings:
        raise CapdevError(sorted(set(findings)))
    return [o.path for r in results for o in r.outputs]
