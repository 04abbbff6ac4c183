"""The project's languages as capdev's own interface text covers them."""

from __future__ import annotations

from collections.abc import Iterator

from capdev.checks.context import ProjectFacts
from capdev.checks.registry import hit, rule
from capdev.errors import Finding


@rule("ui-language-missing", "warning",
      "capdev's own interface text (banners, labels, the self-assessment, the forms) is "
      "translated into every language of the site (capdev/locale/<lang>.po)", "project")
def ui_language_missing(pf: ProjectFacts) -> Iterator[Finding]:
    from capdev.locale import available, language

    if pf.project is None:
        return
    for lang in pf.project.config.targets:
        if lang not in available() and lang.split("-")[0] not in available():
            yield hit("ui-language-missing", "mkdocs.yml", 1,
                      f"capdev's interface text has no {language(lang).name} catalog: the "
                      f"{lang} pages show capdev's labels, banners and forms in English",
                      f"translate capdev/locale/{lang}.po (start it with "
                      f"`scripts/ui_catalogs.py --add {lang}` in capdev's source)")
