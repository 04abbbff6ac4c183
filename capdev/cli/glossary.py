"""`capdev i18n glossary [--tbx] [-o FILE]`: check the termbase, list it, or export it."""

from __future__ import annotations

import argparse
from pathlib import Path

from capdev.checks.glossary import GLOSSARY, load
from capdev.checks.registry import hit
from capdev.checks.tbx import to_tbx
from capdev.config import find_root
from capdev.errors import CapdevError


def register(isub: argparse._SubParsersAction) -> None:
    g = isub.add_parser("glossary", help="check the termbase; --tbx exports it for CAT tools")
    g.add_argument("--tbx", action="store_true", help="write TBX-Basic (stdout, or -o FILE)")
    g.add_argument("-o", "--output", type=Path, help="file to write the TBX to")
    g.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    glossary, findings = load(find_root())
    if glossary is None and not findings:
        raise CapdevError(hit("glossary-invalid", GLOSSARY, 0, "no glossary file",
                              "create translations/glossary.yml (see CONTENT-MODEL.md)"))
    if findings:
        raise CapdevError(findings)
    if args.tbx:
        text = to_tbx(glossary)
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, "utf-8")
        else:
            print(text, end="")
        return 0
    for t in glossary.terms:
        acr = f" ({', '.join(f'{k}: {v}' for k, v in t.acronym.items())})" if t.acronym else ""
        print(f"{t.en} → " + "; ".join(f"{lang}: {term}" for lang, term in t.targets.items())
              + acr)
    print(f"{len(glossary.terms)} terms")
    return 0
