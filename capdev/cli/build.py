"""`capdev build`: the whole bilingual site, PDFs and assessments into site/."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from rich.status import Status
from rich.table import Table

from capdev.cli.output import console, err_console, print_findings
from capdev.config import find_root

HELP = """\
Builds the site exactly as `make site` does: validates every source (a bad front matter
stops the build and leaves the previous site/ untouched), stages English and Spanish pages
from the sources and translations/es/*.po, executes notebooks (cached), builds policy-note
PDFs and DOCX, the self-assessment, then runs one MkDocs build per language in parallel.

Every tree is built next to the output folder and swapped in by one rename, so a failed
or interrupted build leaves the previous site intact. The output folder may not be, hold
or lie inside the project's sources (docs/, courses/, translations/, .git, …); an existing
folder capdev did not create must be empty, unless --force. One build runs at a time.

Examples:
  capdev build                 build into site/
  capdev build --strict        fail on warnings too (broken links, refused translations, …)
  capdev build --site-dir /tmp/preview
  capdev build --site-dir ../www --force   replace a folder capdev did not create
  capdev build --rebuild       build even when nothing changed since the last build

When nothing changed since the last build that succeeded without a warning (the project's
files, mkdocs.yml, capdev and its tools) and the site is as it left it, there is nothing
to do and the build says so.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the bilingual site into site/", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/)")
    p.add_argument("--strict", action="store_true",
                   help="treat warnings as errors: MkDocs' and translations the gate refused")
    p.add_argument("--rebuild", action="store_true",
                   help="build even when nothing changed since the last build")
    p.add_argument("--force", action="store_true",
                   help="replace the contents of a non-empty output folder capdev did not create "
                        "(never sources)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capdev.site.build import build

    root = find_root()
    with console.status("Staging pages, notebooks, PDFs and assessments, then building…") as s:
        result = build(root, args.site_dir, strict=args.strict, force=args.force,
                       progress=progress_to(s), rebuild=args.rebuild)
    if result.up_to_date:
        console.print(f"capdev build: {_show(result.site, root)} is up to date — nothing changed "
                      "since the last build (sources, catalogs, mkdocs.yml, capdev and its "
                      "tools); edit something, or delete the folder to build it again")
        return 0
    rep = result.report
    if rep_warnings := rep.warnings:
        print_findings(rep_warnings)
    table = Table(title="capdev build", show_header=True)
    table.add_column("language")
    table.add_column("pages", justify="right")
    table.add_column("translated words", justify="right")
    table.add_column("fallback pages", justify="right")
    table.add_column("seconds", justify="right")
    for lang, n in rep.pages.items():
        cov = rep.coverage.get(lang)
        table.add_row(lang, str(n), "source" if cov is None else f"{100 * cov:.0f}%",
                      str(len(rep.fallbacks.get(lang, []))), f"{result.seconds.get(lang, 0):.1f}")
    console.print(table)
    console.print(f"staging {result.seconds['staging']:.1f}s · notebooks: {rep.notebooks_run} run, "
                  f"{rep.notebooks_cached} from cache · artefacts: {len(rep.artefacts)}")
    if result.offline_zip:
        console.print(f"offline copy: {_show(result.offline_zip, root)}")
    console.print(f"Open {_show(result.site / 'index.html', root)} in a browser, "
                  "or run `make serve` for a live preview.")
    return 0


def progress_to(status: Status) -> Callable[[str], None]:
    """A spinner on a terminal; one line per step on stderr elsewhere (CI logs, `make site`
    piped), where a spinner shows nothing and a long build would look hung."""
    if console.is_terminal:
        return lambda step: status.update(f"capdev build: {step}…")
    return lambda step: err_console.print(f"capdev build: {step}…", markup=False)


def _show(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
