"""Translation status per file: segments and words translated, fuzzy, untranslated."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from rich.table import Table

from capdev.catalogs import po as _po
from capdev.catalogs.translate import Guard, Stats, translate_file
from capdev.cli.output import console
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
    parts = source.split("/")
    return "/".join(parts[:2]) if parts[0] in ("courses", "policy_notes", "publications") else parts[0]


def print_table(rows: list[Row]) -> None:
    table = Table(title="Translation status", show_lines=False)
    for col in ("file", "lang", "segments", "translated", "fuzzy", "untranslated", "words %"):
        table.add_column(col, justify="left" if col in ("file", "lang") else "right",
                         overflow="fold")
    groups: dict[tuple[str, str], Stats] = {}
    for r in rows:
        st = r.stats
        table.add_row(r.source, r.lang, str(st.segments), str(st.translated), str(st.fuzzy),
                      str(st.untranslated), f"{r.percent:.0f}%")
        groups.setdefault((group_of(r.source), r.lang), Stats()).merge(st)
    table.add_section()
    for (group, lang), st in sorted(groups.items()):
        table.add_row(f"[b]{group}[/b]", lang, str(st.segments), str(st.translated),
                      str(st.fuzzy), str(st.untranslated), f"{100 * st.ratio:.0f}%")
    console.print(table)
