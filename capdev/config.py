"""Project configuration: the `capdev` plugin options of mkdocs.yml, one typed schema.

Every option is a typed descriptor with its docstring (MkDocs' style), declared once on
`ProjectConfig`. `load_config` validates mkdocs.yml's options through them without
starting MkDocs (so `capdev check` stays fast), and a bad value is a finding at its line:
`mkdocs.yml:34 [config-invalid] plugins.capdev.threshold: expected a number between 0 and 1`.
The MkDocs plugin builds its config class from the same descriptors
(`capdev.site.plugin.CapdevConfig`), so `mkdocs build` accepts and refuses the same values.

mkdocs.yml is trusted like code (README, Security): MkDocs itself evaluates its
`!!python/name:` tags. capdev reads it without evaluating any tag.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import yaml

from capdev.errors import CapdevError, Finding
from capdev.sources.reading import SafeLoader, key_lines, parse_yaml, read_text

T = TypeVar("T")
CONFIG = "mkdocs.yml"
# Where a project's sources live (the English content, catalogs and glossary): what
# discovery reads, `capdev serve` watches and the symlink check guards.
SOURCE_FOLDERS = ("docs", "courses", "policy_notes", "publications", "forms", "translations")


class Invalid(ValueError):
    """A value an option refuses; the text completes "expected …"."""


class Option(Generic[T]):
    """One option of the `capdev` plugin: its type, default and documentation."""

    expected = "a value"

    def __init__(self, default: T, doc: str, expected: str = "") -> None:
        self.default, self.__doc__ = default, doc
        self.expected = expected or self.expected
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Option[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        return self if obj is None else obj.__dict__["_values"][self.name]

    def validate(self, value: Any) -> T:
        """The value as the code uses it (the default for an empty one); else `Invalid`."""
        if value is None:
            return copy.copy(self.default)
        if not self.accepts(value):
            raise Invalid(self.expected)
        return self.convert(value)

    def accepts(self, value: Any) -> bool:
        return True

    def convert(self, value: Any) -> T:
        return value


class Number(Option[float]):
    def __init__(self, default: float, doc: str, low: float, high: float) -> None:
        super().__init__(default, doc, f"a number between {low:g} and {high:g}")
        self.low, self.high = low, high

    def accepts(self, value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool) \
            and self.low <= value <= self.high

    def convert(self, value: Any) -> float:
        return float(value)


class Count(Option[int]):
    expected = "a whole number, 1 or more"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1


class Text(Option[str]):
    expected = "text"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str)


# An address a reader can write to: local part @ a domain with a dot. Not the full RFC 5322
# grammar: what a mailto: link and every mail client accept.
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")
# Domains reserved for documentation and tests (RFC 2606, RFC 6761): no one reads them.
RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid",
                    "localhost")


class Email(Option[str]):
    expected = "an e-mail address someone reads (not example.org), or nothing"

    def accepts(self, value: Any) -> bool:
        if not isinstance(value, str):
            return False
        if not value:
            return True
        domain = value.rpartition("@")[2].lower()
        return bool(EMAIL.match(value)) and not any(
            domain == d or domain.endswith("." + d) for d in RESERVED_DOMAINS)


class Choice(Option[str]):
    def __init__(self, default: str, doc: str, choices: Sequence[str]) -> None:
        super().__init__(default, doc, "one of " + ", ".join(choices))
        self.choices = tuple(choices)

    def accepts(self, value: Any) -> bool:
        return value in self.choices


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Languages(Option[tuple[str, ...]]):
    expected = "a list of language codes, e.g. [en, es]"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list | tuple) and bool(value) \
            and len(set(map(str, value))) == len(value) \
            and all(isinstance(v, str) and LANGUAGE_CODE.match(v) for v in value)

    def convert(self, value: Any) -> tuple[str, ...]:
        return tuple(value)


class Mapping(Option[dict]):
    expected = "a mapping"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dict)


class Items(Option[list]):
    expected = "a list of mappings"

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)


class ProjectConfig:
    """The validated `capdev` plugin options of mkdocs.yml (the one schema: the descriptors
    below), plus the site's name and `extra` block from the top level of mkdocs.yml."""

    languages = Languages(
        ("en", "es"), "The site's languages: the source language's site at the root, each "
        "other one under /<code>/, translated from translations/<code>/.")
    source_language = Text("en", "The language the sources are written in (one of `languages`).")
    threshold = Number(
        0.8, "Share of a page's words that must be translated for the page to be shown in "
        "that language; below it the page is shown in the source language, with a notice.",
        0, 1)
    execute = Choice(
        "auto", "When the build runs notebooks: `auto` when their code, kernel, environment "
        "or data changed; `always`; `never` (cached or committed outputs only).",
        ("auto", "always", "never"))
    cell_timeout = Count(120, "Seconds one notebook cell may run before the build stops it.")
    feedback_email = Email("", "E-mail address of the “report a problem” link on every page: "
                               "one the programme reads; none set, no link.")
    repo_url = Text("", "The repository's URL, for the “open in Binder/Colab” links of notebook "
                        "lessons (none when empty).")
    regions = Mapping({}, "Region per language for PDFs and DOCX (typst's hyphenation and "
                          "number conventions), e.g. {es: PA}; by default the language's own "
                          "in capdev/locale/languages.yml (es: ES, pt: BR).",
                      "a mapping of language codes to ISO 3166 region codes, e.g. {es: PA}")
    rules = Mapping({}, "capdev check: rule id → error, warning, info or off.",
                    "a mapping of rule ids to error, warning, info or off")
    ignore = Items([], "capdev check: rules silenced per path, "
                       "[{path: 'courses/x/**', rules: [rule-id]}].",
                   "a list of {path: glob, rules: [rule ids]} mappings")

    def __init__(self, site_name: str = "capdev", extra: dict | None = None,
                 **options: Any) -> None:
        """Options already validated (`load_config`); absent ones take their default."""
        self.site_name = site_name
        self.extra = extra or {}
        self._values = {name: options[name] if name in options else opt.validate(None)
                        for name, opt in OPTIONS.items()}

    def region(self, lang: str) -> str:
        """The region of `lang`'s documents: configured, else the language's own."""
        from capdev.locale import language

        return str(self.regions.get(lang) or language(lang).region)

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.source_language)


