"""PDF layout and structure of the bundled policy note (#24.1), in English and Spanish:
tables at the full text width without hyphenated cells, no large blank areas, Author and
licence, and files that qpdf and poppler read without a complaint.

Measured from the PDF itself with pypdf (rules and text positions) and poppler's
`pdftoppm` (blank areas); `qpdf` and `pdfinfo` check the structure. Without qpdf or
poppler-utils (scripts/install-browser.sh installs them) those tests skip, or fail under
CAPDEV_REQUIRE_BROWSER=1 (CI), as the browser tests do."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

from capdev.pdf import build_outputs, pandoc
from capdev.pdf.labels import licence_line
from capdev.pdf.prepare import TYPST_FILTER
from capdev.pdf.typst_compile import drop_false_suspects

REPO = Path(__file__).resolve().parent.parent
NOTE_ID = "integrated-multichannel-service-delivery"
LANGS = ("en", "es")
# the house style (capdev.typ): table text size and the stroke of the rule under a
# table's header, which spans the table's full width
TABLE_TEXT_PT = 9.5
TABLE_RULE_PT = 0.6
RUNNING_HEADER_RULE_PT = 0.4


def unavailable(reason: str) -> None:
    """Skip, or fail when CI said every tool is required (tests/browser/conftest.py)."""
    if os.environ.get("CAPDEV_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CAPDEV_REQUIRE_BROWSER=1: these tests may not skip)",
                    pytrace=False)
    pytest.skip(reason)


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} not installed (Debian {package}; bash scripts/install-browser.sh)")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled note built in both languages, from a private copy of its sources (the
    project's cache and outputs are left alone)."""
    root = tmp_path_factory.mktemp("layout") / "project"
    for part in ("policy_notes", "translations/es/policy_notes"):
        shutil.copytree(REPO / part / NOTE_ID, root / part / NOTE_ID)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    out = tmp_path_factory.mktemp("layout-out")
    build_outputs(root, [root / "policy_notes" / NOTE_ID], list(LANGS), ["pdf"], out)
    return {lang: out / NOTE_ID / f"{NOTE_ID}-{lang}.pdf" for lang in LANGS}


# --- geometry from the content streams ------------------------------------------------

Segment = tuple[float, float, float, float]  # x0, x1, y, stroke width


