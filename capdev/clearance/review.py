"""`capdev review import` and `apply`: the engine (the CLI only parses and prints)."""

from __future__ import annotations

import difflib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from capdev.catalogs import po as _po
from capdev.clearance import docx, labels, provenance, safety
from capdev.clearance.propose import Change, Edit, Proposer
from capdev.clearance.source import NoteSource, load
from capdev.errors import CapdevError, Finding
from capdev.pdf.prepare import localized_bibliography

DECISIONS = ("accept", "reject", "defer")
COMMENTS_FILE = "review-comments.yml"


@dataclass
class Review:
    note: NoteSource
    changes: list[Change]
    diff: str
    warnings: list[Finding] = field(default_factory=list)
    built: dict[str, str] = field(default_factory=dict)

    def decisions(self, docx_name: str) -> str:
        head = {"note": self.note.rel, "lang": self.note.lang, "docx": docx_name,
                "source": provenance.revision_of(self.note), "changes":
                [c.as_dict() for c in self.changes]}
        return ("# capdev review: set each change's decision to accept, reject or defer,\n"
                "# then run `capdev review apply`. Comments: accept or reject = resolved.\n"
                + yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=100))


def import_review(root: Path, folder: Path, path: Path, lang: str,
                  force: bool = False) -> Review:
    shown = _po.shown_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CapdevError(Finding(shown, 0, "review-not-found",
                                  f"cannot read it ({exc.strerror})",
                                  "give the reviewed .docx file")) from None
    zf = safety.check(data, shown)
    note = load(root, folder, lang)
    warnings = _provenance(root, note, zf, shown, force)
    blocks = docx.read(data, shown)
    bib = folder / localized_bibliography(folder, "references.bib", lang)
    cites = labels.renderings(bib, lang, note.rel) if bib.is_file() else {}
    changes = Proposer(note, cites).run(blocks)
    return Review(note, changes, _diff(note, changes), warnings)


def _provenance(root: Path, note: NoteSource, zf: zipfile.ZipFile, shown: str,
                force: bool) -> list[Finding]:
    built = provenance.read(zf)
    if not built:
        return [Finding(shown, 0, "review-no-provenance",
                        "the DOCX does not say which source revision it was built from",
                        "changes are checked against the current text as they are applied",
                        severity="warning")]
    if built.get("note") not in ("", note.folder.name) or built.get("lang", note.lang) != note.lang:
        raise CapdevError(Finding(shown, 0, "review-wrong-note",
                                  f"built from {built.get('note')} ({built.get('lang')}), not "
                                  f"{note.folder.name} ({note.lang})",
                                  "import it for the note and --lang it was built for"))
    stale = provenance.changed(provenance.revision(root, note.folder, note.lang), built)
    if not stale:
        return []
    what = " and ".join("note.md" if k == "note-sha256" else "the catalog" for k in stale)
    commit = built.get("git-commit", "")[:12]
    msg = (f"{what} changed since this DOCX was built"
           + (f" (from commit {commit})" if commit else ""))
    if not force:
        raise CapdevError(Finding(shown, 0, "review-source-changed", msg,
                                  "rebuild the DOCX and review again, or pass --force to "
                                  "propose the changes against the current text (each is "
                                  "checked before it is applied)"))
    return [Finding(shown, 0, "review-source-changed", msg, "--force: proposing anyway",
                    severity="warning")]


# -- applying ---------------------------------------------------------------------------

def _splice(text: str, edits: list[Edit], where: str) -> str:
    """Edits from the end backwards, each checked against the text it replaces."""
    last = len(text) + 1
    unique = {(e.at, e.old, e.new): e for e in edits}.values()  # a shared entry, met twice
    for e in sorted(unique, key=lambda e: (e.at, len(e.old)), reverse=True):
        if e.at + len(e.old) > last or text[e.at:e.at + len(e.old)] != e.old:
            raise CapdevError(Finding(where, 0, "review-conflict",
                                      f"the text at offset {e.at} is no longer "
                                      f"“{e.old[:40]}”",
                                      "the source changed since the import: import again"))
        text = text[:e.at] + e.new + text[e.at + len(e.old):]
        last = e.at
    return text


def _diff(note: NoteSource, changes: list[Change]) -> str:
    edits = [e for c in changes if c.applicable for e in c.edits]
    if note.lang == "en":
        new = _splice(note.text, edits, note.rel)
        return "".join(difflib.unified_diff(note.text.splitlines(True), new.splitlines(True),
                                            f"a/{note.rel}", f"b/{note.rel}"))
    if note.catalog is None or note.catalog_path is None:
        return ""
    old = note.catalog.data.decode("utf-8", "replace")
    new = _catalog_text(note, edits)
    rel = f"translations/{note.lang}/{note.rel}.po"
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        f"a/{rel}", f"b/{rel}"))


def _catalog_text(note: NoteSource, edits: list[Edit]) -> str:
    """The catalog with `edits` in its msgstr, rendered by capdev's catalog writer."""
    assert note.catalog is not None
    by_id = {e.msgid: e for e in note.catalog.owned()}
    per_entry: dict[str, list[Edit]] = {}
    for e in edits:
        per_entry.setdefault(e.msgid, []).append(e)
    for msgid, group in per_entry.items():
        entry = by_id.get(msgid)
        if entry is None:
            raise CapdevError(Finding(note.rel, 0, "review-conflict",
                                      f"no catalog entry “{msgid[:40]}” any more",
                                      "the source changed since the import: import again"))
        entry.msgstr = _splice(entry.msgstr, group, str(note.catalog_path))
    if not per_entry:
        return note.catalog.data.decode("utf-8")
    return _po.stamped(_po.render_po(note.catalog.po, note.catalog.foreign))


