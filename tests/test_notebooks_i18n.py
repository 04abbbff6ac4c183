"""Notebook outputs in the page's language (#18.4), through the real `capdev build`.

The fixture project gets a notebook lab that follows the labels convention (a
`capdev-labels` cell, comments) and its Spanish catalog; the Spanish page must be executed
with the Spanish strings: chart text (SVG <text> elements), table headers, printed text and
the download in Spanish, the English page untouched, each language cached on its own.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
import yaml
from lxml import html as lxml_html

from capdev.catalogs.pycode import code_segments, render_code
from capdev.notebooks import check_notebook
from tests.conftest import FIXTURES, capdev

OVERLAY = Path(__file__).parent / "fixtures" / "nb_i18n"
LAB = "courses/demo/01-first-module/03-requests-lab"
CATALOG = f"translations/es/{LAB}.ipynb.po"
RUNS = re.compile(r"notebooks: (\d+) run, (\d+) from cache")


@dataclass
class Build:
    output: str
    en_page: str
    es_page: str
    en_svg: str
    es_svg: str
    en_download: dict
    es_download: dict
    cache: dict[str, set[str]]  # cache slot → entry files


def build(project: Path, *options: str) -> Build:
    out = capdev("build", *options, cwd=project, check=True).stdout
    site = project / "site"

    def svg(lang_dir: Path) -> str:
        (only,) = (lang_dir / f"{LAB}_files").glob("*.svg")
        return only.read_text(encoding="utf-8")

    cache = {slot.name: {e.name for e in slot.glob("*.json")}
             for slot in (project / ".cache" / "notebooks").iterdir()}
    return Build(out, (site / f"{LAB}.html").read_text(), (site / "es" / f"{LAB}.html").read_text(),
                 svg(site), svg(site / "es"),
                 json.loads((site / f"{LAB}.ipynb").read_text()),
                 json.loads((site / "es" / f"{LAB}.ipynb").read_text()), cache)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """A cold build, a warm one, and one after a Spanish label changed in the catalog."""
    project = tmp_path_factory.mktemp("nb-i18n") / "project"
    shutil.copytree(FIXTURES / "project", project,
                    ignore=shutil.ignore_patterns("site", ".cache"))
    shutil.copytree(OVERLAY / "courses", project / "courses", dirs_exist_ok=True)
    shutil.copytree(OVERLAY / "translations", project / "translations", dirs_exist_ok=True)
    # the warm build is asked for (--rebuild): with nothing changed, a build does nothing
    done = {"cold": build(project), "warm": build(project, "--rebuild")}
    po = polib.pofile(str(project / CATALOG))
    po.find("Requests by channel").msgstr = "Solicitudes según el canal"
    po.save()
    done["relabelled"] = build(project)
    return done


def svg_texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def headers(page: str) -> list[str]:
    root = lxml_html.fromstring(page)
    return [th.text_content().strip() for th in root.xpath("//div[@class='nb-table']//thead//th")]


def code_cells(nb: dict) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_spanish_chart_text_table_headers_and_printed_sentence(builds: dict[str, Build]) -> None:
    cold = builds["cold"]
    texts = svg_texts(cold.es_svg)
    for spanish in ("Solicitudes por canal", "Número de solicitudes", "teléfono", "sitio web"):
        assert spanish in texts
    assert not {"Requests by channel", "Number of requests", "phone", "web"} & set(texts)
    assert headers(cold.es_page) == ["", "canal", "solicitudes"]
    assert "5 solicitudes en total" in cold.es_page
    assert 'alt="Gráfico de barras de las solicitudes por canal: teléfono 3, sitio web 2."' \
        in cold.es_page
    # the code shown is the code that ran: the Spanish labels and comments
    assert "# una barra por canal" in cold.es_page


def test_english_page_is_unchanged(builds: dict[str, Build]) -> None:
    cold = builds["cold"]
    texts = svg_texts(cold.en_svg)
    for english in ("Requests by channel", "Number of requests", "phone", "web"):
        assert english in texts
    assert headers(cold.en_page) == ["", "channel", "requests"]
    assert "5 requests in total" in cold.en_page and "solicitudes" not in cold.en_page
    source = json.loads((OVERLAY / f"{LAB}.ipynb").read_text())
    assert code_cells(cold.en_download) == code_cells(source)
    # a Spanish change re-renders nothing of the English page
    assert builds["relabelled"].en_svg == cold.en_svg
    assert builds["relabelled"].en_page == cold.en_page


def test_spanish_download_is_the_spanish_notebook(builds: dict[str, Build]) -> None:
    es, source = builds["cold"].es_download, json.loads((OVERLAY / f"{LAB}.ipynb").read_text())
    cells = {c["id"]: "".join(c["source"]) for c in es["cells"]}
    assert cells["title"].startswith("# Solicitudes por canal")
    assert '"title": "Solicitudes por canal"' in cells["labels"]
    assert '"channels": {"phone": "teléfono", "web": "sitio web"}' in cells["labels"]
    assert cells["count"].startswith("# Se cuentan las solicitudes de cada canal")
    assert es["metadata"]["capdev"]["title"] == "Solicitudes por canal"
    assert all(not c.get("outputs") for c in es["cells"] if c["cell_type"] == "code")
    # code never changes beyond labels and comments: the English with those removed
    strip = re.compile(r'#.*|"[^"\n]*"')
    assert [strip.sub("", c) for c in code_cells(es)] == \
        [strip.sub("", c) for c in code_cells(source)]


def test_each_language_cached_on_its_own(builds: dict[str, Build]) -> None:
    cold, warm, relabelled = builds["cold"], builds["warm"], builds["relabelled"]
    assert RUNS.search(cold.output).groups() == ("2", "0")
    assert RUNS.search(warm.output).groups() == ("0", "2")
    assert RUNS.search(relabelled.output).groups() == ("1", "1")
    slug = LAB.replace("/", "__") + ".ipynb"
    assert set(cold.cache) == {slug, f"{slug}.es"}
    assert relabelled.cache[slug] == cold.cache[slug]  # the English entry kept
    assert relabelled.cache[f"{slug}.es"] != cold.cache[f"{slug}.es"]  # a new Spanish key
    assert "Solicitudes según el canal" in svg_texts(relabelled.es_svg)


def test_labels_cell_checks() -> None:
    found = [f.format() for path in sorted((OVERLAY / "checks").glob("*.ipynb"))
             for f in check_notebook(path, OVERLAY)]
    expected = (OVERLAY / "checks" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert found == expected
    assert check_notebook(OVERLAY / f"{LAB}.ipynb", OVERLAY) == []


CASES = yaml.safe_load((Path(__file__).parent / "data/pycode/cases.yml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_code_cell_segments_and_rendering(case: dict) -> None:
    segments = code_segments(case["source"], case["labels"])
    assert [s.msgid for s in segments] == case["msgids"]
    table = case.get("translations") or {}
    rendered = render_code(case["source"], segments, lambda s: table.get(s.msgid))
    assert rendered == case.get("rendered", case["source"])
