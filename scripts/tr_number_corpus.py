"""Build tests/data/tr_number/pairs.jsonl: English/Spanish segment pairs from FastAPI's
human-translated documentation, to measure the `tr-number` rule's false alarms.

Usage: scripts/tr_number_corpus.py GIT_DIR COMMIT OUT.jsonl

GIT_DIR is a bare clone of github.com/fastapi/fastapi (MIT licence). Every version of
every Spanish page docs/es/docs/X.md up to COMMIT (written by people: the project's
LLM-assisted translations came after it) is paired with the English page at the commit
that made that version (the English it was translated from); identical pairs are kept once. Segments are paired only where
the pairing is unambiguous: the whole file has the same sequence of segment kinds, or,
failing that, sections between headings whose kind sequences agree (with as many headings
on both sides). Only pairs whose English has a digit are kept (the rule looks at nothing
else).
"""

from __future__ import annotations

import json
import subprocess
import sys

from capdev.catalogs.extract import markdown_segments
from capdev.catalogs.segment import Segment


def git(gd: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", gd, *args], check=True, capture_output=True,
                          text=True).stdout


def sections(segs: list[Segment]) -> list[list[Segment]]:
    out: list[list[Segment]] = [[]]
    for s in segs:
        if s.kind.startswith("heading"):
            out.append([])
        out[-1].append(s)
    return out


def pairs(en: list[Segment], es: list[Segment]) -> tuple[list[tuple[Segment, Segment]], str]:
    if [s.kind for s in en] == [s.kind for s in es]:
        return list(zip(en, es, strict=True)), "file"
    a, b = sections(en), sections(es)
    if len(a) != len(b):
        return [], "skipped"
    out = []
    for x, y in zip(a, b, strict=True):
        if [s.kind for s in x] == [s.kind for s in y]:
            out += zip(x, y, strict=True)
    return out, "sections"


def main(gd: str, commit: str, dest: str) -> None:
    files = [f for f in git(gd, "ls-tree", "-r", "--name-only", commit, "docs/es/docs").split()
             if f.endswith(".md")]
    rows, stats = [], {"files": 0, "versions": 0, "paired_files": 0, "segments_en": 0, "paired": 0}
    seen: set[tuple[str, str]] = set()
    stats["files"] = len(files)
    versions = [(f, made) for f in files
                for made in git(gd, "log", "--format=%H", commit, "--", f).split()]
    for es_path, made in versions:
        en_path = "docs/en/docs/" + es_path.removeprefix("docs/es/docs/")
        try:
            en_text = git(gd, "show", f"{made}:{en_path}")
            es_text = git(gd, "show", f"{made}:{es_path}")
        except subprocess.CalledProcessError:
            continue
        en, es = markdown_segments(en_text), markdown_segments(es_text)
        got, how = pairs(en, es)
        stats["versions"] += 1
        stats["segments_en"] += len(en)
        stats["paired_files"] += bool(got)
        for e, s in got:
            if (e.msgid, s.msgid) in seen:
                continue
            seen.add((e.msgid, s.msgid))
            stats["paired"] += 1
            if any(ch.isdigit() for ch in e.msgid):
                rows.append({"file": es_path, "commit": made, "en_line": e.line,
                             "es_line": s.line, "kind": e.kind, "paired_by": how,
                             "en": e.msgid, "es": s.msgid})
    stats["with_digits"] = len(rows)
    with open(dest, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main(*sys.argv[1:4])
