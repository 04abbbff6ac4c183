"""Alignment benchmark: `capdev i18n import`'s aligner against a hand-checked gold alignment.

    .venv/bin/python scripts/bench_align.py [--data tests/data/align] [--json]

The data are real English/Spanish page pairs whose Spanish was written by people (see
tests/data/align/README.md). For every page the aligner runs as the importer runs it, and:

* precision: of the pairs accepted as translated (imported without `fuzzy`), the share that
  are a gold link exactly (the same English and the same Spanish segments);
* recall: of the gold links with text on both sides (1-1, 1-2, 2-1), the share the aligner
  produced exactly, accepted or fuzzy (the Spanish lands in the right entry); and the share
  it accepted;
* unmatched Spanish reported: of the Spanish segments the gold leaves unmatched, the share
  reported as an `i18n-import-unmatched-es` finding (and, looser, reported or imported as
  fuzzy, so that a reviewer sees it either way);
* wall and CPU time of the alignment;
* the same precision for a positional pairing (the n-th English
  segment with the n-th Spanish one, every pair accepted), as the baseline to compare with.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from capdev.catalogs.align import Alignment, align  # noqa: E402
from capdev.catalogs.extract import Source, load_source  # noqa: E402
from capdev.catalogs.importer import findings_for  # noqa: E402

Key = tuple[tuple[int, ...], tuple[int, ...]]  # (English lines, Spanish lines)


@dataclass
class Score:
    accepted: int = 0
    accepted_right: int = 0
    gold_pairs: int = 0
    found: int = 0
    found_accepted: int = 0
    gold_unmatched_es: int = 0
    reported: int = 0
    reported_or_fuzzy: int = 0
    positional_accepted: int = 0
    positional_right: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("accepted", "accepted_right", "gold_pairs", "found", "found_accepted",
                     "gold_unmatched_es", "reported", "reported_or_fuzzy", "positional_accepted",
                     "positional_right", "wall", "cpu"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong += other.wrong

    def figures(self) -> dict[str, float]:
        def pct(a: int, b: int) -> float:
            return round(100.0 * a / b, 2) if b else 100.0
        return {"precision_accepted": pct(self.accepted_right, self.accepted),
                "recall": pct(self.found, self.gold_pairs),
                "recall_accepted": pct(self.found_accepted, self.gold_pairs),
                "unmatched_es_reported": pct(self.reported, self.gold_unmatched_es),
                "unmatched_es_reported_or_fuzzy": pct(self.reported_or_fuzzy,
                                                      self.gold_unmatched_es),
                "positional_precision": pct(self.positional_right, self.positional_accepted),
                "positional_wrong": self.positional_accepted - self.positional_right,
                "wrong_accepted_count": self.accepted - self.accepted_right,
                "accepted": self.accepted, "gold_pairs": self.gold_pairs,
                "gold_unmatched_es": self.gold_unmatched_es,
                "wall_s": round(self.wall, 3), "cpu_s": round(self.cpu, 3)}


def load_gold(data: Path) -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = defaultdict(list)
    for line in (data / "gold.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pages[row["page"]].append(row)
    return pages


def load_pair(data: Path, page: str) -> tuple[Source, Source]:
    en = load_source((data / f"{page}.en.md").read_text("utf-8"), ".md")
    es = load_source((data / f"{page}.es.md").read_text("utf-8"), ".md")
    return en, es


def run_page(data: Path, page: str) -> tuple[Alignment, float, float]:
    en, es = load_pair(data, page)
    wall, cpu = time.perf_counter(), time.process_time()
    result = align(en, es)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def score_page(data: Path, page: str, gold: list[dict]) -> Score:
    result, wall, cpu = run_page(data, page)
    score = Score(wall=wall, cpu=cpu)
    links: set[Key] = {(tuple(r["en"]), tuple(r["es"])) for r in gold if r["en"] and r["es"]}
    got = {(tuple(s.line for s in k.en), tuple(s.line for s in k.es)): k for k in result.links}
    for key, link in got.items():
        if link.accepted:
            score.accepted += 1
            if key in links:
                score.accepted_right += 1
            else:
                score.wrong.append(f"{page}: accepted {key} — gold disagrees")
    score.gold_pairs = len(links)
    score.found = sum(1 for key in links if key in got)
    score.found_accepted = sum(1 for key in links if key in got and got[key].accepted)
    unmatched = {r["es"][0] for r in gold if not r["en"]}
    reported = {f.line for f in findings_for(result, page, page)
                if f.rule == "i18n-import-unmatched-es"}
    fuzzy = {s.line for k in result.links if k.en and not k.accepted for s in k.es}
    score.gold_unmatched_es = len(unmatched)
    score.reported = len(unmatched & reported)
    score.reported_or_fuzzy = len(unmatched & (reported | fuzzy))
    en, es = load_pair(data, page)
    pairs = zip(en.all_segments(), es.all_segments(), strict=False)
    positional = {((a.line,), (b.line,)) for a, b in pairs}
    score.positional_accepted = len(positional)
    score.positional_right = len(positional & links)
    return score


def bench(data: Path) -> dict[str, dict[str, float]]:
    gold = load_gold(data)
    by_set: dict[str, Score] = defaultdict(Score)
    total = Score()
    for page, rows in gold.items():
        score = score_page(data, page, rows)
        by_set[rows[0].get("set", "all")].add(score)
        total.add(score)
    out = {name: s.figures() for name, s in sorted(by_set.items())}
    out["all"] = total.figures()
    out["all"]["wrong_accepted"] = total.wrong  # type: ignore[assignment]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "align")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    figures = bench(args.data)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    for name, f in figures.items():
        print(f"{name}: precision of accepted pairs {f['precision_accepted']}% "
              f"({f['accepted']} accepted); recall {f['recall']}% of {f['gold_pairs']} gold "
              f"pairs ({f['recall_accepted']}% accepted); unmatched Spanish reported "
              f"{f['unmatched_es_reported']}% of {f['gold_unmatched_es']} "
              f"({f['unmatched_es_reported_or_fuzzy']}% reported or fuzzy); "
              f"wall {f['wall_s']} s, CPU {f['cpu_s']} s")
        print(f"  wrong pairs accepted: {f['wrong_accepted_count']}; positional pairing "
              f"(n-th English with n-th Spanish segment): precision {f['positional_precision']}%, "
              f"{f['positional_wrong']} wrong pairs accepted")
    for line in figures["all"].get("wrong_accepted", []):  # type: ignore[union-attr]
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
