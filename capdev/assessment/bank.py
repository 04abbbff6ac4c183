"""The question bank: lesson questions tagged with a competence join that competence's
knowledge checks in the self-assessment (issue #18, item 2).

A lesson's `/// quiz` question with `competence: A1.C2` evidences that competence; here it
becomes one more `knowledge_check` item of the framework, in the page's language, so the
form asks it, both scorers (Python and the page's JavaScript) count it, and the
optimistic-rating flag weighs it with the framework's own checks. Only questions with one
right answer join (single answer, true/false): the self-assessment asks each check as one
radio group, as its own checks are. A multiple-answer question stays on its lesson.

Item ids are stable while a lesson keeps its place and its questions their order:
`<competence>.m<module NN>l<lesson NN>q<n>`, n counting the page's questions from 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown

from capdev.site.knowledge import Question, checks

BANK_TYPES = ("single", "true-false")
OPTION_IDS = "abcdef"  # the response schema's option ids
_NN = re.compile(r"^(\d+)")


@dataclass(frozen=True)
class Banked:
    """A lesson question as a framework item, with where it came from."""

    competence: str
    item: dict[str, Any]
    lesson: str  # project-relative path of the lesson
    line: int


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(md: str) -> str:
    """The words a reader sees of a Markdown fragment (links' text, code as written)."""
    parser = _Text()
    parser.feed(markdown.markdown(md))
    return " ".join(unescape("".join(parser.parts)).split())


def lesson_key(rel: str) -> str:
    """`m02l03` for courses/<course>/02-…/03-….md: the lesson's place in the course."""
    parts = Path(rel).parts
    module, lesson = (_NN.match(p) for p in parts[-2:])
    return f"m{module.group(1) if module else 0}l{lesson.group(1) if lesson else 0}"


def as_item(q: Question, item_id: str, lesson_title: str) -> dict[str, Any] | None:
    """The question as a framework knowledge check, or None when it cannot be one."""
    right = [i for i, o in enumerate(q.options) if o.correct]
    if q.type not in BANK_TYPES or len(right) != 1 or len(q.options) > len(OPTION_IDS):
        return None
    stem = plain("\n\n".join(p for p in (q.situation, q.prompt) if p))
    feedback = plain(q.explanation) or plain(q.options[right[0]].feedback)
    return {"id": item_id, "type": "knowledge_check", "stem": stem,
            "options": [{"id": OPTION_IDS[i], "text": plain(o.text)}
                        for i, o in enumerate(q.options)],
            "answer": OPTION_IDS[right[0]], "feedback": feedback, "lesson": lesson_title}


def bank_of(text: str, rel: str, lesson_title: str, known: set[str]) -> Iterator[Banked]:
    """The bankable questions of one lesson's text (in any language: the structure, the
    competence tags and the right answers are the English page's)."""
    n = 0
    for check in checks(text):
        for q in check.questions:
            n += 1
            if q.competence not in known:
                continue  # untagged, or unknown (quiz-competence-unknown reports it)
            item = as_item(q, f"{q.competence}.{lesson_key(rel)}q{n}", lesson_title)
            if item is not None:
                yield Banked(q.competence, item, rel, q.line)


def add_bank(data: dict[str, Any], banked: list[Banked]) -> None:
    """Append each banked question to its competence's items (after the framework's own)."""
    by_id = {c["id"]: c for area in data["areas"] for c in area["competences"]}
    for b in banked:
        by_id[b.competence]["items"].append(b.item)
