"""The MkDocs plugin: a thin bridge between MkDocs and capdev's staging step.

Contract (the only one): before MkDocs reads pages, capdev has staged a complete docs tree
for the language being built under `.cache/stage/<lang>/`; the plugin points `docs_dir`
and `nav` at it, adds capdev's theme partials, and gives each page its language switcher
and banners. A plain `mkdocs build` stages itself and builds the other languages in child
processes (in parallel, into `<site_dir>/<lang>/`); `capdev build` stages once and runs the
language builds itself, passing `CAPDEV_STAGED`.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from capdev.config import OPTIONS, SOURCE_FOLDERS, Invalid, Option
from capdev.errors import CapdevError
from capdev.site import dirty_search, languages
from capdev.site.labels import label

THEME_DIR = Path(__file__).parent / "theme"


class _Option(c.BaseConfigOption):
    """MkDocs' face of one of capdev's options: the default, validation and docstring of
    the descriptor in `capdev.config.ProjectConfig`, the one schema."""

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.option = option
        self.default = option.default
        self.__doc__ = option.__doc__

    def run_validation(self, value: object) -> object:
        try:
            return self.option.validate(value)
        except Invalid as exc:
            raise ValidationError(f"expected {exc} — {self.option.__doc__}") from None


# The plugin's options, derived from capdev's schema (capdev.config.OPTIONS).
CapdevConfig = type("CapdevConfig", (base.Config,),
                    {name: _Option(opt) for name, opt in OPTIONS.items()})


def locale_env() -> str:
    return os.environ.get("CAPDEV_LOCALE") or "en"


def _refuse_source_output(root: Path, site_dir: Path) -> None:
    from capdev.site import output

    try:  # MkDocs itself guards only docs_dir; courses/, translations/, .git… are ours
        output.check(root, site_dir.resolve(), force=True)
    except CapdevError as err:
        raise PluginError(str(err)) from None


class CapdevPlugin(BasePlugin[CapdevConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.locale = "en"
        self.children: list[tuple[str, subprocess.Popen]] = []
        self.stage_dir: Path | None = None
        self._fallback_cache: dict[str, set[str]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty  # `capdev serve` rebuilds only what changed, in every language

    # -- configuration ---------------------------------------------------------------------
    @event_priority(100)  # before static-i18n reads the docs tree
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        for _lang, proc in self.children:  # left by a serve rebuild that failed half-way
            proc.wait()
        self.children = []
        self.locale = locale_env()
        staged = os.environ.get("CAPDEV_STAGED")
        self.spawn = not staged
        if not staged:  # plain `mkdocs build`: MkDocs empties site_dir, so it may hold no sources
            _refuse_source_output(root, Path(config.site_dir))
        self.stage_dir = Path(staged) if staged else self._stage(root)
        config.docs_dir = str(self.stage_dir / self.locale)
        if self.locale != self.config.source_language:
            # MkDocs renders 404.html against site_url (default "/"): the Spanish 404 must
            # link into /es/, not into the English site.
            base = config.site_url or "/"
            config.site_url = base.rstrip("/") + f"/{self.locale}/"
        nav_file = self.stage_dir / f"nav-{self.locale}.json"
        if nav_file.is_file():
            config.nav = json.loads(nav_file.read_text("utf-8"))
        config.theme.dirs.insert(0, str(THEME_DIR))
        config.extra_css = ["assets/capdev/capdev.css", *config.extra_css]
        config.extra_javascript = [*config.extra_javascript, "assets/capdev/capdev.js"]
        # Material's offline plugin would load this shim from unpkg.com; ship it ourselves
        # (iframe-worker 1.0.4, MIT, from the npm registry) so no request leaves the host.
        config.extra["polyfills"] = ["assets/capdev/vendor/iframe-worker-shim.js"]
        if self._spawner() and getattr(self, "dirty", False):
            self._start_children(config)  # a dirty build empties nothing: start them now
        return config

    def _stage(self, root: Path) -> Path:
        from capdev.site.stage import stage
        from capdev.sources.cached import load_project

        try:
            project = load_project(root)  # `serve` restages on every save: parse what changed
            stage_dir = root / ".cache" / "stage"
            report = stage(project, stage_dir)
        except CapdevError as err:
            raise PluginError("capdev found problems in the content:\n" + str(err)) from None
        for finding in report.warnings:  # counted by MkDocs: `--strict` fails on them
            get_plugin_logger("capdev").warning(finding.format())
        return stage_dir

    # -- the other languages ---------------------------------------------------------------
    def on_files(self, files: Any, config: Any) -> Any:
        # not earlier: a full build empties site_dir (with the other languages' output in
        # it) between on_config and on_files
        if self._spawner() and not self.children:
            self._start_children(config)
        return files

    def _spawner(self) -> bool:
        return self.spawn and self.locale == self.config.source_language

    def _start_children(self, config: Any) -> None:
        for lang in self.config.languages:
            if lang == self.locale:
                continue
            assert self.stage_dir is not None  # set by on_config
            proc = languages.start(config.config_file_path, str(Path(config.site_dir) / lang),
                                   lang, self.stage_dir, strict=bool(config.strict),
                                   dirty=getattr(self, "dirty", False))
            self.children.append((lang, proc))

    # -- the search index under `--dirty` (capdev serve): see dirty_search.py -------------
    def on_pre_build(self, config: Any) -> None:
        dirty = getattr(self, "dirty", False)
        self._old_index = dirty_search.read(config) if dirty else None
        self._built: set[str] = set()

    @event_priority(50)  # before Material's search writes its index: no self-merge
    def _on_post_build_forget(self, config: Any) -> None:
        if getattr(self, "dirty", False):
            dirty_search.forget_previous(config)

    @event_priority(-50)  # before static-i18n runs the search post-build again
    def _on_post_build_children(self, config: Any) -> None:
        if getattr(self, "dirty", False):
            dirty_search.forget_previous(config)
        failed = [lang for lang, proc in self.children if proc.wait() != 0]
        self.children = []
        if failed:
            raise PluginError(f"the {', '.join(failed)} build failed (see its messages above)")

    @event_priority(-200)  # after static-i18n and the offline plugin wrote the index
    def _on_post_build_merge(self, config: Any) -> None:
        if getattr(self, "_old_index", None) is not None:
            dirty_search.merge(config, self._old_index, self._built)

    on_post_build = CombinedEvent(_on_post_build_forget, _on_post_build_children,
                                  _on_post_build_merge)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # MkDocs watches docs_dir, which is our staged tree: every restage would trigger
        # another rebuild. Watch the real sources instead.
        try:
            server.unwatch(config.docs_dir)
        except KeyError:
            pass
        root = Path(config.config_file_path).parent
        for name in SOURCE_FOLDERS:
            if (root / name).is_dir():
                server.watch(str(root / name))
        return server

    # -- pages -----------------------------------------------------------------------------
    @event_priority(-100)  # after static-i18n, which would reset extra.alternate
    def on_page_context(self, context: dict, page: Any, config: Any, nav: Any) -> dict:
        getattr(self, "_built", set()).add(page.url)
        meta = page.meta.get("capdev") or {}
        context["capdev_alternates"] = self.alternates(page.url, meta)
        context["capdev"] = {
            **meta, "locale": self.locale,
            "fallback_text": label(self.locale, "fallback"),
            "outdated_text": label(self.locale, "outdated"),
            "outdated_link_text": label(self.locale, "outdated_link"),
            "outdated_href": self._href(page.url, self.config.source_language),
            "report_text": label(self.locale, "report_problem"),
            "feedback_email": self.config.feedback_email,
            "repo_url": self.config.repo_url,
        }
        config.extra["alternate"] = True  # truthy, not iterable: our partials render it
        return context

    def _href(self, url: str, lang: str) -> str:
        """Relative link from this page to the same page in `lang` (works from file://)."""
        depth = url.count("/")
        up = "../" * depth
        if self.locale != self.config.source_language:
            up += "../"
        prefix = "" if lang == self.config.source_language else f"{lang}/"
        return up + prefix + (url or "index.html")

    def _fallbacks(self, lang: str) -> set[str]:
        if lang not in self._fallback_cache:
            path = (self.stage_dir or Path(".")) / f"fallbacks-{lang}.json"
            self._fallback_cache[lang] = set(json.loads(path.read_text("utf-8"))) \
                if path.is_file() else set()
        return self._fallback_cache[lang]

    def alternates(self, url: str, meta: dict) -> list[dict[str, Any]]:
        """The switcher's entries; `hreflang` only where the page really is in that language
        (a fallback page under /es/ is English and must not claim to be Spanish)."""
        out = []
        for lang in self.config.languages:
            if lang == self.locale:
                honest = not meta.get("fallback")
            else:
                honest = meta.get("source", "") not in self._fallbacks(lang)
            out.append({"lang": lang, "name": label(lang, "language_name"),
                        "href": self._href(url, lang), "current": lang == self.locale,
                        "hreflang": honest})
        return out

