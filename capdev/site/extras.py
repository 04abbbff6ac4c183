"""Staging of the pieces other subsystems produce: notebooks, notes, publications, the
self-assessment, the glossary and the translation-status page.

Each subsystem owns its rendering; this module only places its output in the language tree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capdev.catalogs.status import collect
from capdev.checks.gate import refusal
from capdev.site import pages
from capdev.site.labels import label

if TYPE_CHECKING:
    from capdev.site.stage import Localized, Stager, StageReport
    from capdev.sources.project import Page, Project


# -- notebooks -----------------------------------------------------------------------------
def prepare(project: Project, report: StageReport, context: dict[str, Any]) -> None:
    """Work done once for all languages: execute notebooks (cached), build PDFs."""
    notebooks = [p.src for p in project.all_pages() if p.is_notebook]
    if notebooks:
        from capdev.notebooks import run_notebooks

        run = run_notebooks(project.root, notebooks, execute=project.config.execute,
                            timeout=project.config.cell_timeout)
        report.notebooks_run, report.notebooks_cached = run.executed, run.cached
        context["notebooks"] = run.notebooks
    context["pdf"] = _build_pdfs(project, report)


def notebook_localize(stager: Stager, lesson: Page) -> Localized:
    from capdev.site.stage import Localized

    if stager.lang == stager.project.config.source_language:
        return Localized("", stager.lang)
    loc = stager.localize(lesson.src)
    if loc.fallback:
        return Localized("", loc.lang, True, False, loc.ratio)
    return loc


def notebook_meta(loc: Localized) -> dict[str, Any]:
    if not loc.text:
        return {}
    return (json.loads(loc.text).get("metadata") or {}).get("capdev") or {}


def notebook_text(stager: Stager, lesson: Page, loc: Localized) -> str:
    import nbformat

    from capdev.notebooks import notebook_page

    executed = stager.context["notebooks"][lesson.src]
    translated = nbformat.reads(loc.text, as_version=4) if loc.text else None
    dest = (stager.dest / lesson.out).parent
    text = notebook_page(executed, stager.lang, dest, Path(lesson.out).stem, translated=translated,
                         repo_url=stager.project.config.repo_url or None, source_rel=lesson.rel)
    stager.written.update(_nb_files(dest, Path(lesson.out).stem))
    return text


def _nb_files(dest: Path, stem: str) -> set[Path]:
    files = {dest / f"{stem}.ipynb"}
    folder = dest / f"{stem}_files"
    if folder.is_dir():
        files |= {p for p in folder.rglob("*") if p.is_file()}
    return files


# -- policy notes and publications ------------------------------------------------------
def _build_pdfs(project: Project, report: StageReport) -> dict[str, list[Path]]:
    sources = [n.src.parent for n in project.notes] + [p.dir for p in project.publications]
    if not sources:
        return {}
    from capdev.pdf import build_outputs

    out_dir = project.root / ".cache" / "artefacts"
    built = build_outputs(project.root, sources, list(project.config.languages), ["pdf", "docx"],
                          out_dir, draft=True)
    report.artefacts += [p.relative_to(project.root).as_posix() for p in built]
    return {"dir": out_dir, "files": built}


def stage_notes(stager: Stager, project: Project) -> None:
    if project.notes:
        from capdev.site.stage import Localized

        title = label(stager.lang, "notes")
        items = [f"- [{pages.plain(_note_title(stager, n))}]({Path(n.out).parent.name}/index.md)"
                 for n in project.notes]
        text = (pages.front_matter({"title": title}) + f"# {title}\n\n"
                + label(stager.lang, "notes_intro") + "\n\n" + "\n".join(items) + "\n")
        stager.write("policy_notes/index.md", stager.stamp(text, Localized(text, stager.lang),
                                                           "policy_notes"))
    for note in project.notes:
        _stage_web(stager, note.src.parent, note.rel, f"{Path(note.out).parent.as_posix()}")


def _note_title(stager: Stager, note: Page) -> str:
    if stager.lang == stager.project.config.source_language:
        return note.title
    meta, _ = pages.split_front(stager.localize(note.src).text)
    return str(meta.get("title") or note.title)


def stage_publications(stager: Stager, project: Project) -> None:
    for pub in project.publications:
        _stage_web(stager, pub.dir, f"{pub.rel}/publication.yml", pub.rel)


def _stage_web(stager: Stager, folder: Path, source_rel: str, out_dir: str) -> None:
    from capdev.pdf import web_pages
    from capdev.site.stage import Localized

    lang = stager.lang
    loc = Localized("", lang)
    if lang != stager.project.config.source_language:
        loc = stager.localize(stager.root / source_rel)
    use = lang if not loc.fallback else stager.project.config.source_language
    for name, text in _cached_web_pages(stager.root, folder, use, web_pages).items():
        stager.write(f"{out_dir}/{name}", stager.stamp(text, loc, source_rel))
        stager.report.pages[lang] = stager.report.pages.get(lang, 0) + 1
    pdf = stager.context.get("pdf") or {}
    for path in pdf.get("files", []):
        if path.parent.name == folder.name:
            stager.copy(path, f"{out_dir}/{path.name}")


def _cached_web_pages(root: Path, folder: Path, lang: str, make) -> dict[str, str]:
    """Note and publication pages run pandoc (citeproc): reuse them while nothing they
    depend on changed — the folder's files, their catalogs, and capdev.pdf itself."""
    import hashlib

    import capdev.pdf as pdf_pkg

    h = hashlib.blake2b(lang.encode(), digest_size=16)
    deps = sorted(p for p in folder.rglob("*") if p.is_file())
    deps += sorted((root / "translations" / lang / folder.relative_to(root)).rglob("*.po")) \
        if (root / "translations" / lang / folder.relative_to(root)).is_dir() else []
    deps += sorted(p for p in Path(pdf_pkg.__file__).parent.rglob("*") if p.is_file()
                   and "__pycache__" not in p.parts)
    for dep in deps:
        h.update(str(dep).encode())
        h.update(dep.read_bytes())
    cache = root / ".cache" / "web" / f"{folder.name}-{lang}-{h.hexdigest()}.json"
    if cache.is_file():
        return json.loads(cache.read_text("utf-8"))
    pages_ = make(root, folder, lang)
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob(f"{folder.name}-{lang}-*.json"):
        old.unlink()
    cache.write_text(json.dumps(pages_, ensure_ascii=False), "utf-8")
    return pages_


