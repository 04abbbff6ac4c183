"""The `capdev` command line: one entry point, one module per subcommand.

Exit codes follow the Unix tools translators and CI already know: 0 success, 1 findings or
user error (each printed as `path:line [rule-id] message — hint`), 2 usage error.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys

from capdev import __version__
from capdev.errors import CapdevError

SUBCOMMANDS = ("build", "serve", "check", "i18n", "pdf", "slides", "export", "assess", "feedback",
               "new", "init", "review")

EPILOG = """\
Typical session:
  capdev build                 build both languages, PDFs and assessments into site/
  capdev serve                 live preview at http://127.0.0.1:8000 (English) and /es/
  capdev check                 content and translation checks, as CI runs them
  capdev i18n update           refresh translations/es/*.po after editing English
  capdev i18n status           what is left to translate, per file
  capdev review import NOTE REVIEWED.docx   a reviewed DOCX's changes back into the source

Run `capdev COMMAND --help` for the options of each command.
"""


class Parser(argparse.ArgumentParser):
    """argparse, plus the closest command when one is mistyped (`capdev biuld`): sub-parsers
    are made with the parent's class, so every level (`capdev i18n stauts`) suggests."""

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is None or value in choices or not isinstance(value, str):
            return super()._check_value(action, value)
        names = [str(c) for c in choices]
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'?" if close
                else f"choose from {', '.join(names)}")
        raise argparse.ArgumentError(action, f"unknown choice '{value}' — {hint}")


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given argv naming a subcommand, only that one is imported
    (each pulls in its own pipeline, and `capdev check` should not pay for pandoc's)."""
    p = Parser(
        prog="capdev", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Docs-as-code for bilingual capacity-development programmes: courses, "
                    "policy notes, translations (gettext PO) and self-assessments.",
        epilog=EPILOG,
    )
    p.add_argument("--version", action="version", version=f"capdev {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in _wanted(argv):
        try:
            module = importlib.import_module(f"capdev.cli.{name}")
        except ImportError as exc:  # a subcommand still being built must not break the others
            _unavailable(sub, name, str(exc))
            continue
        module.register(sub)
    return p


def _wanted(argv: list[str] | None) -> tuple[str, ...]:
    first = next((a for a in argv or () if not a.startswith("-")), None)
    return (first,) if first in SUBCOMMANDS else SUBCOMMANDS


def _unavailable(sub: argparse._SubParsersAction, name: str, why: str) -> None:
    p = sub.add_parser(name, help=f"(not available: {why})")
    p.set_defaults(func=lambda args: _not_available(name, why))


def _not_available(name: str, why: str) -> int:
    print(f"capdev {name}: not available in this installation ({why})", file=sys.stderr)
    return 2


def report(err: CapdevError) -> None:
    from capdev.cli.output import print_findings

    print_findings(err.findings)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = parser(argv)
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CapdevError as err:
        report(err)
        return err.exit_code
    except OSError as err:  # disk full, read-only, permission denied: one finding, no traceback
        from capdev.oserrors import finding

        report(CapdevError(finding(err)))
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
