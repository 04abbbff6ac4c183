"""End-to-end: the real `capdev build` and `mkdocs build` on the fixture project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import capdev

LESSON = "courses/demo/01-first-module/01-channels.html"


@pytest.fixture
def built(project: Path) -> Path:
    out = capdev("build", cwd=project, check=True)
    assert "capdev build" in out.stdout
    return project / "site"


def html_lang(page: Path) -> str:
    return re.search(r'<html lang="([^"]+)"', page.read_text()).group(1)


def test_both_languages_and_lang_attributes(built: Path):
    assert (built / "index.html").is_file() and (built / "es" / "index.html").is_file()
    assert html_lang(built / "index.html") == "en"
    assert html_lang(built / "es" / "index.html") == "es"
    assert html_lang(built / "es" / LESSON) == "es"
    assert "Canales de prestación de servicios" in (built / "es" / LESSON).read_text()
    # #16.3: the untitled `!!! note` of docs/index.md shows its translated default title
    home_es = (built / "es" / "index.html").read_text()
    assert '<p class="admonition-title">Nota</p>' in home_es and ">Note<" not in home_es
    assert '<p class="admonition-title">Note</p>' in (built / "index.html").read_text()


def test_switcher_points_to_the_same_page(built: Path):
    en = (built / LESSON).read_text()
    es = (built / "es" / LESSON).read_text()
    assert f'href="../../../es/{LESSON}" lang="es" hreflang="es"' in en
    assert f'href="../../../../{LESSON}" lang="en" hreflang="en"' in es
    # resolved from the page's folder, the links land on real files
    for page, text in ((built / LESSON, en), (built / "es" / LESSON, es)):
        for href in re.findall(r'class="md-select__item">\s*<a href="([^"]+)"', text):
            assert (page.parent / href).resolve().is_file(), href


def test_fallback_page_is_marked_english_without_hreflang_claim(built: Path):
    page = (built / "es" / "about.html").read_text()
    assert "Esta página aún no se ha traducido" in page
    assert '<div lang="en" class="capdev-fallback-text">' in page
    assert 'hreflang="es"' not in page
    assert 'hreflang="es"' not in (built / "about.html").read_text()


def test_overview_pages_list_modules_and_lessons(built: Path):
    course = (built / "es" / "courses/demo/index.html").read_text()
    assert "Primer módulo" in course and "Módulos" in course
    module = (built / "courses/demo/01-first-module/index.html").read_text()
    assert "Service channels" in module and "Open data" in module
    lesson = (built / LESSON).read_text()
    assert "Learning outcomes" in lesson and "Key points" in lesson
    assert 'data-capdev-quiz' in lesson and 'role="status"' in lesson


def test_each_language_has_its_own_search_index_and_404(built: Path):
    en = (built / "search" / "search_index.js").read_text()
    es = (built / "es" / "search" / "search_index.js").read_text()
    assert "Canales" in es and "Canales" not in en
    assert "Service channels" in en and "Governments serve people" not in es
    assert html_lang(built / "es" / "404.html") == "es"


def test_no_off_host_requests_in_pages(built: Path):
    for page in built.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), page


def test_offline_zip(built: Path):
    zips = list((built / "downloads").glob("*-offline.zip"))
    assert zips and zips[0].stat().st_size > 10_000


def test_bad_front_matter_fails_cleanly_and_keeps_site(project: Path):
    capdev("build", cwd=project, check=True)
    marker = (project / "site" / "index.html").read_text()
    lesson = project / "courses/demo/01-first-module/02-open-data.md"
    lesson.write_text(lesson.read_text().replace("duration: 10", "duration: ten"))
    out = capdev("build", cwd=project)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    assert "courses/demo/01-first-module/02-open-data.md:4 [schema-lesson]" in out.stderr
    assert "`duration`" in out.stderr
    assert (project / "site" / "index.html").read_text() == marker


def test_plain_mkdocs_build_strict_gives_the_same_tree(project: Path):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    site = project / "site"
    assert html_lang(site / "es" / "index.html") == "es"
    assert (site / "es" / LESSON).is_file() and (site / LESSON).is_file()


def test_nothing_changed_nothing_built(tmp_path: Path):
    """A second build with the same inputs does nothing and says so; one byte of a catalog,
    a file deleted from the site, or --rebuild builds again."""
    import shutil

    from tests.conftest import FIXTURES, capdev

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project, ignore=shutil.ignore_patterns("site", ".cache"))
    capdev("build", cwd=project, check=True)
    index = project / "site" / "index.html"
    before = index.stat().st_mtime_ns
    again = capdev("build", cwd=project, check=True)
    assert "is up to date" in again.stdout and index.stat().st_mtime_ns == before
    assert "is up to date" not in capdev("build", "--rebuild", cwd=project, check=True).stdout
    catalog = next((project / "translations" / "es").rglob("*.po"))
    catalog.write_text(catalog.read_text("utf-8") + "\n", "utf-8")
    assert "is up to date" not in capdev("build", cwd=project, check=True).stdout
    (project / "site" / "404.html").unlink()
    rebuilt = capdev("build", cwd=project, check=True)
    assert "is up to date" not in rebuilt.stdout and (project / "site" / "404.html").is_file()
    assert "is up to date" in capdev("build", cwd=project, check=True).stdout
