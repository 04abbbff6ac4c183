"""`capdev pdf`: policy notes and publications as PDF (and DOCX) in English and Spanish."""

from __future__ import annotations

import argparse
import difflib
import time
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from capdev.cli.langs import add_lang, langs_of
from capdev.cli.output import console, err_console, print_findings
from capdev.config import find_root
from capdev.errors import CapdevError, Finding
from capdev.pdf.source import CONTAINERS

HELP = """\
Build policy notes (policy_notes/<id>/note.md) and long-form publications
(publications/<id>/publication.yml) as tagged PDF/UA files and DOCX documents.
The Spanish edition comes from the note's catalog under translations/es/; an
incomplete translation is an error unless --draft is given (the PDF then carries a
visible BORRADOR mark). Unchanged notes come from the cache in .cache/pdf/.

Examples:
  capdev pdf                                   every note and publication, English, PDF
  capdev pdf integrated-multichannel-service-delivery --lang all
  capdev pdf policy_notes/integrated-multichannel-service-delivery --lang es --draft
  capdev pdf --lang all --format all --out site/downloads
  capdev pdf publications/ict-governance-guide --format docx
"""



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pdf", help="policy notes and publications as PDF/DOCX, in each language",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notes", nargs="*", metavar="NOTE",
                   help="note or publication: an id, its folder or its note.md "
                        "(default: all of them)")
    add_lang(p, "en", "language of the edition")
    p.add_argument("--format", choices=("pdf", "docx", "all"), default="pdf",
                   help="output format; docx is for the clearance round (default: pdf)")
    p.add_argument("--draft", action="store_true",
                   help="build even if the translation is incomplete, with a DRAFT mark")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: dist/pdf under the project)")
    p.add_argument("--jobs", type=int, default=2, help="parallel workers (default: 2)")
    p.set_defaults(func=run)


def resolve_note(root: Path, name: str) -> Path | None:
    candidates = [Path(name), root / name, *(root / c / name for c in CONTAINERS)]
    for path in candidates:
        if path.is_file() and path.name in ("note.md", "publication.yml"):
            path = path.parent
        if (path / "note.md").is_file() or (path / "publication.yml").is_file():
            return path.resolve()
    return None


def _unknown_note(root: Path, name: str) -> str:
    """Say which notes exist, the closest first: the user mistyped or guessed an id."""
    from capdev.pdf import discover

    ids = sorted(p.name for p in discover(root))
    close = difflib.get_close_matches(Path(name).name, ids, n=1, cutoff=0.5)
    lines = [f"capdev pdf: no note or publication called '{name}' "
             f"(looked in {', '.join(CONTAINERS)} under {root})"]
    if close:
        lines.append(f"did you mean '{close[0]}'?")
    lines.append("available: " + (", ".join(ids) if ids else "none — notes live in "
                                  "policy_notes/<id>/note.md"))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from capdev.pdf import build, discover

    root = find_root()
    sources: list[Path] = []
    for name in args.notes:
        path = resolve_note(root, name)
        if path is None:
            err_console.print(_unknown_note(root, name), markup=False)
            return 2
        sources.append(path)
    sources = sources or discover(root)
    if not sources:
        print_findings([Finding(str(root), 0, "pdf-nothing",
                                "no policy notes or publications found",
                                "notes live in policy_notes/<id>/note.md")])
        return 1
    langs = langs_of(root, args.lang)
    formats = ["pdf", "docx"] if args.format == "all" else [args.format]
    out = (args.out or root / "dist" / "pdf").resolve()
    start = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True) as progress:
        task = progress.add_task("capdev pdf", total=len(sources) * len(langs))
        try:
            results = build(root, sources, langs, formats, out, draft=args.draft,
                            jobs=max(1, args.jobs),
                            on_done=lambda r: progress.advance(task))
        except CapdevError as err:
            print_findings(err.findings)
            return 1
    _summary(results, root, time.perf_counter() - start)
    findings = [f for r in results for f in r.findings]
    if findings:
        print_findings(findings)
        return 1
    return 0


def _summary(results: list, root: Path, seconds: float) -> None:
    table = Table(title="capdev pdf", show_lines=False)
    for column in ("file", "pages", "seconds", ""):
        table.add_column(column, justify="right" if column in ("pages", "seconds") else "left")
    count = 0
    for result in results:
        for o in result.outputs:
            count += 1
            shown = o.path.relative_to(root) if o.path.is_relative_to(root) else o.path
            table.add_row(str(shown), str(o.pages or "—"), f"{o.seconds:.2f}",
                          "cached" if o.cached else "")
    if count:
        console.print(table)
    console.print(f"{count} file{'s' if count != 1 else ''} in {seconds:.2f} s", markup=False)
