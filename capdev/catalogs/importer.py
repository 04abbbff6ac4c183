"""Import an existing translation into a catalog, through alignment (see align.py).

Accepted pairs are imported as translated; doubtful ones as fuzzy with the reasons in
the entry's `#.` comment ("import: numbers differ: 2018 vs 2016"). Translations already
in the catalog are kept unless `overwrite`. Nothing here prints: the counts, the
findings (unmatched blocks) and the side-by-side HTML page are returned to the CLI.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib
import yaml

from capdev.catalogs import po as _po
from capdev.catalogs.align import Alignment, Link, align
from capdev.catalogs.extract import Source, load_source, read_source
from capdev.catalogs.import_report import write_report
from capdev.catalogs.update import update_catalog
from capdev.errors import CapdevError, Finding

NOTE = "import: "  # prefix of the `#.` lines the importer adds


@dataclass
class ImportReport:
    catalog: Path
    source: str = ""  # project-relative English source
    translated_path: str = ""  # the Spanish file as given
    imported: int = 0  # entries filled by this import (translated + fuzzy)
    doubtful: int = 0  # of which fuzzy
    kept: int = 0  # existing translations left as they were
    translated: int = 0  # entries translated (not fuzzy) after the import
    fuzzy: int = 0
    untranslated: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # fuzzy reasons, by kind
    findings: list[Finding] = field(default_factory=list)
    alignment: Alignment = field(default_factory=Alignment)
    html: Path | None = None  # the side-by-side page

    @property
    def unmatched_es(self) -> int:
        return len(self.alignment.unmatched_es)

    def summary(self) -> str:
        return (f"{self.catalog}: {self.imported} imported ({self.doubtful} fuzzy, to review), "
                f"{self.kept} existing translations kept")

    def counts(self) -> str:
        why = "; ".join(f"{n} {r}" for r, n in self.reasons.most_common())
        fuzzy = f"{self.fuzzy} fuzzy" + (f" ({why})" if why else "")
        return (f"{self.source}: {self.translated} translated, {fuzzy}, {self.untranslated} "
                f"untranslated, {self.unmatched_es} unmatched Spanish")


def read_translated(path: Path, suffix: str, role: str = "translated") -> Source:
    """The translated file, segmented like a source of `suffix`; a file that is not text
    of that kind (binary, not UTF-8, broken JSON) is a finding."""
    data = path.read_bytes()
    if b"\0" in data:
        raise CapdevError(Finding(str(path), data.count(b"\n", 0, data.index(b"\0")) + 1,
                                  "file-not-text", "a binary file, not a translated text",
                                  f"give the {role} {suffix} file"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CapdevError(Finding(str(path), data.count(b"\n", 0, exc.start) + 1,
                                  "file-not-utf8", f"not valid UTF-8 (byte 0x{data[exc.start]:02X})",
                                  "save the file as UTF-8")) from None
    try:
        return load_source(text, suffix)
    except (ValueError, TypeError, AttributeError, yaml.YAMLError) as exc:  # JSON, notebook shape
        raise CapdevError(Finding(str(path), getattr(exc, "lineno", 0), "i18n-import-unreadable",
                                  f"cannot read it as a {suffix} file: {exc}",
                                  f"give the {role} {suffix} file")) from None


def import_translation(root: Path, source: Path, translated: Path, lang: str,
                       overwrite: bool = False) -> ImportReport:
    translation = read_translated(translated, source.suffix)
    done = update_catalog(root, source, lang, {})  # the catalog exists and matches the source
    if done.findings:
        raise CapdevError(done.findings)
    rel = source.resolve().relative_to(root.resolve()).as_posix()
    path = _po.catalog_path(root, rel, lang)
    catalog = _po.read(path, _po.shown_path(path, root))
    if catalog is None:  # a source without segments
        raise CapdevError(Finding(rel, 0, "i18n-import-empty", "the source has nothing to translate",
                                  "give a Markdown, YAML or notebook source with text"))
    report = ImportReport(Path(_po.shown_path(path, root)), rel, str(translated))
    report.alignment = align(read_source(source), translation)
    by_id = {e.msgid: e for e in catalog.owned()}
    filled: set[str] = set()  # msgids set by this import (a title and its H1 share one)
    for link in report.alignment.links:
        _apply(link, by_id, filled, overwrite, report)
    report.findings = findings_for(report.alignment, rel, str(translated))
    _count(catalog.owned(), report)
    if report.imported:
        _po.stamp(catalog.po)
        _po.atomic_write(path, _po.render_po(catalog.po, catalog.foreign))
    report.html = write_report(root, rel, translated, lang, report.alignment)
    return report


def _apply(link: Link, by_id: dict[str, polib.POEntry], filled: set[str], overwrite: bool,
           report: ImportReport) -> None:
    if not link.en or not link.es:
        return
    es_text = " ".join(s.msgid for s in link.es)  # a split: the two Spanish blocks joined
    _fill(by_id.get(link.en[0].msgid), es_text, link.reasons, filled, overwrite, report)
    for later in link.en[1:]:  # a merge: the Spanish is in the first entry
        entry = by_id.get(later.msgid)
        if entry is not None and not entry.msgstr:
            _note(entry, [f"translated together with the previous paragraph in the Spanish "
                          f"source (line {link.es[0].line}); its Spanish is in that entry"])


def _fill(entry: polib.POEntry | None, es: str, reasons: tuple[str, ...], filled: set[str],
          overwrite: bool, report: ImportReport) -> None:
    if entry is None or entry.msgstr == es:
        return
    if entry.msgid in filled:
        return  # the same English met twice with different Spanish: the first one stays
    if entry.msgstr and not overwrite and "fuzzy" not in entry.flags:
        report.kept += 1
        return
    entry.msgstr = es
    entry.flags = ["fuzzy"] if reasons else []
    _note(entry, list(reasons))
    filled.add(entry.msgid)
    report.imported += 1
    report.doubtful += int(bool(reasons))


def _note(entry: polib.POEntry, reasons: list[str]) -> None:
    """Replace earlier import notes with these: the `#.` lines say why it is fuzzy now."""
    lines = [x for x in entry.comment.split("\n") if x and not x.startswith(NOTE)]
    entry.comment = "\n".join(lines + [NOTE + r for r in reasons])


def findings_for(result: Alignment, rel: str, es_path: str) -> list[Finding]:
    """Every block left unmatched, as a warning: a Spanish block is never dropped silently."""
    out = [Finding(es_path, seg.line, "i18n-import-unmatched-es",
                   f"this Spanish {seg.kind} matches no English block: {_quote(seg.msgid)}",
                   "it is not imported; add its text to the right entry by hand if it belongs",
                   severity="warning")
           for seg in result.unmatched_es]
    out += [Finding(rel, seg.line, "i18n-import-unmatched",
                    f"no Spanish block matched this {seg.kind}",
                    "translate it in the catalog", severity="warning")
            for seg in result.unmatched_en]
    return sorted(out, key=lambda f: (f.path != es_path, f.line))


def _quote(text: str) -> str:
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _count(entries: list[polib.POEntry], report: ImportReport) -> None:
    for e in entries:
        if not e.msgstr:
            report.untranslated += 1
        elif "fuzzy" in e.flags:
            report.fuzzy += 1
            for line in e.comment.split("\n"):
                if line.startswith(NOTE):
                    report.reasons[reason_kind(line[len(NOTE):])] += 1
        else:
            report.translated += 1


def reason_kind(reason: str) -> str:
    """"numbers differ: 2018 vs 2016" → "numbers differ"; "length ratio 3.1" → "length ratio"."""
    head = reason.split(":")[0].split(" (")[0]
    return head.rstrip("0123456789. ") or head
