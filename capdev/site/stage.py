"""The staging step: English sources + catalogs → one MkDocs docs tree per language.

`.cache/stage/<lang>/` holds every page a language build reads: site pages, generated
course and module overviews, furnished lessons, notebooks as pages, policy notes and
publications, the self-assessment, and their assets. Files are only rewritten when their
content changes, so `mkdocs serve` does not loop on its own output.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from capdev.catalogs.po import atomic_write, catalog_path, unreadable
from capdev.catalogs.translate import TranslatedFile, translate_file
from capdev.checks.gate import refusal
from capdev.checks.runner import publish_blockers
from capdev.errors import Finding, raise_if_errors
from capdev.site import extras, pages, quiz
from capdev.site import nav as _nav
from capdev.sources.frontmatter import FAST
from capdev.sources.project import Course, Page, Project

SOURCE_SUFFIXES = {".md", ".ipynb", ".yml", ".yaml", ".bib", ".po", ".pyc"}


@dataclass
class Localized:
    text: str
    lang: str  # the language the reader actually gets
    fallback: bool = False
    outdated: bool = False
    ratio: float = 1.0


@dataclass
class StageReport:
    pages: dict[str, int] = field(default_factory=dict)
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    artefacts: list[str] = field(default_factory=list)
    notebooks_run: int = 0
    notebooks_cached: int = 0
    warnings: list[Finding] = field(default_factory=list)


class Stager:
    def __init__(self, project: Project, stage_dir: Path, lang: str, report: StageReport,
                 context: dict[str, Any]):
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
                              "remove the added markup from the msgstr (capdev check lists it)",
                              "warning")
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
        text = quiz.convert(text, self.lang, page.out.replace("/", "-").removesuffix(".md"))
        self.write(page.out, self.stamp(text, loc, page.rel))
        self.report.pages[self.lang] = self.report.pages.get(self.lang, 0) + 1

    # -- the tree --------------------------------------------------------------------------
    def run(self) -> None:
        for page in self.project.pages:
            self.page(page, *self._plain(page))
        for course in self.project.courses:
            self.course(course)
        extras.stage_notes(self, self.project)
        extras.stage_publications(self, self.project)
        extras.stage_assessment(self, self.project)
        extras.stage_glossary(self, self.project)
        self.assets()
        self.prune()
        # JSON, not YAML: machine-read only, and ~50x faster to write and read at 1,000 pages
        atomic_write(self.dest.parent / f"nav-{self.lang}.json",
                     json.dumps(_nav.build(self), ensure_ascii=False, indent=1))

    def _plain(self, page: Page) -> tuple[str, Localized]:
        loc = self.localize(page.src)
        return loc.text, loc

    def course(self, course: Course) -> None:
        cloc = self.localize(course.dir / "course.yml", page=False)
        cmeta = yaml.load(cloc.text, Loader=FAST) or {}
        infos: list[pages.ModuleInfo] = []
        locs: dict[str, Localized] = {}
        for module in course.modules:
            info = pages.ModuleInfo(module.slug, "", "", 0, module.index.meta.get("level", ""))
            mloc = self.localize(module.index.src)
            locs[module.index.rel] = mloc
            mmeta, _ = pages.split_front(mloc.text)
            info.title, info.summary = mmeta.get("title", ""), mmeta.get("summary", "")
            info.outcomes = mmeta.get("outcomes") or []
            for lesson in module.lessons:
                lloc = self.localize(lesson.src) if not lesson.is_notebook else self._nb_loc(lesson)
                locs[lesson.rel] = lloc
                lmeta = self._lesson_meta(lesson, lloc)
                name = Path(lesson.out).name
                info.lessons.append(pages.LessonInfo(
                    lmeta.get("title", lesson.title), lmeta.get("summary", ""),
                    int(lesson.meta.get("duration", 0)), lesson.meta.get("level", ""), name,
                    f"{course.id}/{module.slug}/{Path(lesson.rel).stem}"))
            info.duration = sum(les.duration for les in info.lessons) or \
                int(module.index.meta.get("duration", 0))
            infos.append(info)
        self.context.setdefault("courses", {})[course.id] = (cmeta, infos)
        course_page = pages.course_page(cmeta, self.lang, infos)
        self.write(f"{course.rel}/index.md", self.stamp(course_page, cloc, f"{course.rel}/course.yml"))
        self.report.pages[self.lang] = self.report.pages.get(self.lang, 0) + 1
        for n, (module, info) in enumerate(zip(course.modules, infos, strict=True), 1):
            text = pages.module_page(locs[module.index.rel].text, self.lang, info, n, len(infos),
                                     cmeta.get("title", ""))
            text += "\n" + extras.teaches(self, course.framework, module.slug, info.title) + "\n"
            self.page(module.index, text, locs[module.index.rel])
            for k, lesson in enumerate(module.lessons):
                nav = {"n": n, "total": len(infos), "module_title": info.title,
                       "key": info.lessons[k].done_key,
                       "prev": _link(info.lessons, k - 1), "next": _link(info.lessons, k + 1)}
                loc = locs[lesson.rel]
                text = extras.notebook_text(self, lesson, loc) if lesson.is_notebook else loc.text
                self.page(lesson, pages.lesson_page(text, self.lang, nav), loc)

    def _nb_loc(self, lesson: Page) -> Localized:
        return extras.notebook_localize(self, lesson)

    def _lesson_meta(self, lesson: Page, loc: Localized) -> dict[str, Any]:
        if lesson.is_notebook:
            return extras.notebook_meta(loc)
        return pages.split_front(loc.text)[0]

    def assets(self) -> None:
        root = self.root
        for base, prefix in ((root / "docs", ""), (root / "courses", "courses/"),
                             (root / "policy_notes", "policy_notes/"),
                             (root / "publications", "publications/")):
            if not base.is_dir():
                continue
            for path in base.rglob("*"):
                if path.is_file() and path.suffix.lower() not in SOURCE_SUFFIXES \
                        and not any(p.startswith(".") for p in path.relative_to(base).parts):
                    self.copy(path, prefix + path.relative_to(base).as_posix())
        theme_assets = Path(__file__).parent / "theme" / "assets" / "capdev"
        for path in theme_assets.rglob("*"):
            if path.is_file():
                self.copy(path, f"assets/capdev/{path.relative_to(theme_assets).as_posix()}")


def _link(lessons: list[pages.LessonInfo], k: int) -> tuple[str, str] | None:
    if 0 <= k < len(lessons):
        return lessons[k].link, lessons[k].title
    return None


def stage(project: Project, stage_dir: Path, langs: list[str] | None = None) -> StageReport:
    """Stage every language; content that could run code in a reader's browser stops it."""
    raise_if_errors(publish_blockers(project))
    raise_if_errors(unreadable(project.root, project.translatable_sources(), project.config.targets))
    report = StageReport()
    context: dict[str, Any] = {}
    extras.prepare(project, report, context)
    for lang in langs or list(project.config.languages):
        stager = Stager(project, stage_dir, lang, report, context)
        stager.run()
        atomic_write(stage_dir / f"fallbacks-{lang}.json",
                     json.dumps(sorted(report.fallbacks.get(lang, [])), indent=1))
        if stager.words[0]:
            report.coverage[lang] = stager.words[1] / stager.words[0]
        elif lang != project.config.source_language:
            report.coverage[lang] = 1.0
    return report
