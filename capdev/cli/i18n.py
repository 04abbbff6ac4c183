"""`capdev i18n …`: the translators' commands (gettext conventions throughout)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from capdev.catalogs import po as _po
from capdev.catalogs.extract import SUFFIXES, read_source
from capdev.catalogs.translate import apply
from capdev.cli.langs import add_target, target_of
from capdev.cli.output import console, err_console, print_findings
from capdev.config import find_root
from capdev.errors import CapdevError, Finding

if TYPE_CHECKING:
    from rich.table import Table

    from capdev.catalogs.status import Row
    from capdev.catalogs.translate import Stats

HELP = """\
Translation catalogs (gettext PO) under translations/<lang>/, one per English source.

Examples:
  capdev i18n update                        merge every catalog with its edited English source
  capdev i18n status --fail-under 100       fail unless everything is translated
  capdev i18n pot docs/index.md             print the template of one file
  capdev i18n render docs/about.md          print the Spanish version of one file
  capdev i18n import docs/index.md old-es/index.md   fill a catalog from an existing translation
  capdev i18n export-xliff --out xliff/     XLIFF 1.2 for CAT tools; import-xliff to bring it back
  capdev i18n add-language pt --memory ../other-programme/translations/pt
                                            a third site under /pt/, its catalogs pre-filled
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("i18n", help="translation catalogs: update, status, render, import",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    isub = p.add_subparsers(dest="i18n_command", metavar="ACTION")
    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])

    u = isub.add_parser("update", help="merge catalogs with the English sources (msgmerge-like)")
    u.add_argument("--lang", default=None, help="target language (default: all configured)")
    u.add_argument("--check", action="store_true", help="write nothing; exit 1 if any is stale")
    u.set_defaults(func=cmd_update)

    t = isub.add_parser("pot", help="print the PO template of one source file")
    t.add_argument("source", type=Path)
    t.set_defaults(func=cmd_pot)

    r = isub.add_parser("render", help="print or write the translated version of one file")
    r.add_argument("source", type=Path)
    r.add_argument("--catalog", type=Path, help="PO file (default: translations/<lang>/<source>.po)")
    add_target(r, "the language to render")
    r.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    r.add_argument("--mark-untranslated", action="store_true",
                   help='wrap untranslated text in <span lang="en">')
    r.set_defaults(func=cmd_render)

    s = isub.add_parser("status", help="translated / fuzzy / untranslated per file and course")
    s.add_argument("--lang", default=None)
    s.add_argument("--format", choices=("table", "json"), default="table")
    s.add_argument("--fail-under", type=float, default=None, metavar="PERCENT",
                   help="exit 1 if overall translated words are below PERCENT")
    s.set_defaults(func=cmd_status)

    im = isub.add_parser("import", help="align an existing translated Markdown file with its "
                                        "English source and fill the catalog")
    im.add_argument("source", type=Path)
    im.add_argument("translated", type=Path)
    add_target(im, "the language of the translated file")
    im.add_argument("--overwrite", action="store_true",
                    help="replace translations already in the catalog (default: keep them)")
    im.set_defaults(func=cmd_import)

    a = isub.add_parser("add-language", help="add a language: mkdocs.yml and its catalogs",
                        description="Adds CODE to mkdocs.yml (the capdev plugin's `languages` "
                                    "and a static-i18n `- locale:` entry, comments kept), "
                                    "creates translations/CODE/ with a catalog per English "
                                    "source, pre-filled as fuzzy from --memory, and prints "
                                    "what is left to translate.")
    a.add_argument("code", metavar="CODE", help="BCP 47 language code, e.g. pt, fr, pt-BR")
    a.add_argument("--memory", type=Path, nargs="*", default=[], metavar="PATH",
                   help="PO files or folders of other projects in that language: their "
                        "translations are suggested (fuzzy) where the English is the same")
    a.set_defaults(func=cmd_add_language)

    from capdev.cli import glossary as _glossary
    from capdev.cli import xliff as _x

    _x.register(isub)
    _glossary.register(isub)


def _targets(root: Path, lang: str | None) -> list[str]:
    from capdev.config import load_config

    return [lang] if lang else list(load_config(root).targets)


def _sources(root: Path) -> list[Path]:
    from capdev.sources.cached import load_project

    # front matter parsed and validated only for files changed since the last run
    return load_project(root).translatable_sources()


