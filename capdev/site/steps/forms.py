"""The feedback and consultation forms (forms/<id>/form.yml), one page each, in the
build's language, with the self-assessment's stylesheet and the forms' own script."""

from __future__ import annotations

from importlib import resources

from capdev.site import pages
from capdev.site.stager import Stager


def run(stager: Stager) -> None:
    if not stager.project.forms:
        return
    from capdev.feedback.page import ASSETS, page_markdown
    from capdev.feedback.texts import strings
    from capdev.sources.forms import parse

    t = strings(stager.lang)
    for form in stager.project.forms:
        loc = stager.localize(stager.root / form.rel)  # below the threshold: English, marked
        localized = parse(loc.text, form.rel, form.id)
        meta, body = page_markdown(localized, strings(loc.lang) if loc.fallback else t, loc.lang)
        stager.write(form.page, stager.stamp(pages.front_matter(meta) + body, loc, form.rel))
        stager.count_page()
    for name in ("assessment.css",):  # the questions look like the self-assessment's
        _copy(stager, "capdev.assessment", name)
    for name in ASSETS:
        _copy(stager, "capdev.feedback", name)


def _copy(stager: Stager, package: str, name: str) -> None:
    with resources.as_file(resources.files(package).joinpath(f"static/{name}")) as path:
        stager.copy(path, f"assets/capdev/{name}")
