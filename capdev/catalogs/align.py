"""`capdev i18n import`: fill a catalog from a Spanish file translated before this workflow.

The Spanish file is segmented like the English one and the two segment lists are aligned
by block kind (difflib over the kind sequence). Pairs whose kinds differ, whose protected
parts (links, code) differ, or whose lengths are implausible are imported as fuzzy so a
translator reviews them; nothing already translated in the catalog is overwritten.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from capdev.catalogs.extract import Source
from capdev.catalogs.inline import protected
from capdev.catalogs.segment import Segment


@dataclass
class Alignment:
    pairs: list[tuple[Segment, str, bool]] = field(default_factory=list)  # (en, es, doubtful)
    unmatched_en: list[Segment] = field(default_factory=list)
    unmatched_es: list[Segment] = field(default_factory=list)


def _segments_by_unit(src: Source) -> list[list[Segment]]:
    """Notebooks align cell by cell (by id); other files are one unit."""
    if src.kind != "ipynb":
        return [src.segments]
    units = {c.index: c.segments for c in src.cells} | src.cell_meta
    return [src.meta_segments] + [units[i] for i in sorted(units)]


def doubtful(en: Segment, es: Segment) -> bool:
    if en.kind != es.kind:
        return True
    prot = lambda s: sorted(t for k, t in protected(s) if k not in ("emoji", "entity"))  # noqa: E731
    if prot(en.msgid) != prot(es.msgid):
        return True
    ratio = (len(es.msgid) + 10) / (len(en.msgid) + 10)
    return not 0.5 <= ratio <= 2.5


def align(en: Source, es: Source) -> Alignment:
    result = Alignment()
    for en_unit, es_unit in zip(_segments_by_unit(en), _segments_by_unit(es), strict=False):
        _align_unit(en_unit, es_unit, result)
    return result


def _align_unit(en: list[Segment], es: list[Segment], result: Alignment) -> None:
    kinds_en = [s.kind for s in en]
    kinds_es = [s.kind for s in es]
    matcher = difflib.SequenceMatcher(a=kinds_en, b=kinds_es, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for e, s in zip(en[a0:a1], es[b0:b1], strict=True):
                result.pairs.append((e, s.msgid, tag != "equal" or doubtful(e, s)))
        else:
            result.unmatched_en += en[a0:a1]
            result.unmatched_es += es[b0:b1]