def cmd_update(args: argparse.Namespace) -> int:
    from capdev.catalogs.update import update_all

    root = find_root()
    stale = 0
    refused: list[Finding] = []
    sources = _sources(root)
    for lang in _targets(root, args.lang):
        reports = update_all(root, sources, lang, dry_run=args.check,
                             on_report=lambda rep: _print_update(root, rep))
        stale += sum(rep.written for rep in reports)
        refused += [f for rep in reports for f in rep.findings]
    if args.check and stale:
        err_console.print(f"{stale} catalog(s) out of date — run `capdev i18n update`")
    elif not refused or stale:
        console.print("catalogs up to date" if not stale else f"{stale} catalog(s) updated")
    if refused:
        n = len({f.path for f in refused})
        err_console.print(f"{n} catalog(s) left unchanged: fix them, then run "
                          "`capdev i18n update` again", markup=False)
        raise CapdevError(refused)
    return 1 if args.check and stale else 0


def _print_update(root: Path, rep: _po.UpdateReport) -> None:
    rel = rep.path.relative_to(root).as_posix()
    bits = [f"{len(v)} {k}" for k, v in (("new", rep.new), ("fuzzy", rep.fuzzy),
                                         ("obsolete", rep.obsolete), ("restored", rep.restored),
                                         ("from memory", rep.from_memory)) if v]
    if rep.converted:
        bits.append(f"converted from {rep.converted} to UTF-8")
    console.print(f"{rel}: {', '.join(bits) or 'references updated'}", markup=False)


def _check_source(path: Path) -> None:
    if not path.is_file():
        raise CapdevError(Finding(str(path), 0, "file-not-found", "no such file",
                                  "give the path of an English .md, .yml or .ipynb source"))
    if path.suffix not in SUFFIXES:
        raise CapdevError(Finding(str(path), 0, "i18n-unsupported", f"cannot segment {path.suffix} files",
                                  "supported: " + ", ".join(SUFFIXES)))
    from capdev.catalogs.importer import read_translated

    read_translated(path, path.suffix, "English")  # a binary or non-UTF-8 file is a finding


def cmd_pot(args: argparse.Namespace) -> int:
    _check_source(args.source)
    segs = read_source(args.source).all_segments()
    sys.stdout.write(_po.render_po(_po.template(args.source.as_posix(), segs)))
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    _check_source(args.source)
    root = find_root(args.source.resolve().parent)
    args.lang = target_of(root, args.lang)
    catalog = args.catalog
    if catalog is None:
        try:
            rel = args.source.resolve().relative_to(root).as_posix()
            catalog = _po.catalog_path(root, rel, args.lang)
        except ValueError:
            catalog = None
    if catalog is not None and args.catalog is not None and not catalog.is_file():
        raise CapdevError(Finding(str(catalog), 0, "file-not-found", "catalog not found",
                                  "check the --catalog path"))
    src = read_source(args.source)
    loaded = _po.read(catalog, str(catalog)) if catalog else None
    result = apply(src, loaded.owned() if loaded else None,
                   "en" if args.mark_untranslated else None)
    if args.output:
        _po.atomic_write(args.output, result.text)
    else:
        sys.stdout.write(result.text)
    where = str(catalog) if catalog else str(args.source)
    print_findings([Finding(where, r.catalog_line or 0, r.rule,
                            f"translation not used: {r.reason}; its English is written instead",
                            r.hint, "warning") for r in result.refused])
    return 0


