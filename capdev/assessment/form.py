"""The self-assessment form as static HTML (native controls, no custom widgets).

Rendered server-side so the questions exist without JavaScript (print, screen readers,
reader mode); assessment.js only adds scoring, storage and import/export. The HTML has no
blank lines so Markdown keeps it as one raw block.
"""

from __future__ import annotations

from html import escape
from typing import Any

from capdev.assessment.framework import Framework


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _radio(name: str, value: str, label: str, ident: str, checked: bool = False) -> str:
    mark = " checked" if checked else ""
    return (f'<div class="capdev-option"><input type="radio" name="{_attr(name)}" '
            f'id="{_attr(ident)}" value="{_attr(value)}"{mark}>'
            f'<label for="{_attr(ident)}">{escape(label)}</label></div>')


def _self_rating(fw: Framework, item: dict[str, Any]) -> str:
    scale = fw.data["scale"]
    iid = item["id"]
    options = [_radio(iid, str(p["value"]), f"{p['value']} — {p['label']}", f"cap-{iid}-{p['value']}")
               for p in scale["points"]]
    options.append(_radio(iid, "na", scale["not_applicable"]["label"], f"cap-{iid}-na"))
    return (f'<fieldset class="capdev-item" id="cap-{_attr(iid)}" data-level="{item["level"]}">'
            f'<legend><span class="capdev-item-id">{escape(iid)}</span> {escape(item["text"])}</legend>'
            + "".join(options) + "</fieldset>")


def _knowledge_check(item: dict[str, Any], t: dict[str, str]) -> str:
    iid = item["id"]
    options = [_radio(iid, o["id"], o["text"], f"cap-{iid}-{o['id']}") for o in item["options"]]
    # a question from the lesson bank says which lesson it comes from (bank.py)
    source = (f' <span class="capdev-item-from">({escape(t["check_from_lesson"])} '
              f'“{escape(item["lesson"])}”)</span>' if item.get("lesson") else "")
    return (f'<fieldset class="capdev-item capdev-check" id="cap-{_attr(iid)}">'
            f'<legend><span class="capdev-item-id">{escape(iid)}</span> '
            f'<strong>{escape(t["check_prefix"])}:</strong> {escape(item["stem"])}{source}</legend>'
            + "".join(options) + "</fieldset>")


def _competence(fw: Framework, comp: dict[str, Any], t: dict[str, str]) -> str:
    cid = comp["id"]
    parts = [f'<section class="capdev-competence" id="cap-{_attr(cid)}" '
             f'aria-labelledby="cap-{_attr(cid)}-title">',
             f'<h3 id="cap-{_attr(cid)}-title">{escape(cid)} {escape(comp["title"])}</h3>',
             f"<p>{escape(comp['description'])}</p>"]
    for item in comp["items"]:
        if item.get("deprecated"):
            continue
        if item["type"] == "self_rating":
            parts.append(_self_rating(fw, item))
        else:
            parts.append(_knowledge_check(item, t))
    parts.append("</section>")
    return "".join(parts)


def _profiles(fw: Framework, t: dict[str, str]) -> str:
    radios = [_radio("capdev-profile", "", t["no_profile"], "cap-profile-none", checked=True)]
    radios += [_radio("capdev-profile", p["id"], f"{p['title']} — {p['description']}",
                      f"cap-profile-{p['id']}") for p in fw.data["profiles"]]
    return (f'<fieldset class="capdev-profile"><legend>{escape(t["profile_legend"])}</legend>'
            + "".join(radios) + "</fieldset>")


def _settings(t: dict[str, str]) -> str:
    return ('<div class="capdev-settings">'
            '<div class="capdev-switch"><input type="checkbox" id="capdev-remember" '
            'aria-describedby="capdev-remember-hint">'
            f'<label for="capdev-remember">{escape(t["remember"])}</label>'
            f'<p id="capdev-remember-hint" class="capdev-hint">{escape(t["remember_hint"])}</p></div>'
            f'<div class="capdev-code"><label for="capdev-code">{escape(t["code_label"])}</label>'
            f'<p id="capdev-code-hint" class="capdev-hint">{escape(t["code_hint"])}</p>'
            '<input type="text" id="capdev-code" name="capdev-code" autocomplete="off" '
            'spellcheck="false" maxlength="40" pattern="[A-Za-z0-9][A-Za-z0-9_\\-]{2,39}" '
            'aria-describedby="capdev-code-hint"></div></div>')


def _actions(t: dict[str, str]) -> str:
    return ('<div class="capdev-actions">'
            f'<button type="submit" class="md-button md-button--primary">{escape(t["submit"])}</button>'
            f'<button type="button" class="md-button" id="capdev-export">{escape(t["export"])}</button>'
            f'<label class="md-button capdev-import-label" for="capdev-import">{escape(t["import"])}</label>'
            '<input type="file" id="capdev-import" class="capdev-visually-hidden" '
            'accept="application/json,.json">'
            f'<button type="button" class="md-button" id="capdev-delete">{escape(t["delete"])}</button>'
            f'<button type="button" class="md-button" id="capdev-print">{escape(t["print"])}</button>'
            "</div>")


def render_form(fw: Framework, t: dict[str, str], module_base: str, strings_json: str) -> str:
    """The whole interactive block: error summary, form, results region, embedded data."""
    parts = [f'<div class="capdev-assessment" id="capdev-assessment" lang="{_attr(t["lang"])}" '
             f'data-module-base="{_attr(module_base)}" data-framework="{_attr(fw.key)}">',
             '<link rel="stylesheet" href="../assets/capdev/assessment.css">',
             '<div class="capdev-error" id="capdev-error" role="alert" tabindex="-1" hidden>'
             f'<h2>{escape(t["error_title"])}</h2><p id="capdev-error-text"></p></div>',
             '<form id="capdev-form" class="capdev-form" novalidate>',
             _settings(t), _profiles(fw, t)]
    for area in fw.data["areas"]:
        parts.append(f'<h2 id="cap-{_attr(area["id"])}">{escape(area["id"])} {escape(area["title"])}</h2>')
        parts.append(f"<p>{escape(area['description'])}</p>")
        parts += [_competence(fw, c, t) for c in area["competences"] if not c.get("deprecated")]
    # filled by assessment.js ("12 of 45 questions answered"); sticks to the bottom of the
    # screen while the questions scroll past, announced politely, never interrupting
    parts += ['<p id="capdev-answered" class="capdev-answered" aria-live="polite"></p>',
              _actions(t), "</form>",
              f'<noscript><p class="capdev-hint">{escape(t["noscript"])}</p></noscript>',
              '<p role="status" id="capdev-status" class="capdev-status"></p>',
              '<section class="capdev-results" id="capdev-results" '
              'aria-labelledby="capdev-results-title" hidden>'
              f'<h2 id="capdev-results-title" tabindex="-1">{escape(t["results_title"])}</h2>'
              '<div id="capdev-results-body"></div></section>',
              f'<script type="application/json" id="capdev-framework">{fw.to_json()}</script>',
              f'<script type="application/json" id="capdev-strings">{strings_json}</script>',
              '<script src="../assets/capdev/assessment.js"></script>',
              "</div>"]
    return "\n".join(parts)
