"""`capdev build`: validate, stage, build every language in parallel, swap into place.

The previous `site/` is replaced only when every step succeeded, and by one rename: every
tree (each language, the offline zip) is built in a work folder next to it, so a content
error, a full disk or a killed build leaves the last good site untouched. One build runs
at a time per project (a lock under `.cache/`), and the output folder may hold no sources
(see `capdev.site.output`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from capdev import lock, oserrors
from capdev.config import load_config
from capdev.errors import CapdevError, Finding
from capdev.site import languages, output, uptodate
from capdev.site.model import Progress, StageReport, no_progress
from capdev.site.stage import stage
from capdev.sources import Project
from capdev.sources.cached import load_project


@dataclass
class BuildResult:
    site: Path
    report: StageReport
    seconds: dict[str, float] = field(default_factory=dict)
    offline_zip: Path | None = None
    up_to_date: bool = False  # nothing changed since the last build: nothing was done


def _run_languages(project: Project, stage_dir: Path, out: Path, strict: bool,
                   keep_fds: tuple[int, ...] = ()) -> dict[str, float]:
    """One MkDocs process per language, all at once (one per core on a 2-core machine).
    `keep_fds`: the build lock, held by the children too, so that orphans of a killed
    build still count as a running build."""
    procs: dict[str, tuple[subprocess.Popen[str], Path, float]] = {}
    config_file = str(project.root / "mkdocs.yml")
    for lang in project.config.languages:
        target = out if lang == project.config.source_language else out.parent / f"{out.name}-{lang}"
        proc = languages.start(config_file, str(target), lang, stage_dir, strict=strict,
                               capture=True, cwd=project.root, keep_fds=keep_fds)
        procs[lang] = (proc, target, time.perf_counter())
    seconds: dict[str, float] = {}
    failures: list[Finding] = []
    disk: OSError | None = None
    for lang, (proc, _target, start) in procs.items():
        log, _ = proc.communicate()
        seconds[lang] = time.perf_counter() - start
        if proc.returncode != 0:
            disk = disk or oserrors.from_output(log)
            failures.append(Finding("mkdocs.yml", 0, "site-build-failed",
                                    f"the {lang} build failed:\n{log.strip()}",
                                    "fix the problem MkDocs reports above, then build again"))
    if disk:
        raise disk  # a full or read-only disk: reported like the parent's own OSError
    if failures:
        raise CapdevError(failures)
    for lang, (_proc, target, _s) in procs.items():
        if target != out:
            shutil.move(str(target), str(out / lang))
    return seconds


def _swap(new: Path, site: Path) -> None:
    output.swap(new, site)


PACKED = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".gz", ".docx",
                    ".woff", ".woff2"})


def offline_zip(site: Path, name: str) -> Path:
    """The whole site (both languages, PDFs, notebooks) as one zip that works from disk,
    written under a temporary name: a reader never sees a partial zip."""
    target = site / "downloads" / f"{name}-offline.zip"
    files = [(path, f"{name}/{path.relative_to(site).as_posix()}") for path in sorted(site.rglob("*"))
             if path.is_file() and path != target and path.name != output.MARKER]
    return write_zip(target, files)


def write_zip(target: Path, files: list[tuple[Path, str]],
              extra: dict[str, bytes] | None = None) -> Path:
    """`files` (path on disk, name in the zip) and `extra` (name, bytes) into `target`,
    through a temporary name: a reader never sees a partial zip (`capdev export scorm`
    writes its packages with it too)."""
    partial = target.with_name(f".{target.name}.part")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, data in (extra or {}).items():
                zf.writestr(name, data)
            for path, name in files:
                if path == partial:
                    continue
                # already-compressed files are stored: deflating them again costs time, saves nothing
                kind = zipfile.ZIP_STORED if path.suffix.lower() in PACKED else zipfile.ZIP_DEFLATED
                zf.write(path, name, compress_type=kind)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def build(root: Path, site: Path | None = None, strict: bool = False,
          force: bool = False, progress: Progress = no_progress,
          rebuild: bool = False) -> BuildResult:
    """`force`: replace a non-empty output folder capdev did not create (never sources);
    `progress` is told each step as it starts; `rebuild`: build even when nothing changed
    since the last build (`uptodate`)."""
    root = root.resolve()
    site = (site or root / "site").resolve()
    output.check(root, site, force)
    with lock.hold(root / ".cache" / "build.lock", ".cache/build.lock") as fd:
        inputs = uptodate.fingerprint(root, site, {"strict": strict})
        # `execute: always` asks for the notebooks to run on every build
        if not rebuild and load_config(root).execute != "always" \
                and uptodate.is_current(root, site, inputs):
            return BuildResult(site, StageReport(), up_to_date=True)
        uptodate.forget(root)  # a build that fails or warns leaves no record behind
        project = load_project(root)
        work = output.workspace(site)
        try:
            result = _build_in(project, work, site, strict, fd, progress)
        finally:
            output.discard(work)  # this build's trees, or the previous site after the swap
        if not result.report.warnings:
            uptodate.record(root, site, inputs)
        return result


def _build_in(project: Project, work: Path, site: Path, strict: bool, lock_fd: int,
              progress: Progress) -> BuildResult:
    stage_dir = project.root / ".cache" / "stage"
    started = time.perf_counter()
    report = stage(project, stage_dir, progress=progress)
    staged = time.perf_counter() - started
    tree = work / "site"
    progress("building the site: " + ", ".join(project.config.languages) + " in parallel (MkDocs)")
    seconds = _run_languages(project, stage_dir, tree, strict, (lock_fd,))
    if strict:
        raise_if_strict(report.warnings)
    progress("writing the offline copy (zip)")
    zipped = offline_zip(tree, _slug(project))
    output.mark(tree)
    _swap(tree, site)
    return BuildResult(site, report, {"staging": staged, **seconds},
                       site / zipped.relative_to(tree))


def raise_if_strict(warnings: list[Finding]) -> None:
    """`--strict` fails on staging's warnings as MkDocs does on its own: once, after
    everything was built, before the swap (the previous site stays)."""
    if warnings:
        n = len(warnings)
        raise CapdevError([*warnings, Finding(
            "capdev", 0, "strict-warnings",
            f"aborted with {n} warning{'s' if n != 1 else ''} in strict mode; the site was not replaced",
            "fix the warnings above, or build without --strict")])


def _slug(project: Project) -> str:
    if project.courses:
        return project.courses[0].id
    return project.root.name
