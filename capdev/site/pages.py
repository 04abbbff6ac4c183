"""Generated and furnished pages: course and module overviews, lesson furniture.

Everything here works on Markdown text in one language; labels come from `labels.py`, so
the same code makes the English and the Spanish pages.
"""

from __future__ import annotations

import html
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from capdev.catalogs.markdown import segment_markdown
from capdev.site.labels import label
from capdev.sources.frontmatter import FAST


@dataclass
class LessonInfo:
    title: str
    summary: str
    duration: int
    level: str
    link: str  # relative to the module folder
    done_key: str


@dataclass
class ModuleInfo:
    slug: str
    title: str
    summary: str
    duration: int
    level: str
    outcomes: list[str] = field(default_factory=list)
    lessons: list[LessonInfo] = field(default_factory=list)


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter, with libyaml's emitter. Memoized by the meta's repr (which tells
    dates from strings): `capdev serve` restages every page on each save, and most pages
    did not change."""
    key = repr(meta)
    text = _DUMPED.get(key)
    if text is None:
        if len(_DUMPED) > 50_000:
            _DUMPED.clear()
        text = _DUMPED[key] = "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True,
                                                  sort_keys=False, width=1000) + "---\n\n"
    return text


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same output, much faster
_DUMPED: dict[str, str] = {}


def split_front(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    parts = text.split("\n---", 1)
    if len(parts) < 2:
        return {}, text
    head = parts[0][3:]
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return pickle.loads(_parsed_head(head)), body


@lru_cache(maxsize=8192)
def _parsed_head(head: str) -> bytes:
    """The parsed front matter, pickled: each caller gets its own copy to change."""
    try:
        meta = yaml.load(head, Loader=FAST) or {}
    except yaml.YAMLError:
        meta = {}
    return pickle.dumps(meta if isinstance(meta, dict) else {})


def plain(value: object) -> str:
    """Markdown that renders as exactly this text: data written into generated pages (terms,
    titles in lists) may not become markup, whoever wrote it."""
    text = html.escape(str(value), quote=True).replace("\n", " ")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|!#])")
THEME_SPECIAL = str.maketrans({"<": "&lt;", ">": "&gt;", '"': "&quot;"})


def theme_text(value: object) -> str:
    """A title or description as the theme prints it: MkDocs does not autoescape, so tags
    and quotes become entities (safe as element text and in a quoted attribute). `&` is
    left alone, which keeps this idempotent and keeps "R&D" readable in Material's
    aria-labels, which escape once more."""
    return str(value).translate(THEME_SPECIAL)


def duration_text(lang: str, minutes: int) -> str:
    """"10 h 50 min", not "650 min" (read as hours and minutes): SI symbols, the same in
    English and Spanish, with a non-breaking space so "10 h" never splits across lines."""
    hours, rest = divmod(int(minutes), 60)
    unit = label(lang, "minutes")
    if not hours:
        return f"{rest}\u00a0{unit}"
    return f"{hours}\u00a0h" + (f" {rest}\u00a0{unit}" if rest else "")


def meta_line(lang: str, duration: int | None, level: str | None) -> str:
    bits = []
    if duration:
        bits.append(f"<strong>{label(lang, 'duration')}:</strong> {duration_text(lang, duration)}")
    if level:
        bits.append(f"<strong>{label(lang, 'level')}:</strong> {label(lang, level)}")
    return f'<p class="capdev-meta">{" · ".join(bits)}</p>' if bits else ""


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def insert_after_h1(body: str, block: str) -> str:
    m = re.search(r"^# .*$", body, re.M)
    if not m:
        return block + "\n\n" + body
    return body[: m.end()] + "\n\n" + block + "\n" + body[m.end():]


def admonition(kind: str, title: str, content: str) -> str:
    inner = "\n".join(("    " + ln) if ln else "" for ln in content.splitlines())
    return f'!!! {kind} "{title}"\n\n{inner}\n'


def lesson_page(text: str, lang: str, nav: dict[str, Any]) -> str:
    """A lesson with its furniture: metadata and outcomes on top, key points, progress and
    previous/next at the end."""
    meta, body = split_front(text)
    top = [f'<p class="capdev-meta">{label(lang, "module_of", n=nav["n"], total=nav["total"])} · '
           f'{nav["module_title"]}</p>', "",
           meta_line(lang, meta.get("duration"), meta.get("level")), ""]
    if meta.get("outcomes"):
        top.append(admonition("abstract", label(lang, "outcomes"), bullet_list(meta["outcomes"])))
    body = insert_after_h1(body, "\n".join(top))
    tail = []
    if meta.get("key_points"):
        tail.append(admonition("success", label(lang, "key_points"), bullet_list(meta["key_points"])))
    tail.append(progress_button(lang, nav["key"]))
    # previous/next: Material's footer (navigation.footer) already links them, localised
    return front_matter(meta) + body.rstrip() + "\n\n" + "\n\n".join(tail) + "\n"


def progress_button(lang: str, key: str) -> str:
    return (f'<div class="capdev-progress" data-capdev-lesson="{key}">'
            f'<button type="button" class="md-button" aria-pressed="false" '
            f'data-label-done="{label(lang, "completed")}">{label(lang, "mark_complete")}</button>'
            f"</div>")


def module_page(text: str, lang: str, module: ModuleInfo, n: int, total: int, course_title: str) -> str:
    meta, body = split_front(text)
    top = [f'<p class="capdev-meta">{label(lang, "module_of", n=n, total=total)} · {html.escape(course_title)}</p>',
           "", meta_line(lang, module.duration, module.level), ""]
    if module.outcomes:
        top.append(admonition("abstract", label(lang, "outcomes"), bullet_list(module.outcomes)))
    body = insert_after_h1(body, "\n".join(top))
    lessons = [f"## {label(lang, 'lessons')}", ""]
    for i, les in enumerate(module.lessons, 1):
        lessons.append(f"{i}. [{plain(les.title)}]({les.link}) — {plain(les.summary)} "
                       f"*({duration_text(lang, les.duration)}, {label(lang, les.level)})* "
                       f'<span class="capdev-done" data-capdev-lesson="{les.done_key}" '
                       f'data-label-done="{label(lang, "completed")}"></span>')
    return front_matter(meta) + insert_before_first_h2(body.rstrip(), "\n".join(lessons)) + "\n"


def insert_before_first_h2(body: str, block: str) -> str:
    """The module's lessons come right after its introduction, before its own sections
    ("Further reading", …). Headings are found by the segmenter, so a `## ` line inside a
    code fence is not one."""
    first = next((s for s in segment_markdown(body) if s.kind == "heading 2"), None)
    if first is None:
        return body + "\n\n" + block
    at = body.rfind("\n", 0, first.start) + 1
    return body[:at] + block + "\n\n" + body[at:]


def course_page(course: dict[str, Any], lang: str, modules: list[ModuleInfo],
                guide: str = "") -> str:
    """`guide`: the facilitator guide's link from the course page (none when empty)."""
    meta = {"title": course["title"], "description": course.get("summary", "")}
    out = [f"# {plain(course['title'])}", "", plain(course.get("summary", "")), ""]
    total = sum(m.duration for m in modules)
    out += [meta_line(lang, total, None), ""]
    if guide:
        out += [f"{label(lang, 'guide_link_intro')} [{label(lang, 'guide_link')}]({guide}).", ""]
    if course.get("audience"):
        out += [f"## {label(lang, 'audience')}", "", course["audience"], ""]
    if course.get("outcomes"):
        out += [admonition("abstract", label(lang, "outcomes"), bullet_list(course["outcomes"])), ""]
    if course.get("prerequisites"):
        out += [f"## {label(lang, 'prerequisites')}", "", bullet_list(course["prerequisites"]), ""]
    out += [f"## {label(lang, 'modules')}", ""]
    for i, m in enumerate(modules, 1):
        keys = " ".join(les.done_key for les in m.lessons)
        out.append(f"{i}. **[{plain(m.title)}]({m.slug}/index.md)** — {plain(m.summary)} "
                   f"*({duration_text(lang, m.duration)}, {label(lang, m.level)}, "
                   f"{len(m.lessons)} {label(lang, 'lessons').lower()})* "
                   f'<span class="capdev-module-progress" data-capdev-lessons="{keys}"></span>')
    out += ["", progress_panel(lang, [k.done_key for m in modules for k in m.lessons])]
    return front_matter(meta) + "\n".join(out) + "\n"


def progress_panel(lang: str, keys: list[str]) -> str:
    """Course-level progress: a count, and export / import / clear (all in the browser)."""
    return (
        f'<section class="capdev-progress-panel" aria-labelledby="capdev-progress-h">\n'
        f'<h2 id="capdev-progress-h">{label(lang, "progress")}</h2>\n'
        f'<p>{label(lang, "progress_intro")}</p>\n'
        f'<p class="capdev-progress-count" data-capdev-lessons="{" ".join(keys)}" '
        f'data-template="{label(lang, "progress_done", n="{n}", total="{total}")}"></p>\n'
        f'<p><button type="button" class="md-button" data-capdev-progress="export">'
        f'{label(lang, "progress_export")}</button> '
        f'<label class="md-button capdev-file"><input type="file" accept="application/json,.json" '
        f'data-capdev-progress="import"> {label(lang, "progress_import")}</label> '
        f'<button type="button" class="md-button" data-capdev-progress="clear">'
        f'{label(lang, "progress_clear")}</button></p>\n'
        f'<p role="status" class="capdev-progress-status" data-cleared="{label(lang, "progress_cleared")}" '
        f'data-loaded="{label(lang, "progress_loaded")}"></p>\n</section>'
    )
