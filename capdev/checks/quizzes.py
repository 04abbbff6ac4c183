"""Knowledge checks (`/// quiz | Question`): the answer key lies within the options."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from capdev.checks.context import Doc
from capdev.checks.registry import hit, rule
from capdev.errors import Finding
from capdev.site.quiz import QUIZ, parse


@rule("quiz-invalid", "error",
      "a knowledge check has at least two options and at least one marked correct ([x])",
      "markdown")
def quiz_invalid(doc: Doc) -> Iterator[Finding]:
    if doc.notebook or not doc.src:
        return
    text = Path(doc.src).read_text("utf-8")
    for m in QUIZ.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        options, _feedback = parse(m.group("body"))
        if len(options) < 2:
            yield hit("quiz-invalid", doc.rel, line,
                      f"the knowledge check has {len(options)} option(s)",
                      "list at least two options as `- [ ] text` / `- [x] text` right after "
                      "the `/// quiz | …` line")
        elif not any(correct for correct, _ in options):
            yield hit("quiz-invalid", doc.rel, line,
                      "no option is marked correct, so the check cannot be scored",
                      "mark the right answer(s) with `- [x]`")
