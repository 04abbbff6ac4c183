"""Once per run: the policy notes' and publications' PDF and DOCX, in every language."""

from __future__ import annotations

from capdev.site.model import StageContext, StageReport
from capdev.sources.project import Project


def run(project: Project, report: StageReport, context: StageContext) -> None:
    sources = [n.src.parent for n in project.notes] + [p.dir for p in project.publications]
    if not sources:
        return
    from capdev.pdf import build_outputs

    out_dir = project.root / ".cache" / "artefacts"
    built = build_outputs(project.root, sources, list(project.config.languages), ["pdf", "docx"],
                          out_dir, draft=True)
    report.artefacts += [p.relative_to(project.root).as_posix() for p in built]
    context.pdf_files = built
