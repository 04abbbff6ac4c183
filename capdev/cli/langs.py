"""`--lang`: a language the project configures (mkdocs.yml `languages`), or `all` of them.

The choices are the project's, not a list in the code, so they are checked once the
project is known rather than by argparse; an unknown code is a usage error that names the
languages there are.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from capdev.config import load_config
from capdev.errors import Finding, UsageError


def add_lang(parser: argparse.ArgumentParser, default: str, what: str,
             allow_all: bool = True) -> None:
    both = " or `all` of them" if allow_all else ""
    parser.add_argument("--lang", default=default, metavar="LANG",
                        help=f"{what}: a language of mkdocs.yml's `languages`{both} "
                             f"(default: {default})")


def langs_of(root: Path, value: str, allow_all: bool = True) -> list[str]:
    """The languages `--lang value` names, in the project's order."""
    known = list(load_config(root).languages)
    if value == "all" and allow_all:
        return known
    if value in known:
        return [value]
    raise UsageError(Finding("--lang", 0, "lang-unknown",
                              f"`{value}` is not a language of this project",
                              "use one of " + ", ".join(f"`{c}`" for c in known)
                              + (" or `all`" if allow_all else "")
                              + " (mkdocs.yml: plugins → capdev → languages)"))


def add_target(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--lang", default=None, metavar="LANG",
                        help=f"{what}: a target language of mkdocs.yml's `languages` "
                             "(default: the first one)")


def target_of(root: Path, value: str | None) -> str:
    """The translation language `--lang value` names (default: the project's first)."""
    targets = list(load_config(root).targets)
    if value is None and targets:
        return targets[0]
    if value in targets:
        return value
    raise UsageError(Finding("--lang", 0, "lang-unknown",
                             f"`{value}` is not a translation language of this project",
                             "use one of " + ", ".join(f"`{c}`" for c in targets)
                             + " (mkdocs.yml: plugins → capdev → languages)"))
