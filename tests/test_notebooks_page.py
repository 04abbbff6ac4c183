"""Lesson pages and downloads rendered from one real execution, in English and Spanish."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import markdown
import nbformat
import pytest
import yaml

from capdev.notebooks import notebook_page, run_notebooks

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
EXPECTED = FIXTURES / "expected"
REQUESTS = Path("lesson/01-requests-by-channel.ipynb")
RICH = Path("rich/rich-outputs.ipynb")
STEM = "01-requests-by-channel"
# The extensions the site enables (mkdocs-material); the page must render under them.
EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight",
              "tables", "attr_list", "md_in_html", "footnotes", "def_list", "abbr"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("nbpage") / "project"
    shutil.copytree(FIXTURES, root)
    return run_notebooks(root, [REQUESTS, RICH]).notebooks


@pytest.fixture(scope="module")
def spanish() -> nbformat.NotebookNode:
    """Hand-written stand-in for capdev.catalogs.translate_file(...).text."""
    return nbformat.reads((FIXTURES / "translations/es" / REQUESTS).read_text(), as_version=4)


def golden(name: str, text: str) -> None:
    path = EXPECTED / name
    if os.environ.get("CAPDEV_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def split_page(page: str) -> tuple[dict, str]:
    _, head, body = page.split("---\n", 2)
    return yaml.safe_load(head), body


def html_of(body: str) -> str:
    return markdown.markdown(body, extensions=EXTENSIONS)


def code_sources(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_english_page(executed: dict, tmp_path: Path) -> None:
    page = notebook_page(executed[REQUESTS], "en", tmp_path, STEM)
    golden("01-requests-by-channel.en.md", page)
    meta, body = split_page(page)
    assert meta["title"] == "Service requests by channel" and meta["competences"] == ["A2.C1", "A3.C2"]
    assert body.lstrip().startswith("# Service requests by channel\n")
    html = html_of(body)
    assert '<table class="dataframe">' in html and "<th>web portal</th>" in html
    assert '<img alt="Bar chart of synthetic service requests by channel' in html
    assert "<figcaption>Synthetic service requests by channel</figcaption>" in html
    assert 'class="admonition tip"' in html and "<details" in html
    assert "{ .text" not in html and "<style" not in html  # fences parsed, pandas CSS dropped
    assert (tmp_path / f"{STEM}_files/chart-1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_spanish_page_and_download(executed: dict, spanish, tmp_path: Path) -> None:
    page = notebook_page(executed[REQUESTS], "es", tmp_path, STEM, translated=spanish)
    golden("01-requests-by-channel.es.md", page)
    meta, body = split_page(page)
    assert meta["title"] == "Solicitudes de servicio por canal"
    assert meta["duration"] == 20 and meta["data"] == ["data/service-requests-synthetic.csv"]
    assert "[Descargar el cuaderno](01-requests-by-channel.ipynb)" in body
    assert "![Gráfico de barras de las solicitudes" in body
    assert "## Solicitudes y tiempo de resolución por canal" in body
    english_source = nbformat.read(FIXTURES / REQUESTS, as_version=4)
    download = nbformat.read(tmp_path / f"{STEM}.ipynb", as_version=4)
    nbformat.validate(download)
    assert code_sources(download) == code_sources(english_source)
    assert [c.source for c in download.cells if c.cell_type == "markdown"] == \
        [c.source for c in spanish.cells if c.cell_type == "markdown"]
    assert all(not c.outputs and c.execution_count is None
               for c in download.cells if c.cell_type == "code")
    assert download.metadata.capdev.title == "Solicitudes de servicio por canal"


def test_code_cells_are_byte_identical_in_both_downloads(executed: dict, spanish, tmp_path: Path) -> None:
    notebook_page(executed[REQUESTS], "en", tmp_path / "en", STEM)
    notebook_page(executed[REQUESTS], "es", tmp_path / "es", STEM, translated=spanish)

    def raw_code(path: Path) -> list[str]:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return [json.dumps(c["source"]) for c in cells if c["cell_type"] == "code"]

    source = raw_code(FIXTURES / REQUESTS)
    assert raw_code(tmp_path / "en" / f"{STEM}.ipynb") == source
    assert raw_code(tmp_path / "es" / f"{STEM}.ipynb") == source
    en_blocks = [b for b in (tmp_path / "en").iterdir()]
    assert en_blocks  # both languages wrote their own download and images
    en_page = notebook_page(executed[REQUESTS], "en", tmp_path / "en", STEM)
    es_page = notebook_page(executed[REQUESTS], "es", tmp_path / "es", STEM, translated=spanish)
    fences = lambda page: [b for b in page.split("\n\n") if b.startswith("```")]  # noqa: E731
    assert fences(en_page) == fences(es_page)


def test_html_outputs_are_sanitized(executed: dict, tmp_path: Path) -> None:
    page = notebook_page(executed[RICH], "en", tmp_path, "rich")
    golden("rich-outputs.en.md", page)
    html = html_of(split_page(page)[1])
    outputs = [part.split("</div>")[0] for part in html.split('<div class="nb-output nb-html">')[1:]]
    assert len(outputs) == 2  # the HTML output and the Markdown output
    for forbidden in ("<script", "alert(", "onclick", "style", "color: red"):
        assert all(forbidden not in out for out in outputs)
    assert '<th scope="col">Channel</th>' in html
    assert '<a href="https://www.un.org">link</a>' in html
    assert "secret = 42" not in page and "removed" not in page  # remove-input / remove-cell
    assert (tmp_path / "rich_files/svg-1.svg").read_text().startswith("<svg")


def test_runner_links_when_repository_configured(executed: dict, tmp_path: Path) -> None:
    src = "courses/digital-government/02-multichannel-service-delivery-and-311/01-requests.ipynb"
    page = notebook_page(executed[REQUESTS], "en", tmp_path, STEM,
                         repo_url="https://github.com/example-org/capdev", source_rel=src)
    assert ("[Open in Colab](https://colab.research.google.com/github/example-org/capdev/blob/main/"
            f"{src}){{ .md-button }}") in page
    assert ("https://mybinder.org/v2/gh/example-org/capdev/main?labpath=courses%2Fdigital-government"
            "%2F02-multichannel-service-delivery-and-311%2F01-requests.ipynb") in page
    es = notebook_page(executed[REQUESTS], "es", tmp_path, STEM,
                       repo_url="https://github.com/example-org/capdev", source_rel=src)
    assert "[Abrir en Colab (en inglés)]" in es and "[Abrir en Binder (en inglés)]" in es
    plain = notebook_page(executed[REQUESTS], "en", tmp_path, STEM)
    assert "Colab" not in plain and "Binder" not in plain


def test_rerender_is_stable_and_prunes_stale_images(executed: dict, tmp_path: Path) -> None:
    notebook_page(executed[REQUESTS], "en", tmp_path, STEM)
    chart = tmp_path / f"{STEM}_files/chart-1.png"
    stale = tmp_path / f"{STEM}_files/old-1.png"
    stale.write_bytes(b"old")
    before = (chart.stat().st_mtime_ns, (tmp_path / f"{STEM}.ipynb").stat().st_mtime_ns)
    notebook_page(executed[REQUESTS], "en", tmp_path, STEM)
    assert (chart.stat().st_mtime_ns, (tmp_path / f"{STEM}.ipynb").stat().st_mtime_ns) == before
    assert not stale.exists()


def test_declared_data_travels_with_the_download(executed: dict, spanish, tmp_path: Path) -> None:
    source_dir = (FIXTURES / REQUESTS).parent
    page = notebook_page(executed[REQUESTS], "es", tmp_path, STEM, translated=spanish,
                         source_dir=source_dir)
    rel = "data/service-requests-synthetic.csv"
    assert (tmp_path / rel).read_bytes() == (source_dir / rel).read_bytes()
    assert f"Archivos de datos: [service-requests-synthetic.csv]({rel})" in page
    assert "<a href=\"data/service-requests-synthetic.csv\">" in html_of(split_page(page)[1])


def test_raw_html_output_with_blank_lines_stays_one_block(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [nbformat.v4.new_output(
        "display_data", data={"text/html": "<pre>a\n\n    b *c*\n</pre>", "text/plain": "x"})]
    nb.cells = [cell]
    page = notebook_page(nb, "en", tmp_path, "raw")
    assert page.startswith("---\n---\n\n# raw\n")  # no metadata: title falls back to the stem
    html = html_of(split_page(page)[1])
    assert "<pre>a\n\n    b *c*\n</pre>" in html and "<em>" not in html


def test_prebuilt_outputs_render(tmp_path: Path) -> None:
    """Rendering alone, from outputs stored in the fixture (progress bars, alt lists, ANSI)."""
    nb = nbformat.read(FIXTURES / "rendering/prebuilt-outputs.ipynb", as_version=4)
    page = notebook_page(nb, "en", tmp_path, "prebuilt")
    golden("prebuilt-outputs.en.md", page)
    assert "\x1b" not in page and "10%" not in page
    html = html_of(split_page(page)[1])
    assert '<img alt="First of two figures" src="prebuilt_files/two-figures-1.png" />' in html
    assert '<img alt="Second [of two] figures" src="prebuilt_files/two-figures-2.png" />' in html
    assert sorted(p.name for p in (tmp_path / "prebuilt_files").iterdir()) == [
        "two-figures-1.png", "two-figures-2.png"]


MKDOCS_YML = """site_name: notebook page test
theme: {name: material, font: false}
markdown_extensions: [admonition, pymdownx.details, pymdownx.superfences, pymdownx.highlight,
                      tables, attr_list, md_in_html, footnotes]
validation: {links: {not_found: warn, unrecognized_links: warn, absolute_links: ignore}}
"""


def test_pages_build_strict_with_mkdocs_material(executed: dict, spanish, tmp_path: Path) -> None:
    """The real site generator: every link (download, images, data) resolves, no warning."""
    import subprocess
    import sys

    docs = tmp_path / "docs"
    source_dir = (FIXTURES / REQUESTS).parent
    for lang, translated in (("en", None), ("es", spanish)):
        page = notebook_page(executed[REQUESTS], lang, docs / lang, STEM, translated=translated,
                             source_dir=source_dir)
        (docs / lang / f"{STEM}.md").write_text(page, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / f"site/es/{STEM}/index.html").read_text(encoding="utf-8")
    assert f'href="../{STEM}.ipynb">Descargar el cuaderno' in html
    assert f'src="../{STEM}_files/chart-1.png"' in html
    assert (tmp_path / f"site/es/{STEM}.ipynb").is_file()
    assert (tmp_path / "site/es/data/service-requests-synthetic.csv").is_file()
