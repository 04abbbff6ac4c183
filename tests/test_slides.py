"""`capdev slides` (#17 item 3) through the real CLI: PowerPoint decks read back with
python-pptx (slide count, titles, body text, speaker notes from the facilitator blocks, the
Spanish from the catalogs), the offline HTML decks, the output-folder guard and bad names.

The small project under tests/fixtures/slides has one lesson with every kind of slide
(condensed section, `/// slide` block, knowledge check, key points, facilitator notes) and
one whose Spanish is incomplete; what each deck must hold is data (tests/data/slides)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, capdev

pptx = pytest.importorskip("pptx")  # the test extra; installed by `make test`

EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "slides" / "expected.yml")
                          .read_text("utf-8"))
CASES = [(lesson, lang) for lesson, langs in EXPECTED.items() for lang in langs]
REAL = "02-multichannel-service-delivery-and-311/02-the-311-line-and-case-management"


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The fixture project, every deck made once: (project, output folder, stderr)."""
    project = tmp_path_factory.mktemp("slides") / "project"
    shutil.copytree(FIXTURES / "slides", project)
    proc = capdev("slides", "-o", "out", cwd=project)
    assert proc.returncode == 0, proc.stderr
    return project, project / "out", proc.stderr + proc.stdout


def _deck(out: Path, lesson: str, lang: str, fmt: str = "pptx") -> Path:
    return out / "demo" / f"{lesson}-{lang}.{fmt}"


def _slides(path: Path) -> list[tuple[str, str, str]]:
    """(title, body text, notes) of every slide."""
    out = []
    for slide in pptx.Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
        body = "\n".join(s.text_frame.text for s in slide.shapes
                         if s.has_text_frame and s != slide.shapes.title)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        # the timing's non-breaking space ("5\u00a0min") compared as a space
        out.append(tuple(t.replace("\u00a0", " ") for t in (title, body, notes)))
    return out


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=[f"{le}-{la}" for le, la in CASES])
def test_pptx_holds_the_expected_slides(decks, lesson: str, lang: str) -> None:
    _project, out, _log = decks
    want = EXPECTED[lesson][lang]
    slides = _slides(_deck(out, lesson, lang))
    assert [t for t, _b, _n in slides] == want["titles"]
    for key, parts in (("body", 1), ("notes", 2)):
        for index, fragments in want.get(key, {}).items():
            for fragment in fragments:
                assert fragment in slides[index][parts], (key, index, fragment, slides[index])
    for index, fragments in want.get("absent", {}).items():
        for fragment in fragments:
            assert fragment not in slides[index][1] + slides[index][0], (index, fragment)


def test_spanish_deck_has_no_english_where_a_translation_exists(decks) -> None:
    project, out, _log = decks
    lesson = "01-first-module/01-channels"
    catalog = project / "translations/es/courses/demo" / f"{lesson}.md.po"
    english = [e.msgid for e in polib.pofile(str(catalog))
               if e.msgstr and e.msgstr != e.msgid and len(e.msgid) > 8]
    text = "\n".join("\n".join(s) for s in _slides(_deck(out, lesson, "es")))
    html = _deck(out, lesson, "es", "html").read_text("utf-8")
    assert english
    for msgid in english:
        plain = msgid.replace("**", "")
        assert plain not in text, msgid
        assert plain not in html, msgid


def test_progress_line_per_deck_and_summary(decks) -> None:
    _project, _out, log = decks
    lines = [ln for ln in log.splitlines() if re.match(r"\[\d+/8\] ", ln)]
    assert len(lines) == 8  # 2 lessons × 2 languages × 2 formats
    assert "[8/8] 01-first-module/02-open-data (es, html): 3 slides, 2 passages still in " \
           "English" in " ".join(log.split())
    assert "8 decks (2 lessons) in out" in log


def test_html_deck_is_offline_with_notes_and_language(decks) -> None:
    _project, out, _log = decks
    page = _deck(out, "01-first-module/01-channels", "es", "html").read_text("utf-8")
    assert '<html lang="es">' in page
    assert page.count('<section id=') == 5 and 'id="title-slide"' in page
    assert '<aside class="notes">' in page and "Pregunte al grupo" in page
    linked = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert linked and not [u for u in linked if re.match(r"[a-z]+:", u)]  # all relative
    deck = _deck(out, "01-first-module/01-channels", "es", "html")
    for url in linked:
        assert (deck.parent / url).resolve().is_file(), url
    assert (out / "assets/reveal.js/LICENSE.txt").is_file()
    untranslated = _deck(out, "01-first-module/02-open-data", "es", "html").read_text("utf-8")
    assert '<span lang="en">Data in an open format' in untranslated


