"""`capdev new course|module|lesson|note`: commented starting files, with their catalogs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from capdev.cli.output import console
from capdev.config import find_root

if TYPE_CHECKING:
    from capdev.scaffold import Result

HELP = """\
Writes valid starting files in English, full of short comments and placeholder text that
say what goes where (see CONTENT-MODEL.md), then creates their Spanish catalogs under
translations/es/ as `capdev i18n update` would. Never overwrites an existing file.

Examples:
  capdev new course open-data --title "Open data for public servants"
  capdev new module open-data 02-publishing-data --title "Publishing data"
  capdev new lesson open-data/02-publishing-data 01-licences --title "Open licences"
  capdev new lesson open-data/02-publishing-data 02-data-lab --title "Data lab" --notebook
  capdev new note single-window --title "Single windows for business" --number 2
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="start a course, module, lesson or policy note from a template",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])
    nsub = p.add_subparsers(dest="new_command", metavar="WHAT")

    c = nsub.add_parser("course", help="courses/ID/course.yml and a first module",
                        description="A course folder with course.yml and its first module.")
    c.add_argument("id", metavar="ID", help="course id: lowercase letters, digits, hyphens")
    c.add_argument("--title", required=True)
    c.add_argument("--module", default="01-introduction", metavar="NN-slug",
                   help="folder of the first module (default: %(default)s)")
    c.add_argument("--module-title", default="Introduction", help="(default: %(default)s)")
    c.set_defaults(func=run, what="course")

    m = nsub.add_parser("module", help="a module folder with index.md, added to course.yml",
                        description="A module folder with its index.md; the module is added to "
                                    "the `modules` list of course.yml, in number order, keeping "
                                    "the file's comments.")
    m.add_argument("course", metavar="COURSE", help="course id")
    m.add_argument("slug", metavar="NN-slug", help="module folder name, e.g. 02-open-data")
    m.add_argument("--title", required=True)
    m.set_defaults(func=run, what="module")

    le = nsub.add_parser("lesson", help="a Markdown (or notebook) lesson in a module",
                         description="A lesson file in an existing module: Markdown with front "
                                     "matter, or with --notebook a Jupyter notebook (nbformat 4.5, "
                                     "python3 kernel, lesson keys under metadata.capdev).")
    le.add_argument("target", metavar="COURSE/NN-module", help="e.g. digital-government/05-open-government-and-open-data")
    le.add_argument("slug", metavar="NN-slug", help="lesson file name without extension")
    le.add_argument("--title", required=True)
    le.add_argument("--notebook", action="store_true", help="a notebook lesson (.ipynb)")
    le.set_defaults(func=run, what="lesson")

    n = nsub.add_parser("note", help="policy_notes/ID/note.md and references.bib",
                        description="A policy note with its front matter, numbered sections, "
                                    "a table, a footnote and a citation to show the syntax.")
    n.add_argument("id", metavar="ID", help="note id: lowercase letters, digits, hyphens")
    n.add_argument("--title", required=True)
    n.add_argument("--number", type=int, required=True, help="number in the policy-note series")
    n.set_defaults(func=run, what="note")


def project_root() -> Path:
    return find_root()  # outside a project: a [no-project] finding


def run(args: argparse.Namespace) -> int:
    from capdev import scaffold

    root = project_root()
    if args.what == "course":
        result = scaffold.new_course(root, args.id, args.title, args.module, args.module_title)
    elif args.what == "module":
        result = scaffold.new_module(root, args.course, args.slug, args.title)
    elif args.what == "lesson":
        result = scaffold.new_lesson(root, args.target, args.slug, args.title, args.notebook)
    else:
        result = scaffold.new_note(root, args.id, args.title, args.number)
    show(result)
    return 0


def show(result: Result) -> None:
    """List what was written (relative to the project) and what to do next."""
    for path in [*result.written, *result.catalogs]:
        shown = path.relative_to(result.root) if path.is_relative_to(result.root) else path
        console.print(f"  wrote {shown}", markup=False)
    for step in result.next_steps:
        console.print(f"next: {step}", markup=False)
