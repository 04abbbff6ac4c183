"""Once per run: execute the notebooks (cached), each in every language its page is
published in: the translated notebook (labels cell and comments from its catalog) runs
itself, so its charts, tables and printed text are in that language. The helpers below
let the courses step turn a notebook lesson into a page from that result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from capdev.site.model import Localized, StageContext, StageReport
from capdev.site.stager import Stager
from capdev.sources.project import Page, Project


def run(project: Project, report: StageReport, context: StageContext) -> None:
    notebooks = [p.src for p in project.all_pages() if p.is_notebook]
    if notebooks:
        from capdev.notebooks import run_notebooks

        done = run_notebooks(project.root, notebooks, execute=project.config.execute,
                             timeout=project.config.cell_timeout,
                             translations=_translations(project, notebooks))
        report.notebooks_run, report.notebooks_cached = done.executed, done.cached
        context.notebooks = done.notebooks
        context.localized_notebooks = done.localized


def _translations(project: Project, notebooks: list[Path]) -> dict[Path, dict[str, Any]]:
    """Each notebook in each target language whose page is translated (above the threshold,
    as `Stager.localize` decides): what that page's reader runs and downloads."""
    import nbformat

    from capdev.catalogs import translate_file
    from capdev.checks.gate import refusal

    out: dict[Path, dict[str, Any]] = {}
    for lang in project.config.targets:
        for src in notebooks:
            tf = translate_file(project.root, src, lang, mark=False, guard=refusal)
            if tf.ratio >= project.config.threshold:
                out.setdefault(src, {})[lang] = nbformat.reads(tf.text, as_version=4)
    return out


def localize(stager: Stager, lesson: Page) -> Localized:
    if stager.lang == stager.project.config.source_language:
        return Localized("", stager.lang)
    loc = stager.localize(lesson.src)
    if loc.fallback:
        return Localized("", loc.lang, True, False, loc.ratio)
    return loc


def meta(loc: Localized) -> dict[str, Any]:
    if not loc.text:
        return {}
    return (json.loads(loc.text).get("metadata") or {}).get("capdev") or {}


def text(stager: Stager, lesson: Page, loc: Localized) -> str:
    import nbformat

    from capdev.notebooks import notebook_page
    from capdev.notebooks.download import published_data

    translated = nbformat.reads(loc.text, as_version=4) if loc.text else None
    executed = stager.context.localized_notebooks.get(lesson.src, {}).get(stager.lang) \
        if translated is not None else None
    if executed is None:  # the English page, or a page that falls back to English
        executed = stager.context.notebooks[lesson.src]
    dest = (stager.dest / lesson.out).parent
    source_dir = (stager.root / lesson.src).parent
    # The declared data are linked from the page, each CSV with its XLSX copy (no-code path).
    page = notebook_page(executed, stager.lang, dest, Path(lesson.out).stem, translated=translated,
                         repo_url=stager.project.config.repo_url or None, source_rel=lesson.rel,
                         source_dir=source_dir)
    stager.written.update(_files(dest, Path(lesson.out).stem))
    stager.written.update(dest / name for name in published_data(executed, source_dir))
    return page


def _files(dest: Path, stem: str) -> set[Path]:
    files = {dest / f"{stem}.ipynb"}
    folder = dest / f"{stem}_files"
    if folder.is_dir():
        files |= {p for p in folder.rglob("*") if p.is_file()}
    return files