def test_rerun_into_its_own_folder_and_one_lesson_only(decks) -> None:
    project, out, _log = decks
    proc = capdev("slides", "02-open-data", "--lang", "es", "--format", "pptx", "-o", "out",
                  cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "1 deck (1 lesson)" in proc.stdout
    assert not list(out.rglob(".*.tmp"))  # atomic writes leave no temporary file


def test_bundled_lesson_in_spanish_from_the_catalogs(tmp_path: Path) -> None:
    proc = capdev("slides", "02-the-311-line-and-case-management", "--lang", "es",
                  "--format", "pptx", "-o", str(tmp_path / "decks"), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    deck = tmp_path / "decks" / "digital-government" / f"{REAL}-es.pptx"
    titles = [t for t, _b, _n in _slides(deck)]
    catalog = polib.pofile(str(ROOT / "translations/es/courses/digital-government"
                               / f"{REAL}.md.po"))
    spanish = {e.msgid: e.msgstr for e in catalog if e.msgstr}
    source = (ROOT / "courses/digital-government" / f"{REAL}.md").read_text("utf-8")
    # one slide per `##` section, titled by its heading, or by each `/// slide | title`
    # block the section holds (CONTENT-MODEL.md, Slide content)
    expected = []
    for section in re.split(r"^## ", source, flags=re.M)[1:]:
        blocks = re.findall(r"^/// slide \| (.+)$", section, re.M)
        expected += blocks or [section.split("\n", 1)[0]]
    assert titles[1:-1] == [spanish[h] for h in expected]
    assert titles[0] == spanish[re.search(r"^title: (.+)$", source, re.M).group(1)]
    assert titles[-1] == "Puntos clave"


@pytest.mark.parametrize("argv, rule", [
    (["02-the-311-line-and-case-managment"], "slides-lesson-unknown"),
    (["01-why-digital-government-matters", "-o", "courses"], "site-dir-sources"),
])
def test_bad_input_is_a_finding_not_a_traceback(tmp_path: Path, argv: list[str],
                                                rule: str) -> None:
    proc = capdev("slides", *argv, *(["-o", str(tmp_path / "new")] if "-o" not in argv else []),
                  cwd=ROOT)
    assert proc.returncode == 1
    assert not (tmp_path / "new").exists()  # nothing written, not even the folder
    assert "Traceback" not in proc.stderr
    assert f"[{rule}]" in proc.stderr
    if rule == "slides-lesson-unknown":
        assert "did you mean '" + REAL + "'?" in " ".join(proc.stderr.split())


def test_refuses_a_folder_of_someone_elses_files(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "report.docx").write_text("not capdev's", "utf-8")
    proc = capdev("slides", "01-why-digital-government-matters", "-o", str(theirs), cwd=ROOT)
    assert proc.returncode == 1 and "[site-dir-not-empty]" in proc.stderr
    assert [p.name for p in theirs.iterdir()] == ["report.docx"]


def test_help_examples_name_real_lessons() -> None:
    from capdev.delivery.lesson import resolve
    from capdev.sources.project import Project

    text = capdev("slides", "--help", cwd=ROOT).stdout
    named = [w for ln in text.splitlines() if ln.strip().startswith("capdev slides ")
             for w in re.split(r"\s{2,}", ln.strip())[0].split()[2:] if not w.startswith("-")
             and w not in ("es", "en", "all", "pptx", "html") and not w.startswith("/")]
    assert len(named) >= 3
    assert len(resolve(Project.load(ROOT), named)) == len(named)


def test_capdev_build_puts_the_decks_beside_the_guide_and_keeps_slide_blocks_off_pages(
        tmp_path: Path) -> None:
    """`capdev build` stages every deck next to the course's facilitator guide, which links
    them; a `/// slide` block is for the decks only: not on the lesson page, not in the
    search index. `capdev check` knows the block."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "slides", project)
    assert capdev("check", cwd=project).returncode == 0
    proc = capdev("build", "--strict", cwd=project)
    assert proc.returncode == 0, proc.stderr
    site = project / "site"
    for lang, root in (("en", site), ("es", site / "es")):
        folder = root / "courses/demo/facilitator/slides"
        for lesson in EXPECTED:
            for fmt in ("pptx", "html"):
                assert (folder / f"{lesson}-{lang}.{fmt}").is_file(), (lang, lesson, fmt)
        assert (folder / "assets/reveal.js/reveal.js").is_file()
        guide = (root / "courses/demo/facilitator/index.html").read_text("utf-8")
        assert f'href="slides/01-first-module/01-channels-{lang}.pptx"' in guide
        assert f'href="slides/01-first-module/01-channels-{lang}.html"' in guide
        page = (root / "courses/demo/01-first-module/01-channels.html").read_text("utf-8")
        index = (root / "search/search_index.json").read_text("utf-8")
        block = EXPECTED["01-first-module/01-channels"][lang]["body"][2]
        assert not [t for t in block if t in page or t in index]
    spanish = _slides(site / "es/courses/demo/facilitator/slides/01-first-module/01-channels-es.pptx")
    assert [t for t, _b, _n in spanish] == EXPECTED["01-first-module/01-channels"]["es"]["titles"]


def test_an_edited_lesson_makes_a_new_deck(tmp_path: Path) -> None:
    """The deck cache is keyed by content: a changed heading is on the next deck."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "slides", project)
    args = ("slides", "02-open-data", "--lang", "en", "--format", "pptx", "-o", "out")
    assert capdev(*args, cwd=project).returncode == 0
    lesson = project / "courses/demo/01-first-module/02-open-data.md"
    lesson.write_text(lesson.read_text("utf-8").replace("## Formats", "## File formats"), "utf-8")
    assert capdev(*args, cwd=project).returncode == 0
    titles = [t for t, _b, _n in _slides(project / "out/demo/01-first-module/02-open-data-en.pptx")]
    assert titles == ["Open data", "Licences", "File formats"]


def test_pptx_has_the_programmes_look(decks) -> None:
    """The reference deck's look reaches every deck: the UN-blue band on the master, the
    programme's blue as the theme's accent and Arial for titles and text."""
    import zipfile

    from capdev.pdf.reference_docx import HEAD_FONT, UN_BLUE

    _project, out, _log = decks
    deck = _deck(out, "01-first-module/01-channels", "es")
    assert "capdev band" in [s.name for s in pptx.Presentation(str(deck)).slide_master.shapes]
    theme = zipfile.ZipFile(deck).read("ppt/theme/theme1.xml").decode("utf-8")
    assert f'<a:accent1><a:srgbClr val="{UN_BLUE}"/></a:accent1>' in theme
    assert theme.count(f'<a:latin typeface="{HEAD_FONT}"/>') >= 2  # major and minor fonts
