"""Policy-note PDF and DOCX builds: real pandoc, real typst, real pypdf — no mocks."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from capdev.cli import main as cli_main
from capdev.errors import CapdevError
from capdev.pdf import build, build_outputs, render_note
from capdev.pdf.pandoc import pandoc_path

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
NOTE = "policy_notes/fixture-note"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the fixture project, so caches and outputs never leak."""
    root = tmp_path_factory.mktemp("pdfproject") / "project"
    shutil.copytree(FIXTURES / "project", root, ignore=shutil.ignore_patterns(".cache"))
    return root


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build_outputs(project, [project / NOTE], ["en", "es"], ["pdf", "docx"], out)
    return out / "fixture-note"


def pdf_text(path: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # typst joins "Table 1" with a no-break space and hyphenates with soft hyphens
    # and line breaks fall anywhere: compare on single-spaced text
    return " ".join(text.replace("\xad", "").split())


def fonts_embedded(reader: PdfReader) -> list[tuple[str, bool]]:
    seen: list[tuple[str, bool]] = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            seen.append((str(font.get("/BaseFont")), embedded))
    return seen


def test_english_pdf_has_title_sections_references(built: Path) -> None:
    reader = PdfReader(built / "fixture-note-en.pdf")
    text = pdf_text(built / "fixture-note-en.pdf")
    assert len(reader.pages) > 1
    for expected in ("Channels that work together", "Capacity Development Policy Note",
                     "No. 99", "20 November 2026", "1. Why channels matter",
                     "2. What the data show", "3. Recommendations", "References",
                     "GovTech Maturity Index", "Recommendation of the Council on Digital",
                     "(OECD 2014)", "Figure 1", "Table 1", "Telephone (311)",
                     "SDG 16: Peace, Justice and Strong Institutions", "Disclaimer",
                     "The note does not cover data protection"):
        assert expected in text, expected
    assert "[@" not in text and "@undesa2024" not in text  # every citation resolved


def test_spanish_pdf_is_localized(built: Path) -> None:
    text = pdf_text(built / "fixture-note-es.pdf")
    for expected in ("Nota de política sobre desarrollo de capacidades", "N.º 99",
                     "20 de noviembre de 2026", "1. Por qué importan los canales",
                     "Referencias", "Resumen", "Palabras clave", "Cuadro 1", "Figura 1",
                     "ODS 16: Paz, justicia e instituciones sólidas",
                     "Descargo de responsabilidad", "y Kimberly D. Johns",
                     "¿por qué?, ¡así!"):
        assert expected in text, expected
    assert "References" not in text


def test_pdf_embeds_every_font_and_is_tagged(built: Path) -> None:
    reader = PdfReader(built / "fixture-note-es.pdf")
    fonts = fonts_embedded(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    catalog = reader.trailer["/Root"].get_object()
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("es")
    assert "Canales que funcionan juntos" in str(reader.metadata.get("/Title"))


def test_docx_converts_back_through_pandoc(built: Path) -> None:
    docx = built / "fixture-note-en.docx"
    back = subprocess.run([pandoc_path(), "-f", "docx", "-t", "markdown", "-s", str(docx)],
                          capture_output=True, text=True, check=True).stdout
    for expected in ("Channels that work together", "Why channels matter", "References",
                     "Telephone (311)", "Capacity Development Policy Note No. 99",
                     "Disclaimer"):
        assert expected in back, expected
    with zipfile.ZipFile(docx) as zf:
        styles = zf.read("word/styles.xml").decode()
        assert "word/media/" in " ".join(zf.namelist())  # the figure is embedded
    assert 'w:styleId="Series"' in styles and "Arial" in styles


def test_spanish_from_handwritten_text(project: Path) -> None:
    """The lower-level path: a hand-written Spanish note rendered directly."""
    text = (FIXTURES / "es" / "fixture-note.md").read_text("utf-8")
    pdf = render_note(project, project / NOTE, text, "es")
    out = pdf_text(pdf)
    assert "Referencias" in out and "Por qué importan los canales" in out
    assert "20 de noviembre de 2026" in out


@pytest.mark.parametrize("case", yaml.safe_load((FIXTURES / "bad_cases.yml").read_text()),
                         ids=lambda c: c["name"])
def test_bad_notes_are_refused(project: Path, case: dict) -> None:
    note = (project / NOTE / "note.md").read_text("utf-8")
    head = note[: note.index("\n---\n", 4) + 5]
    text = head + "\n" + case["body"]
    with pytest.raises(CapdevError) as err:
        render_note(project, project / NOTE, text, "en")
    found = [(f.rule, f.line) for f in err.value.findings]
    offset = head.count("\n") + 1
    assert (case["rule"], case["line"] + offset) in found, found


def test_passwd_note_is_refused_by_the_cli(project: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    code = cli_main(["pdf", "evil-note", "--out", str(project / "dist")])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"policy_notes/evil-note/note\.md:15 \[pdf-path-outside\].*"
                     r"\.\./\.\./\.\./etc/passwd", err), err
    assert "Traceback" not in err
    assert not (project / "dist" / "evil-note" / "evil-note-en.pdf").exists()


def test_untranslated_spanish_fails_then_builds_as_draft(project: Path, tmp_path: Path) -> None:
    src = project / "policy_notes" / "untranslated-note"
    with pytest.raises(CapdevError) as err:
        build_outputs(project, [src], ["es"], ["pdf"], tmp_path)
    findings = err.value.findings
    assert {f.rule for f in findings} == {"pdf-untranslated"}
    assert any(f.line == 16 and "One-stop shops" in f.message for f in findings)
    assert all(f.path == "policy_notes/untranslated-note/note.md" for f in findings)
    [pdf, docx] = build_outputs(project, [src], ["es"], ["pdf", "docx"], tmp_path, draft=True)
    text = pdf_text(pdf)
    assert "BORRADOR" in text and "los pasajes sin traducir" in text
    # the English passages are tagged as English: 2 paragraphs, 2 headings (PDF/UA, WCAG 3.1.2)
    assert english_marks(pdf) == 4
    with zipfile.ZipFile(docx) as zf:
        assert zf.read("word/document.xml").decode().count('<w:lang w:val="en" />') == 4
    # a complete translation built with --draft carries no mark
    [pdf] = build_outputs(project, [project / NOTE], ["es"], ["pdf"], tmp_path, draft=True)
    assert "BORRADOR" not in pdf_text(pdf)
    assert english_marks(pdf) == 0


def english_marks(pdf: Path) -> int:
    """Structure elements and marked content whose language is English."""
    reader = PdfReader(pdf)
    count = sum(page.get_contents().get_data().count(b"/Lang(en)") for page in reader.pages)

    def walk(node: object) -> int:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            return sum(walk(n) for n in node)
        if not isinstance(node, dict):
            return 0
        own = int(str(node.get("/Lang", "")) == "en")
        return own + (walk(node["/K"]) if "/K" in node else 0)

    return count + walk(reader.trailer["/Root"].get_object()["/StructTreeRoot"])


def test_publication_pdf_has_contents_and_chapters(project: Path, tmp_path: Path) -> None:
    paths = build_outputs(project, [project / "publications" / "fixture-guide"], ["en"],
                          ["pdf", "docx"], tmp_path)
    pdf = tmp_path / "fixture-guide" / "fixture-guide-en.pdf"
    assert pdf in paths and pdf.with_suffix(".docx") in paths
    text = pdf_text(pdf)
    for expected in ("Contents", "1 First chapter", "2 Second chapter", "1.1 A section",
                     "Not a standard", "First chapter footnote", "Second chapter footnote",
                     "References", "(OECD 2014)"):
        assert expected in text, expected
    assert "!!!" not in text
    assert len(PdfReader(pdf).pages) >= 3


def test_cache_reuses_unchanged_and_rebuilds_changed(project: Path, tmp_path: Path) -> None:
    src = project / NOTE
    first = build(project, [src], ["en"], ["pdf"], tmp_path, jobs=1)
    again = build(project, [src], ["en"], ["pdf"], tmp_path, jobs=1)
    assert again[0].outputs[0].cached
    assert again[0].outputs[0].path.read_bytes() == (tmp_path / "fixture-note" /
                                                      "fixture-note-en.pdf").read_bytes()
    note = src / "note.md"
    original = note.read_text("utf-8")
    try:
        note.write_text(original.replace("Plan channels together", "Plan all channels"), "utf-8")
        changed = build(project, [src], ["en"], ["pdf"], tmp_path, jobs=1)
        assert not changed[0].outputs[0].cached
        assert "Plan all channels" in pdf_text(changed[0].outputs[0].path)
    finally:
        note.write_text(original, "utf-8")
    assert first[0].outputs[0].pages == changed[0].outputs[0].pages


def test_parallel_build_is_deterministic(project: Path, tmp_path: Path) -> None:
    sources = [project / NOTE, project / "policy_notes" / "untranslated-note"]
    shutil.rmtree(project / ".cache", ignore_errors=True)
    build_outputs(project, sources, ["en"], ["pdf"], tmp_path / "a", jobs=2)
    shutil.rmtree(project / ".cache")
    build_outputs(project, sources, ["en"], ["pdf"], tmp_path / "b", jobs=1)
    for name in ("fixture-note/fixture-note-en.pdf",
                 "untranslated-note/untranslated-note-en.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_builds_and_rejects_unknown_note(project: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project / "policy_notes")  # root is found upwards via mkdocs.yml
    assert cli_main(["pdf", "fixture-note", "--lang", "all", "--format", "all",
                     "--out", str(project / "dist")]) == 0
    out = capsys.readouterr().out
    assert "fixture-note-es.pdf" in out and "4 files" in out
    assert cli_main(["pdf", "no-such-note"]) == 2


def test_publication_unknown_citation_names_the_chapter(project: Path, tmp_path: Path) -> None:
    guide = tmp_path / "project" / "publications" / "fixture-guide"
    shutil.copytree(project, tmp_path / "project", ignore=shutil.ignore_patterns(".cache"))
    chapter = guide / "02-second-chapter.md"
    chapter.write_text(chapter.read_text("utf-8").replace("@oecd2014", "@oecd1999"), "utf-8")
    with pytest.raises(CapdevError) as err:
        build_outputs(tmp_path / "project", [guide], ["en"], ["pdf"], tmp_path / "out")
    [finding] = err.value.findings
    assert finding.rule == "pdf-unknown-citation"
    assert finding.path == "publications/fixture-guide/02-second-chapter.md"
    assert finding.line == 8
