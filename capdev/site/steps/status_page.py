"""The translation-status page: for each target language, a table with one row per source —
its title in the page's language, linked to its page, and its catalog's path under it —
grouped by course (notes, publications, site pages), with a total per group and overall.

The table is raw HTML (a caption, `th scope`, one `tbody` per group, totals in `tfoot`),
which Markdown tables cannot say; every text in it is escaped here. Its phone layout is
capdev.css's `.capdev-status`: below 40em the four counts move into a line under the title.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from capdev.catalogs.po import catalog_path
from capdev.catalogs.status import Group, Row, collect, grouped, total
from capdev.catalogs.translate import Stats, translate_file
from capdev.checks.gate import refusal
from capdev.locale import language_name
from capdev.site import pages
from capdev.site.labels import label
from capdev.site.stager import Stager
from capdev.sources.frontmatter import FAST
from capdev.sources.project import Project

COUNTS = ("segments", "translated", "fuzzy", "untranslated")


@dataclass
class Title:
    text: str
    lang: str  # the language the title is in: English where it has no translation
    href: str | None  # from this page (at the top of the docs dir); None: no page of its own


def run(stager: Stager) -> None:
    lang = stager.lang
    title = label(lang, "status_title")
    titles = _titles(stager)
    tables = [_table(stager, target, titles) for target in stager.project.config.targets]
    text = (pages.front_matter({"title": title}) + f"# {title}\n\n"
            + label(lang, "status_intro") + "\n\n" + "\n\n".join(tables) + "\n")
    stager.generated("translation-status.md", text, "translations")


# -- what each row says of its source ------------------------------------------------------

def _pages(project: Project) -> dict[str, str | None]:
    """Each translatable source → the staged page showing it (None: none of its own), in
    the site's order: site pages, then each course (course.yml, modules, framework), notes,
    publications."""
    out: dict[str, str | None] = {p.rel: p.out for p in project.pages}
    frameworks = [c.framework for c in project.courses if c.framework and c.framework.is_file()]
    for course in project.courses:
        out[f"{course.rel}/course.yml"] = f"{course.rel}/index.md"
        for module in course.modules:
            out.update({p.rel: p.out for p in (module.index, *module.lessons)})
        if course.framework and course.framework in frameworks[:1]:
            out[project.rel(course.framework)] = "assessment/index.md"  # the first one only
    out.update({n.rel: n.out for n in project.notes})
    for pub in project.publications:
        out[f"{pub.rel}/publication.yml"] = f"{pub.rel}/index.md"
        out.update({c.rel: c.out for c in pub.chapters})
    sources = {project.rel(s) for s in project.translatable_sources()}
    ordered = [rel for rel in out if rel in sources] + sorted(sources - out.keys())
    return {rel: out.get(rel) for rel in ordered}


def _titles(stager: Stager) -> dict[str, Title]:
    """Source → its title in the page's language, linked to its page if staging wrote one."""
    titles = {}
    for rel, out in _pages(stager.project).items():
        src = stager.root / rel
        english = _title_of(src, src.read_text("utf-8")) or Path(rel).stem
        text, lang = english, stager.project.config.source_language
        if stager.lang != lang:
            translated = translate_file(stager.root, src, stager.lang, guard=refusal).text
            text = _title_of(src, translated) or english
            lang = stager.lang if text != english else lang
        written = out is not None and stager.dest / out in stager.written
        titles[rel] = Title(text, lang, str(Path(out).with_suffix(".html")) if written else None)
    return titles


def _title_of(src: Path, text: str) -> str:
    """The `title` of a page's front matter, a notebook's metadata.capdev or a YAML file."""
    meta: Any
    if src.suffix == ".ipynb":
        meta = (json.loads(text).get("metadata") or {}).get("capdev")
    elif src.suffix in (".yml", ".yaml"):
        meta = yaml.load(text, Loader=FAST)
    else:
        meta = pages.split_front(text)[0]
    value = meta.get("title") if isinstance(meta, dict) else None
    return value.strip() if isinstance(value, str) else ""


# -- the table -----------------------------------------------------------------------------

