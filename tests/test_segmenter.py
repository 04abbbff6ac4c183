"""Invariants of the Markdown/YAML/notebook segmenter (design: shared/design/i18n.md).

1. Identity round trip: an empty catalog, or msgstr = msgid, gives back the source bytes.
2. Rendered equivalence: a pseudo-translation that changes every word but keeps protected
   parts renders, through the site's own Markdown configuration, to the same structure.
"""

from __future__ import annotations

import ast
import io
import json
import tokenize
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.config import load_config

from capdev.catalogs.extract import load_source, read_source
from capdev.catalogs.inline import pseudo
from capdev.catalogs.render import render_source, substitute
from capdev.sources.frontmatter import split

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests/fixtures/i18n/corpus").glob("*.md"))
BUNDLED = sorted(
    p for base in ("docs", "courses", "policy_notes", "publications")
    for p in (ROOT / base).rglob("*") if p.suffix in (".md", ".yml", ".ipynb")
)
ALL = CORPUS + BUNDLED


def ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in paths]


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=cfg.markdown_extensions, extension_configs=cfg.mdx_configs)


class Shape(HTMLParser):
    """The structure of rendered HTML: tags, link targets, code — not the words."""

    KEEP = {"href", "src", "class", "type"}

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple] = []
        self.in_code = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        keep = tuple(sorted((k, v) for k, v in attrs if k in self.KEEP and not
                            (k == "href" and v and v.startswith("#") and not v.startswith("#fn"))))
        self.items.append((tag, keep))
        self.in_code += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        self.items.append(("/" + tag,))
        self.in_code -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        if self.in_code and data.strip():
            self.items.append(("code", data.strip()))


def shape(md: markdown.Markdown, text: str) -> list[tuple]:
    _, _, body_line = split(text)
    body = "".join(text.splitlines(keepends=True)[body_line - 1:])
    md.reset()
    parser = Shape()
    parser.feed(md.convert(body))
    return parser.items


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_identity_empty_catalog(path: Path):
    src = read_source(path)
    assert render_source(src, lambda seg: None) == src.text


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_identity_msgstr_equals_msgid(path: Path):
    src = read_source(path)
    assert render_source(src, lambda seg: seg.msgid) == src.text


@pytest.mark.parametrize("path", [p for p in ALL if p.suffix == ".md"],
                         ids=ids([p for p in ALL if p.suffix == ".md"]))
def test_spans_are_exact(path: Path, md: markdown.Markdown):
    """Substituting each segment's own msgid (joined lines) keeps the rendered page."""
    src = read_source(path)
    forced = substitute(src.text, src.segments, lambda seg: seg.msgid + "\u200b")
    assert shape(md, forced) == shape(md, src.text)


@pytest.mark.parametrize("path", [p for p in ALL if p.suffix == ".md"],
                         ids=ids([p for p in ALL if p.suffix == ".md"]))
def test_pseudo_translation_keeps_structure(path: Path, md: markdown.Markdown):
    src = read_source(path)
    translated = render_source(src, lambda seg: pseudo(seg.msgid))
    assert translated != src.text or not src.segments
    assert shape(md, translated) == shape(md, src.text)
    yaml_text, _, _ = split(translated)
    if yaml_text is not None:  # front matter still parses, with the same keys
        before = yaml.safe_load(split(src.text)[0])
        after = yaml.safe_load(yaml_text)
        assert list(after) == list(before)


@pytest.mark.parametrize("path", [p for p in ALL if p.suffix == ".yml"],
                         ids=ids([p for p in ALL if p.suffix == ".yml"]))
def test_yaml_data_pseudo_translation_keeps_keys_and_data(path: Path):
    src = read_source(path)
    before = yaml.safe_load(src.text)
    after = yaml.safe_load(render_source(src, lambda seg: pseudo(seg.msgid)))

    def skeleton(node):  # keys and non-string values must not change
        if isinstance(node, dict):
            return {k: skeleton(v) for k, v in node.items()}
        if isinstance(node, list):
            return [skeleton(v) for v in node]
        return "str" if isinstance(node, str) else node

    assert skeleton(after) == skeleton(before)


@pytest.mark.parametrize("path", [p for p in ALL if p.suffix == ".ipynb"],
                         ids=ids([p for p in ALL if p.suffix == ".ipynb"]))
def test_notebook_code_cells_change_only_in_labels_and_comments(path: Path):
    src = read_source(path)
    out = json.loads(render_source(src, lambda seg: pseudo(seg.msgid)))
    orig = json.loads(src.text)
    for a, b in zip(orig["cells"], out["cells"], strict=True):
        if a["cell_type"] == "code":
            labels = "capdev-labels" in a.get("metadata", {}).get("tags", [])
            before, after = "".join(a["source"]), "".join(b["source"])
            assert code_skeleton(after, labels) == code_skeleton(before, labels)
            ast.parse(after)  # still Python
        assert a.get("id") == b.get("id")


def code_skeleton(source: str, labels: bool) -> list[tuple[int, str]]:
    """The tokens a translation may not touch: all but comments, the line breaks a wrapped
    comment adds, and (in the labels cell) the string literals."""
    skip = {tokenize.COMMENT, tokenize.NL}
    return [(t.type, "S" if labels and t.type == tokenize.STRING else t.string)
            for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in skip]


def test_corpus_segments_cover_every_construct():
    kinds = {seg.kind for p in CORPUS for seg in read_source(p).segments}
    for expected in ("heading 1", "heading 2", "paragraph", "list item", "table cell",
                     "table header cell", "admonition title (note)", "content tab label",
                     "quiz question", "quiz option", "quiz feedback", "quiz situation",
                     "quiz option feedback", "footnote",
                     "definition term", "abbreviation (EGDI)", "front matter: title"):
        assert expected in kinds, expected


def test_protected_parts_are_not_segments():
    src = read_source(ROOT / "tests/fixtures/i18n/corpus/material.md")
    texts = " ".join(s.msgid for s in src.segments)
    assert 'print("not translated")' not in texts
    assert "raw html not translated" not in texts
    assert "indented code block" not in texts
    assert "https://publicadministration.un.org/egovkb" not in texts


TABLE_CELLS = """| Mark | Meaning |
|---|---|
| a lone ` backtick | is text |
| `a|b` | a pipe in code |
| a \\| b | an escaped pipe |
| ``x`y`` | `` ` `` |
"""


def test_table_cells_are_the_ones_python_markdown_makes(md: markdown.Markdown):
    """A backtick without its pair is text, not the start of a code span that would hide
    the pipes after it: the segmenter splits the row where Python-Markdown does."""
    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.count += tag in ("td", "th")

    md.reset()
    parser = Cells()
    parser.feed(md.convert(TABLE_CELLS))
    kinds = [s.kind for s in load_source(TABLE_CELLS, ".md").segments]
    texts = [s.msgid for s in load_source(TABLE_CELLS, ".md").segments]
    assert parser.count == 10
    assert "a lone ` backtick" in texts and "is text" in texts
    assert sum(k.startswith("table") for k in kinds) == len(texts) == 7  # three are code only
