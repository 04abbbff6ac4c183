"""`capdev check`: content and translation quality checks, as CI runs them."""

from __future__ import annotations

import argparse
from pathlib import Path

from capdev.config import find_root

HELP = """\
Checks every English source (front matter, links and anchors, images and alt text,
headings, block types, unsafe HTML, notebooks, competences, citations) and every catalog
(syntax, up to date, links, code, footnotes, emphasis, attributes, HTML, numbers, ¿¡,
untranslated copies, whitespace, length, glossary). Findings print as
`path:line:col [rule-id] severity: message — hint`; exit 1 on any error.

Configure in mkdocs.yml under the capdev plugin: `rules: {link-text: off}` and
`ignore: [{path: 'courses/x/**', rules: [heading-skip]}]`; in Markdown,
`<!-- capdev-ignore rule-id -->` silences a rule for the block that follows.

Examples:
  capdev check                          everything (cached in .cache/check/)
  capdev check courses/digital-government/02-multichannel-service-delivery-and-311
  capdev check --format github          annotations for GitHub Actions
  capdev check --strict                 warnings fail too
  capdev check --list-rules
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="content and translation checks (links, alt text, catalogs…)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="report only on these files or folders")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p.add_argument("--list-rules", action="store_true", help="print every rule and exit")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write .cache/check/")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list_rules:
        return list_rules()
    from capdev.checks import run_checks
    from capdev.cli.output import err_console, print_findings

    root = find_root()
    paths = [_rel(root, p) for p in args.paths]
    result = run_checks(root, paths or None, use_cache=not args.no_cache)
    print_findings(result.findings, args.format)
    if args.format == "text" and not result.findings:
        err_console.print(
            f"capdev check: {result.files} pages and their catalogs, no problems found",
            markup=False,
        )
    return 1 if result.failed(args.strict) else 0


def _rel(root: Path, given: str) -> str:
    path = Path(given).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return given


def list_rules() -> int:
    from capdev.checks.registry import RULES, load_all

    load_all()
    width = max(len(r) for r in RULES)
    for scope, title in (("markdown", "content, per page"), ("project", "content, across files"),
                         ("catalog", "translation catalogs"), ("entry", "translations, per entry")):
        print(f"# {title}")
        for r in sorted((r for r in RULES.values() if r.scope == scope), key=lambda r: r.id):
            family = f" (also: {', '.join(r.family)})" if r.family else ""
            print(f"{r.id:<{width}}  {r.severity:<7}  {r.description}{family}")
    return 0