OPTIONS: dict[str, Option] = {name: opt for name, opt in vars(ProjectConfig).items()
                              if isinstance(opt, Option)}


def find_root(start: Path | None = None) -> Path:
    """The nearest folder (upwards) holding mkdocs.yml.

    Without `start` (a command about "the project here": check, build, i18n update…) there
    must be one, else a `[no-project]` finding: CI run in the wrong folder fails instead of
    checking nothing. With `start` (the folder of a file named on the command line, which
    may stand alone) that folder is the answer when no project holds it.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder
    if start is not None:
        return here
    raise CapdevError(Finding(str(here), 0, "no-project",
                              "no mkdocs.yml in this folder or any folder above it",
                              "run capdev inside a project, or create one with `capdev init DIR`"))


# -- reading mkdocs.yml ----------------------------------------------------------------------
class _TolerantLoader(SafeLoader):
    """The safe loader, keeping MkDocs' tags (`!ENV`, `!!python/name:`) unevaluated."""


def _any_tag(loader: SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = loader.construct_sequence(node)
        return seq[-1] if suffix == "ENV" and seq else seq
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _plugin_entry(plugins: Any, key: Any, items: Any) -> Any:
    """The `capdev` entry of `plugins:`, a list of names and one-key mappings or a mapping.
    Works on the parsed data and on its nodes alike, given how to read each."""
    for item in plugins if isinstance(plugins, list) else [plugins]:
        for k, v in items(item):
            if key(k) == "capdev":
                return k, v
    return None, None


def _capdev_options(data: dict, root: Any) -> tuple[Any, Any, int]:
    """(options as parsed, their node, line of the `capdev:` key); None when absent."""
    def node_items(n: Any) -> list:
        return n.value if isinstance(n, yaml.MappingNode) else []

    def node_key(n: Any) -> Any:
        return n.value if isinstance(n, yaml.ScalarNode) else None

    plugins = next((v for k, v in node_items(root) if node_key(k) == "plugins"), None)
    nodes = plugins.value if isinstance(plugins, yaml.SequenceNode) else plugins
    knode, vnode = _plugin_entry(nodes, node_key, node_items)
    _, value = _plugin_entry(data.get("plugins"), str,
                             lambda i: i.items() if isinstance(i, dict) else [])
    return value, vnode, knode.start_mark.line + 1 if knode is not None else 0


def _invalid(key: str, line: int, message: str, hint: str) -> Finding:
    where = f"plugins.capdev.{key}" if key else "plugins.capdev"
    return Finding(CONFIG, line, "config-invalid", f"{where}: {message}", hint)


def validate_options(options: Any, lines: dict[str, int], line: int) -> dict[str, Any]:
    """The plugin's options checked against the schema: every problem at once, each at
    the line of its key."""
    if not isinstance(options, dict):
        raise CapdevError(_invalid("", line, "expected a mapping of options",
                                   "write `- capdev:` then indented `option: value` lines"))
    values, problems = {}, []
    for key, value in options.items():
        opt, at = OPTIONS.get(str(key)), lines.get(str(key), line)
        if opt is None:
            problems.append(_invalid(str(key), at, "unknown option",
                                     "known options: " + ", ".join(OPTIONS)))
            continue
        try:
            values[opt.name] = opt.validate(value)
        except Invalid as exc:
            problems.append(_invalid(opt.name, at, f"expected {exc}",
                                     f"found `{value}`; {opt.name}: {opt.__doc__}"))
    langs = values.get("languages", ProjectConfig.languages.default)
    source = values.get("source_language", ProjectConfig.source_language.default)
    if not problems and source not in langs:
        problems.append(_invalid("source_language", lines.get("source_language", line),
                                 f"`{source}` is not one of `languages`",
                                 "list the source language first in `languages`"))
    if problems:
        raise CapdevError(problems)
    return values


def load_config(root: Path) -> ProjectConfig:
    """mkdocs.yml's `capdev` options, validated; a bad file or value raises its findings."""
    path = root / CONFIG
    if not path.is_file():
        return ProjectConfig()
    data, node = parse_yaml(read_text(path, CONFIG), CONFIG, loader=_TolerantLoader)
    if not isinstance(data, dict):
        raise CapdevError(Finding(CONFIG, 1, "config-invalid", "expected a mapping of settings",
                                  "see https://www.mkdocs.org/user-guide/configuration/"))
    options, options_node, line = _capdev_options(data, node)
    values = validate_options(options if options is not None else {},
                              key_lines(options_node, 1), line) if line else {}
    extra = data.get("extra")
    return ProjectConfig(site_name=str(data.get("site_name", "capdev")),
                         extra=extra if isinstance(extra, dict) else {}, **values)

