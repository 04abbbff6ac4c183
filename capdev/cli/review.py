"""`capdev review`: the clearance round — a reviewed DOCX's tracked changes and comments
back into the note's source, as a diff and a decisions file, then applied."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from capdev.cli.langs import add_lang, langs_of
from capdev.cli.output import console, err_console, print_findings
from capdev.config import find_root

HELP = """\
Bring a policy note's reviewed DOCX (Word tracked changes and comments, from
`capdev pdf NOTE --format docx`) back into its source. `import` prints the proposed
changes as a unified diff against note.md (or, with --lang es, against the note's
catalog) and writes a decisions file, one entry per change with `decision: defer`.
Set each to accept, reject or defer; `apply` then splices the accepted changes into
note.md (Spanish: into the catalog's msgstr), leaving every other block byte for byte,
and keeps unresolved comments in policy_notes/<id>/review-comments.yml.

Examples:
  capdev pdf integrated-multichannel-service-delivery --format docx
  capdev review import integrated-multichannel-service-delivery reviewed.docx --decisions decisions.yml
  capdev review import integrated-multichannel-service-delivery revisado.docx --lang es --decisions decisiones.yml
  capdev review apply integrated-multichannel-service-delivery decisions.yml
"""

IMPORT_HELP = """\
Propose a reviewed DOCX's changes: a unified diff on stdout (or --diff FILE) and a
decisions file (--decisions, default REVIEWED.decisions.yml next to the DOCX). The DOCX
must have been built from the current source; --force proposes against the current
text anyway (each change is checked again when applied).

Examples:
  capdev review import integrated-multichannel-service-delivery reviewed.docx
  capdev review import integrated-multichannel-service-delivery revisado.docx --lang es --diff es.diff
"""

APPLY_HELP = """\
Apply the accepted changes of a decisions file: note.md for English, the catalog for
Spanish. A change whose text moved on since the import is refused, and nothing is
written.

Examples:
  capdev review apply integrated-multichannel-service-delivery reviewed.decisions.yml
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="clearance: a reviewed DOCX back into the source",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION")
    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])

    i = rsub.add_parser("import", help="propose the reviewed DOCX's changes (diff + decisions)",
                        description=IMPORT_HELP,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    i.add_argument("note", metavar="NOTE", help="the note: its id, folder or note.md")
    i.add_argument("docx", type=Path, metavar="REVIEWED.docx")
    add_lang(i, "en", "language of the reviewed DOCX", allow_all=False)
    i.add_argument("--decisions", type=Path, default=None, metavar="FILE",
                   help="where to write the decisions (default: next to the DOCX)")
    i.add_argument("--diff", type=Path, default=None, metavar="FILE",
                   help="write the diff here instead of stdout")
    i.add_argument("--force", action="store_true",
                   help="propose even if the source changed since the DOCX was built")
    i.set_defaults(func=cmd_import)

    a = rsub.add_parser("apply", help="apply the accepted changes of a decisions file",
                        description=APPLY_HELP,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("note", metavar="NOTE", help="the note: its id, folder or note.md")
    a.add_argument("decisions", type=Path, metavar="DECISIONS.yml")
    a.set_defaults(func=cmd_apply)


def _note(root: Path, name: str) -> Path | None:
    from capdev.cli.pdf import _unknown_note, resolve_note

    folder = resolve_note(root, name)
    if folder is None or not (folder / "note.md").is_file():
        err_console.print(_unknown_note(root, name).replace("capdev pdf", "capdev review"),
                          markup=False)
        return None
    return folder


def cmd_import(args: argparse.Namespace) -> int:
    from capdev.catalogs.po import atomic_write
    from capdev.clearance.review import import_review

    root = find_root()
    langs_of(root, args.lang, allow_all=False)
    folder = _note(root, args.note)
    if folder is None:
        return 2
    review = import_review(root, folder, args.docx.resolve(), args.lang, force=args.force)
    print_findings(review.warnings)
    decisions = args.decisions or args.docx.with_suffix(".decisions.yml")
    atomic_write(decisions, review.decisions(args.docx.name))
    if args.diff:
        atomic_write(args.diff, review.diff)
    elif review.diff:
        sys.stdout.write(review.diff)
    counts: dict[str, int] = {}
    for c in review.changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    parts = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no changes"
    err_console.print(f"{len(review.changes)} proposed ({parts}); decisions in {decisions}",
                      markup=False)
    for c in review.changes:
        if not c.applicable:
            err_console.print(f"  {c.id} {c.kind} (line {c.line}): not applicable — {c.reason}",
                              markup=False)
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    from capdev.clearance.review import apply_decisions

    root = find_root()
    folder = _note(root, args.note)
    if folder is None:
        return 2
    result = apply_decisions(root, folder, args.decisions.resolve())
    print_findings(result.not_applied)
    for path in result.written:
        console.print(f"wrote {path}", markup=False)
    if any(p.endswith("note.md") for p in result.written):
        console.print("the English changed: run `capdev i18n update` to carry it to the "
                      "catalogs", markup=False)
    console.print(f"{result.accepted} accepted, {result.rejected} rejected, {result.deferred} "
                  f"deferred; {result.comments_kept} unresolved comments kept", markup=False)
    return 0
