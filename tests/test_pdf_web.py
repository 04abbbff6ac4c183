"""Web pages, "Cite this" records and admonition handling for notes and publications."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from capdev.pdf import web_assets, web_pages
from capdev.pdf.admonitions import to_fenced_divs
from capdev.pdf.cite import bibtex, family_given, ris
from capdev.pdf.source import load

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
NOTE = "policy_notes/fixture-note"
# The Markdown extensions the site enables for these pages.
EXTENSIONS = ["admonition", "footnotes", "tables", "attr_list", "toc",
              "pymdownx.superfences", "pymdownx.tabbed"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("webproject") / "project"
    shutil.copytree(FIXTURES / "project", root, ignore=shutil.ignore_patterns(".cache"))
    return root


def html(page: str) -> str:
    body = page.split("\n---\n", 1)[1]  # drop the front matter
    return markdown.markdown(body, extensions=EXTENSIONS)


def test_note_page_english(project: Path) -> None:
    pages = web_pages(project, project / NOTE, "en")
    assert list(pages) == ["index.md"]
    page = pages["index.md"]
    assert page.startswith("---\ntitle: Channels that work together\ndescription: This short")
    assert "# Channels that work together" in page
    assert "**Capacity Development Policy Note No. 99** · 20 November 2026" in page
    assert '!!! abstract "Abstract"' in page
    for link in ("(fixture-note-en.pdf)", "(fixture-note-es.pdf)", "(fixture-note-en.docx)"):
        assert link in page
    assert "```bibtex\n    @techreport{fixture-note-2026," in page
    assert "TY  - RPRT" in page
    out = html(page)
    assert "[@" not in out and "@oecd2014" not in out
    assert "(OECD 2014)" in out
    assert '<div class="admonition abstract">' in out
    assert '<div class="footnote">' in out and "The note does not cover" in out
    assert "<table>" in out and "<td>Telephone (311)</td>" in out
    assert '<img alt="Synthetic data: share of requests by channel' in out
    assert out.count("<h2") >= 6  # 3 sections, references, downloads, cite this
    assert "GovTech Maturity Index" in out.split('id="references"')[1]


def test_note_page_spanish_labels(project: Path) -> None:
    page = web_pages(project, project / NOTE, "es")["index.md"]
    for expected in ("# Canales que funcionan juntos", '!!! abstract "Resumen"',
                     "N.º 99** · 20 de noviembre de 2026", "## Referencias", "## Descargas",
                     "## Cómo citar", "[PDF — Inglés](fixture-note-en.pdf)",
                     "(fixture-note-es.docx)", "ODS 17: Alianzas para lograr los objetivos",
                     "y Kimberly D. Johns", "language = {spanish}"):
        assert expected in page, expected
    assert "## References" not in page
    assert 'lang="en"' not in page  # fully translated: nothing marked as English


def test_publication_pages(project: Path) -> None:
    pages = web_pages(project, project / "publications" / "fixture-guide", "en")
    assert list(pages) == ["index.md", "01-first-chapter.md", "02-second-chapter.md"]
    index = pages["index.md"]
    assert "1. [First chapter](01-first-chapter.md)" in index
    assert "(fixture-guide-es.pdf)" in index and "@book{fixture-guide-2026," in index
    first, second = pages["01-first-chapter.md"], pages["02-second-chapter.md"]
    assert first.startswith("---\ntitle: First chapter\ndescription: What the first")
    assert '!!! note "Not a standard"\n\n    This guide offers practices' in first
    # each chapter lists only the works it cites, and keeps its own footnote
    assert "E-Government Survey 2024" in first and "Recommendation of the Council" not in first
    assert "Recommendation of the Council" in second and "E-Government Survey" not in second
    assert "First chapter footnote" in first and "Second chapter footnote" in second
    assert '<div class="admonition note">' in html(first)


def test_web_assets_lists_the_figure(project: Path) -> None:
    assert web_assets(project, project / NOTE) == [(project / NOTE / "channels.svg").resolve()]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_cite_records_match_expected_files(lang: str) -> None:
    root = (FIXTURES / "project").resolve()
    doc = load(root, root / NOTE, lang)
    expected = FIXTURES / "expected"
    assert bibtex(doc.id, "note", doc.meta, lang) == \
        (expected / f"fixture-note-{lang}.bib").read_text("utf-8")
    assert ris(doc.id, "note", doc.meta, lang) == \
        (expected / f"fixture-note-{lang}.ris").read_text("utf-8")


@pytest.mark.parametrize(("name", "inverted"), [
    ("Ana Pérez", "Pérez, Ana"),
    ("Gómez Ruiz, Juan Carlos", "Gómez Ruiz, Juan Carlos"),
    ("UNESCO", "UNESCO"),
])
def test_family_given(name: str, inverted: str) -> None:
    assert family_given(name) == inverted


@pytest.mark.parametrize("lang", ["en", "es"])
def test_corporate_author_is_never_inverted(lang: str) -> None:
    """`corporate: true` keeps a body's name whole in BibTeX (braced) and RIS."""
    meta = {"title": "T", "date": "2026-11-15", "number": 1,
            "authors": [{"name": "Digital Government Capacity Development Programme",
                         "corporate": True}, {"name": "Ana Pérez"}]}
    assert "author = {{Digital Government Capacity Development Programme} and Pérez, Ana}" \
        in bibtex("n", "note", meta, lang)
    record = ris("n", "note", meta, lang)
    assert "AU  - Digital Government Capacity Development Programme\n" in record
    assert "AU  - Pérez, Ana\n" in record


def test_admonitions_become_fenced_divs() -> None:
    source = (FIXTURES / "admonitions" / "input.md").read_text("utf-8")
    assert to_fenced_divs(source) == (FIXTURES / "admonitions" / "expected.md").read_text("utf-8")


def test_untranslated_page_is_english_unless_strict(project: Path) -> None:
    from capdev.errors import CapdevError

    src = project / "policy_notes" / "untranslated-note"
    page = web_pages(project, src, "es")["index.md"]
    assert "## Descargas" in page
    # every passage still in English says so, for screen readers (WCAG 3.1.2)
    for english in ("# <span lang=\"en\">A note nobody has translated yet</span>",
                    "## <span lang=\"en\">Context</span>",
                    "<span lang=\"en\">One-stop shops bring several services together",
                    "**Palabras clave:** <span lang=\"en\">test fixture</span>"):
        assert english in page, english
    assert '<p><span lang="en">One-stop shops' in html(page)
    assert "CAPDEVLANG" not in page
    with pytest.raises(CapdevError) as err:
        web_pages(project, src, "es", draft=False)
    assert {f.rule for f in err.value.findings} == {"pdf-untranslated"}


@pytest.mark.parametrize(("text", "marked"), [
    ("One-stop shops bring services together.", True),
    ("See [the survey](https://publicadministration.un.org/egovkb) and [@oecd2014].", True),
    ("An escaped \\[bracket is fine.", True),
    ("A stray ] would end the span early.", False),
    ("An [unclosed bracket would swallow the attribute.", False),
])
def test_untranslated_passages_become_pandoc_spans_when_they_parse(text: str, marked: bool):
    from capdev.catalogs.render import pandoc_lang_span

    wrapped = pandoc_lang_span("en")(text)
    assert wrapped == (f"[{text}]{{lang=en}}" if marked else text)