# -- self-assessment -------------------------------------------------------------------------
def stage_assessment(stager: Stager, project: Project) -> None:
    frameworks = [c.framework for c in project.courses if c.framework and c.framework.is_file()]
    if not frameworks:
        return
    from capdev.assessment import stage as assess_stage

    text = _framework_text(stager, frameworks[0])
    titles = {info.slug: info.title for _c, (_m, infos) in stager.context.get("courses", {}).items()
              for info in infos}
    for path in assess_stage(project.root, stager.lang, stager.dest, framework_text=text,
                             titles=titles or None):
        stager.written.add(path)
    stager.report.pages[stager.lang] = stager.report.pages.get(stager.lang, 0) + 1


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

    key = ("framework", stager.lang, str(framework))
    if key not in stager.context:
        stager.context[key] = load_framework(framework, _framework_text(stager, framework))
    return teaches_script(stager.context[key], module, name=title)


# -- glossary and status -------------------------------------------------------------------
def stage_glossary(stager: Stager, project: Project) -> None:
    from capdev.checks.glossary import checked
    from capdev.site.stage import Localized

    lang = stager.lang
    path = project.root / "translations" / "glossary.yml"
    if path.is_file():
        terms = [vars(t) for t in checked(project.root).terms]  # read and checked as by check
        rows = ["| English | Español | Note |", "|---|---|---|"]
        for t in sorted(terms, key=lambda t: str(t.get("en", "")).lower()):
            en, es, note = (pages.plain(t.get(k, "")) for k in ("en", "es", "note"))
            rows.append(f'| <span lang="en">{en}</span> | <span lang="es">{es}</span> | {note} |')
        title = label(lang, "glossary")
        text = pages.front_matter({"title": title}) + f"# {title}\n\n" + "\n".join(rows) + "\n"
        stager.write("glossary.md", stager.stamp(text, Localized(text, lang), "translations/glossary.yml"))
    _status_page(stager, project)


def _status_rows(stager: Stager, project: Project) -> list[str]:
    """The table is the same in every language: count once per staging run, not per language."""
    if "status_rows" not in stager.context:
        rows = []
        for target in project.config.targets:
            for r in collect(project.root, project.translatable_sources(), target, refusal):
                st = r.stats
                rows.append(f"| `{r.source}` | {st.segments} | {st.translated} | {st.fuzzy} | "
                            f"{st.untranslated} | {r.percent:.0f}% |")
        stager.context["status_rows"] = rows
    return stager.context["status_rows"]


def _status_page(stager: Stager, project: Project) -> None:
    from capdev.site.stage import Localized

    lang = stager.lang
    title = label(lang, "status_title")
    cols = [label(lang, f"col_{c}") for c in ("file", "segments", "translated", "fuzzy",
                                              "untranslated", "words")]
    rows = [label(lang, "status_intro"), "", "| " + " | ".join(cols) + " |", "|---|--:|--:|--:|--:|--:|"]
    rows += _status_rows(stager, project)
    text = pages.front_matter({"title": title}) + f"# {title}\n\n" + "\n".join(rows) + "\n"
    stager.write("translation-status.md", stager.stamp(text, Localized(text, lang), "translations"))
