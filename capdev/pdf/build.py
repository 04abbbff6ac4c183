"""Build PDFs and DOCX files for many notes and languages: cached, in parallel.

The unit of work is one (document, language): its Markdown is read and checked once and
feeds both formats. Results are cached (see `cache`), so an unchanged note costs a hash and
a file copy.
"""

from __future__ import annotations

import multiprocessing
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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


def page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def build_one(root: Path, src: Path, lang: str, formats: list[str], out_dir: Path,
              draft: bool) -> TaskResult:
    """Worker: one document in one language, every requested format."""
    result = TaskResult(src, lang)
    try:
        _build_one(root, src, lang, formats, out_dir, draft, result)
    except CapdevError as err:
        result.findings.extend(err.findings)
    return result


def _build_one(root: Path, src: Path, lang: str, formats: list[str], out_dir: Path,
               draft: bool, result: TaskResult) -> None:
    start = time.perf_counter()
    doc = source.load(root, src, lang, draft)
    target = out_dir / doc.id
    target.mkdir(parents=True, exist_ok=True)
    prep: render.Prepared | None = None
    for fmt in formats:
        out = target / f"{doc.id}-{lang}.{fmt}"
        name = f"{cache.key(doc, fmt)}.{fmt}"
        hit = cache.lookup(root, name)
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


def check_args(langs: list[str], formats: list[str]) -> None:
    bad = [f for f in formats if f not in FORMATS] + [lang for lang in langs
                                                     if lang not in ("en", "es")]
    if bad:
        raise CapdevError(Finding("capdev pdf", 0, "pdf-usage",
                                  f"unknown language or format: {', '.join(bad)}",
                                  "languages: en, es; formats: pdf, docx"))


def build(root: Path, sources: list[Path], langs: list[str], formats: list[str],
          out_dir: Path, *, draft: bool = False, jobs: int = 2,
          on_done: Callable[[TaskResult], None] | None = None) -> list[TaskResult]:
    """Every (source, language) task; findings are collected, not raised."""
    check_args(langs, formats)
    root, out_dir = root.resolve(), out_dir.resolve()
    tasks = [(root, s.resolve(), lang, list(formats), out_dir, draft)
             for s in sources for lang in langs]
    results: list[TaskResult] = []
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            results.append(build_one(*task))
            if on_done:
                on_done(results[-1])
        return results
    # Never fork a process that may have run typst (its Rust thread pool does not survive
    # fork: the child hangs); workers come from a clean fork server instead.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["capdev.pdf.build"])
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        futures = [pool.submit(build_one, *task) for task in tasks]
        for future in futures:
            results.append(future.result())
            if on_done:
                on_done(results[-1])
    return results


def build_outputs(root: Path, sources: list[Path], langs: list[str], formats: list[str],
                  out_dir: Path, *, draft: bool = False, jobs: int = 2) -> list[Path]:
    """Write `<out_dir>/<id>/<id>-<lang>.<fmt>`; raise CapdevError with every finding."""
    results = build(root, sources, langs, formats, out_dir, draft=draft, jobs=jobs)
    findings = [f for r in results for f in r.findings]
    if findings:
        raise CapdevError(sorted(set(findings)))
    return [o.path for r in results for o in r.outputs]
