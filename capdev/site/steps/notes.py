"""The policy notes: an index page listing them, then each note's web pages and downloads."""

from __future__ import annotations

from pathlib import Path

from capdev.site import pages
from capdev.site.labels import label
from capdev.site.stager import Stager
from capdev.site.steps.web import stage_web
from capdev.sources.project import Page


def run(stager: Stager) -> None:
    notes = stager.project.notes
    if notes:
        title = label(stager.lang, "notes")
        items = [f"- [{pages.plain(_title(stager, n))}]({Path(n.out).parent.name}/index.md)"
                 for n in notes]
        text = (pages.front_matter({"title": title}) + f"# {title}\n\n"
                + label(stager.lang, "notes_intro") + "\n\n" + "\n".join(items) + "\n")
        stager.generated("policy_notes/index.md", text, "policy_notes")
    for note in notes:
        stage_web(stager, note.src.parent, note.rel, f"{Path(note.out).parent.as_posix()}")


def _title(stager: Stager, note: Page) -> str:
    if stager.lang == stager.project.config.source_language:
        return note.title
    meta, _ = pages.split_front(stager.localize(note.src).text)
    return str(meta.get("title") or note.title)
