"""Staging: English sources + catalogs → one MkDocs docs tree per language.

`.cache/stage/<lang>/` holds every page a language build reads: site pages, generated
course and module overviews, furnished lessons, notebooks as pages, policy notes and
publications, the self-assessment, and their assets. Files are only rewritten when their
content changes, so `mkdocs serve` does not loop on its own output. The work is a list of
named steps (capdev.site.steps), each timed into `StageReport.seconds`.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from capdev.catalogs.po import atomic_write, unreadable
from capdev.checks.runner import publish_findings
from capdev.errors import CapdevError, raise_if_errors
from capdev.site import steps
from capdev.site.model import Progress, StageContext, StageReport, no_progress
from capdev.site.stager import Stager
from capdev.sources.project import Project


def run_step(step: steps.Step, report: StageReport, *args: Any) -> None:
    """Run one step, timed; a user error names the step, our own bug keeps its traceback
    with the step's name added."""
    started = time.perf_counter()
    try:
        step.run(*args)
    except CapdevError as err:
        raise CapdevError([replace(f, message=f"staging step {step.name} failed: {f.message}")
                           for f in err.findings]) from None
    except Exception as err:
        err.add_note(f"in staging step {step.name}")
        raise
    finally:
        report.seconds[step.name] = report.seconds.get(step.name, 0.0) \
            + time.perf_counter() - started


def stage(project: Project, stage_dir: Path, langs: list[str] | None = None,
          progress: Progress = no_progress) -> StageReport:
    """Stage every language; content that could run code in a reader's browser stops it."""
    checked = publish_findings(project)
    raise_if_errors([f for f in checked if f.severity == "error"])
    raise_if_errors(unreadable(project.root, project.translatable_sources(), project.config.targets))
    report = StageReport()
    report.warnings += [f for f in checked if f.severity == "warning"]
    context = StageContext()
    for step in steps.ONCE:
        progress(f"staging: {step.name.replace('_', ' ')}")
        run_step(step, report, project, report, context)
    for lang in langs or list(project.config.languages):
        stager = Stager(project, stage_dir, lang, report, context)
        for step in steps.PER_LANGUAGE:
            progress(f"staging {lang}: {step.name.replace('_', ' ')}")
            run_step(step, report, stager)
        atomic_write(stage_dir / f"fallbacks-{lang}.json",
                     json.dumps(sorted(report.fallbacks.get(lang, [])), indent=1))
        if stager.words[0]:
            report.coverage[lang] = stager.words[1] / stager.words[0]
        elif lang != project.config.source_language:
            report.coverage[lang] = 1.0
    return report
