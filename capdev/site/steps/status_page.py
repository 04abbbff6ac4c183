"""The translation-status page: one row per source and target language."""

from __future__ import annotations

from capdev.catalogs.status import collect
from capdev.checks.gate import refusal
from capdev.site import pages
from capdev.site.labels import label
from capdev.site.stager import Stager


def run(stager: Stager) -> None:
    lang = stager.lang
    title = label(lang, "status_title")
    cols = [label(lang, f"col_{c}") for c in ("file", "segments", "translated", "fuzzy",
                                              "untranslated", "words")]
    rows = [label(lang, "status_intro"), "", "| " + " | ".join(cols) + " |",
            "|---|--:|--:|--:|--:|--:|"]
    rows += _rows(stager)
    text = pages.front_matter({"title": title}) + f"# {title}\n\n" + "\n".join(rows) + "\n"
    stager.generated("translation-status.md", text, "translations")


def _rows(stager: Stager) -> list[str]:
    """The table is the same in every language: count once per staging run, not per language."""
    if stager.context.status_rows is None:
        project, rows = stager.project, []
        for target in project.config.targets:
            for r in collect(project.root, project.translatable_sources(), target, refusal):
                st = r.stats
                rows.append(f"| `{r.source}` | {st.segments} | {st.translated} | {st.fuzzy} | "
                            f"{st.untranslated} | {r.percent:.0f}% |")
        stager.context.status_rows = rows
    return stager.context.status_rows
