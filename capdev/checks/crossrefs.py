"""Cross-references between files: competences ↔ framework ↔ modules, citations ↔ bibliography."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from capdev.checks.context import ProjectFacts
from capdev.checks.registry import hit, rule
from capdev.errors import CapdevError, Finding
from capdev.sources.reading import FAST, parse_yaml

BIB_KEY = re.compile(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", re.M)
XREF_PREFIXES = ("fig:", "tbl:", "sec:", "eq:", "lst:")


def framework_refs(text: str) -> dict:
    """Competence ids (with their lines) and the modules each competence names."""
    try:
        data = parse_yaml(text, "", loader=FAST)[0] or {}  # aliases bounded, duplicates kept
    except CapdevError:
        data = {}  # the framework's own validation (capdev assess validate) reports it
    ids: dict[str, int] = {}
    modules: list[tuple[str, str, int]] = []
    lines = text.splitlines()
    areas = data.get("areas") if isinstance(data, dict) else None
    for area in areas if isinstance(areas, list) else []:
        for comp in (area if isinstance(area, dict) else {}).get("competences") or []:
            if not isinstance(comp, dict):
                continue
            cid = str(comp.get("id", ""))
            ids[cid] = _line_of(lines, f"id: {cid}")
            for ref in comp.get("modules") or []:
                slug = str(ref.get("module", "")) if isinstance(ref, dict) else str(ref)
                modules.append((cid, slug, _line_of(lines, f"module: {slug}")))
    return {"ids": ids, "modules": modules}


def _line_of(lines: list[str], needle: str) -> int:
    return next((i + 1 for i, line in enumerate(lines) if needle in line), 1)


def _frameworks(pf: ProjectFacts) -> Iterator[tuple[object, dict | None]]:
    for course in pf.project.courses if pf.project else []:
        fw = course.framework
        yield course, (pf.derived(fw, "framework", framework_refs) if fw else None)


@rule("framework-missing", "error", "course.yml's `framework` file exists", "project")
def framework_missing(pf: ProjectFacts) -> Iterator[Finding]:
    for course, refs in _frameworks(pf):
        if course.framework and refs is None:
            yield hit("framework-missing", f"{course.rel}/course.yml", 1,
                      f"framework file `{course.meta.get('framework')}` not found",
                      "fix `framework:` or add the file next to course.yml")


@rule(
    "competence-unknown",
    "error",
    "competence ids in modules and lessons exist in the course framework",
    "project",
)
def competence_unknown(pf: ProjectFacts) -> Iterator[Finding]:
    for course, refs in _frameworks(pf):
        if not refs or not refs["ids"]:
            continue  # a missing or unreadable framework is reported on its own
        for module in course.modules:
            for page in (module.index, *module.lessons):
                doc = pf.docs.get(page.out)
                for cid in page.meta.get("competences") or []:
                    if str(cid) not in refs["ids"]:
                        line = (
                            doc.facts.keys.get("competences", 1) if doc and not doc.notebook else 1
                        )
                        yield hit("competence-unknown", page.rel, line,
                                  f"competence `{cid}` is not in {course.meta.get('framework')}",
                                  "known: " + ", ".join(sorted(refs["ids"])))


@rule(
    "framework-module-unknown",
    "error",
    "modules named by the competence framework exist in the course",
    "project",
)
def framework_module_unknown(pf: ProjectFacts) -> Iterator[Finding]:
    for course, refs in _frameworks(pf):
        if refs is None:
            continue
        slugs = {m.slug for m in course.modules} | {
            str(m) for m in course.meta.get("modules") or []
        }
        rel = pf.project.rel(course.framework)
        for cid, slug, line in refs["modules"]:
            if slug not in slugs:
                yield hit("framework-module-unknown", rel, line,
                          f"competence {cid} names module `{slug}`, which the course does not have",
                          "use a folder name from course.yml's `modules` list")


def bib_keys(text: str) -> list[str]:
    return BIB_KEY.findall(text)


def _bibliographies(pf: ProjectFacts) -> Iterator[tuple[list, Path | None]]:
    project = pf.project
    if project is None:
        return
    for note in project.notes:
        bib = note.meta.get("bibliography")
        yield [note], (note.src.parent / str(bib)) if bib else None
    for pub in project.publications:
        bib = pub.meta.get("bibliography")
        yield pub.chapters, (pub.dir / str(bib)) if bib else None


@rule(
    "citation-missing",
    "error",
    "every [@key] of a policy note or publication is in its bibliography",
    "project",
)
def citation_missing(pf: ProjectFacts) -> Iterator[Finding]:
    for pages, bib in _bibliographies(pf):
        keys = set(pf.derived(bib, "bibkeys", bib_keys) or []) if bib else set()
        for page in pages:
            doc = pf.docs.get(page.out)
            for mark in doc.facts.marks if doc else []:
                if (
                    mark.kind != "cite"
                    or mark.value.startswith(XREF_PREFIXES)
                    or mark.value in keys
                ):
                    continue
                where = f"in {bib.name}" if bib else "(no `bibliography:` in the front matter)"
                yield hit(
                    "citation-missing",
                    page.rel,
                    mark.line,
                    f"citation key `@{mark.value}` not found {where}",
                    "add the BibTeX entry or fix the key",
                    mark.col,
                )
