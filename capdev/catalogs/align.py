"""Align the blocks of an existing translation with the English source, by content.

A dynamic-programming alignment in the manner of Gale and Church (1993): every way of
walking through both segment lists with the moves 1–1, 1–2, 2–1, 1–0 and 0–1 is scored,
and the cheapest walk wins. The score of a move is

* Gale–Church's length cost: -log of the probability that a translation of `l1`
  characters has `l2`, with the expected ratio measured on the document itself (so it
  holds for any language pair) and the variance of the original paper, plus the move's
  prior (1–1 is by far the most common);
* evidence: what a translator copies rather than translates — protected inline parts
  (code spans, link targets, URLs, footnote labels, math, HTML; classified by
  `capdev.catalogs.inline.protected`, the one place that knows them), numbers (separators
  ignored, so 2.15 and 2,15 agree), capitalised names and acronyms, and the block kind
  (a heading pairs with a heading of the same level). Shared evidence lowers the cost,
  evidence on one side only raises it.

A pair is accepted as translated only when the evidence agrees: a 1–1 move, the same
block kind, the same protected parts and numbers, a plausible length ratio, and — next to
a merge, split or unmatched block, where a length-only alignment is most likely to be off
by one — at least one shared piece of evidence. Every other pair carries its reasons,
which the importer writes as `#.` comments on fuzzy entries.

Merges and splits (decided here, applied by the importer):

* 2–1, two English segments translated by one Spanish block: the Spanish goes to the
  first English entry, fuzzy, "merged with the next paragraph in the Spanish source"; the
  second entry stays untranslated with a comment pointing at the first. Writing the same
  Spanish into both would print it twice once a reviewer accepts both.
* 1–2, one English segment translated by two Spanish blocks: the two are joined with a
  space into the one entry, fuzzy, "split into two paragraphs in the Spanish source".
* 0–1, a Spanish block that matches nothing, is never dropped: the importer reports it as
  a finding with its line and the import report shows it.

Notebooks align cell by cell (Markdown cells in order), as before.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from capdev.catalogs.extract import Source
from capdev.catalogs.inline import protected
from capdev.catalogs.segment import Segment

# Gale & Church 1993: priors of the moves and the variance of the length ratio.
PRIOR = {(1, 1): 0.86, (1, 0): 0.025, (0, 1): 0.025, (2, 1): 0.045,
         (1, 2): 0.045}
VARIANCE = 6.8
SHARED_BONUS = 1.5  # per piece of evidence found on both sides
ONE_SIDED_COST = 0.75  # per piece found on one side only
NAME_WEIGHT = 0.4  # names are weaker evidence: English capitalises more than Spanish
KIND_COST = 4.0  # a heading against a paragraph
RATIO_LIMITS = (0.5, 2.0)  # length ratio (relative to the document's) still plausible
RATIO_RANGE = (0.25, 4.0)  # characters per English character: Chinese ~0.3, German ~1.2
SHIFT_MARGIN = 1.0  # a neighbour fitting within this cost makes a pair ambiguous
SKIP_COST = -math.log(PRIOR[(1, 0)])
BAND = 25  # the walk stays this close to the diagonal (long files stay linear)

# Inline parts that are copied, not translated; emoji and entities may be localised.
COPIED = {"code", "target", "reflabel", "footnote", "cite", "autolink", "html", "attr", "math",
          "url", "keys"}
NOT_COUNTED = {"target", "url", "autolink", "html", "attr"}  # long, copied: not "length"
NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
FENCES = ("```", "~~~")
WEAK_KINDS = {"paragraph", "list item", "table cell"}  # too common to be evidence
SENTENCE_END = ".!?:¿¡\"'«“(*#>-"


@dataclass(frozen=True)
class Features:
    length: int
    copied: Counter[str]
    numbers: Counter[str]
    names: Counter[str]
    kind: str
    barrier: bool = False  # code or other untranslated blocks sit between it and the last


@dataclass(frozen=True)
class Link:
    """One move of the alignment: English segments ↔ Spanish segments, and why the pair
    is doubtful (no reasons: accepted as translated)."""

    en: tuple[Segment, ...]
    es: tuple[Segment, ...]
    reasons: tuple[str, ...] = ()

    @property
    def move(self) -> str:
        return f"{len(self.en)}-{len(self.es)}"

    @property
    def accepted(self) -> bool:
        return bool(self.en and self.es) and not self.reasons


@dataclass
class Alignment:
    links: list[Link] = field(default_factory=list)

    @property
    def unmatched_en(self) -> list[Segment]:
        return [s for link in self.links if not link.es for s in link.en]

    @property
    def unmatched_es(self) -> list[Segment]:
        return [s for link in self.links if not link.en for s in link.es]


def features(seg: Segment) -> Features:
    tokens = protected(seg.msgid)
    copied = Counter(t for k, t in tokens if k in COPIED)
    rest = seg.msgid
    for k, t in tokens:  # numbers and names outside code and links only
        rest = rest.replace(t, " ", 1) if k in COPIED else rest
    long_parts = sum(len(t) for k, t in tokens if k in NOT_COUNTED)
    numbers = Counter(re.sub(r"\D", "", n) for n in NUMBER.findall(rest))
    # pictographs (emoji) are copied too, though translators add or drop some: weak evidence
    marks = names(rest) + Counter(c for c in rest if unicodedata.category(c) == "So")
    return Features(max(len(seg.msgid) - long_parts, 1), copied, numbers, marks, seg.kind)


def names(text: str) -> Counter[str]:
    """Acronyms and inner capitals anywhere (FastAPI, JSON, ODS); capitalised words not at a
    sentence start (Python, Starlette). Sentence-initial words differ between languages."""
    out: Counter[str] = Counter()
    for m in WORD.finditer(text):
        w = m.group(0)
        if not w[0].isupper():
            continue
        before = text[:m.start()].rstrip()
        inner = any(c.isupper() for c in w[1:])
        if inner or (before and before[-1] not in SENTENCE_END):
            out[w] += 1
    return out


def _merge(feats: list[Features]) -> Features:
    if len(feats) == 1:
        return feats[0]
    a, b = feats
    return Features(a.length + b.length, a.copied + b.copied, a.numbers + b.numbers,
                    a.names + b.names, a.kind)


def _shared(a: Counter[str], b: Counter[str]) -> tuple[int, int]:
    """(pieces on both sides, pieces on one side only)."""
    total = a.total() + b.total()
    if not a or not b:
        return 0, total
    both = sum(min(v, b[k]) for k, v in a.items() if k in b)
    return both, total - 2 * both


def length_cost(l1: int, l2: int, ratio: float) -> float:
    """Gale–Church: -log P(|delta|), delta the standardised length difference."""
    delta = (l2 - l1 * ratio) / math.sqrt(max(l1, 1) * VARIANCE)
    p = math.erfc(abs(delta) / math.sqrt(2))  # two-sided tail, 2·(1 − Φ(|δ|))
    return -math.log(max(p, 1e-12))


def _kind_cost(en: list[Features], es: list[Features]) -> float:
    cost = 0.0 if en[0].kind == es[0].kind else KIND_COST
    if len(en) + len(es) > 2:
        if any(f.kind.startswith("heading") for f in en + es):
            cost += KIND_COST  # headings are never merged or split
        if len({f.kind for f in en + es}) > 1:
            cost += 2 * KIND_COST  # a paragraph is merged with a paragraph, not a tab label
        if any(f.barrier for f in en[1:] + es[1:]):
            cost += 2 * KIND_COST  # no translator merges text across a code block
    return cost


def evidence_cost(en: Features, es: Features) -> float:
    cost = 0.0
    for a, b in ((en.copied, es.copied), (en.numbers, es.numbers)):
        both, one = _shared(a, b)
        cost += ONE_SIDED_COST * one - SHARED_BONUS * both
    # Names only count for a pair: English capitalises what Spanish does not (Monday, lunes).
    return cost - NAME_WEIGHT * SHARED_BONUS * _shared(en.names, es.names)[0]


def move_cost(en: list[Features], es: list[Features], ratio: float) -> float:
    fixed, l1, l2 = _fixed_cost(en, es)
    return fixed + length_cost(l1, l2, ratio) if en and es else fixed


def _fixed_cost(en: list[Features], es: list[Features]) -> tuple[float, int, int]:
    """The part of a move's cost that does not depend on the length ratio, and the lengths."""
    prior = -math.log(PRIOR[(len(en), len(es))])
    if not en or not es:
        return prior, 0, 0
    e, s = _merge(en), _merge(es)
    return prior + evidence_cost(e, s) + _kind_cost(en, es), e.length, s.length


