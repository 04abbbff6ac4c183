"""Knowledge checks as data: `/// quiz` blocks read into checks, questions and options.

One block is one question; blocks that follow each other with only blank lines between
form one check (one "Check answers" button, one score). Inside a block:

    /// quiz | Question?            ← the question (or, untitled, its last paragraph
        type: multiple                 before the options; earlier ones are the situation)
        competence: A1.C2           ← YAML options, indented, as pymdownx blocks read them

    - [x] An option                 ← options: a task list, `[x]` marks a correct one

        Why it is right.            ← an indented paragraph: feedback for this option

    Paragraphs after the options are the question's explanation.
    ///

The blocks are found by the segmenter's own walk (`capdev.catalogs.markdown.blocks`), and
list items by its own patterns, so what translators see as a quiz is what is rendered and
checked. Both the site (capdev.site.quiz) and `capdev check` (capdev.checks.quizzes) read
checks from here.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

from capdev.catalogs.markdown import LIST_ITEM, TASK, BlockSpan, blocks, indent_of
from capdev.sources.frontmatter import FAST, split

NAME = "quiz"
TYPES = ("single", "multiple", "true-false")
OPTIONS = ("type", "competence")


@dataclass(frozen=True)
class Option:
    correct: bool
    text: str  # Markdown: the option's first paragraph
    feedback: str  # Markdown: why this option is right or wrong ("" when not written)
    line: int  # 1-based, in the whole file


@dataclass(frozen=True)
class Question:
    line: int  # 1-based line of the `///` header
    title: str | None
    prompt: str  # Markdown: the question itself
    situation: str  # Markdown: the scenario read before the question ("" when none)
    options: tuple[Option, ...]
    explanation: str  # Markdown: the paragraphs after the options
    type: str  # single | multiple | true-false (as written, or inferred from the marks)
    competence: str  # the competence id the question evidences ("" when none)
    competence_line: int
    problems: tuple[tuple[int, str, str], ...]  # option errors: line, message, hint


@dataclass(frozen=True)
class Check:
    start: int  # 0-based index of the first line of its first block
    end: int  # 0-based index after the closing line of its last block
    questions: tuple[Question, ...]


def checks(text: str) -> list[Check]:
    """Every knowledge check of a page (front matter allowed), in source order."""
    if "/// " + NAME not in text and "///" + NAME not in text:
        return []  # most pages: no walk at all
    _yaml, _first, body_line = split(text)
    base = body_line - 1
    lines = [ln.rstrip("\r\n") for ln in text.splitlines()]
    body = "".join(text.splitlines(keepends=True)[base:])
    spans = [b for b in blocks(body) if b.name == NAME and b.col == 0]
    groups: list[list[BlockSpan]] = []
    for b in spans:
        prev = groups[-1][-1] if groups else None
        between = lines[base + prev.close + 1: base + b.header] if prev else None
        if prev is not None and not any(s.strip() for s in between or []) \
                and prev.close < len(lines) - base:
            groups[-1].append(b)
        else:
            groups.append([b])
    return [Check(base + g[0].header, min(base + g[-1].close + 1, len(lines)),
                  tuple(_question(lines, b, base) for b in g)) for g in groups]


def _question(lines: list[str], b: BlockSpan, base: int) -> Question:
    header = base + b.header + 1
    settings, problems = _options(lines[base + b.options: base + b.body], header)
    start, end = base + b.body, base + b.close
    items = _items(lines, start, end)
    first = items[0][0] if items else end
    last = items[-1][1] if items else end
    before = _paragraphs(lines[start:first])
    if b.title is None and before:
        prompt, situation = before[-1], "\n\n".join(before[:-1])
    else:
        prompt, situation = b.title or "", "\n\n".join(before)
    options = tuple(_option(lines, a, z) for a, z in items)
    explanation = "\n".join(lines[last:end]).strip("\n")
    kind = settings.get("type")
    if kind not in TYPES:
        kind = "multiple" if sum(o.correct for o in options) > 1 else "single"
    competence = settings.get("competence")
    return Question(header, b.title, prompt, situation, options, textwrap.dedent(explanation),
                    str(kind), "" if competence is None else str(competence),
                    _key_line(lines, base + b.options, base + b.body, "competence"),
                    tuple(problems))


def _items(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The options: the first run of task-list items, as [first, end) line ranges. An item
    is its first line, its lazy continuation and what is indented under it; the run ends
    at the first line that is neither (a paragraph after the list, a plain list item)."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end and not _task_item(lines[i]):
        i += 1
    while i < end and _task_item(lines[i]):
        j = i + 1
        while j < end and lines[j].strip() and not LIST_ITEM.match(lines[j]):
            j += 1  # the option's first paragraph (lazy lines included)
        while j < end:
            k = j
            while k < end and not lines[k].strip():
                k += 1
            if k < end and indent_of(lines[k]) >= 4:
                j = k + 1  # an indented paragraph under the option: its feedback
                while j < end and (not lines[j].strip() or indent_of(lines[j]) >= 4) \
                        and not _blank_run_then_outdent(lines, j, end):
                    j += 1
            else:
                break
        out.append((i, _trim(lines, i, j)))
        i = j
        while i < end and not lines[i].strip():
            i += 1
    return out


def _blank_run_then_outdent(lines: list[str], j: int, end: int) -> bool:
    if lines[j].strip():
        return False
    k = j
    while k < end and not lines[k].strip():
        k += 1
    return k >= end or indent_of(lines[k]) < 4


def _trim(lines: list[str], a: int, z: int) -> int:
    while z > a + 1 and not lines[z - 1].strip():
        z -= 1
    return z


def _task_item(line: str) -> bool:
    m = LIST_ITEM.match(line)
    return bool(m and not m.group(1) and TASK.match(line[m.end():]))


def _option(lines: list[str], a: int, z: int) -> Option:
    m = LIST_ITEM.match(lines[a])
    rest = lines[a][m.end():]
    mark = TASK.match(rest)
    text_lines = [rest[mark.end():]]
    j = a + 1
    while j < z and lines[j].strip():
        text_lines.append(lines[j].strip())
        j += 1
    feedback = textwrap.dedent("\n".join(lines[j:z])).strip("\n")
    correct = rest[1] in "xX"
    return Option(correct, "\n".join(text_lines).strip(), feedback, a + 1)


def _paragraphs(block: list[str]) -> list[str]:
    out: list[list[str]] = [[]]
    for line in block:
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return ["\n".join(p) for p in out if p]


def _key_line(lines: list[str], a: int, z: int, key: str) -> int:
    return next((i + 1 for i in range(a, z) if lines[i].strip().startswith(key + ":")), 0)


def _options(opt_lines: list[str], line: int) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    text = "\n".join(opt_lines)
    if not text.strip():
        return {}, []
    hint = ("write the options indented by four spaces under the header, for example "
            "`type: true-false` and `competence: A1.C2`")
    try:
        data = yaml.load(textwrap.dedent(text), Loader=FAST)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return {}, [(line + 1 + (mark.line if mark else 0),
                     "the knowledge check's options are not valid YAML", hint)]
    if not isinstance(data, dict):
        return {}, [(line + 1, "the knowledge check's options must be `key: value` lines", hint)]
    problems = []
    for n, key in enumerate(data):
        if key not in OPTIONS:
            problems.append((line + 1 + n, f"unknown option `{key}` in a knowledge check",
                             "known options: " + ", ".join(OPTIONS)))
        elif key == "type" and data[key] not in TYPES:
            problems.append((line + 1 + n, f"unknown question type `{data[key]}`",
                             "use one of: " + ", ".join(TYPES)))
    return data, problems
