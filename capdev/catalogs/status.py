"""Translation status per file: segments and words translated, fuzzy, untranslated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.translate import Guard, Stats, translate_file
from capdev.errors import Finding


@dataclass
class Row:
    source: str
    lang: str
    stats: Stats

    @property
    def percent(self) -> float:
        return 100.0 * self.stats.ratio

    def to_dict(self) -> dict:
        return {"source": self.source, "lang": self.lang, **asdict(self.stats),
                "percent": round(self.percent, 1)}


def file_stats(root: Path, source: Path, lang: str, guard: Guard | None = None) -> Stats:
    """Segments and words per state. Counted by the translation the site renders: the
    site's status page passes the build's `guard` (so a refused translation counts as
    untranslated there) and shares staging's cache; `capdev i18n status` counts the
    catalog as the translator left it."""
    return translate_file(root, source, lang, guard=guard).stats


def collect(root: Path, sources: list[Path], lang: str, guard: Guard | None = None) -> list[Row]:
    root = root.resolve()
    return [Row(s.resolve().relative_to(root).as_posix(), lang, file_stats(root, s, lang, guard))
            for s in sources]


def checked(root: Path, sources: list[Path], lang: str) -> tuple[list[Row], list[Finding]]:
    """`collect` for the sources whose catalog can be read, and a finding for each of the
    others (a catalog that does not parse, or is not UTF-8)."""
    root = root.resolve()
    problems = _po.unreadable(root, sources, [lang])
    bad = {f.path for f in problems}
    ok = [s for s in sources
          if _po.shown_path(_po.catalog_path(root, _po.shown_path(s, root), lang), root) not in bad]
    return collect(root, ok, lang), problems


def group_of(source: str) -> str:
    """What a file's totals are counted under: its course or publication, else its top
    folder — all policy notes together, since each note is a single file."""
    parts = source.split("/")
    return "/".join(parts[:2]) if parts[0] in ("courses", "publications") and len(parts) > 2 \
        else parts[0]


def total(rows: Iterable[Row]) -> Stats:
    stats = Stats()
    for r in rows:
        stats.merge(r.stats)
    return stats


@dataclass
class Group:
    """The rows of one group (`group_of`) in one target language, in the order given."""

    name: str
    lang: str
    rows: list[Row] = field(default_factory=list)

    @property
    def stats(self) -> Stats:
        return total(self.rows)


def grouped(rows: Iterable[Row]) -> list[Group]:
    """Rows by (language, group), both in order of first appearance."""
    groups: dict[tuple[str, str], Group] = {}
    for r in rows:
        key = (r.lang, group_of(r.source))
        groups.setdefault(key, Group(key[1], r.lang)).rows.append(r)
    langs = list(dict.fromkeys(lang for lang, _ in groups))
    return sorted(groups.values(), key=lambda g: langs.index(g.lang))  # stable: groups in order
