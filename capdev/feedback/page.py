"""A form as a site page: static HTML with native controls (fieldset and legend for each
question, a label for every control), so the questions exist without JavaScript and print
as a paper form. feedback.js only adds storage in the browser, checks and the export.
The HTML has no blank lines, so Markdown keeps it as one raw block."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from capdev.assessment.form import _attr, _radio
from capdev.assessment.page import _md_escape
from capdev.sources.forms import Form, choices

ASSETS = ("feedback.js", "feedback.css")
ASSET_BASE = "../../assets/capdev/"  # from forms/<id>/index.html
CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_\\-]{2,39}"  # the response schema's `code`, for the input


def _legend(q: dict[str, Any], t: dict[str, str]) -> str:
    mark = (f' <span class="fb-required">({escape(t["required"])})</span>'
            if q.get("required") else "")
    return f"{escape(q['text'])}{mark}"


def _described(q: dict[str, Any]) -> tuple[str, str]:
    """The help paragraph (if any) and the error slot, and the ids that describe the field."""
    qid = q["id"]
    ids, parts = [], []
    if q.get("help"):
        ids.append(f"fbq-{qid}-help")
        parts.append(f'<p class="capdev-hint" id="fbq-{_attr(qid)}-help">{escape(q["help"])}</p>')
    ids.append(f"fbq-{qid}-error")
    parts.append(f'<p class="fb-field-error" id="fbq-{_attr(qid)}-error" hidden></p>')
    return "".join(parts), " ".join(ids)


def _checkbox(name: str, value: str, label: str, ident: str) -> str:
    return (f'<div class="capdev-option"><input type="checkbox" name="{_attr(name)}" '
            f'id="{_attr(ident)}" value="{_attr(value)}">'
            f'<label for="{_attr(ident)}">{escape(label)}</label></div>')


def _choice(q: dict[str, Any], t: dict[str, str]) -> str:
    qid = q["id"]
    extra, described = _described(q)
    if q["type"] == "multiple":
        controls = [_checkbox(qid, str(v), lab, f"fbq-{qid}-{v}") for v, lab in choices(q)]
    else:
        words = (lambda v, lab: f"{v} — {lab}") if q["type"] == "rating" else (lambda v, lab: lab)
        controls = [_radio(qid, str(v), words(v, lab), f"fbq-{qid}-{v}") for v, lab in choices(q)]
    return (f'<fieldset class="capdev-item fb-question" id="fbq-{_attr(qid)}" '
            f'data-type="{q["type"]}" aria-describedby="{described}">'
            f"<legend>{_legend(q, t)}</legend>{extra}" + "".join(controls) + "</fieldset>")


def _text(q: dict[str, Any], t: dict[str, str]) -> str:
    qid = q["id"]
    extra, described = _described(q)
    limit = int(q.get("max_length", 2000))
    required = " required" if q.get("required") else ""
    return (f'<div class="fb-question fb-text" id="fbq-{_attr(qid)}" data-type="text">'
            f'<label for="fbq-{_attr(qid)}-input">{_legend(q, t)}</label>{extra}'
            f'<textarea id="fbq-{_attr(qid)}-input" name="{_attr(qid)}" rows="5" '
            f'maxlength="{limit}" aria-describedby="{described} fbq-{_attr(qid)}-count"{required}>'
            f'</textarea><p class="capdev-hint fb-count" id="fbq-{_attr(qid)}-count">'
            f'{escape(t["chars_left"].format(n=limit))}</p>'
            f'<div class="fb-print-text" aria-hidden="true"></div></div>')


def _code(t: dict[str, str]) -> str:
    return ('<div class="capdev-code fb-code">'
            f'<label for="fb-code">{escape(t["code_label"])}</label>'
            f'<p id="fb-code-hint" class="capdev-hint">{escape(t["code_hint"])}</p>'
            '<p class="fb-field-error" id="fb-code-error" hidden></p>'
            '<input type="text" id="fb-code" name="fb-code" autocomplete="off" spellcheck="false" '
            f'maxlength="40" pattern="{CODE_PATTERN}" aria-describedby="fb-code-hint fb-code-error">'
            "</div>")


def _actions(t: dict[str, str]) -> str:
    return ('<div class="capdev-actions">'
            f'<button type="submit" class="md-button md-button--primary" id="fb-export">'
            f'{escape(t["export"])}</button>'
            f'<button type="button" class="md-button" id="fb-print">{escape(t["print"])}</button>'
            f'<button type="button" class="md-button" id="fb-delete">{escape(t["delete"])}</button>'
            "</div>")


def _data(form: Form, lang: str) -> str:
    """What feedback.js needs: ids, types, limits and the question texts for its messages."""
    questions = [{"id": q["id"], "type": q["type"], "required": bool(q.get("required")),
                  "max_length": q.get("max_length", 2000), "text": q["text"]}
                 for q in form.questions]
    data = {"form": form.id, "version": form.version, "lang": lang, "questions": questions}
    return _json(data)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render_form(form: Form, t: dict[str, str], lang: str) -> str:
    """The interactive block: error summary, the questions, actions, embedded data."""
    body = [_text(q, t) if q["type"] == "text" else _choice(q, t) for q in form.questions]
    return "\n".join([
        f'<div class="capdev-assessment capdev-feedback" id="capdev-feedback" lang="{_attr(lang)}" '
        f'data-form="{_attr(form.id)}" data-version="{form.version}">',
        f'<link rel="stylesheet" href="{ASSET_BASE}assessment.css">',
        f'<link rel="stylesheet" href="{ASSET_BASE}feedback.css">',
        '<div class="capdev-error" id="fb-error" role="alert" tabindex="-1" hidden>'
        f'<h2>{escape(t["error_title"])}</h2><ul id="fb-error-list"></ul></div>',
        '<form id="fb-form" class="capdev-form fb-form" novalidate>',
        f'<p class="capdev-hint">{escape(t["required_note"])}</p>',
        _code(t), *body, _actions(t), "</form>",
        f'<noscript><p class="capdev-hint">{escape(t["noscript"])}</p></noscript>',
        '<p role="status" id="fb-status" class="capdev-status"></p>',
        f'<script type="application/json" id="fb-form-data">{_data(form, lang)}</script>',
        f'<script type="application/json" id="fb-strings">{_json(t)}</script>',
        f'<script src="{ASSET_BASE}feedback.js"></script>',
        "</div>",
    ])


def page_markdown(form: Form, t: dict[str, str], lang: str) -> tuple[dict[str, str], str]:
    """(front matter, body) of forms/<id>/index.md: H1, intro, privacy, then the form."""
    intro = form.data.get("intro")
    return ({"title": form.data["title"], "description": form.data["description"]}, "\n".join([
        f"# {_md_escape(form.data['title'])}", "",
        *([_md_escape(intro), ""] if intro else []),
        f"## {_md_escape(t['privacy_title'])}", "",
        _md_escape(t["privacy"]), "",
        render_form(form, t, lang), "",
    ]))
