"""One language's staged tree: write files only when they change, translate a source
through its catalog, stamp what the reader gets. The staging steps work through it."""

from __future__ import annotations

import shutil
from pathlib import Path

from capdev.catalogs.po import atomic_write, catalog_path
from capdev.catalogs.translate import TranslatedFile, translate_file
from capdev.checks.gate import refusal
from capdev.delivery import slideblock
from capdev.errors import Finding
from capdev.site import facilitator, pages, quiz
from capdev.site.model import Localized, StageContext, StageReport
from capdev.sources.project import Page, Project


class Stager:
    def __init__(self, project: Project, stage_dir: Path, lang: str, report: StageReport,
                 context: StageContext):
        self.project = project
        self.root = project.root
        self.lang = lang
        self.dest = stage_dir / lang
        self.report = report
        self.context = context
        self.written: set[Path] = set()
        self.words = [0, 0]

    # -- output ----------------------------------------------------------------------------
    def write(self, rel: str, text: str | bytes) -> None:
        path = self.dest / rel
        self.written.add(path)
        if isinstance(text, bytes):
            if not path.is_file() or path.read_bytes() != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text)
            return
        atomic_write(path, text)

    def copy(self, src: Path, rel: str) -> None:
        path = self.dest / rel
        self.written.add(path)
        if path.is_file() and path.stat().st_size == src.stat().st_size \
                and path.stat().st_mtime >= src.stat().st_mtime:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, path)

    def prune(self) -> None:
        for path in sorted(self.dest.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    # -- language --------------------------------------------------------------------------
    def localize(self, src: Path, page: bool = True) -> Localized:
        english = src.read_text("utf-8")
        if self.lang == self.project.config.source_language:
            return Localized(english, self.lang)
        tf = translate_file(self.root, src, self.lang, guard=refusal)
        self.refused(src, tf)
        self.words[0] += tf.stats.words
        self.words[1] += int(tf.ratio * tf.stats.words)
        if page and tf.ratio < self.project.config.threshold:
            return Localized(english, self.project.config.source_language, True, False, tf.ratio)
        return Localized(tf.text, self.lang, False, bool(tf.outdated), tf.ratio)

    def refused(self, src: Path, tf: TranslatedFile) -> None:
        """Report what the gate kept off the page (each once, though staging may ask twice)."""
        rel = src.resolve().relative_to(self.root.resolve()).as_posix()
        catalog = catalog_path(self.root, rel, self.lang).relative_to(self.root).as_posix()
        for r in tf.refused:
            finding = Finding(catalog, r.catalog_line, r.rule,
                              f"translation not published: {r.reason}; the English of {rel} "
                              "is shown instead",
                              r.hint or "remove the added markup from the msgstr (capdev check "
                                        "lists it)", "warning")
            if finding not in self.report.warnings:
                self.report.warnings.append(finding)

    def stamp(self, text: str, loc: Localized, source: str) -> str:
        """Tell the plugin what the reader gets: the language of the text and banners."""
        meta, body = pages.split_front(text)
        for key in ("title", "description"):  # printed by the theme, unescaped
            if isinstance(meta.get(key), str):
                meta[key] = pages.theme_text(meta[key])
        meta["capdev"] = {"source": source, "text_lang": loc.lang, "fallback": loc.fallback,
                          "outdated": loc.outdated, "lang": self.lang}
        if loc.fallback:
            self.report.fallbacks.setdefault(self.lang, []).append(source)
        return pages.front_matter(meta) + body

    def page(self, page: Page, text: str, loc: Localized) -> None:
        # facilitator notes never reach a learner page (so neither its search entry nor
        # the offline copy): the guide step collects them from the localized source; nor
        # do `/// slide` blocks, which are for the decks (capdev slides)
        text = slideblock.strip(facilitator.strip(text))
        text = quiz.convert(text, self.lang, page.out.replace("/", "-").removesuffix(".md"))
        self.write(page.out, self.stamp(text, loc, page.rel))
        self.count_page()

    def count_page(self) -> None:
        self.report.pages[self.lang] = self.report.pages.get(self.lang, 0) + 1

    def generated(self, rel: str, text: str, source: str) -> None:
        """A page capdev writes itself (index, glossary, status), in the build's language."""
        self.write(rel, self.stamp(text, Localized(text, self.lang), source))
