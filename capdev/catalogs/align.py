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
BAND = 40  # the walk stays this close to the diagonal (long files stay linear)

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
    return Features(sum(f.length for f in feats), sum((f.copied for f in feats), Counter()),
                    sum((f.numbers for f in feats), Counter()),
                    sum((f.names for f in feats), Counter()), feats[0].kind)


def _shared(a: Counter[str], b: Counter[str]) -> tuple[int, int]:
    both = sum((a & b).values())
    return both, sum(a.values()) + sum(b.values()) - 2 * both


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
    for weight, a, b in ((1.0, en.copied, es.copied), (1.0, en.numbers, es.numbers),
                         (NAME_WEIGHT, en.names, es.names)):
        both, one = _shared(a, b)
        cost += weight * (ONE_SIDED_COST * one - SHARED_BONUS * both)
    return cost


def move_cost(en: list[Features], es: list[Features], ratio: float) -> float:
    prior = -math.log(PRIOR[(len(en), len(es))])
    if not en or not es:
        return prior
    e, s = _merge(en), _merge(es)
    return prior + length_cost(e.length, s.length, ratio) + evidence_cost(e, s) \
        + _kind_cost(en, es)


def align(en: Source, es: Source) -> Alignment:
    result = Alignment()
    en_units, es_units = _segments_by_unit(en), _segments_by_unit(es)
    ratio = _ratio([s for u, _ in en_units for s in u], [s for u, _ in es_units for s in u])
    for i in range(max(len(en_units), len(es_units))):
        e_unit, e_text = en_units[i] if i < len(en_units) else ([], "")
        s_unit, s_text = es_units[i] if i < len(es_units) else ([], "")
        result.links += align_segments(e_unit, s_unit, ratio, (e_text, s_text))
    return result


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
    return min(max(b / a, 0.5), 2.0) if a and b else 1.0


def align_segments(en: list[Segment], es: list[Segment], ratio: float = 1.0,
                   texts: tuple[str, str] = ("", "")) -> list[Link]:
    fe = [replace(features(s), barrier=b) for s, b in zip(en, barriers(en, texts[0]), strict=True)]
    fs = [replace(features(s), barrier=b) for s, b in zip(es, barriers(es, texts[1]), strict=True)]
    back = _walk(fe, fs, ratio)
    moves: list[tuple[int, int, int, int]] = []
    i, j = len(en), len(es)
    while i or j:
        di, dj = back[(i, j)]
        moves.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    moves.reverse()
    links = [Link(tuple(en[a:b]), tuple(es[c:d])) for a, b, c, d in moves]
    return [_judge(links, k, ratio) for k in range(len(links))]


def _walk(fe: list[Features], fs: list[Features],
          ratio: float) -> dict[tuple[int, int], tuple[int, int]]:
    """Cheapest path through the (i, j) grid, inside a band around the diagonal."""
    n, m = len(fe), len(fs)
    width = BAND + abs(n - m)
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n if n else 0
        for j in range(max(0, int(centre) - width), min(m, int(centre) + width) + 1):
            if (i, j) == (0, 0):
                continue
            best, step = math.inf, (0, 0)
            for di, dj in PRIOR:
                prev = cost.get((i - di, j - dj))
                if prev is None or i < di or j < dj:
                    continue
                c = prev + move_cost(fe[i - di:i], fs[j - dj:j], ratio)
                if c < best:
                    best, step = c, (di, dj)
            if step != (0, 0):
                cost[(i, j)], back[(i, j)] = best, step
    return back


def _judge(links: list[Link], k: int, ratio: float) -> Link:
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
    if not reasons and _beside_a_gap(links, k) and not _has_shared_evidence(link):
        reasons.append("next to a merged, split or unmatched block, and only the length "
                       "supports this pair")
    return Link(link.en, link.es, tuple(reasons))


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
