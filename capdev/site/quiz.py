"""Knowledge checks: `/// quiz | Question` blocks become accessible self-scored questions.

Native radios (one answer) or checkboxes (several) in a fieldset with the question as
legend; feedback is announced through `role="status"`. Without JavaScript a `<details>`
reveals the answer, so the check still teaches.
"""

from __future__ import annotations

import html
import re
from itertools import count

import markdown

from capdev.site.labels import label

QUIZ = re.compile(r"^/// quiz \|[ \t]*(?P<q>.+?)[ \t]*\n(?P<body>.*?)^///[ \t]*$", re.M | re.S)
OPTION = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>.+)$")
_ids = count(1)


def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "pymdownx.inlinehilite",
                                         "footnotes", "tables", "abbr"])


def inline(text: str) -> str:
    out = _md().convert(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)


def parse(body: str) -> tuple[list[tuple[bool, str]], str]:
    options: list[tuple[bool, str]] = []
    rest: list[str] = []
    for line in body.splitlines():
        m = OPTION.match(line.strip())
        if m and not rest:
            options.append((m.group("mark") != " ", m.group("text")))
        elif options and line.startswith((" ", "\t")) and not rest and line.strip():
            correct, text = options[-1]
            options[-1] = (correct, text + " " + line.strip())
        else:
            rest.append(line)
    return options, "\n".join(rest).strip()


def render(question: str, body: str, lang: str, slug: str) -> str:
    options, feedback = parse(body)
    n = next(_ids)
    qid = f"quiz-{slug}-{n}"
    multi = sum(c for c, _ in options) > 1
    kind = "checkbox" if multi else "radio"
    items = "\n".join(
        f'<label class="capdev-quiz__option"><input type="{kind}" name="{qid}" value="{i}"'
        f'{" data-correct" if correct else ""}> <span>{inline(text)}</span></label>'
        for i, (correct, text) in enumerate(options)
    )
    answers = "; ".join(inline(t) for c, t in options if c)
    fb = _md().convert(feedback) if feedback else ""
    return (
        f'<form class="capdev-quiz" id="{qid}" data-capdev-quiz data-correct-text="{html.escape(label(lang, "quiz_correct"))}" '
        f'data-wrong-text="{html.escape(label(lang, "quiz_wrong"))}">\n'
        f'<fieldset>\n<legend><span class="capdev-quiz__label">{label(lang, "quiz_label")}</span> '
        f"{inline(question)}</legend>\n{items}\n</fieldset>\n"
        f'<button type="submit" class="md-button">{label(lang, "quiz_check")}</button>\n'
        f'<p class="capdev-quiz__status" role="status" aria-live="polite"></p>\n'
        f'<details class="capdev-quiz__answer"><summary>{label(lang, "quiz_show")}</summary>\n'
        f'<p><strong>{label(lang, "quiz_answer")}:</strong> {answers}</p>\n{fb}</details>\n'
        f"</form>"
    )


def convert(text: str, lang: str, slug: str) -> str:
    """Replace every top-level quiz block of a page with its HTML."""
    return QUIZ.sub(lambda m: render(m.group("q"), m.group("body"), lang, slug), text)