class Grid:
    """One unit's segment features and the ratio-independent cost of every move, kept
    across the passes of `align` (the evidence is what costs time to compare)."""

    def __init__(self, fe: list[Features], fs: list[Features]):
        self.fe, self.fs = fe, fs
        self._fixed: dict[tuple[int, int, int, int], tuple[float, int, int]] = {}

    def cost(self, i: int, di: int, j: int, dj: int, ratio: float) -> float:
        if not di or not dj:
            return SKIP_COST
        key = (i, di, j, dj)
        got = self._fixed.get(key)
        if got is None:
            got = self._fixed[key] = _fixed_cost(self.fe[i - di:i], self.fs[j - dj:j])
        return got[0] + length_cost(got[1], got[2], ratio)


def align(en: Source, es: Source) -> Alignment:
    en_units, es_units = _segments_by_unit(en), _segments_by_unit(es)
    pairs = list(zip(en_units, es_units, strict=False))
    pairs += [(u, ([], "")) for u in en_units[len(es_units):]]
    pairs += [(([], ""), u) for u in es_units[len(en_units):]]
    # The whole-document ratio is skewed when the English grew after it was translated;
    # the median over the 1–1 pairs of a first alignment is not.
    ratio = _ratio([s for u, _ in en_units for s in u], [s for u, _ in es_units for s in u])
    grids = [grid(e, s, (et, st)) for (e, et), (s, st) in pairs]
    trial = [x for ((e, _), (s, _)), g in zip(pairs, grids, strict=True)
             for x in align_segments(e, s, ratio, g)]
    ratio = _pair_ratio(trial, ratio)
    result = Alignment()
    for ((e_unit, _), (s_unit, _)), g in zip(pairs, grids, strict=True):
        result.links += align_segments(e_unit, s_unit, ratio, g)
    return result


