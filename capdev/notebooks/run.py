"""`run_notebooks`: cache look-ups first, then the misses executed in parallel.

Look-ups happen on the calling thread and start no kernel; only misses reach the pool, one
kernel per notebook, `jobs` at a time (the work is in the kernel processes, so threads
suffice). Every failure is collected before raising, so one build reports every broken
notebook, and notebooks that did run are cached even when a sibling fails.

A translated notebook (its labels cell and comments in another language) is a job of its
own, keyed and cached per language; one whose code is the English code shares the English
run, so a notebook without labels starts one kernel for every language.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from nbformat import NotebookNode

from capdev.errors import CapdevError, Finding

from .cache import Environment, NotebookCache, cache_key
from .checks import check_notebook, output_findings
from .execute import KernelCounter, execute_notebook
from .meta import read_notebook, rel

MODES = ("auto", "always", "never")
BLOCKING = {"nb-invalid", "nb-no-kernelspec", "nb-data-missing"}

Progress = Callable[[Path, str], None]  # (notebook path, "cached"|"executed"|"failed"|"skipped")


@dataclass
class RunReport:
    executed: int = 0
    cached: int = 0
    skipped: int = 0  # execute: never and no cache entry: rendered without outputs
    kernels_started: int = 0
    seconds: float = 0.0
    notebooks: dict[Path, NotebookNode] = field(default_factory=dict)
    # path → language → the translated notebook as executed (its code in that language)
    localized: dict[Path, dict[str, NotebookNode]] = field(default_factory=dict)
    timings: dict[Path, float] = field(default_factory=dict)  # execution seconds per miss
    findings: list[Finding] = field(default_factory=list)  # warnings about outputs (alt text)

    def summary(self) -> str:
        text = f"notebooks: {self.executed} executed, {self.cached} from cache"
        if self.skipped:
            text += f", {self.skipped} not executed (execute: never)"
        return f"{text} — {self.kernels_started} kernels, {self.seconds:.1f} s"


@dataclass
class _Job:
    path: Path  # as given by the caller: the key in RunReport.notebooks
    abspath: Path
    shown: str
    source: NotebookNode
    key: str
    lang: str = ""  # "": the notebook as written; else the translation into `lang`


def run_notebooks(root: Path, paths: list[Path], *, execute: str = "auto", timeout: int = 120,
                  jobs: int = 2, progress: Progress | None = None,
                  translations: dict[Path, dict[str, NotebookNode]] | None = None) -> RunReport:
    """Execute (or fetch from cache) every notebook; raise CapdevError with all failures.

    `paths` are relative to `root` (or absolute); `timeout` is per cell in seconds (0: none).
    `translations`: per path, the notebook rendered in each other language (from its
    catalog); each is executed too, into `RunReport.localized`.
    """
    if execute not in MODES:
        raise CapdevError(Finding("capdev", 0, "nb-config",
                                  f"execute: '{execute}' is not one of {', '.join(MODES)}"))
    started = time.perf_counter()
    report, cache, env = RunReport(), NotebookCache(root), Environment.probe(root)
    todo, findings = [], []
    shared: list[_Job] = []  # translations whose code is the English code
    for path in paths:
        job, problems = _prepare(root, path, env)
        findings += problems
        if job is None:
            continue
        variants = [_variant(job, lang, nb, env) for lang, nb in
                    sorted((translations or {}).get(path, {}).items())]
        shared += [v for v in variants if v.key == job.key]
        for each in [job, *(v for v in variants if v.key != job.key)]:
            hit = None if execute == "always" else \
                cache.load(each.shown, each.key, each.source, each.lang)
            if hit is not None or execute == "never":
                _finish(report, each, hit if hit is not None else each.source,
                        "cached" if hit is not None else "skipped", progress)
            else:
                todo.append(each)
    findings += _execute_all(todo, cache, report, timeout, jobs, progress)
    for v in shared:
        if v.path in report.notebooks:
            report.localized.setdefault(v.path, {})[v.lang] = report.notebooks[v.path]
    report.notebooks = {p: report.notebooks[p] for p in paths if p in report.notebooks}
    report.seconds = time.perf_counter() - started
    if findings:
        error = CapdevError(findings)
        error.report = report  # what did run (and is cached), for the build summary
        raise error
    return report


def _prepare(root: Path, path: Path, env: Environment) -> tuple[_Job | None, list[Finding]]:
    abspath = path if path.is_absolute() else root / path
    shown = rel(abspath, root)
    blocking = [f for f in check_notebook(abspath, root) if f.rule in BLOCKING]
    if blocking:
        return None, blocking
    source = read_notebook(abspath)
    return _Job(path, abspath, shown, source, cache_key(source, abspath, shown, env)), []


def _variant(job: _Job, lang: str, translated: NotebookNode, env: Environment) -> _Job:
    return replace(job, source=translated, lang=lang,
                   key=cache_key(translated, job.abspath, job.shown, env))


def _execute_all(todo: list[_Job], cache: NotebookCache, report: RunReport, timeout: int,
                 jobs: int, progress: Progress | None) -> list[Finding]:
    if not todo:
        return []
    counter, findings = KernelCounter(), []

    def work(job: _Job) -> tuple[NotebookNode, float]:
        t0 = time.perf_counter()
        nb = execute_notebook(job.source, job.abspath, job.shown, timeout=timeout or None,
                              counter=counter)
        return nb, time.perf_counter() - t0

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        futures = {pool.submit(work, job): job for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            try:
                nb, secs = future.result()
            except CapdevError as exc:
                findings += [_in_language(f, job.lang) for f in exc.findings]
                if progress:
                    progress(job.path, "failed")
                continue
            cache.store(job.shown, job.key, nb, job.lang)
            report.timings[job.path] = secs
            _finish(report, job, nb, "executed", progress)
    report.kernels_started = counter.value
    return findings


def _in_language(finding: Finding, lang: str) -> Finding:
    """A failure of a translated notebook says so: its English may run fine."""
    if not lang:
        return finding
    return replace(finding, message=f"in the '{lang}' notebook (its labels and comments "
                                    f"translated): {finding.message}")


def _finish(report: RunReport, job: _Job, nb: NotebookNode, status: str,
            progress: Progress | None) -> None:
    if job.lang:  # the alt-text warnings are the English notebook's
        report.localized.setdefault(job.path, {})[job.lang] = nb
    else:
        report.notebooks[job.path] = nb
        report.findings += output_findings(nb, job.shown)
    setattr(report, status, getattr(report, status) + 1)
    if progress:
        progress(job.path, status)
