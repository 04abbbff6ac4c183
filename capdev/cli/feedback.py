"""`capdev feedback aggregate FILES…`: the bilingual summary of a form's responses.

Exit codes: 0 summary written; 1 problems in the input (printed as
`path:line [rule] message — hint`, and nothing written); 2 wrong usage (argparse).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from capdev.assessment.responses import expand
from capdev.cli.langs import add_lang, langs_of
from capdev.cli.output import err_console, print_findings
from capdev.config import find_root
from capdev.errors import CapdevError, Finding, errors_only

EXAMPLES = """examples:
  capdev feedback aggregate answers/*.json
  capdev feedback aggregate answers/ -o summaries/ --lang es
  capdev feedback aggregate answers/ --form workshop-evaluation"""

EPILOG = EXAMPLES + """

Files are response files downloaded from a form page (folders: their *.json files). All
must answer the same form and version (the first file's, or --form's). A file that is not
valid JSON or not a response of ours (fb-json, fb-schema, fb-foreign), answers another
form or version (fb-foreign, fb-version), has answers the form does not allow (fb-answer),
or repeats another file (fb-duplicate) or its respondent code (fb-duplicate-code) stops
the command: nothing is written. Groups of fewer than 5 responses are not shown."""


def register(subparsers: argparse._SubParsersAction) -> None:
    fp = subparsers.add_parser("feedback", help="summaries of feedback and consultation forms",
                               description=__doc__, epilog=EXAMPLES,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = fp.add_subparsers(dest="feedback_command", required=True, metavar="COMMAND")
    p = sub.add_parser("aggregate", help="summary (HTML and PDF) of a form's response files",
                       description="A summary of a form's responses in HTML and PDF: counts, "
                                   "charts, free-text answers, breakdowns; groups of fewer "
                                   "than 5 responses suppressed.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", type=Path, metavar="FILES",
                   help="response files (.json) or folders of them")
    p.add_argument("-o", "--out", type=Path, default=Path("feedback-summary"), metavar="DIR",
                   help="folder for summary-<form>-<lang>.html and .pdf "
                        "(default: feedback-summary)")
    add_lang(p, "all", "language of the summary (one per language with all)")
    p.add_argument("--form", metavar="ID", help="the form every file must answer "
                                                "(default: the first file's)")
    fp.set_defaults(func=run)


def _aggregate(args: argparse.Namespace) -> int:
    from capdev.feedback.report import present, write_summary
    from capdev.feedback.responses import load
    from capdev.feedback.summary import summarise
    from capdev.feedback.texts import load_forms

    start = time.perf_counter()
    root = find_root()
    languages = langs_of(root, args.lang)
    forms = load_forms(root, "en")
    if args.form is not None and args.form not in forms:
        raise CapdevError(Finding("--form", 0, "fb-form-unknown", f"no form {args.form!r}",
                                  "forms of this project: " + ", ".join(sorted(forms))))
    files = expand(args.files)
    if not files:
        raise CapdevError(Finding(" ".join(map(str, args.files)), 0, "fb-no-files",
                                  "no response files found", "name .json files or folders"))
    responses, found = load(forms, files, args.form)
    if errors_only(found):
        print_findings(found)
        err_console.print("no summary written: fix or remove the files above")
        return 1
    form_id = responses[0].data["form"]
    summary = summarise(forms[form_id], responses)
    written: list[Path] = []
    for lang in languages:
        form = forms[form_id] if lang == "en" else load_forms(root, lang)[form_id]
        written += write_summary(present(summary, form, lang), args.out, form_id)
    err_console.print(f"summary of {len(responses)} response(s) to {form_id} → "
                      f"{', '.join(map(str, written))} in {time.perf_counter() - start:.2f} s")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run `capdev feedback <command>`; user errors become findings and exit code 1."""
    try:
        return {"aggregate": _aggregate}[args.feedback_command](args)
    except CapdevError as exc:
        print_findings(exc.findings)
        return 1


__all__ = ["register", "run"]
