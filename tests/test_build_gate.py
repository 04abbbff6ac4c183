"""What `capdev check` rejects is never published: the build's gate, through the real CLI.

A hostile translation (tests/fixtures/gate/injections.yml) is replaced by its English
segment, marked English, and reported; an English page that could run code stops the
build; the glossary is text; SVG notebook outputs carry drawing only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import polib
import pytest
import yaml

from capdev.notebooks import notebook_page
from tests.conftest import capdev

GATE = Path(__file__).parent / "fixtures" / "gate"
INJECTIONS = yaml.safe_load((GATE / "injections.yml").read_text("utf-8"))
LESSON = "courses/demo/01-first-module/01-channels.md"


def inject(project: Path) -> None:
    for inj in INJECTIONS:
        path = project / "translations" / "es" / inj["catalog"]
        po = polib.pofile(str(path))
        entry = po.find(inj["msgid"])
        assert entry is not None, inj["msgid"]
        entry.msgstr = inj["msgstr"]
        po.save(str(path))


def published(site: Path) -> str:
    """Everything a reader can fetch from the Spanish site, as one text."""
    return "\n".join(p.read_text("utf-8", errors="replace") for p in (site / "es").rglob("*")
                     if p.is_file() and p.suffix in (".html", ".json", ".xml", ".md", ".txt"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    project = tmp_path_factory.mktemp("gate") / "project"
    shutil.copytree(Path(__file__).parent / "fixtures" / "project", project)
    inject(project)
    # a low threshold keeps the lesson Spanish, so its refused segments show one by one
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("threshold: 0.8", "threshold: 0.1"))
    return project, capdev("build", cwd=project)


def test_check_rejects_every_injection(hostile):
    project, _ = hostile
    out = capdev("check", "--format", "json", cwd=project)
    assert out.returncode == 1
    found = {(f["path"], f["rule"]) for f in json.loads(out.stdout)}
    for inj in INJECTIONS:
        assert (f"translations/es/{inj['catalog']}", inj["rule"]) in found, inj


def test_build_publishes_none_of_them_and_says_so(hostile):
    project, out = hostile
    assert out.returncode == 0, out.stdout + out.stderr
    text = published(project / "site")
    for inj in INJECTIONS:
        assert inj["marker"] not in text, inj["marker"]
    for inj in INJECTIONS:
        assert any(f.startswith(f"translations/es/{inj['catalog']}:") and f"[{inj['rule']}]" in f
                   and "translation not published" in f for f in out.stderr.splitlines()), inj


def test_refused_segment_is_the_english_marked_english(hostile):
    project, _ = hostile
    lesson = (project / "site" / "es" / LESSON.replace(".md", ".html")).read_text("utf-8")
    page = (project / "site" / "es" / "index.html").read_text("utf-8")
    # the course title in the navigation of every page: the English, never the script
    assert "Demo course" in page and "alert(" not in page
    assert '<span lang="en">Governments serve people at counters, by phone and online.</span>' \
        in lesson


def test_the_english_site_is_untouched(hostile):
    project, _ = hostile
    lesson = (project / "site" / LESSON.replace(".md", ".html")).read_text("utf-8")
    assert "Governments serve people at counters" in lesson and "alert(" not in lesson


def test_plain_mkdocs_build_strict_fails_on_a_refused_translation(hostile, tmp_path: Path):
    project, _ = hostile
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                           str(tmp_path / "out")], cwd=project, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "translation not published" in proc.stderr


def test_capdev_build_strict_fails_once_on_a_refused_translation(hostile):
    project, _ = hostile
    before = (project / "site" / "es" / "index.html").read_bytes()
    out = capdev("build", "--strict", cwd=project)
    assert out.returncode == 1
    assert "translation not published" in out.stderr
    assert out.stderr.count("[strict-warnings]") == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert (project / "site" / "es" / "index.html").read_bytes() == before  # not replaced


def test_english_page_that_runs_code_stops_the_build(project: Path):
    capdev("build", cwd=project, check=True)
    index = (project / "site" / "index.html").read_bytes()
    page = project / "docs" / "about.md"
    page.write_text(page.read_text("utf-8") + '\n<iframe src="https://evil.example/"></iframe>\n',
                    "utf-8")
    out = capdev("build", cwd=project)
    assert out.returncode == 1
    assert any(f.startswith("docs/about.md:") and "[unsafe-html]" in f
               for f in out.stderr.splitlines())
    assert "Traceback" not in out.stdout + out.stderr
    assert (project / "site" / "index.html").read_bytes() == index  # the old site stays
    assert "evil.example" not in (project / "site" / "about.html").read_text("utf-8")


def test_glossary_values_are_text(project: Path):
    shutil.copy(GATE / "glossary.yml", project / "translations" / "glossary.yml")
    capdev("build", cwd=project, check=True)
    for page in (project / "site" / "glossary.html", project / "site" / "es" / "glossary.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;" in html  # shown, as text
        assert "datos abiertos" in html


def test_svg_outputs_carry_drawing_only(tmp_path: Path):
    svg = (GATE / "hostile.svg").read_text("utf-8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "chart()", outputs=[nbformat.v4.new_output("display_data",
                                                   data={"image/svg+xml": svg})])])
    page = notebook_page(nb, "en", tmp_path, "lab")
    [written] = (tmp_path / "lab_files").glob("*.svg")
    drawn = written.read_text("utf-8")
    assert written.name in page
    for bad in ("alert(", "tracker.example", "onload", "onclick", "javascript:", "<script",
                "foreignObject", "iframe", "root:"):
        assert bad not in drawn, bad
    assert drawn.count("<rect") == 3 and 'clip-path="url(#keep)"' in drawn  # the drawing stays
    assert "<title>Requests by channel</title>" in drawn


def test_titles_are_text_in_navigation_and_generated_lists(project: Path):
    lesson = project / LESSON
    lesson.write_text(lesson.read_text("utf-8").replace(
        "title: Service channels", "title: Service <img src=x onerror=alert(9)> channels"), "utf-8")
    capdev("build", cwd=project, check=True)
    for page in (project / "site").rglob("*.html"):
        assert "<img src=x onerror" not in page.read_text("utf-8"), page
    module = (project / "site" / "courses/demo/01-first-module/index.html").read_text("utf-8")
    assert "Service &lt;img src=x onerror=alert(9)&gt; channels" in module  # shown as text
