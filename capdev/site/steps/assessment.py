"""The self-assessment against the first course's competence framework; `teaches` gives
the courses step each module's schema.org competences from the same framework."""

from __future__ import annotations

from pathlib import Path

from capdev.site.stager import Stager


def run(stager: Stager) -> None:
    frameworks = [c.framework for c in stager.project.courses
                  if c.framework and c.framework.is_file()]
    if not frameworks:
        return
    from capdev.assessment import stage as assess_stage

    text = _framework_text(stager, frameworks[0])
    titles = {info.slug: info.title for _meta, infos in stager.context.courses.values()
              for info in infos}
    for path in assess_stage(stager.root, stager.lang, stager.dest, framework_text=text,
                             titles=titles or None):
        stager.written.add(path)
    stager.count_page()


def _framework_text(stager: Stager, path: Path) -> str | None:
    if stager.lang == stager.project.config.source_language:
        return None
    return stager.localize(path, page=False).text


def teaches(stager: Stager, framework: Path | None, module: str, title: str) -> str:
    """schema.org `teaches` JSON-LD for a module page, from the competence framework."""
    if framework is None or not framework.is_file():
        return ""
    from capdev.assessment import load_framework
    from capdev.assessment.schemaorg import teaches_script

    key = (stager.lang, str(framework))
    if key not in stager.context.frameworks:
        stager.context.frameworks[key] = load_framework(framework, _framework_text(stager, framework))
    return teaches_script(stager.context.frameworks[key], module, name=title)
