"""`capdev i18n export-xliff` / `import-xliff`: XLIFF 1.2 through translate-toolkit."""

from __future__ import annotations

import argparse
from pathlib import Path

from capdev.cli.langs import add_target, target_of
from capdev.cli.output import console
from capdev.config import find_root
from capdev.errors import CapdevError


def register(isub: argparse._SubParsersAction) -> None:
    e = isub.add_parser("export-xliff", help="write XLIFF 1.2 files for CAT tools")
    add_target(e, "the language to translate into")
    e.add_argument("--out", type=Path, default=Path("xliff"), help="output folder (default: xliff/)")
    e.set_defaults(func=cmd_export)
    i = isub.add_parser("import-xliff", help="bring translated XLIFF 1.2 files back into the catalogs")
    i.add_argument("files", type=Path, nargs="+")
    add_target(i, "the language of the translated files")
    i.set_defaults(func=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    root = find_root()
    from capdev.catalogs.xliff import export_all  # translate-toolkit: only when used

    written, problems = export_all(root, target_of(root, args.lang), args.out.resolve())
    console.print(f"{len(written)} XLIFF file(s) written to {args.out}")
    if problems:
        raise CapdevError(problems)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    root = find_root()
    from capdev.catalogs.xliff import import_all

    changed, problems = import_all(root, target_of(root, args.lang),
                                   [f.resolve() for f in args.files])
    console.print(f"{changed} entr{'y' if changed == 1 else 'ies'} updated from XLIFF")
    if problems:
        raise CapdevError(problems)
    return 0
