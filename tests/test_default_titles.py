"""Untitled admonitions and blocks get a translatable default title (#16 item 3).

`!!! note`, `??? note` and `/// note` show "Note" (Python-Markdown / pymdownx write the
type's word); the segmenter makes that word a segment of the same kind as a written title,
so a Spanish `!!! note "Nota"` lines up with it on import, and rendering writes the title
only when it is translated (the English stays byte for byte).
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from capdev.catalogs import po as _po
from capdev.catalogs.extract import load_source, read_source
from capdev.catalogs.markdown import segment_markdown
from capdev.catalogs.render import render_source, substitute, wrap_lang
from tests.conftest import capdev

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests/fixtures/i18n/structure/default-titles"


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=cfg.markdown_extensions, extension_configs=cfg.mdx_configs)


def titles(text: str) -> list[tuple[str, str, str]]:
    return [(s.msgid, s.kind, s.ref) for s in segment_markdown(text) if "title" in s.kind]


@pytest.mark.parametrize(("header", "word", "kind"), [
    ("!!! note", "Note", "admonition title (note)"),
    ("??? warning", "Warning", "admonition title (warning)"),
    ("???+ tip inline end", "Tip", "admonition title (tip)"),
    ("!!! Danger", "Danger", "admonition title (Danger)"),
    ("/// note", "Note", "block title (note)"),
    ("/// important", "Important", "block title (important)"),
])
def test_untitled_header_gives_the_word_python_markdown_shows(header: str, word: str, kind: str,
                                                               md: markdown.Markdown):
    body = "    Text.\n" if not header.startswith("/") else "Text.\n///\n"
    text = f"{header}\n{body}"
    md.reset()
    assert f">{word}</" in md.convert(text)  # what the English page shows
    what = "block" if header.startswith("/") else "admonition"
    assert titles(text) == [(word, kind, f"default title of a {kind.split('(')[1][:-1].lower()} "
                                         f"{what}")]


@pytest.mark.parametrize("text", [
    '!!! note ""\n    No title at all.\n',  # an explicit empty title shows none
    "/// note |\nNone either.\n///\n",
    "/// details\nA details block without a type shows no summary.\n///\n",
    "/// caption\nA caption.\n///\n",
])
def test_no_default_where_nothing_is_shown(text: str):
    assert titles(text) == []


def test_default_and_written_titles_have_the_same_kind():
    """What import aligns on: the English `!!! note` and the Spanish `!!! note "Nota"`."""
    english = load_source("!!! note\n    Text.\n\n/// tip\nMore.\n///\n", ".md")
    spanish = load_source('!!! note "Nota"\n    Texto.\n\n/// tip | Consejo\nMás.\n///\n', ".md")
    assert [s.kind for s in english.segments] == [s.kind for s in spanish.segments]
    assert [s.msgid for s in spanish.segments if "title" in s.kind] == ["Nota", "Consejo"]


def test_the_catalog_says_it_is_a_default_title():
    po = _po.template("en.md", segment_markdown("!!! note\n    Text.\n"), "es")
    assert po.find("Note").comment == "admonition title (note) · default title of a note admonition"


def test_english_stays_byte_for_byte_even_when_marked():
    src = read_source(CASE / "en.md")
    assert render_source(src, lambda seg: None) == src.text
    assert render_source(src, lambda seg: seg.msgid) == src.text
    marked = substitute(src.text, src.segments, lambda seg: None, wrap_lang("en"))
    assert '<span lang="en"></span>' not in marked and "!!! note\n" in marked


def test_translated_default_titles_render_in_spanish(md: markdown.Markdown, tmp_path: Path):
    out = capdev("i18n", "render", "en.md", "--catalog", "es.po", cwd=CASE, check=True).stdout
    assert out == (CASE / "expected.md").read_text("utf-8")
    md.reset()
    html = md.convert(out)
    for word in ("Nota", "Advertencia", "Consejo", "Peligro", "Pregunta", "Un ejemplo práctico"):
        assert f">{word}</" in html
    assert ">Note<" not in html and ">Warning<" not in html


def test_imported_spanish_title_fills_the_default_title(project: Path):
    """`capdev i18n import` of a Spanish page whose `!!! note "Nota"` has a title: the
    title fills the English `!!! note`'s default title, which the import used to drop."""
    spanish = project / "es-index.md"
    english = (project / "docs/index.md").read_text("utf-8")
    spanish.write_text(english.replace("!!! note\n", '!!! note "Nota"\n'), "utf-8")
    catalog = project / "translations/es/docs/index.md.po"
    emptied = catalog.read_text("utf-8").replace('msgstr "Nota"', 'msgstr ""')
    catalog.write_text(emptied, "utf-8")
    capdev("i18n", "import", "docs/index.md", "es-index.md", cwd=project, check=True)
    entry = next(e for e in _po.read(catalog, "index.md.po").po if e.msgid == "Note")
    assert entry.msgstr == "Nota"