def _pair_ratio(links: list[Link], default: float) -> float:
    ratios = sorted(features(link.es[0]).length / features(link.en[0]).length
                    for link in links if link.move == "1-1")
    if len(ratios) < 5:
        return default
    return min(max(ratios[len(ratios) // 2], RATIO_RANGE[0]), RATIO_RANGE[1])


def _segments_by_unit(src: Source) -> list[tuple[list[Segment], str]]:
    """Notebooks align cell by cell (Markdown cells in order); other files are one unit.
    Each unit comes with the text its segments' offsets point into ("" if none)."""
    if src.kind != "ipynb":
        return [(src.segments, src.text)]
    units = {c.index: (c.segments, c.text) for c in src.cells}
    units |= {i: (segs, "") for i, segs in src.cell_meta.items()}
    return [(src.meta_segments, "")] + [units[i] for i in sorted(units)]


def barriers(segs: list[Segment], text: str) -> list[bool]:
    """Whether untranslated blocks (a code fence, several lines of code or HTML) separate
    each segment from the one before."""
    out = [False]
    for prev, seg in zip(segs, segs[1:], strict=False):
        between = text[prev.end:seg.start] if 0 <= prev.end <= seg.start <= len(text) else ""
        lines = [x for x in between.splitlines() if x.strip()]
        out.append(any(x.lstrip().startswith(FENCES) for x in lines) or len(lines) > 2)
    return out


def _ratio(en: list[Segment], es: list[Segment]) -> float:
    """Characters of translation per English character, measured on this document."""
    a = sum(features(s).length for s in en)
    b = sum(features(s).length for s in es)
    return min(max(b / a, RATIO_RANGE[0]), RATIO_RANGE[1]) if a and b else 1.0


def grid(en: list[Segment], es: list[Segment], texts: tuple[str, str] = ("", "")) -> Grid:
    fe = [replace(features(s), barrier=b) for s, b in zip(en, barriers(en, texts[0]), strict=True)]
    fs = [replace(features(s), barrier=b) for s, b in zip(es, barriers(es, texts[1]), strict=True)]
    return Grid(fe, fs)


def align_segments(en: list[Segment], es: list[Segment], ratio: float = 1.0,
                   cells: Grid | None = None) -> list[Link]:
    cells = cells or grid(en, es)
    back = _walk(cells, ratio)
    moves: list[tuple[int, int, int, int]] = []
    i, j = len(en), len(es)
    while i or j:
        di, dj = back[(i, j)]
        moves.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    moves.reverse()
    links = [Link(tuple(en[a:b]), tuple(es[c:d])) for a, b, c, d in moves]
    return [_judge(links, k, moves[k], cells.fe, cells.fs, ratio) for k in range(len(links))]


def _walk(cells: Grid, ratio: float) -> dict[tuple[int, int], tuple[int, int]]:
    """Cheapest path through the (i, j) grid, inside a band around the diagonal."""
    n, m = len(cells.fe), len(cells.fs)
    # a path leaves the straight line from (0, 0) to (n, m) by at most |n − m|·min/max
    width = BAND + (abs(n - m) * min(n, m)) // max(n, m, 1)
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = int(i * m / n) if n else 0
        for j in range(max(0, centre - width), min(m, centre + width) + 1):
            if not i and not j:
                continue
            best, step = math.inf, (0, 0)
            for di, dj in PRIOR:
                prev = cost.get((i - di, j - dj))
                if prev is None or i < di or j < dj:
                    continue
                c = prev + cells.cost(i, di, j, dj, ratio)
                if c < best:
                    best, step = c, (di, dj)
            if step != (0, 0):
                cost[(i, j)], back[(i, j)] = best, step
    return back


def _judge(links: list[Link], k: int, move: tuple[int, int, int, int], fe: list[Features],
           fs: list[Features], ratio: float) -> Link:
    link = links[k]
    if not link.en or not link.es:
        return link
    es_lines = ", ".join(str(s.line) for s in link.es)
    if link.move == "2-1":
        return Link(link.en, link.es, (f"merged with the next paragraph in the Spanish source "
                                       f"(line {es_lines})",))
    if link.move == "1-2":
        return Link(link.en, link.es, (f"split into two paragraphs in the Spanish source "
                                       f"(lines {es_lines}), joined here",))
    reasons = pair_reasons(link.en[0], link.es[0], ratio)
    if not reasons and _beside_a_gap(links, k) and not _neighbours_ruled_out(move[0], move[2],
                                                                            fe, fs):
        if not _has_shared_evidence(link):
            reasons.append("next to a merged, split or unmatched block, and only the length "
                           "supports this pair")
        elif _shifted_fits(move[0], move[2], fe, fs, ratio):
            reasons.append("next to a merged, split or unmatched block, and a neighbouring "
                           "paragraph fits as well")
    return Link(link.en, link.es, tuple(reasons))


def _neighbours_ruled_out(i: int, j: int, fe: list[Features], fs: list[Features]) -> bool:
    """Whether the evidence, not only the length, places the gap: every neighbour of this
    pair, on either side, is of another kind or has other numbers, code or links than the
    block it would pair with instead (the English paragraph with "3 working days" is the
    one the translator left out, not the one beside it)."""
    en_near = [fe[a] for a in (i - 1, i + 1) if 0 <= a < len(fe)]
    es_near = [fs[b] for b in (j - 1, j + 1) if 0 <= b < len(fs)]
    return (bool(en_near or es_near) and all(_contradicts(e, fs[j]) for e in en_near)
            and all(_contradicts(fe[i], s) for s in es_near))


def _contradicts(e: Features, s: Features) -> bool:
    return e.kind != s.kind or e.numbers != s.numbers or e.copied != s.copied


def _pair_cost(e: Features, s: Features, ratio: float) -> float:
    return length_cost(e.length, s.length, ratio) + evidence_cost(e, s) + _kind_cost([e], [s])


def _shifted_fits(i: int, j: int, fe: list[Features], fs: list[Features], ratio: float) -> bool:
    """Whether pairing either side with the other's neighbour costs about as little: then
    the alignment may be off by one here."""
    own = _pair_cost(fe[i], fs[j], ratio)
    near = [(i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)]
    return any(_pair_cost(fe[a], fs[b], ratio) <= own + SHIFT_MARGIN
               for a, b in near if 0 <= a < len(fe) and 0 <= b < len(fs))


def pair_reasons(en: Segment, es: Segment, ratio: float = 1.0) -> list[str]:
    """Why a 1–1 pair is doubtful (empty: the evidence agrees)."""
    e, s = features(en), features(es)
    reasons = []
    if e.kind != s.kind:
        reasons.append(f"block kinds differ: {e.kind} vs {s.kind}")
    if e.copied != s.copied:
        reasons.append("code, links or footnotes differ: " + _diff(e.copied, s.copied))
    if e.numbers != s.numbers:
        reasons.append("numbers differ: " + _diff(e.numbers, s.numbers))
    r = (s.length + 10) / ((e.length + 10) * ratio)
    if not RATIO_LIMITS[0] <= r <= RATIO_LIMITS[1]:
        reasons.append(f"length ratio {r:.1f}")
    return reasons


def _diff(a: Counter[str], b: Counter[str]) -> str:
    only_a = " ".join(sorted((a - b).elements())) or "—"
    only_b = " ".join(sorted((b - a).elements())) or "—"
    return f"{_short(only_a)} vs {_short(only_b)}"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _beside_a_gap(links: list[Link], k: int) -> bool:
    near = links[max(k - 1, 0):k] + links[k + 1:k + 2]
    return any(link.move != "1-1" for link in near)


def _has_shared_evidence(link: Link) -> bool:
    e, s = features(link.en[0]), features(link.es[0])
    if e.kind == s.kind and e.kind not in WEAK_KINDS:
        return True  # "heading 3", "admonition title (tip)": the structure agrees
    return any(_shared(a, b)[0] for a, b in ((e.copied, s.copied), (e.numbers, s.numbers),
                                             (e.names, s.names)))
