"""Typst, LaTeX and HTML injection through a note's front matter, its Spanish catalog and
its body (issue #20, item 4). Real pandoc and typst, through `capdev pdf`; the cases are
data in tests/fixtures/pdf/safety/cases.yml."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import markdown
import pytest
import yaml
from pypdf import PdfReader

from capdev.errors import CapdevError
from capdev.pdf import web_pages
from capdev.pdf.typst_compile import compile_pdf
from tests.conftest import capdev

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
CASES = yaml.safe_load((FIXTURES / "safety" / "cases.yml").read_text("utf-8"))
NOTE = "policy_notes/fixture-note"
# A line of the fixture project's mkdocs.yml: the file every attempt tries to read.
MARKER = "capdev PDF test fixture"


def edited_project(tmp_path: Path, edits: list[dict[str, str]]) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root, ignore=shutil.ignore_patterns(".cache"))
    assert MARKER in (root / "mkdocs.yml").read_text("utf-8")
    for edit in edits:
        path = root / edit["file"]
        text = path.read_text("utf-8")
        assert text.count(edit["old"]) == 1, (edit["file"], edit["old"])
        path.write_text(text.replace(edit["old"], edit["new"]), "utf-8")
    return root


def build(root: Path, lang: str) -> tuple[int, str, Path]:
    proc = capdev("pdf", "fixture-note", "--lang", lang, "--format", "all",
                  "--out", str(root / "out"), cwd=root)
    return proc.returncode, proc.stdout + proc.stderr, root / "out" / "fixture-note"


def pdf_text(data: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xad", "").split())


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("case", CASES["refused"], ids=lambda c: c["name"])
def test_injection_is_refused(tmp_path: Path, case: dict) -> None:
    root = edited_project(tmp_path, case["edits"])
    code, out, folder = build(root, case["lang"])
    assert code == 1, out
    assert case["finding"] in out, out
    assert " — " in out and "Traceback" not in out
    assert not list(folder.glob("*.pdf")) and not list(folder.glob("*.docx"))


@pytest.mark.parametrize("case", CASES["literal"], ids=lambda c: c["name"])
def test_code_in_text_is_printed_not_run(tmp_path: Path, case: dict) -> None:
    root = edited_project(tmp_path, case["edits"])
    code, out, folder = build(root, case["lang"])
    assert code == 0, out
    text = pdf_text(folder / f"fixture-note-{case['lang']}.pdf")
    for shown in case["shown"]:
        assert shown in text, (shown, text[:300])
    assert MARKER not in text and "site_name" not in text
    assert MARKER not in docx_text(folder / f"fixture-note-{case['lang']}.docx")


def test_title_is_literal_in_pdf_metadata_and_docx(tmp_path: Path) -> None:
    root = edited_project(tmp_path, CASES["literal"][0]["edits"])
    code, out, folder = build(root, "en")
    assert code == 0, out
    title = str(PdfReader(folder / "fixture-note-en.pdf").metadata.get("/Title"))
    assert title == 'Channels #read("/mkdocs.yml") *together*'
    assert "Channels #read(“/mkdocs.yml”) *together*" in docx_text(folder / "fixture-note-en.docx")


def test_typst_reads_nothing_but_the_figures(tmp_path: Path) -> None:
    """Defence in depth, below the checks: typst's root is a sandbox holding the figures."""
    (tmp_path / "mkdocs.yml").write_text("site_name: " + MARKER + "\n", "utf-8")
    figure = FIXTURES / "project" / NOTE / "channels.svg"
    files = {"/policy_notes/fixture-note/channels.svg": figure}
    head = '#set document(title: "Sandbox")\n'  # PDF/UA wants a title
    ok = compile_pdf(head + '#image("/policy_notes/fixture-note/channels.svg", alt: "A figure")',
                     files, "note.md")
    assert ok.startswith(b"%PDF")
    for path in ("/mkdocs.yml", "/../mkdocs.yml", str(tmp_path / "mkdocs.yml")):
        with pytest.raises(CapdevError) as err:
            compile_pdf(head + f'#raw(read("{path}"))', files, "note.md")
        assert err.value.findings[0].rule == "pdf-typst"


def test_web_page_prints_front_matter_as_text(tmp_path: Path) -> None:
    title = 'C# & *R* [x](javascript:alert(1)) {: onclick="alert(1)" }'
    root = edited_project(tmp_path, [{"file": f"{NOTE}/note.md",
                                      "old": "title: Channels that work together",
                                      "new": "title: " + yaml.safe_dump(title).split("\n")[0]}])
    page = web_pages(root, root / NOTE, "en")["index.md"]
    body = markdown.markdown(page.split("\n---\n", 1)[1], extensions=["attr_list", "admonition"])
    heading = body.split("</h1>")[0]
    assert "onclick" not in heading.split(">")[0] and "<a " not in heading and "<em>" not in heading
    assert "C# &amp; *R* [x](javascript:alert(1)) {: onclick=&quot;alert(1)&quot; }" in heading \
        or 'C# &amp; *R* [x](javascript:alert(1)) {: onclick="alert(1)" }' in heading


def test_web_page_refuses_html_in_a_title(tmp_path: Path) -> None:
    root = edited_project(tmp_path, CASES["refused"][2]["edits"])
    with pytest.raises(CapdevError) as err:
        web_pages(root, root / NOTE, "en")
    assert [(f.path, f.line, f.rule) for f in err.value.findings] == [
        (f"{NOTE}/note.md", 10, "pdf-raw")]
