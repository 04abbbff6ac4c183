"""`capdev init DIR`: a new, empty programme that builds with `make site` and `make test`."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = """\
Creates DIR with everything a new programme needs and nothing of ours: mkdocs.yml
(capdev's site configuration), docs/index.md and docs/privacy.md, one course with one
module and one sample lesson, Spanish catalogs under translations/es/ (empty: the Spanish
site shows English pages, with a notice, until they are translated), a Makefile, a README
and a .gitignore. The Makefile installs capdev into DIR/.venv from CAPDEV_SRC: by default
the capdev source folder this command runs from.

Examples:
  capdev init ../egov-costa-rica --title "Gobierno digital: programa de formación"
  capdev init my-programme --title "Digital services academy" --course-id digital-services
  cd my-programme && make site && make test
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new, empty programme in DIR", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", metavar="DIR", type=Path, help="a new or empty folder")
    p.add_argument("--title", default="Digital government programme",
                   help="the programme's (site's) name (default: %(default)s)")
    p.add_argument("--course-id", default="digital-government",
                   help="id and folder of the first course (default: %(default)s)")
    p.add_argument("--course-title", default=None, help="(default: the programme's name)")
    p.add_argument("--capdev-src", default=None, metavar="PATH_OR_SPEC",
                   help="default CAPDEV_SRC written into the Makefile (default: this capdev's "
                        "source folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from capdev.cli.new import show
    from capdev.scaffold import init_project

    result = init_project(args.dir, args.title, args.course_id, args.course_title, args.capdev_src)
    show(result)
    return 0
