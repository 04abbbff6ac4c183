"""Knowledge checks: `/// quiz` blocks become accessible self-scored checks.

One form per check (capdev.site.knowledge: consecutive blocks form one), one fieldset per
question with the question as legend, native radios (one answer, true/false) or
checkboxes (several). The situation of a scenario question comes first and describes its
fieldset. Each option's feedback sits under it, hidden until the learner checks; the
score is announced through `role="status"`. Without JavaScript a `<details>` reveals the
answers and explanations, so the check still teaches. The script (capdev.js) scores in the
browser and records the result in local progress.
"""

from __future__ import annotations

import html
import re

import markdown

from capdev.site.knowledge import Check, Option, Question, checks
from capdev.site.labels import label


def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "pymdownx.inlinehilite",
                                         "footnotes", "tables", "abbr"])


def inline(text: str) -> str:
    out = _md().convert(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)


def block(text: str) -> str:
    return _md().convert(text) if text.strip() else ""


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def render(check: Check, lang: str, cid: str) -> str:
    total = len(check.questions)
    questions = "\n".join(_question(q, k, total, lang, cid)
                          for k, q in enumerate(check.questions, 1))
    data = {"correct-text": label(lang, "quiz_correct"), "wrong-text": label(lang, "quiz_wrong"),
            "score-text": label(lang, "quiz_score"), "unanswered-text": label(lang, "quiz_unanswered"),
            "question-ok": label(lang, "quiz_question_ok"),
            "question-bad": label(lang, "quiz_question_bad")}
    attrs = " ".join(f'data-{k}="{_attr(v)}"' for k, v in data.items())
    check_label = label(lang, "quiz_check" if total == 1 else "quiz_check_all")
    return (
        f'<form class="capdev-quiz" id="{cid}" data-capdev-quiz data-capdev-check="{cid}" '
        f'data-questions="{total}" {attrs}>\n{questions}\n'
        f'<button type="submit" class="md-button">{check_label}</button>\n'
        f'<p class="capdev-quiz__status" role="status" aria-live="polite"></p>\n'
        f'<details class="capdev-quiz__answer"><summary>{label(lang, "quiz_show")}</summary>\n'
        + "\n".join(_answer(q, k, total, lang) for k, q in enumerate(check.questions, 1))
        + "\n</details>\n</form>"
    )


def _question(q: Question, k: int, total: int, lang: str, cid: str) -> str:
    qid = f"{cid}-q{k}"
    kind = "checkbox" if q.type == "multiple" else "radio"
    head = label(lang, "quiz_label") if total == 1 else \
        label(lang, "quiz_label_of", n=k, total=total)
    hint = label(lang, "quiz_hint_multiple" if q.type == "multiple" else "quiz_hint_single")
    described = [f"{qid}-situation"] if q.situation else []
    described.append(f"{qid}-hint")
    situation = (f'<div class="capdev-quiz__situation" id="{qid}-situation">\n'
                 f"{block(q.situation).strip()}\n</div>\n") if q.situation else ""
    competence = f' data-competence="{_attr(q.competence)}"' if q.competence else ""
    options = "\n".join(_option(o, i, qid, kind, lang) for i, o in enumerate(q.options))
    return (
        f'<div class="capdev-quiz__question" data-type="{q.type}"{competence}>\n{situation}'
        f'<fieldset id="{qid}" tabindex="-1" aria-describedby="{" ".join(described)}">\n'
        f'<legend><span class="capdev-quiz__label">{head}</span> {inline(q.prompt)}</legend>\n'
        f'<p class="capdev-quiz__hint" id="{qid}-hint">{hint}</p>\n{options}\n'
        f'<p class="capdev-quiz__result" id="{qid}-result"></p>\n</fieldset>\n</div>'
    )


def _option(o: Option, i: int, qid: str, kind: str, lang: str) -> str:
    oid = f"{qid}-o{i}"
    why = ""
    if o.feedback:
        verdict = label(lang, "quiz_option_right" if o.correct else "quiz_option_wrong")
        why = (f'\n<div class="capdev-quiz__why" id="{oid}-why" '
               f'data-state="{"ok" if o.correct else "bad"}" hidden>'
               f'<p class="capdev-quiz__verdict">{verdict}</p>\n{block(o.feedback).strip()}</div>')
    return (
        f'<div class="capdev-quiz__choice"><label class="capdev-quiz__option">'
        f'<input type="{kind}" name="{qid}" value="{i}" id="{oid}"'
        f'{" data-correct" if o.correct else ""}{_why_ref(oid) if o.feedback else ""}>'
        f" <span>{inline(o.text)}</span></label>{why}</div>"
    )


def _why_ref(oid: str) -> str:
    return f' data-why="{oid}-why"'


def _answer(q: Question, k: int, total: int, lang: str) -> str:
    answers = "; ".join(inline(o.text) for o in q.options if o.correct)
    which = "" if total == 1 else f"{label(lang, 'quiz_question_n', n=k)} — "
    key = f'<p><strong>{which}{label(lang, "quiz_answer")}:</strong> {answers}</p>'
    return "\n".join(part for part in (key, block(q.explanation).strip()) if part)


def convert(text: str, lang: str, slug: str) -> str:
    """Replace every top-level knowledge check of a page with its HTML. Numbering is per
    page, so a check keeps its id (and its recorded progress) in every language."""
    found = checks(text)
    if not found:
        return text
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    at = 0
    for n, check in enumerate(found, 1):
        out += lines[at:check.start]
        out.append("\n" + render(check, lang, f"quiz-{slug}-{n}") + "\n\n")
        at = check.end
    out += lines[at:]
    return "".join(out)