def _table(stager: Stager, target: str, titles: dict[str, Title]) -> str:
    lang = stager.lang
    rows = collect(stager.root, [stager.root / rel for rel in titles], target, refusal)
    heads = "".join(f'<th scope="col" class="capdev-status__n">{_e(label(lang, f"col_{c}"))}</th>'
                    for c in COUNTS)
    parts = ['<table class="capdev-status">',
             f"<caption>{_e(label(lang, 'status_caption', language=_language(lang, target)))}"
             "</caption>",
             f'<thead><tr><th scope="col">{_e(label(lang, "col_page"))}</th>{heads}'
             f'<th scope="col">{_e(label(lang, "col_words"))}</th></tr></thead>']
    parts += [_group(stager, g, titles) for g in grouped(rows)]
    overall = label(lang, "status_total_all")
    parts += [f"<tfoot>{_numbers_row(lang, _e(overall), total(rows), 'capdev-status__total')}"
              "</tfoot>", "</table>"]
    return "\n".join(parts)


def _group(stager: Stager, group: Group, titles: dict[str, Title]) -> str:
    """One `tbody`: the group's name as its header, a row per source, the group's total."""
    name = _group_name(stager.lang, group.name, titles)
    lines = ["<tbody>", f'<tr class="capdev-status__group"><th scope="rowgroup" colspan="6">'
                        f"{name}</th></tr>"]
    lines += [_source_row(stager, r, titles[r.source]) for r in group.rows]
    lines += [_numbers_row(stager.lang, _e(label(stager.lang, "status_total")), group.stats,
                           "capdev-status__total"), "</tbody>"]
    return "\n".join(lines)


def _group_name(lang: str, name: str, titles: dict[str, Title]) -> str:
    """A course or publication by its title, notes and site pages by their label."""
    for data in ("course.yml", "publication.yml"):
        if f"{name}/{data}" in titles:
            return _span(titles[f"{name}/{data}"], lang)
    known = {"docs": "status_site_pages", "policy_notes": "notes"}
    return _e(label(lang, known[name])) if name in known else _e(name)


def _source_row(stager: Stager, row: Row, title: Title) -> str:
    name = _span(title, stager.lang)
    if title.href:
        name = f'<a href="{_e(title.href)}"{_lang_attr(title, stager.lang)}>{_e(title.text)}</a>'
    catalog = catalog_path(stager.root, row.source, row.lang).relative_to(stager.root)
    cell = f'{name}<code class="capdev-status__path">{_e(catalog.as_posix())}</code>'
    return _numbers_row(stager.lang, cell, row.stats)


def _numbers_row(lang: str, head: str, st: Stats, cls: str = "") -> str:
    """A row: its header (escaped HTML), the phone's details line, then the numbers."""
    details = label(lang, "status_details", **{c: _num(lang, getattr(st, c)) for c in COUNTS})
    cells = "".join(f'<td class="capdev-status__n">{_num(lang, getattr(st, c))}</td>'
                    for c in COUNTS)
    attr = f' class="{cls}"' if cls else ""
    return (f'<tr{attr}><th scope="row">{head}<span class="capdev-status__details">'
            f"{_e(details)}</span></th>{cells}<td>{_percent(lang, st.ratio)}</td></tr>")


# -- text ----------------------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _span(title: Title, lang: str) -> str:
    text = _e(title.text)
    return f'<span lang="{title.lang}">{text}</span>' if title.lang != lang else text


def _lang_attr(title: Title, lang: str) -> str:
    return f' lang="{_e(title.lang)}"' if title.lang != lang else ""


def _language(lang: str, code: str) -> str:
    """A language's name in the page's language (capdev.locale, domain `language`)."""
    return language_name(code, lang)


def _percent(lang: str, ratio: float) -> str:
    """Spanish puts a (no-break) space before the sign."""
    return f"{100 * ratio:.0f}" + ("%" if lang == "en" else "\u00a0%")


def _num(lang: str, n: int) -> str:
    """English groups thousands with commas; Spanish (UN, RAE) with a no-break space, from
    five digits on."""
    if lang == "en":
        return f"{n:,}"
    return f"{n:,}".replace(",", "\u00a0") if n >= 10_000 else str(n)
