"""`capdev export scorm`: the courses as SCORM 1.2 packages for a learning platform."""

from __future__ import annotations

import argparse
import difflib
import time
from pathlib import Path

from capdev.cli.langs import add_lang, langs_of
from capdev.cli.output import console, err_console
from capdev.errors import CapdevError, Finding

HELP = """\
Export courses for a learning platform (LMS).

  scorm   one SCORM 1.2 package (a zip) per course and language, for Moodle and any
          LMS that imports SCORM 1.2: see README.md, "Moodle"

Examples:
  capdev export scorm                          every course, en and es, into dist/scorm
  capdev export scorm digital-government --lang es -o /tmp/lms
  capdev export scorm --help                   options of the SCORM export
"""

SCORM_HELP = """\
Write one SCORM 1.2 package per course and language: a zip with imsmanifest.xml, one SCO
per lesson (grouped by module, titled in the package's language) and the whole site
inside, fonts, scripts and search included, so that nothing is fetched from the network.
Each lesson reports to the LMS: completed once read to its end (or marked done),
passed or failed once its knowledge checks are answered (score 0–100 against the mastery
score), and the learner resumes where they left off.

The site is built as `capdev build` builds it, into a temporary folder, unless
--site-dir names one capdev already built. Packages go to OUT/<course>-scorm12-<lang>.zip;
OUT must be a new or empty folder, or one capdev made.

Examples:
  capdev export scorm                                  every course, en and es
  capdev export scorm digital-government --lang es
  capdev export scorm digital-government --site-dir site -o /tmp/lms
  capdev export scorm digital-government --mastery-score 70
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="courses for a learning platform (SCORM 1.2)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    kinds = p.add_subparsers(dest="kind", metavar="FORMAT")
    s = kinds.add_parser("scorm", help="SCORM 1.2 packages, one per course and language",
                         description=SCORM_HELP,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("courses", nargs="*", metavar="COURSE",
                   help="course id, e.g. digital-government (default: every course)")
    add_lang(s, "all", "language of the packages")
    s.add_argument("-o", "--out", type=Path, default=None,
                   help="output folder (default: dist/scorm under the project)")
    s.add_argument("--site-dir", type=Path, default=None,
                   help="package this site built by `capdev build` (e.g. site) instead of "
                        "building one")
    s.add_argument("--mastery-score", type=_percent, default=None, metavar="N",
                   help="percent of a lesson's check questions needed to pass (default: 80)")
    s.add_argument("--force", action="store_true",
                   help="write into a non-empty folder capdev did not create")
    s.set_defaults(func=run_scorm)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help()
    return 2


def _percent(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 100")
    return int(text)


def run_scorm(args: argparse.Namespace) -> int:
    from capdev.cli.build import progress_to
    from capdev.config import find_root
    from capdev.delivery import scorm
    from capdev.sources.cached import load_project

    root = find_root()
    project = load_project(root)
    courses = _courses(project, args.courses)
    langs = langs_of(root, args.lang)
    out = scorm.prepare(root, args.out or root / "dist" / "scorm", args.force)
    start = time.perf_counter()
    total = len(courses) * len(langs)

    count = [0]

    def done(m: scorm.Made) -> None:
        count[0] += 1
        err_console.print(f"[{count[0]}/{total}] {m.course} ({m.lang}): {m.scos} SCOs, "
                          f"{m.files} files, {m.path.stat().st_size / 1e6:.1f} MB → "
                          f"{_shown(m.path, root)}", markup=False, highlight=False)

    mastery = scorm.MASTERY if args.mastery_score is None else args.mastery_score
    with console.status("capdev export scorm: building the site…") as status:
        made = scorm.export(project, courses, langs, out, mastery=mastery,
                            site_dir=args.site_dir, progress=progress_to(status), on_done=done)
    console.print(f"{len(made)} of {total} SCORM 1.2 package{'s' if total != 1 else ''} in "
                  f"{_shown(out, root)} in {time.perf_counter() - start:.1f} s; import into "
                  "Moodle: README.md, \"Moodle\"", markup=False, highlight=False)
    return 0


def _courses(project, names: list[str]) -> list:
    by_id = {c.id: c for c in project.courses}
    if not by_id:
        raise CapdevError(Finding("courses", 0, "export-no-course", "the project has no course",
                                  "courses live in courses/<id>/course.yml"))
    chosen = []
    for name in names or list(by_id):
        course = by_id.get(Path(name).name)
        if course is None:
            close = difflib.get_close_matches(Path(name).name, list(by_id), n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise CapdevError(Finding(name, 0, "export-course-unknown", "no course with this id",
                                      hint + "courses: " + ", ".join(by_id)))
        chosen.append(course)
    return chosen


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
