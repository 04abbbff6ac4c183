"""Project configuration: the `capdev` plugin entry of mkdocs.yml, typed like MkDocs' own.

The CLI and the MkDocs plugin read the same options, so `capdev build` and `mkdocs build`
agree. The schema lives in `capdev.site.plugin.CapdevConfig`; here we read it without
starting MkDocs, tolerating MkDocs' YAML tags (`!ENV`, `!!python/name:`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from capdev.errors import CapdevError, Finding


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without evaluating its tags (we only need our own options)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = loader.construct_sequence(node)
        return seq[-1] if suffix == "ENV" and seq else seq
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class ProjectConfig:
    languages: tuple[str, ...] = ("en", "es")
    source_language: str = "en"
    threshold: float = 0.8
    execute: str = "auto"
    cell_timeout: int = 120
    feedback_email: str = ""
    repo_url: str = ""
    rules: dict = field(default_factory=dict)  # capdev check: rule id → severity or off
    ignore: list = field(default_factory=list)  # capdev check: [{path: glob, rules: [ids]}]
    site_name: str = "capdev"
    extra: dict = field(default_factory=dict)

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.source_language)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder (upwards) holding mkdocs.yml; else the start folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def _plugin_options(plugins: Any) -> dict:
    for item in plugins or []:
        if isinstance(item, dict) and "capdev" in item:
            return item["capdev"] or {}
    return {}


def load_config(root: Path) -> ProjectConfig:
    path = root / "mkdocs.yml"
    if not path.is_file():
        return ProjectConfig()
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CapdevError(Finding("mkdocs.yml", mark.line + 1 if mark else 0, "config-yaml",
                                  f"invalid YAML: {getattr(exc, 'problem', exc)}",
                                  "fix the syntax of mkdocs.yml")) from None
    opts = _plugin_options(data.get("plugins"))
    known = {f for f in ProjectConfig.__dataclass_fields__ if f not in ("extra", "site_name")}
    values = {k: (tuple(v) if k == "languages" else v) for k, v in opts.items() if k in known}
    return ProjectConfig(site_name=str(data.get("site_name", "capdev")), extra=data.get("extra") or {},
                         **values)
