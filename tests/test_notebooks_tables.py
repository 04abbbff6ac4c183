"""Notebook HTML tables made readable (#18.5): scroll regions and numeric columns, cases as
data (tests/data/notebook_tables/cases.yml), and the real rendered page in both languages."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from lxml import html as lxml_html

from capdev.notebooks import notebook_page
from capdev.notebooks.sanitize import sanitize_html
from capdev.notebooks.tables import NUMERIC, is_number, readable_tables

CASES = yaml.safe_load((Path(__file__).parent / "data" / "notebook_tables" / "cases.yml")
                       .read_text(encoding="utf-8"))


def _parse(fragment: str):
    return lxml_html.fragment_fromstring(fragment, create_parent="div")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cases(case: dict) -> None:
    out = readable_tables(case["html"], "Data table")
    root = _parse(out)
    regions = root.xpath("//div[@class='nb-table']")
    assert len(regions) == case["regions"]
    for region in regions:
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-label") == "Data table"
        assert region[0].tag == "table" and len(region) == 1
    marked = [c.text_content().strip() for c in root.iter("td", "th")
              if NUMERIC in (c.get("class") or "").split()]
    assert marked == case["numeric"]
    if not case["regions"]:
        assert out == case["html"]
    else:  # every character of text survives: only attributes and wrappers are added
        assert root.text_content().split() == _parse(case["html"]).text_content().split()


@pytest.mark.parametrize(("text", "number"), [
    ("1770", True), ("-2", True), ("201.5", True), ("1,234.5", True), ("1e-05", True),
    ("97.6%", True), ("inf", True), ("NaN", False), ("True", False), ("MS-0001", False),
    ("2025-05-28", False), ("", False)])
def test_is_number(text: str, number: bool) -> None:
    assert is_number(text) is number


def _table_notebook() -> nbformat.NotebookNode:
    frame = pd.DataFrame({"channel": ["web", "phone"], "requests": [1022, 2027],
                          "median_hours": [30.5, 30.0]})
    cell = nbformat.v4.new_code_cell("frame")
    cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data={
        "text/html": frame._repr_html_(), "text/plain": frame.to_string()})]
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell]
    return nb


@pytest.mark.parametrize(("lang", "label"), [("en", "Data table"), ("es", "Tabla de datos")])
def test_page_tables_are_regions_named_in_the_page_language(tmp_path: Path, lang: str,
                                                            label: str) -> None:
    page = notebook_page(_table_notebook(), lang, tmp_path, "frame")
    root = _parse(page.split('<div class="nb-output nb-html">', 1)[1].rsplit("</div>", 1)[0])
    (region,) = root.xpath("//div[@class='nb-table']")
    assert region.get("aria-label") == label
    assert [c.text_content() for c in region.iter("td") if c.get("class") == NUMERIC] == [
        "1022", "30.5", "2027", "30.0"]


def test_wrapping_keeps_what_the_sanitizer_removed_out() -> None:
    html = sanitize_html('<table onclick="x()"><tr><td style="color:red">1</td></tr></table>'
                         "<script>alert(1)</script>")
    out = readable_tables(html, "Data table")
    assert "onclick" not in out and "style" not in out and "script" not in out
