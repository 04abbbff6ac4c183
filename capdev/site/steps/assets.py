"""Images and other files next to the sources, and the theme's own assets."""

from __future__ import annotations

from pathlib import Path

from capdev.site.stager import Stager

SOURCE_SUFFIXES = {".md", ".ipynb", ".yml", ".yaml", ".bib", ".po", ".pyc"}
THEME_ASSETS = Path(__file__).parent.parent / "theme" / "assets" / "capdev"


def run(stager: Stager) -> None:
    root = stager.root
    for base, prefix in ((root / "docs", ""), (root / "courses", "courses/"),
                         (root / "policy_notes", "policy_notes/"),
                         (root / "publications", "publications/")):
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.is_file() and path.suffix.lower() not in SOURCE_SUFFIXES \
                    and not any(p.startswith(".") for p in path.relative_to(base).parts):
                stager.copy(path, prefix + path.relative_to(base).as_posix())
    for path in THEME_ASSETS.rglob("*"):
        if path.is_file():
            stager.copy(path, f"assets/capdev/{path.relative_to(THEME_ASSETS).as_posix()}")
