"""Knowledge checks (`/// quiz`): each question can be scored, and explains itself.

The checks are read by capdev.site.knowledge, the same reading the site renders, so
what passes here is what learners get.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from capdev.checks.context import Doc, ProjectFacts
from capdev.checks.crossrefs import _frameworks
from capdev.checks.registry import hit, rule
from capdev.errors import Finding
from capdev.site.knowledge import Question, checks

SPACE = re.compile(r"\s+")


def _questions(doc: Doc) -> Iterator[Question]:
    if doc.notebook or not doc.src:
        return
    for check in checks(Path(doc.src).read_text("utf-8")):
        yield from check.questions


@rule("quiz-invalid", "error",
      "a knowledge-check question has at least two options, one marked correct ([x]), "
      "valid options (type, competence) and one correct answer when it takes one",
      "markdown")
def quiz_invalid(doc: Doc) -> Iterator[Finding]:
    for q in _questions(doc):
        for line, message, hint in q.problems:
            yield hit("quiz-invalid", doc.rel, line, message, hint)
        right = sum(o.correct for o in q.options)
        if len(q.options) < 2:
            yield hit("quiz-invalid", doc.rel, q.line,
                      f"the knowledge check has {len(q.options)} option(s)",
                      "list at least two options as `- [ ] text` / `- [x] text` after the "
                      "question")
        elif not right:
            yield hit("quiz-invalid", doc.rel, q.line,
                      "no option is marked correct, so the check cannot be scored",
                      "mark the right answer(s) with `- [x]`")
        elif right > 1 and q.type in ("single", "true-false"):
            yield hit("quiz-invalid", doc.rel, q.line,
                      f"a `{q.type}` question has {right} options marked correct",
                      "mark one option `- [x]`, or write `type: multiple`")
        if not q.prompt.strip():
            yield hit("quiz-invalid", doc.rel, q.line, "the knowledge check has no question",
                      "write it after `/// quiz |`, or as the paragraph before the options")


@rule("quiz-true-false", "error", "a true/false question has exactly two options",
      "markdown")
def quiz_true_false(doc: Doc) -> Iterator[Finding]:
    for q in _questions(doc):
        if q.type == "true-false" and len(q.options) != 2:
            yield hit("quiz-true-false", doc.rel, q.line,
                      f"a true/false question has {len(q.options)} option(s)",
                      "write two options, `- [x] True` and `- [ ] False` (or the reverse), or "
                      "choose another `type`")


@rule("quiz-duplicate-option", "error", "the options of a question differ from each other",
      "markdown")
def quiz_duplicate_option(doc: Doc) -> Iterator[Finding]:
    for q in _questions(doc):
        seen: dict[str, int] = {}
        for o in q.options:
            key = SPACE.sub(" ", o.text).strip().casefold()
            if key in seen:
                yield hit("quiz-duplicate-option", doc.rel, o.line,
                          f"this option repeats the one on line {seen[key]}",
                          "reword or delete one of them")
            else:
                seen[key] = o.line


@rule("quiz-feedback-missing", "warning",
      "when some options of a question explain why they are right or wrong, all do",
      "markdown")
def quiz_feedback_missing(doc: Doc) -> Iterator[Finding]:
    for q in _questions(doc):
        if not any(o.feedback for o in q.options):
            continue
        for o in q.options:
            if not o.feedback:
                yield hit("quiz-feedback-missing", doc.rel, o.line,
                          "this option has no feedback, while others of the question have",
                          "add an indented paragraph under the option saying why it is "
                          f"{'right' if o.correct else 'wrong'}")


def question_competences(text: str) -> list[tuple[int, str]]:
    return [(q.competence_line or q.line, q.competence)
            for c in checks(text) for q in c.questions if q.competence]


@rule("quiz-competence-unknown", "error",
      "a question's `competence` exists in the course's competence framework", "project")
def quiz_competence_unknown(pf: ProjectFacts) -> Iterator[Finding]:
    for course, refs in _frameworks(pf):
        known = refs["ids"] if refs else {}
        for module in course.modules:
            for page in (module.index, *module.lessons):
                doc = pf.docs.get(page.out)
                if doc is None or doc.notebook or not doc.src:
                    continue
                found = pf.derived(Path(doc.src), "quiz competences", question_competences)
                for line, cid in found or []:
                    if cid not in known:
                        where = course.meta.get("framework") or "the course (no framework)"
                        yield hit("quiz-competence-unknown", page.rel, line,
                                  f"competence `{cid}` is not in {where}",
                                  "known: " + ", ".join(sorted(known)) if known else
                                  "add `framework: competences.yml` to course.yml")