def _times(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def horizontal_rules(page: PageObject, reader: PdfReader) -> list[Segment]:
    """Every stroked horizontal line on the page, in page coordinates."""
    ctm, width = [1.0, 0, 0, 1.0, 0, 0], 1.0
    saved: list[tuple[list[float], float]] = []
    path: list[tuple[tuple[float, float], tuple[float, float]]] = []
    here: tuple[float, float] | None = None
    out: list[Segment] = []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            saved.append((ctm, width))
        elif op == b"Q":
            ctm, width = saved.pop()
        elif op == b"cm":
            ctm = _times([float(v) for v in operands], ctm)
        elif op == b"w":
            width = float(operands[0])
        elif op in (b"m", b"l"):
            x, y = (float(v) for v in operands)
            point = (x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5])
            if op == b"l" and here is not None:
                path.append((here, point))
            here = point
        elif op in (b"S", b"s"):
            scale = abs(ctm[0]) or 1.0
            out += [(min(a[0], b[0]), max(a[0], b[0]), a[1], round(width * scale, 3))
                    for a, b in path if abs(a[1] - b[1]) < 0.01]
            path, here = [], None
        elif op in (b"n", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            path, here = [], None
    return out


def text_width(reader: PdfReader) -> float:
    """The running header's rule is `line(length: 100%)`: the text width. It is the
    highest rule of each page after the cover (the footnote rule has the same stroke)."""
    lengths = set()
    for page in reader.pages[1:]:
        rules = [r for r in horizontal_rules(page, reader) if r[3] == RUNNING_HEADER_RULE_PT]
        x0, x1, _, _ = max(rules, key=lambda r: r[2])
        lengths.add(round(x1 - x0, 2))
    assert len(lengths) == 1, lengths
    return lengths.pop()


def table_widths(reader: PdfReader) -> list[float]:
    """One width per table rule drawn (a table broken across pages draws its header rule
    on each page). typst extends a table rule by half its stroke at each end."""
    return [x1 - x0 - w for page in reader.pages
            for x0, x1, _, w in horizontal_rules(page, reader) if w == TABLE_RULE_PT]


def table_runs(reader: PdfReader, only: int | None = None) -> list[str]:
    """The text runs set at the table size: each is (part of) one line of one cell."""
    runs: list[str] = []
    for page in reader.pages if only is None else [reader.pages[only]]:
        def visit(text: str, cm: list[float], tm: list[float], _font: object,
                  size: float) -> None:
            if text.strip() and abs(size * abs(tm[3]) * abs(cm[3]) - TABLE_TEXT_PT) < 0.05:
                runs.append(text)
        page.extract_text(visitor_text=visit)
    return [run.strip() for run in runs]


# --- tests -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_tables_span_the_text_width(pdfs: dict[str, Path], lang: str) -> None:
    reader = PdfReader(pdfs[lang])
    full = text_width(reader)
    widths = table_widths(reader)
    source = (REPO / "policy_notes" / NOTE_ID / "note.md").read_text("utf-8")
    tables = len(re.findall(r"^\|(?: *:?-+:? *\|)+ *$", source, re.MULTILINE))
    assert tables >= 1 and len(widths) >= tables, (tables, widths)
    assert all(abs(w - full) <= 1.0 for w in widths), (full, widths)


@pytest.mark.parametrize(("lang", "first_header"), [("en", "Channel"), ("es", "Canal")])
def test_header_row_repeats_on_every_page_of_a_table(pdfs: dict[str, Path], lang: str,
                                                      first_header: str) -> None:
    """Each page where a table's header rule is drawn shows the header row above it."""
    reader = PdfReader(pdfs[lang])
    pages = [n for n, page in enumerate(reader.pages)
             if any(r[3] == TABLE_RULE_PT for r in horizontal_rules(page, reader))]
    assert pages
    for n in pages:
        assert first_header in table_runs(PdfReader(pdfs[lang]), only=n), n


@pytest.mark.parametrize("lang", LANGS)
def test_table_cells_are_not_hyphenated(pdfs: dict[str, Path], lang: str) -> None:
    """typst marks a hyphenation point with a soft hyphen; a cell line may end in "-"
    only where the source itself has the hyphen."""
    source = (REPO / "policy_notes" / NOTE_ID / "note.md").read_text("utf-8")
    po = REPO / "translations" / lang / "policy_notes" / NOTE_ID / "note.md.po"
    if po.is_file():
        source += po.read_text("utf-8")
    runs = table_runs(PdfReader(pdfs[lang]))
    assert any("311" in run for run in runs), runs  # the table was found
    broken = [run for run in runs if "\xad" in run or (
        run.rstrip().endswith("-") and run.split()[-1] not in source)]
    assert not broken, broken


# the note's corporate author, as its front matter (en) and catalog (es) name it
AUTHORS = {"en": "Digital Government Capacity Development Programme",
           "es": "Programa de Desarrollo de Capacidades en Gobierno Digital"}


@pytest.mark.parametrize("lang", LANGS)
def test_author_is_the_corporate_author(pdfs: dict[str, Path], lang: str) -> None:
    meta = PdfReader(pdfs[lang]).metadata
    assert meta is not None
    assert meta.author == AUTHORS[lang]
    assert "capdev" not in (meta.author or "").lower()


@pytest.mark.parametrize("lang", LANGS)
def test_licence_line_is_printed(pdfs: dict[str, Path], lang: str) -> None:
    reader = PdfReader(pdfs[lang])
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    line = licence_line("CC-BY-4.0", lang)
    assert line is not None and line in text
    assert "CC BY 4.0" in line


def test_licence_line_is_never_invented() -> None:
    assert licence_line(None, "en") is None
    assert licence_line("", "es") is None
    assert licence_line("LicenseRef-UN-2026", "en") == "Licence: LicenseRef-UN-2026"


@pytest.mark.parametrize("lang", LANGS)
def test_qpdf_check_is_clean(pdfs: dict[str, Path], lang: str) -> None:
    proc = subprocess.run([tool("qpdf", "qpdf"), "--check", str(pdfs[lang])],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No syntax or stream encoding errors" in proc.stdout
    assert "WARNING" not in (proc.stdout + proc.stderr).upper(), proc.stdout + proc.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_pdfinfo_reports_no_error(pdfs: dict[str, Path], lang: str) -> None:
    """poppler said "Syntax Error: Suspects object is wrong type (boolean)" for typst's
    `/Suspects false` (typst_compile.drop_false_suspects)."""
    proc = subprocess.run([tool("pdfinfo", "poppler-utils"), str(pdfs[lang])],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert re.search(rf"^Author:\s+{re.escape(AUTHORS[lang])}$", proc.stdout, re.M)
    assert re.search(r"^Tagged:\s+yes$", proc.stdout, re.M)


MARKINFO = [
    # (the catalog's MarkInfo as written, as it must come out; None: unchanged)
    (b"/MarkInfo << /Marked true /Suspects false >>",
     b"/MarkInfo << /Marked true                 >>"),
    (b"/MarkInfo <<\n  /Marked true\n  /Suspects false\n>>",
     b"/MarkInfo <<\n  /Marked true\n" + b" " * len(b"  /Suspects false") + b"\n>>"),
    (b"/MarkInfo << /Marked true /Suspects true >>", None),  # a claim we do not touch
    (b"/Foo << /Suspects false >>", None),  # only the MarkInfo entry
]


@pytest.mark.parametrize(("markinfo", "expected"), MARKINFO)
def test_false_suspects_blanked_in_place(markinfo: bytes, expected: bytes | None) -> None:
    """Blanked with spaces, so every byte offset (the cross-reference table) stays right."""
    def pdf(entry: bytes) -> bytes:
        return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog " + entry + b" >>\nendobj\n"

    assert drop_false_suspects(pdf(markinfo)) == pdf(expected or markinfo)


def largest_blanks(pdf: Path, folder: Path, dpi: int = 36) -> list[float]:
    """Per page, the tallest band of the text area (inside the margins) with no ink, in pt."""
    subprocess.run([tool("pdftoppm", "poppler-utils"), "-r", str(dpi), "-gray", "-png",
                    str(pdf), str(folder / "p")], check=True)
    px_per_cm = dpi / 2.54
    out: list[float] = []
    for png in sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
        image = Image.open(png).convert("L")
        width, height = image.size
        left, right = int(2.3 * px_per_cm), width - int(2.3 * px_per_cm)
        top, bottom = int(2.6 * px_per_cm) + 8, height - int(2.4 * px_per_cm)
        pixels = image.load()
        run = best = 0
        for y in range(top, bottom):
            run = run + 1 if all(pixels[x, y] > 240 for x in range(left, right)) else 0
            best = max(best, run)
        out.append(best * 72 / dpi)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_no_large_blank_area(pdfs: dict[str, Path], lang: str, tmp_path: Path) -> None:
    """A figure that does not fit floats on instead of leaving its space empty. The cover
    (its disclaimer sits at the foot of the page) and the last page are not counted."""
    blanks = largest_blanks(pdfs[lang], tmp_path)
    text_height = (29.7 - 2.6 - 2.4) / 2.54 * 72
    inner = blanks[1:-1]
    assert inner and max(inner) < 0.2 * text_height, blanks


# --- tables: alignment and widths from the cells (templates/typst.lua) ----------------

TABLES = [
    # (Markdown table, expected typst alignments)
    ("| Channel | Cost |\n|---|---|\n| Web | 12 |\n| Counter | 1,250.5 |\n",
     ["left", "right"]),
    ("| Service | Share | Budget |\n|---|---|---|\n| Web | 45 % | USD 40 |\n"
     "| Counter | 12.5% | B/. 2.50 |\n| Phone | — | $1m |\n", ["left", "right", "right"]),
    ("| Item | Code |\n|---|---|\n| A | 12 |\n| B | X-7 |\n", ["left", "left"]),
    ("| Año | Variación |\n|---|---|\n| 2024 | -3 % |\n| 2025 | +4,5 % |\n",
     ["right", "right"]),
]


def typst_table(markdown: str) -> str:
    out = pandoc.run(["-f", pandoc.READER, "-t", "json", f"--lua-filter={TYPST_FILTER}"],
                     markdown.encode("utf-8"), "test")
    return pandoc.meta_text(json.loads(out)["meta"]["capdev-typst"])


@pytest.mark.parametrize(("markdown", "aligns"), TABLES)
def test_columns_are_aligned_from_their_cells(markdown: str, aligns: list[str]) -> None:
    body = typst_table(markdown)
    found = re.search(r"align: \(([^)]*)\)", body)
    assert found, body
    assert [a.strip() for a in found[1].split(",") if a.strip()] == aligns


@pytest.mark.parametrize(("markdown", "aligns"), TABLES)
def test_columns_fill_the_width(markdown: str, aligns: list[str]) -> None:
    body = typst_table(markdown)
    found = re.search(r"columns: \(([^)]*)\)", body)
    assert found, body
    shares = [float(v.strip().rstrip("%")) for v in found[1].split(",") if v.strip()]
    assert len(shares) == len(aligns)
    assert abs(sum(shares) - 100) < 0.1, shares
    assert "table.header(" in body  # repeated on every page the table spans