@dataclass
class Applied:
    written: list[str] = field(default_factory=list)
    accepted: int = 0
    rejected: int = 0
    deferred: int = 0
    comments_kept: int = 0
    not_applied: list[Finding] = field(default_factory=list)


def read_decisions(path: Path, shown: str) -> dict:
    try:
        text = path.read_text("utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise CapdevError(Finding(shown, 0, "review-decisions", f"cannot read it: {exc}",
                                  "give the decisions file `capdev review import` wrote")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CapdevError(Finding(shown, mark.line + 1 if mark else 0, "review-decisions",
                                  f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                  "fix the file, or import the DOCX again")) from None
    if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
        raise CapdevError(Finding(shown, 1, "review-decisions", "no `changes:` list",
                                  "give the decisions file `capdev review import` wrote"))
    lines = text.splitlines()
    bad = []
    for c in data["changes"]:
        if not isinstance(c, dict) or c.get("decision") not in DECISIONS:
            cid = c.get("id") if isinstance(c, dict) else None
            line = next((n for n, ln in enumerate(lines, 1) if ln.strip() == f"- id: {cid}"), 0)
            bad.append(Finding(shown, line, "review-decision",
                               f"change {cid}: decision must be accept, reject or defer",
                               "edit the `decision:` line"))
    if bad:
        raise CapdevError(bad)
    return data


def apply_decisions(root: Path, folder: Path, decisions: Path) -> Applied:
    shown = _po.shown_path(decisions, root)
    data = read_decisions(decisions, shown)
    lang = str(data.get("lang") or "en")
    note = load(root, folder, lang)
    if data.get("note") not in (None, note.rel):
        raise CapdevError(Finding(shown, 1, "review-wrong-note",
                                  f"these decisions are for {data.get('note')}, not {note.rel}",
                                  "give the note the decisions were written for"))
    result = Applied()
    edits: list[Edit] = []
    comments = []
    for c in data["changes"]:
        decision = c["decision"]
        result.accepted += decision == "accept"
        result.rejected += decision == "reject"
        result.deferred += decision == "defer"
        if c.get("kind") == "comment":
            if decision == "defer":
                comments.append(_comment_record(c, data))
            continue
        if decision != "accept":
            continue
        if not c.get("applicable", True):
            result.not_applied.append(Finding(note.rel, int(c.get("line") or 0),
                                              "review-not-applied",
                                              f"{c.get('id')} ({c.get('kind')}): "
                                              f"{c.get('summary')}", c.get("reason", ""),
                                              severity="warning"))
            continue
        edits += _edits_of(c, shown)
    if lang == "en":
        new = _splice(note.text, edits, note.rel)
        if _po.atomic_write(folder / "note.md", new):
            result.written.append(note.rel)
    elif edits:
        if note.catalog is None or note.catalog_path is None:
            raise CapdevError(Finding(note.rel, 0, "review-no-catalog",
                                      f"no {lang} catalog for this note",
                                      "run `capdev i18n update` first"))
        text = _catalog_text(note, edits)
        if _po.atomic_write(note.catalog_path, text):
            result.written.append(_po.shown_path(note.catalog_path, root))
    result.comments_kept = _keep_comments(root, folder, comments, result)
    return result


def _edits_of(change: dict, shown: str) -> list[Edit]:
    """A change's edits as the decisions file has them; a hand-edited file that broke
    them is a finding, not a traceback."""
    try:
        return [Edit(int(e["at"]), str(e["old"]), str(e["new"]), str(e.get("msgid") or ""))
                for e in change.get("edits") or []]
    except (TypeError, ValueError, KeyError, AttributeError):
        raise CapdevError(Finding(shown, 0, "review-decisions",
                                  f"change {change.get('id')}: its `edits` are not as "
                                  "`capdev review import` wrote them",
                                  "change only the `decision:` lines, or import again")) from None


def _comment_record(c: dict, data: dict) -> dict:
    return {"author": c.get("author", ""), "date": c.get("date", ""),
            "line": c.get("line", 0), "lang": data.get("lang", "en"),
            "docx": data.get("docx", ""), "anchor": c.get("anchor", ""),
            "comment": c.get("comment", "")}


def _keep_comments(root: Path, folder: Path, comments: list[dict], result: Applied) -> int:
    """Unresolved comments, merged with those kept from earlier rounds."""
    path = folder / COMMENTS_FILE
    old = []
    if path.is_file():
        loaded = yaml.safe_load(path.read_text("utf-8")) or {}
        old = loaded.get("comments", []) if isinstance(loaded, dict) else []
    seen = {(c.get("author"), c.get("date"), c.get("comment"), c.get("anchor")) for c in old}
    merged = old + [c for c in comments
                    if (c["author"], c["date"], c["comment"], c["anchor"]) not in seen]
    if not merged:
        return 0
    text = ("# Reviewers' comments not yet resolved (capdev review apply keeps them here).\n"
            + yaml.safe_dump({"comments": merged}, allow_unicode=True, sort_keys=False,
                             width=100))
    if _po.atomic_write(path, text):
        result.written.append(_po.shown_path(path, root))
    return len(merged)
