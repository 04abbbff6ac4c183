"""Rendering a translation never changes the page structure (#16 items 5 and 6).

Each case under tests/fixtures/i18n/structure/ is an English page (`en.md`), its catalog
(`es.po`, msgids from `capdev i18n pot`) and the page `capdev i18n render` must give
(`expected.md`). The English and the rendered Spanish are converted with Python-Markdown
and the site's own extensions (mkdocs.yml): the sequence of block tags (comments included)
and every link and image target must be the same.

Item 6: whatever line starts the translator writes (`---`, `===`, `<!-- -->`, `[label]: url`,
`>`, `#`, `1.`, `-`, `+`, `*`, blank lines…), a paragraph stays one paragraph; English lines
Markdown reads as blocks of their own (a comment or link definition inside a paragraph, a
setext underline below several lines) keep their line breaks.
Item 5: a shortcut or collapsed reference whose text the translator translated keeps its
target (`[tablas ordenables][sortable tables]`).

CAPDEV_UPDATE_GOLDEN=1 rewrites expected.md (review the diff).
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from capdev.catalogs.extract import load_source, read_source
from capdev.catalogs.render import render_source
from capdev.catalogs.translate import apply
from tests.conftest import capdev

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests/fixtures/i18n/structure"
CASES = sorted(p.name for p in HERE.iterdir() if (p / "en.md").is_file())
WORD = re.compile(r"[^\W\d_]{3,}")
BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre hr table thead tbody tr th td dl dt dd div "
    "details summary".split()
)


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=cfg.markdown_extensions, extension_configs=cfg.mdx_configs)


class Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.targets: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCK_TAGS:
            self.blocks.append(tag)
        got = dict(attrs)
        if tag == "a" and got.get("href") and "headerlink" not in (got.get("class") or ""):
            self.targets.append(got["href"])
        if tag == "img":
            self.targets.append(got.get("src") or "")
            self.text.append(got.get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.blocks.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.blocks.append("<!---->")


def parse(md: markdown.Markdown, text: str) -> Structure:
    md.reset()
    parser = Structure()
    parser.feed(md.convert(text))
    return parser


def structure(md: markdown.Markdown, text: str) -> tuple[list[str], list[str]]:
    parser = parse(md, text)
    return parser.blocks, parser.targets


def catalog(case: str) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(HERE / case / "es.po")) if e.msgstr}


def lost_words(md: markdown.Markdown, case: str, spanish: str) -> set[str]:
    """Words the translator wrote (and the English does not have) missing from the page."""
    shown = set(WORD.findall(" ".join(parse(md, spanish).text)))
    written = {w for msgid, msgstr in catalog(case).items()
               for w in set(WORD.findall(msgstr)) - set(WORD.findall(msgid))}
    return written - shown


def render(case: str, tmp_path: Path) -> str:
    work = tmp_path / case
    shutil.copytree(HERE / case, work)
    return capdev("i18n", "render", "en.md", "--catalog", "es.po", cwd=work, check=True).stdout


@pytest.mark.parametrize("case", CASES)
def test_translation_keeps_the_structure(case: str, md: markdown.Markdown, tmp_path: Path):
    english = (HERE / case / "en.md").read_text("utf-8")
    spanish = render(case, tmp_path)
    expected = HERE / case / "expected.md"
    if os.environ.get("CAPDEV_UPDATE_GOLDEN"):
        expected.write_text(spanish, encoding="utf-8")
    assert spanish == expected.read_text("utf-8")
    assert spanish != english  # the catalog was applied
    blocks, targets = structure(md, english)
    assert structure(md, spanish) == (blocks, targets)
    assert lost_words(md, case, spanish) == set()  # nothing the translator wrote vanishes


def test_the_cases_are_hard(md: markdown.Markdown):
    """Substituted naively (joined into the original bytes, msgstr lines kept), every case
    would change the page or lose words: each fixture can fail."""
    for case in CASES:
        src = read_source(HERE / case / "en.md")
        po = catalog(case)
        out, pos = [], 0
        for seg in src.segments:
            value = po.get(seg.msgid)
            if value is None:
                continue
            out += [src.text[pos:seg.start], value.replace("\n", "\n" + seg.cont_prefix)]
            pos = seg.end
        naive = "".join(out) + src.text[pos:]
        assert (structure(md, naive) != structure(md, src.text)
                or lost_words(md, case, naive)), case


CHECK = ROOT / "tests/fixtures/check/projects/tr-reflabel-unresolved"


def test_check_reports_reference_labels_that_resolve_to_nothing(tmp_path: Path):
    """`capdev check`: a translated reference that rendering cannot pair with an English one
    (a full reference to an undefined label, an extra `[x][]`, more bracketed texts than the
    English has references) is a finding on its catalog entry; one that it rewrites is not."""
    for kind in ("good", "bad"):
        shutil.copytree(CHECK / kind, tmp_path / kind)
    good = capdev("check", cwd=tmp_path / "good")
    assert "[tr-reflabel-unresolved]" not in good.stdout + good.stderr
    bad = capdev("check", cwd=tmp_path / "bad")
    found = {line.split(" [")[0] for line in (bad.stdout + bad.stderr).splitlines()
             if "[tr-reflabel-unresolved]" in line}
    assert bad.returncode == 1
    assert found == {f"translations/es/docs/index.md.po:{n}" for n in (28, 36, 41)}


def test_render_rewrites_the_pairable_references(md: markdown.Markdown, tmp_path: Path):
    shutil.copytree(CHECK / "good", tmp_path / "good")
    out = capdev("i18n", "render", "docs/index.md", cwd=tmp_path / "good", check=True).stdout
    assert "[tablas ordenables][sortable tables]" in out
    assert "[tablas de datos][data tables]" in out and "[sic]" in out
    english = (CHECK / "good/docs/index.md").read_text("utf-8")
    assert structure(md, out)[1] == structure(md, english)[1]


PAGES = {  # an English page per context, and the msgid of its paragraph
    "top": ("# Channels\n\nThe web portal is open\nday and night.\n\nThe end.\n",
            "The web portal is open day and night."),
    "list": ("# Channels\n\n- The web portal is open\n  day and night.\n- The 311 line.\n",
             "The web portal is open day and night."),
    "quote": ("# Channels\n\n> The web portal is open\n> day and night.\n\nThe end.\n",
              "The web portal is open day and night."),
    "admonition": ('# Channels\n\n!!! note "Hours"\n    The web portal is open\n    day and night.\n'
                   "\nThe end.\n", "The web portal is open day and night."),
    "setext": ("# Channels\n\nThe web portal is open\nday and night.\n---\n\nThe end.\n",
               "The web portal is open day and night."),
    # one-line blocks: a heading, a table cell, a definition term, a `???` title
    "heading": ("# The web portal is open day and night.\n\nThe end.\n",
                "The web portal is open day and night."),
    "cell": ("| Channel | Hours |\n|---|---|\n| Web | The web portal is open day and night. |\n"
             "| Counter | Office hours |\n", "The web portal is open day and night."),
    "term": ("The web portal is open day and night.\n:   A definition.\n\nThe end.\n",
             "The web portal is open day and night."),
    "details": ('??? tip "The web portal is open day and night."\n    Body.\n\nThe end.\n',
                "The web portal is open day and night."),
}
STARTS = ["---", "===", "* * *", "<!-- nota -->", "[nota]: https://example.org", "> cita", "# título",
          "1. uno", "- guion", "+ más", "* estrella", '!!! note "x"', '??? tip', '=== "pestaña"',
          ": definición", "[^1]: nota", "*[ODS]: Objetivos", "```", "~~~", "<div>", "/// note",
          "| a | b |", "|---|---|", "--8<-- \"x.md\"", "    sangría", "", "   ", "#etiqueta",
          "$$", "`", "``", "\\", "a | b", "<b>"]


@settings(max_examples=300, deadline=None)
@given(page=st.sampled_from(sorted(PAGES)),
       pieces=st.lists(st.tuples(st.sampled_from(["\n", " "]),
                                 st.sampled_from(STARTS + ["palabra", "portal web"])),
                       min_size=1, max_size=6))
def test_any_translation_keeps_the_structure(md: markdown.Markdown, page: str, pieces: list):
    """Whatever line starts a translator writes, the page keeps the English block structure."""
    english, msgid = PAGES[page]
    value = "El portal" + "".join(sep + piece for sep, piece in pieces)
    src = load_source(english, ".md")
    spanish = render_source(src, lambda seg: value if seg.msgid == msgid else None)
    assert structure(md, spanish)[0] == structure(md, english)[0], spanish
    # and the segmenter sees the blocks Python-Markdown sees: the build's structure guard
    # (translate.apply) never refuses a translation that keeps them
    po = polib.POFile()
    po.append(polib.POEntry(msgid=msgid, msgstr=value))
    result = apply(src, po)
    assert result.text == spanish and result.refused == [], result.refused


def test_the_structure_guard_blames_no_translation_for_what_the_english_does():
    """When the page would change even without any translation (here a marker that adds a
    list item to every English fallback), no translation is refused for it."""
    english, msgid = PAGES["list"]
    po = polib.POFile()
    po.append(polib.POEntry(msgid=msgid, msgstr="El portal web está abierto día y noche."))
    result = apply(load_source(english, ".md"), po, marker=lambda text: text + "\n\n- extra")
    assert "El portal web" in result.text and result.refused == []


def test_render_reports_what_it_did_not_use(tmp_path: Path):
    """`capdev i18n render` names each translation it left out, with its catalog line."""
    shutil.copytree(ROOT / "tests/fixtures/i18n/structure/msgstr-cell-pipe", tmp_path / "c")
    (tmp_path / "c" / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    out = capdev("i18n", "render", "en.md", "--catalog", "es.po", cwd=tmp_path / "c", check=True)
    assert "Horario de oficina \\| lunes a viernes" in out.stdout and out.stderr == ""


def test_notebook_references_defined_in_another_cell():
    """A notebook page is one Markdown page: a label defined in a later cell still counts."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Use [sortable tables] for long lists."),
                nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("[sortable tables]: #sortable-tables")]
    src = load_source(nbformat.writes(nb), ".ipynb")
    out = render_source(src, lambda seg: {"Use [sortable tables] for long lists.":
                                          "Use [tablas ordenables] para listas largas."}.get(seg.msgid))
    cells = nbformat.reads(out, as_version=4).cells
    assert cells[0].source == "Use [tablas ordenables][sortable tables] para listas largas."
