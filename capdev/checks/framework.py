"""The competence framework (courses/*/competences.yml) as `capdev check` sees it.

The framework is validated by the same code as `capdev assess validate` (YAML syntax,
duplicate keys, JSON Schema, then integrity: duplicate ids, id prefixes, levels…), and its
findings keep that code's ids (`fw-yaml`, `fw-duplicate-key`, `fw-duplicate-id`, …), so one
problem has one name in both commands. Module references are left to
`framework-module-unknown` (crossrefs), which knows the course's folders.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from capdev.checks.context import ProjectFacts
from capdev.checks.registry import rule
from capdev.errors import Finding


@cache
def _code_version() -> str:
    """The assessment code whose results are cached (the rule-set version does not cover it)."""
    from capdev.cache import files_digest

    pkg = Path(__file__).parent.parent / "assessment"
    files = [pkg / "framework.py", pkg / "integrity.py", pkg / "yamlsrc.py",
             pkg / "schemas" / "framework.schema.json"]
    return files_digest(files)[:12]


def _findings_of(rel: str):
    def make(text: str) -> list[dict]:
        from capdev.assessment.framework import validate_framework

        _, found = validate_framework(text, rel, modules=[])
        return [f.to_dict() for f in found]

    return make


@rule("framework-valid", "error",
      "the competence framework parses (no duplicate keys) and passes its schema and "
      "integrity checks (unique ids, id prefixes, levels) — as `capdev assess validate`",
      "project", family=("fw-*",))
def framework_valid(pf: ProjectFacts) -> Iterator[Finding]:
    for course in pf.project.courses if pf.project else []:
        path = course.framework
        if path is None or not path.is_file():
            continue  # framework-missing reports it
        rel = pf.project.rel(path)
        found = pf.derived(path, f"framework-valid:{_code_version()}", _findings_of(rel))
        yield from (Finding(**d) for d in found or [])


MIN_QUESTIONS = 3  # knowledge-check questions per competence (issue #18, item 2)


@rule("competence-few-questions", "warning",
      f"each competence is evidenced by at least {MIN_QUESTIONS} knowledge-check questions: "
      "the framework's own and the lesson questions tagged with it (the question bank)",
      "project")
def competence_few_questions(pf: ProjectFacts) -> Iterator[Finding]:
    from capdev.assessment.bank import add_bank
    from capdev.assessment.framework import load_framework
    from capdev.assessment.texts import question_bank
    from capdev.errors import CapdevError

    for course in pf.project.courses if pf.project else []:
        path = course.framework
        if path is None or not path.is_file():
            continue
        try:
            fw = load_framework(path)
        except CapdevError:
            continue  # framework-valid reports it
        add_bank(fw.data, question_bank(pf.root, path, "en", fw))
        lines = path.read_text("utf-8").splitlines()
        for comp in fw.competences():
            n = sum(1 for it in comp["items"]
                    if it["type"] == "knowledge_check" and not it.get("deprecated"))
            if n < MIN_QUESTIONS and not comp.get("deprecated"):
                line = next((i for i, text in enumerate(lines, 1)
                             if text.strip() == f"- id: {comp['id']}"), 1)
                yield Finding(pf.project.rel(path), line, "competence-few-questions",
                              f"{comp['id']} is evidenced by {n} question"
                              f"{'s' if n != 1 else ''}, fewer than {MIN_QUESTIONS}",
                              f"tag lesson questions with `competence: {comp['id']}` (single "
                              "answer or true/false: they join the self-assessment), or add "
                              "knowledge checks to the framework", "warning")
