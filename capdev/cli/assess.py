"""`capdev assess …`: validate, individual reports, cohort report, Moodle export, questionnaire.

Exit codes: 0 success; 1 problems in the input (printed as `path:line [rule] message — hint`);
2 wrong usage (argparse).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from capdev.assessment.cohort import K_MIN, cohort_stats, deduplicate
from capdev.assessment.cohort_report import present, write_cohort
from capdev.assessment.framework import Framework, framework_warnings
from capdev.assessment.moodle import moodle_csv
from capdev.assessment.questionnaire import write_questionnaire
from capdev.assessment.report import write_reports
from capdev.assessment.responses import Response, expand, load_responses
from capdev.assessment.texts import framework_for, framework_path, module_titles
from capdev.cli.langs import add_lang, langs_of
from capdev.errors import CapdevError, Finding, errors_only

EPILOG = """examples:
  capdev assess validate                                  check the framework
  capdev assess validate answers/*.json                   ... and response files
  capdev assess report answers/PX-12.json --out reports/ --lang es
  capdev assess cohort endline/ --baseline baseline/ --out cohort/
  capdev assess export-moodle --out moodle-framework.csv
  capdev assess questionnaire --lang es --out questionnaire-es.pdf

Response files (or folders of *.json) are validated against the framework version they name;
invalid files are reported with their line and, unless --skip-invalid, stop the command."""

COHORT_HELP = """Cohort report (HTML and PDF) from many response files, with small-group
suppression and, given --baseline, a paired comparison on the respondents' codes.

Each person counts once. Files with identical content count once (warning
cohort-duplicate-file). Of different responses under one code, only the one with the
latest date is counted (warning cohort-superseded); when no single latest date exists
(same day, or a date missing) nothing says which answers are the person's, so those files
are an error (cohort-code-conflict) that stops the command, or with --skip-invalid are
left out. Cells with fewer than --min-cell people are suppressed; --min-cell cannot go
below 5."""

err = Console(stderr=True, highlight=False, soft_wrap=True)  # never wrap path:line findings


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    add_lang(p, "en", "language of the framework text and the output", allow_all=False)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `assess` command and its sub-commands to the capdev CLI."""
    ap = subparsers.add_parser("assess", help="competence self-assessment tools",
                               description=__doc__, epilog=EPILOG,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="assess_command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help="validate the framework and optional response files")
    _common(p)
    p.add_argument("responses", nargs="*", type=Path, metavar="RESPONSE")
    p = sub.add_parser("report", help="one PDF report per response file")
    _common(p)
    p.add_argument("responses", nargs="+", type=Path, metavar="RESPONSE.json")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--skip-invalid", action="store_true", help="report bad files, go on")
    p = sub.add_parser("cohort", help="cohort report (HTML and PDF), with optional baseline",
                       description=COHORT_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(p)
    p.add_argument("responses", nargs="+", type=Path, metavar="RESPONSES")
    p.add_argument("--baseline", nargs="+", type=Path, metavar="RESPONSES",
                   help="baseline files for a paired pre/post comparison on the code")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--min-cell", type=_min_cell, default=K_MIN, metavar="K",
                   help=f"suppress cells with fewer than K people (default and floor: {K_MIN}; "
                        "smaller groups could identify individuals)")
    p.add_argument("--skip-invalid", action="store_true", help="report bad files, go on")
    p = sub.add_parser("export-moodle", help="Moodle competency-framework CSV")
    _common(p)
    p.add_argument("--out", type=Path, help="CSV file (default: standard output)")
    p = sub.add_parser("questionnaire", help="printable questionnaire PDF")
    _common(p)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    ap.set_defaults(func=run)


def _min_cell(value: str) -> int:
    """--min-cell: a whole number no smaller than the design note's floor (argparse: exit 2)."""
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if k < K_MIN:
        raise argparse.ArgumentTypeError(
            f"{k} is below the floor of {K_MIN} — groups smaller than {K_MIN} could identify "
            f"individuals (Law 81 of 2019); use {K_MIN} or more")
    return k


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[], None] | None]:
    """A rich progress bar for long runs on a terminal; silent otherwise."""
    if total < 50 or not err.is_terminal:
        yield None
        return
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as prog:
        task = prog.add_task(label, total=total)
        yield lambda: prog.advance(task)


def _print(findings: list[Finding]) -> None:
    """Plain lines, written at once (rich's per-line rendering costs 50 µs a finding)."""
    if findings:
        err.file.write("".join(f.format(with_severity=f.severity != "error") + "\n"
                               for f in findings))
        err.file.flush()


def _load(fw: Framework, paths: list[Path], label: str) -> tuple[list[Response], list[Finding]]:
    files = expand(paths)
    with _progress(len(files), f"reading {label}") as tick:
        responses, findings = load_responses(fw, files, tick)
    if not files:
        findings.append(Finding(label, 0, "resp-none", "no response files found",
                                "give .json files or folders that contain them"))
    return responses, findings


def _validate(args: argparse.Namespace) -> int:
    fw = framework_for(args.root, args.lang)
    warnings = framework_warnings(framework_path(args.root))
    _print(warnings)
    found: list[Finding] = []
    n = 0
    if args.responses:
        responses, found = _load(fw, args.responses, "responses")
        n = len(responses)
        _print(found)
    bad = len(errors_only(found))
    err.print(f"framework {fw.key}: valid ({len(warnings)} warning(s))"
              + (f"; responses: {n} valid, {bad} problem(s)" if args.responses else ""))
    return 1 if bad else 0


def _report(args: argparse.Namespace) -> int:
    fw = framework_for(args.root, args.lang)
    responses, found = _load(fw, args.responses, "responses")
    _print(found)
    if errors_only(found) and not args.skip_invalid:
        err.print("no reports written: fix the files above or pass --skip-invalid")
        return 1
    start = time.perf_counter()
    with _progress(len(responses), "writing reports") as tick:
        written = write_reports(fw, responses, args.lang, module_titles(args.root, fw, args.lang),
                                args.out, tick)
    err.print(f"wrote {len(written)} report(s) to {args.out} in "
              f"{time.perf_counter() - start:.1f} s; {len(errors_only(found))} file(s) excluded")
    return 0


def _load_people(fw: Framework, paths: list[Path], label: str
                 ) -> tuple[list[Response], list[Finding], int]:
    """Valid responses, one per person; findings; how many duplicate files were left out."""
    loaded, found = _load(fw, paths, label)
    people, dup = deduplicate(loaded)
    left_out = sum(1 for f in dup if f.severity != "error")
    return people, found + dup, left_out


def _cohort(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    fw = framework_for(args.root, args.lang)
    responses, found, dups = _load_people(fw, args.responses, "responses")
    baseline = None
    if args.baseline:
        baseline, base_found, base_dups = _load_people(fw, args.baseline, "baseline")
        found += base_found
        dups += base_dups
    excluded = len({f.path for f in errors_only(found)})
    if errors_only(found) and not args.skip_invalid:
        _print(found)
        err.print("no cohort report written: fix the files above or pass --skip-invalid")
        return 1
    stats, notes = cohort_stats(fw, responses, baseline, args.min_cell)
    _print(found + notes)
    written = write_cohort(present(stats, fw, args.lang, excluded, dups), args.out)
    paired = stats["paired"]["pairs"] if stats["paired"] else 0
    err.print(f"cohort of {len(responses)} response(s)"
              + (f", {paired} baseline pair(s)" if baseline is not None else "")
              + f", {excluded} file(s) excluded, {dups} duplicate(s) left out → "
              f"{', '.join(map(str, written))} in {time.perf_counter() - start:.2f} s")
    return 0


def _moodle(args: argparse.Namespace) -> int:
    text = moodle_csv(framework_for(args.root, args.lang))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        err.print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _questionnaire(args: argparse.Namespace) -> int:
    out = write_questionnaire(framework_for(args.root, args.lang), args.lang, args.out)
    err.print(f"wrote {out}")
    return 0


COMMANDS = {"validate": _validate, "report": _report, "cohort": _cohort,
            "export-moodle": _moodle, "questionnaire": _questionnaire}


def run(args: argparse.Namespace) -> int:
    """Run `capdev assess <command>`; user errors become findings and exit code 1."""
    try:
        langs_of(args.root, args.lang, allow_all=False)
        return COMMANDS[args.assess_command](args)
    except CapdevError as exc:
        _print(exc.findings)
        return exc.exit_code


__all__ = ["register", "run"]
