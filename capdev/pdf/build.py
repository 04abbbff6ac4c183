"""Build PDFs and DOCX files for many notes and languages: cached, in parallel.

The unit of work is one (document, language): its Markdown is read and checked once and
feeds both formats. Results are cached under `<root>/.cache/pdf/` by a hash of
everything that shapes them (texts, the folder's files, code and templates, tool
versions, options), so an unchanged note costs a hash and a file copy.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from capdev.errors import CapdevError, Finding
from capdev.pdf import pandoc, render, source

FORMATS = ("pdf", "docx")
CACHE_DIR = Path(".cache") / "pdf"


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


@cache
def code_hash() -> str:
    """Changes to our code or templates invalidate the cache."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *(here / "templates").iterdir()]):
        digest.update(path.name.encode() + path.read_bytes())
    import typst

    digest.update(pandoc.pandoc_version().encode() + typst.__version__.encode())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_key(doc: source.Document, fmt: str) -> str:
    digest = hashlib.sha256()
    for item in (code_hash(), doc.lang, fmt, str(doc.draft), doc.kind, doc.id):
        digest.update(item.encode() + b"\0")
    for part in doc.parts:
        digest.update(part.text.encode())
    for path in sorted(p for p in doc.folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(doc.folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:32]


def _cache_hit(cache: Path, key: str, fmt: str) -> dict | None:
    manifest = cache / f"{key}.{fmt}.json"
    if not manifest.is_file() or not (cache / f"{key}.{fmt}").is_file():
        return None
    data = json.loads(manifest.read_text("utf-8"))
    for dep, digest in data.get("deps", {}).items():  # files outside the note's folder
        path = Path(dep)
        if not path.is_file() or _file_hash(path) != digest:
            return None
    return data


def _store(cache: Path, key: str, fmt: str, data: bytes, pages: int,
           deps: list[Path]) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f"{key}.{fmt}.tmp"
    tmp.write_bytes(data)
    tmp.replace(cache / f"{key}.{fmt}")
    manifest = {"pages": pages, "deps": {str(p): _file_hash(p) for p in deps}}
    (cache / f"{key}.{fmt}.json").write_text(json.dumps(manifest), "utf-8")


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
    cache = root / CACHE_DIR
    target = out_dir / doc.id
    target.mkdir(parents=True, exist_ok=True)
    prep: render.Prepared | None = None
    for fmt in formats:
        out = target / f"{doc.id}-{lang}.{fmt}"
        key = cache_key(doc, fmt)
        hit = _cache_hit(cache, key, fmt)
        if hit is not None:
            shutil.copyfile(cache / f"{key}.{fmt}", out)
            result.outputs.append(Output(out, lang, fmt, time.perf_counter() - start,
                                         hit.get("pages", 0), cached=True))
            start = time.perf_counter()
            continue
        prep = prep or render.prepare(root, doc)
        data = render.render_pdf(root, prep) if fmt == "pdf" else render.render_docx(root, prep)
        pages = page_count(data) if fmt == "pdf" else 0
        deps = [r.path for r in prep.resources if not r.path.is_relative_to(doc.folder.resolve())]
        _store(cache, key, fmt, data, pages, deps)
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
