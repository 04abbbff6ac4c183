"""Any number of languages by configuration (#22): a project made by `capdev init`, given a
third language with `capdev i18n add-language pt` (its catalogs filled by a
pseudo-translation here), builds end to end in English, Spanish and Portuguese — site,
search per language, language switcher and hreflang, PDFs, slides, the self-assessment and
its questionnaire, SCORM — through the real commands, with no code change."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import polib
import pytest

from capdev.catalogs.inline import pseudo
from tests.conftest import capdev

DATA = Path(__file__).parent / "data" / "languages"
LANGS = ("en", "es", "pt")
LESSON = "courses/digital-services/01-introduction/01-sample-lesson"


def _pseudo_fill(folder: Path) -> None:
    for path in folder.rglob("*.po"):
        po = polib.pofile(str(path))
        for entry in po:
            if not entry.obsolete:
                entry.msgstr, entry.flags = pseudo(entry.msgid), []
        po.save(str(path))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("langs") / "programme"
    capdev("init", str(root), "--title", "Digital services", "--course-id", "digital-services",
           cwd=root.parent, check=True)
    shutil.copy(DATA / "competences.yml", root / "courses/digital-services/competences.yml")
    course = root / "courses/digital-services/course.yml"
    course.write_text(course.read_text("utf-8") + "framework: competences.yml\n", "utf-8")
    capdev("new", "note", "single-window", "--title", "Single windows", "--number", "1",
           cwd=root, check=True)
    capdev("i18n", "update", cwd=root, check=True)
    return root


@pytest.fixture(scope="module")
def added(project: Path):
    out = capdev("i18n", "add-language", "pt", "--memory", str(DATA / "memory-pt.po"),
                 cwd=project, check=True)
    _pseudo_fill(project / "translations" / "pt")
    return out


@pytest.fixture(scope="module")
def built(project: Path, added) -> Path:
    capdev("build", cwd=project, check=True)
    return project / "site"


def test_add_language_edits_the_configuration_and_creates_the_catalogs(project: Path, added):
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "languages: [en, es, pt]" in config
    assert "- locale: pt\n          name: Português\n          build: true" in config
    assert "# site_name: the programme's name in Spanish" in config  # comments kept
    catalogs = {p.relative_to(project / "translations" / "pt").as_posix()
                for p in (project / "translations" / "pt").rglob("*.po")}
    assert catalogs == {p.relative_to(project / "translations" / "es").as_posix()
                        for p in (project / "translations" / "es").rglob("*.po")}
    assert "1 entries suggested from translation memory" in added.stdout
    assert "left to translate:" in added.stdout


def test_add_language_refuses_what_it_cannot_do(project: Path, added):
    again = capdev("i18n", "add-language", "pt", cwd=project)
    bad = capdev("i18n", "add-language", "pt BR", cwd=project)
    assert again.returncode == bad.returncode == 2
    assert "already a language of this project" in again.stderr
    assert "is not a language code" in bad.stderr


def test_three_sites_with_their_language(built: Path):
    for lang in LANGS:
        prefix = "" if lang == "en" else f"{lang}/"
        page = (built / f"{prefix}{LESSON}.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in page
        switcher = {f'hreflang="{code}"' for code in LANGS if f'hreflang="{code}"' in page}
        assert len(switcher) >= 2  # the switcher names the other translated languages
    pt = (built / f"pt/{LESSON}.html").read_text("utf-8")
    assert pseudo("Key points") in pt or "ñ" in pt
    assert (built / "pt" / "translation-status.html").is_file()


def test_search_index_per_language(built: Path):
    def text(lang: str) -> str:
        prefix = "" if lang == "en" else f"{lang}/"
        index = json.loads((built / f"{prefix}search/search_index.json").read_text("utf-8"))
        return " ".join(d["text"] for d in index["docs"])

    assert "ñ" in text("pt") and "ñ" not in text("en")
    config = json.loads((built / "pt/search/search_index.json").read_text("utf-8"))["config"]
    assert "pt" in config["lang"]  # Portuguese stemming in its own index, as es has


def test_pdfs_slides_and_scorm_for_every_language(project: Path, built: Path, tmp_path: Path):
    capdev("pdf", "single-window", "--lang", "all", "--draft", "--out", str(tmp_path / "pdf"),
           cwd=project, check=True)
    assert sorted(p.name for p in (tmp_path / "pdf").rglob("*.pdf")) == [
        f"single-window-{lang}.pdf" for lang in LANGS]
    capdev("slides", "--lang", "all", "--format", "html", "-o", str(tmp_path / "slides"),
           cwd=project, check=True)
    decks = sorted(p.name for p in (tmp_path / "slides").rglob("01-sample-lesson-*.html"))
    assert decks == [f"01-sample-lesson-{lang}.html" for lang in LANGS]
    capdev("export", "scorm", "--lang", "all", "--site-dir", str(built), "-o",
           str(tmp_path / "scorm"), cwd=project, check=True)
    for lang in LANGS:
        with zipfile.ZipFile(tmp_path / "scorm" / f"digital-services-scorm12-{lang}.zip") as zf:
            assert "imsmanifest.xml" in zf.namelist()


def test_assessment_and_questionnaire_for_every_language(project: Path, built: Path,
                                                         tmp_path: Path):
    for lang in LANGS:
        prefix = "" if lang == "en" else f"{lang}/"
        page = (built / f"{prefix}assessment/index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in page and 'id="capdev-framework"' in page
        assert (built / f"{prefix}assessment/questionnaire-{lang}.pdf").is_file()
    pt = (built / "pt/assessment/index.html").read_text("utf-8")
    assert pseudo("Demo framework") in pt  # the framework's text from its pt catalog
    out = capdev("assess", "questionnaire", "--lang", "pt", "--out",
                 str(tmp_path / "q-pt.pdf"), cwd=project)
    assert out.returncode == 0, out.stderr


def test_region_per_language_is_configuration(tmp_path: Path):
    from capdev.config import load_config
    from capdev.errors import CapdevError

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - capdev:\n      languages: [en, es, pt]\n"
        "      regions: {es: PA}\n", "utf-8")
    config = load_config(tmp_path)
    assert (config.region("es"), config.region("pt"), config.region("xx")) == ("PA", "BR", "")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - capdev:\n      regions: [es]\n", "utf-8")
    with pytest.raises(CapdevError) as err:
        load_config(tmp_path)
    assert err.value.findings[0].rule == "config-invalid"
