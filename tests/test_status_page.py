"""The translation-status page of a real build (#24.2): each source's title, in the page's
language, linked to a page that exists; its catalog's path; a total per group and overall;
a real table (caption, th scope); every text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import capdev
from tests.test_site_build import built  # noqa: F401 - the fixture, reused

pytestmark = pytest.mark.slow


class _Table(HTMLParser):
    """Rows of the status table: (tbody index or "tfoot", row header text, hrefs, cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.section: int | str | None = None
        self.bodies = 0
        self.cell: list[str] | None = None
        self.row: dict | None = None
        self.caption = ""
        self.in_caption = False
        self.scopes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "tbody":
            self.section, self.bodies = self.bodies, self.bodies + 1
        elif tag == "tfoot":
            self.section = "tfoot"
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.section is not None:
            self.row = {"section": self.section, "cls": a.get("class", ""), "head": "",
                        "hrefs": [], "lang": [], "cells": [], "path": ""}
        elif tag in ("th", "td"):
            if tag == "th":
                self.scopes.append(a.get("scope", ""))
            self.cell = []
        elif tag == "a" and self.row is not None:
            self.row["hrefs"].append(a["href"])
            self.row["lang"].append(a.get("lang"))
        elif tag == "code" and self.row is not None:
            self.cell.append("\0")  # the path starts here
        elif tag == "span" and a.get("class") == "capdev-status__details":
            self.cell.append("\1")  # the phone's details line: not the title

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.row is not None and self.cell is not None:
            text = "".join(self.cell)
            if tag == "th":
                head, _, path = text.partition("\0")
                self.row["head"] = head.split("\1")[0]
                self.row["path"] = path.split("\1")[0]
            else:
                self.row["cells"].append(text)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell.append(data)


def status(site: Path, lang: str) -> tuple[Path, _Table]:
    page = site / ("" if lang == "en" else lang) / "translation-status.html"
    parser = _Table()
    parser.feed(page.read_text("utf-8"))
    return page, parser


@pytest.mark.parametrize(("lang", "lesson", "course", "caption"), [
    ("en", "Service channels", "Demo course", "Translation into Spanish"),
    ("es", "Canales de prestación de servicios", "Curso de demostración", "Traducción al español"),
])
def test_titles_link_to_pages_that_exist(built: Path, lang, lesson, course, caption):  # noqa: F811
    page, table = status(built, lang)
    assert table.caption.startswith(caption)
    sources = [r for r in table.rows if r["path"]]
    assert len(sources) == 6  # docs/about, docs/index, course.yml, module index, two lessons
    for row in sources:
        assert row["hrefs"], row
        assert (page.parent / row["hrefs"][0]).resolve().is_file(), row
        assert row["path"].startswith("translations/es/") and row["path"].endswith(".po")
        assert not row["head"].endswith((".md", ".yml"))  # a title, not a file name
    by_title = {r["head"]: r for r in sources}
    assert by_title[lesson]["hrefs"] == ["courses/demo/01-first-module/01-channels.html"]
    assert by_title[course]["hrefs"] == ["courses/demo/index.html"]
    assert by_title[lesson]["path"] == "translations/es/courses/demo/01-first-module/01-channels.md.po"
    # docs/about.md has no Spanish: its English title says so with lang="en" on the Spanish page
    assert by_title["About the fixture"]["lang"] == (["en"] if lang == "es" else [None])
    assert set(table.scopes) >= {"col", "row", "rowgroup"} and "" not in table.scopes


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_total_per_group_and_overall(built: Path, lang):  # noqa: F811
    _, table = status(built, lang)

    def numbers(row: dict) -> list[int]:
        return [int(c) for c in row["cells"][:4]]  # segments, translated, fuzzy, untranslated

    groups = {r["section"] for r in table.rows if r["section"] != "tfoot"}
    assert len(groups) == 2  # the site pages and the demo course
    sum_all = [0, 0, 0, 0]
    for g in groups:
        rows = [r for r in table.rows if r["section"] == g and r["path"]]
        totals = [r for r in table.rows if r["section"] == g and "capdev-status__total" in r["cls"]]
        assert len(totals) == 1 and totals[0]["head"] == "Total"
        assert numbers(totals[0]) == [sum(col) for col in zip(*map(numbers, rows), strict=True)]
        sum_all = [a + b for a, b in zip(sum_all, numbers(totals[0]), strict=True)]
    (overall,) = [r for r in table.rows if r["section"] == "tfoot"]
    assert numbers(overall) == sum_all and sum_all[3] == 4  # docs/about.md: 4 untranslated
    assert re.fullmatch(r"86\s?%", overall["cells"][4].replace("\u00a0", " "))


def test_titles_are_escaped(project: Path):
    about = project / "docs" / "about.md"
    about.write_text(about.read_text().replace("title: About the fixture",
                                               "title: 'About <b onclick=x>R&D</b> \"q\"'"))
    capdev("build", cwd=project, check=True)
    for lang in ("en", "es"):
        text = (project / "site" / ("" if lang == "en" else lang) / "translation-status.html"
                ).read_text("utf-8")
        assert "About &lt;b onclick=x&gt;R&amp;D&lt;/b&gt; &quot;q&quot;" in text
        assert "<b onclick" not in text
