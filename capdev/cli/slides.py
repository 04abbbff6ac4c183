"""`capdev slides`: one deck per lesson and language, PowerPoint and offline HTML."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from capdev.cli.langs import add_lang, langs_of
from capdev.cli.output import console, err_console

HELP = """\
Make slide decks from lessons: a title slide, one slide per `##` section (its first
paragraph and list, condensed, or the section's `/// slide` blocks), the key points,
and the facilitator notes as speaker notes. Spanish decks come from the catalogs in
translations/es/; a passage not translated yet stays in English, marked as English.
PowerPoint (.pptx, the programme's look) and HTML (reveal.js, works offline from
file://: press S for the speaker view).

A lesson is named by its module/lesson, its file name or its path. Decks go to
OUT/<course>/<module>/<lesson>-<lang>.<format>; OUT must be a new or empty folder, or
one capdev made.

Examples:
  capdev slides                                        every lesson, en and es, pptx and html
  capdev slides 02-the-311-line-and-case-management --lang es --format pptx
  capdev slides 01-digital-government-and-the-egov-survey/02-the-un-egovernment-survey-and-the-egdi
  capdev slides courses/digital-government/04-digital-municipalities/01-local-e-services-and-the-service-catalogue.md -o /tmp/decks
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("slides", help="slide decks per lesson: PowerPoint and offline HTML",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("lessons", nargs="*", metavar="LESSON",
                   help="module/lesson, lesson file name or path (default: every lesson)")
    add_lang(p, "all", "language of the decks")
    p.add_argument("--format", choices=("pptx", "html", "all"), default="all",
                   help="pptx for PowerPoint, html for the browser (default: all)")
    p.add_argument("-o", "--out", type=Path, default=None,
                   help="output folder (default: dist/slides under the project)")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder capdev did not create")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capdev.config import find_root
    from capdev.delivery import build, lesson
    from capdev.sources.project import Project

    root = find_root()
    project = Project.load(root)
    refs = lesson.resolve(project, args.lessons)
    langs = langs_of(project.root, args.lang)
    formats = list(build.FORMATS) if args.format == "all" else [args.format]
    out = build.prepare(root, args.out or root / "dist" / "slides", args.force)
    start = time.perf_counter()
    total = len(refs) * len(langs) * len(formats)

    count = [0]

    def done(m: build.Made) -> None:
        count[0] += 1
        english = f", {m.english} passages still in English" if m.english else ""
        err_console.print(f"[{count[0]}/{total}] {m.lesson} ({m.lang}, {m.fmt}): {m.slides} slides"
                          f"{english} → {_shown(out / m.rel, root)}", markup=False, highlight=False)

    made = build.build(project, refs, langs, formats, out, on_done=done)
    decks = len(made)
    console.print(f"{decks} deck{'s' if decks != 1 else ''} ({len(refs)} lesson"
                  f"{'s' if len(refs) != 1 else ''}) in {_shown(out, root)} in "
                  f"{time.perf_counter() - start:.1f} s", markup=False, highlight=False)
    return 0


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
