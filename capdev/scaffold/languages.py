"""`capdev i18n add-language CODE`: a new language is configuration plus translation work.

mkdocs.yml is edited as text, so its comments and layout stay as the author wrote them:
the code joins the capdev plugin's `languages` list and a `- locale:` entry joins the
static-i18n plugin's list, after the last one, with its indentation. The result is read
back with the configuration's own loader; an edit that does not give the expected
configuration is refused and nothing is written. The catalogs are then created by the
same update as `capdev i18n update`, pre-filled as fuzzy from the translation memory given
(other projects' catalogs of that language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from capdev.config import CONFIG, load_config
from capdev.errors import CapdevError, Finding
from capdev.locale import language

CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # BCP 47: language[-region…]
_FLOW_LIST = re.compile(r"^(?P<head>\s+languages:\s*\[)(?P<items>[^\]]*)(?P<tail>\].*)$")
_LOCALE_ITEM = re.compile(r"^(?P<indent>\s*)- locale:\s*(?P<code>\S+)\s*$")


@dataclass
class Added:
    code: str
    catalogs: int = 0
    from_memory: int = 0
    words: int = 0
    config_lines: list[int] = field(default_factory=list)


def _usage(message: str, hint: str) -> CapdevError:
    from capdev.errors import UsageError

    return UsageError(Finding("capdev i18n add-language", 0, "lang-add", message, hint))


def edited_config(text: str, code: str) -> str:
    """mkdocs.yml's text with `code` added to both language lists (ValueError: not found)."""
    lines = text.split("\n")
    flow = next((i for i, ln in enumerate(lines) if _FLOW_LIST.match(ln)), None)
    items = [i for i, ln in enumerate(lines) if _LOCALE_ITEM.match(ln)]
    if flow is None or not items:
        raise ValueError("no `languages: [...]` list under the capdev plugin, or no "
                         "`- locale:` entries under the i18n plugin")
    m = _FLOW_LIST.match(lines[flow])
    codes = [c.strip() for c in m["items"].split(",") if c.strip()]
    lines[flow] = f"{m['head']}{', '.join([*codes, code])}{m['tail']}"
    last = items[-1]
    indent = _LOCALE_ITEM.match(lines[last])["indent"]
    end = last + 1
    while end < len(lines) and lines[end].strip() and \
            len(lines[end]) - len(lines[end].lstrip()) > len(indent):
        end += 1
    entry = [f"{indent}- locale: {code}", f"{indent}  name: {language(code).native}",
             f"{indent}  build: true"]
    return "\n".join(lines[:end] + entry + lines[end:])


def add_language(root: Path, code: str, memory_paths: list[Path]) -> Added:
    from capdev.catalogs import po as _po
    from capdev.catalogs.update import external_memory, update_all
    from capdev.sources import Project

    if not CODE.match(code):
        raise _usage(f"`{code}` is not a language code", "a BCP 47 code such as pt, fr, pt-BR")
    config = load_config(root)
    if code in config.languages:
        raise _usage(f"`{code}` is already a language of this project",
                     f"see `capdev i18n status --lang {code}`")
    path = root / CONFIG
    text = path.read_text("utf-8")
    try:
        new = edited_config(text, code)
    except ValueError as exc:
        raise CapdevError(Finding(CONFIG, 1, "lang-add", f"cannot add `{code}`: {exc}",
                                  f"add `{code}` to plugins → capdev → languages and a "
                                  f"`- locale: {code}` entry to plugins → i18n → languages "
                                  "by hand, then run `capdev i18n update`")) from None
    _verify(root, new, code)
    _po.atomic_write(path, new)
    added = Added(code)
    sources = Project.load(root).translatable_sources()
    extra = external_memory(memory_paths)
    for rep in update_all(root, sources, code, memory_extra=extra):
        added.catalogs += 1
        added.from_memory += len(rep.from_memory)
    return added


def _verify(root: Path, text: str, code: str) -> None:
    """The edited file, read as capdev and static-i18n read it, has the new language."""
    import yaml

    from capdev.config import _TolerantLoader

    data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 — the tolerant safe loader
    plugins = data.get("plugins") if isinstance(data, dict) else None
    found_capdev = found_i18n = False
    for plugin in plugins or []:
        if isinstance(plugin, dict) and "capdev" in plugin:
            found_capdev = code in ((plugin["capdev"] or {}).get("languages") or [])
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = (plugin["i18n"] or {}).get("languages") or []
            found_i18n = any(isinstance(x, dict) and x.get("locale") == code for x in langs)
    if not (found_capdev and found_i18n):
        raise CapdevError(Finding(CONFIG, 1, "lang-add",
                                  f"mkdocs.yml's layout is not the one capdev can edit: `{code}` "
                                  "was not added, nothing was written",
                                  f"add `{code}` to plugins → capdev → languages and a "
                                  f"`- locale: {code}` entry to plugins → i18n → languages "
                                  "by hand"))