def cmd_add_language(args: argparse.Namespace) -> int:
    from capdev.catalogs.status import checked
    from capdev.locale import available, language
    from capdev.scaffold.languages import add_language

    root = find_root()
    added = add_language(root, args.code, [p.resolve() for p in args.memory])
    name = language(args.code).name
    console.print(f"added {args.code} ({name}): mkdocs.yml edited, {added.catalogs} catalog(s) "
                  f"under translations/{args.code}/, {added.from_memory} entries suggested "
                  "from translation memory (fuzzy: to review)", markup=False)
    rows, problems = checked(root, _sources(root), args.code)
    words = sum(r.stats.words - r.stats.translated_words for r in rows)
    console.print(f"left to translate: {words} words in {len(rows)} file(s)", markup=False)
    if args.code.split("-")[0] not in available() + ["en"]:
        console.print(f"capdev's own interface text (banners, labels, the assessment) has no "
                      f"{name} catalog yet: it shows in English until capdev/locale/"
                      f"{args.code}.po is translated (scripts/ui_catalogs.py --add {args.code} "
                      "in capdev's source)", markup=False)
    console.print(f"next: translate translations/{args.code}/ in a PO editor, then "
                  f"`capdev i18n status --lang {args.code}` and `capdev build`", markup=False)
    if problems:
        raise CapdevError(problems)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from capdev.catalogs.status import checked

    root = find_root()
    rows, problems = [], []
    for lang in _targets(root, args.lang):
        got, bad = checked(root, _sources(root), lang)
        rows += got
        problems += bad
    if args.format == "json":
        json.dump([r.to_dict() for r in rows], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _status_table(rows)
    total_words = sum(r.stats.words for r in rows)
    done = sum(r.stats.translated_words for r in rows)
    pct = 100.0 * done / total_words if total_words else 100.0
    if problems:
        raise CapdevError(problems)  # the table above counts the other catalogs only
    if args.fail_under is not None and pct < args.fail_under:
        err_console.print(f"translated {pct:.1f}% of words, below --fail-under {args.fail_under}")
        return 1
    return 0


# The numbers take a quarter of an 80-column terminal, so a file's name fits on its line:
# short headers (the caption spells them out), one-space gaps, and the path shortened to
# the file's name under its group and folder, each named once on a row of its own.
STATUS_COLUMNS = ("done", "fuzzy", "todo", "words")
STATUS_CAPTION = ("segments: done (translated) · fuzzy (needs review) · todo (untranslated)\n"
                  "words: share of the words translated")


def _status_table(rows: list[Row]) -> None:
    from rich import box
    from rich.table import Table

    from capdev.catalogs.status import grouped, total

    groups = grouped(rows)
    for lang in dict.fromkeys(g.lang for g in groups):
        table = Table(title=f"Translation status: {lang}", caption=STATUS_CAPTION,
                      box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 0),
                      title_justify="left", caption_justify="left")
        for col in STATUS_COLUMNS:
            table.add_column(col, justify="right", no_wrap=True)
        table.add_column("file", overflow="fold")  # a name longer than the screen: last resort
        mine = [g for g in groups if g.lang == lang]
        for group in mine:
            _status_group(table, group.name, group.rows)
            table.add_row(*_status_numbers(group.stats), f"total {group.name}", style="bold")
            table.add_section()
        table.add_row(*_status_numbers(total(r for g in mine for r in g.rows)),
                      f"total {lang}", style="bold")
        console.print(table)


def _status_group(table: Table, name: str, rows: list[Row]) -> None:
    """The group's name, then its files: those at its top first, then folder by folder."""
    from rich.text import Text

    blank = ("",) * len(STATUS_COLUMNS)
    table.add_row(*blank, Text(name, style="bold"))
    folder = ""
    for r in sorted(rows, key=lambda r: ("/" in _status_rel(name, r.source), r.source)):
        sub, _, file = _status_rel(name, r.source).rpartition("/")
        if sub and sub != folder:
            table.add_row(*blank, Text(f"{sub}/", style="dim"))
        folder = sub
        table.add_row(*_status_numbers(r.stats), Text(file))


def _status_rel(group: str, source: str) -> str:
    return source.removeprefix(group + "/")


def _status_numbers(st: Stats) -> tuple[str, ...]:
    return str(st.translated), str(st.fuzzy), str(st.untranslated), f"{100 * st.ratio:.0f}%"


def cmd_import(args: argparse.Namespace) -> int:
    from capdev.catalogs.importer import import_translation

    _check_source(args.source)
    if not args.translated.is_file():
        raise CapdevError(Finding(str(args.translated), 0, "file-not-found", "no such file",
                                  "give the path of the translated file"))
    root = find_root(args.source.resolve().parent)
    args.lang = target_of(root, args.lang)
    rep = import_translation(root, args.source, args.translated, args.lang, args.overwrite)
    console.print(rep.summary(), markup=False)
    console.print(rep.counts(), markup=False)
    if rep.html is not None:
        console.print(f"side-by-side review page: {_po.shown_path(rep.html, root)}", markup=False)
    for finding in rep.findings:  # unmatched blocks: warnings, the import itself succeeded
        err_console.print(finding.format(), markup=False)
    return 0
