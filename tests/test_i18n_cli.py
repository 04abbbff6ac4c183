"""The translators' commands through the real CLI: pot, render, status, XLIFF, import,
and the "English has changed" banner on the built Spanish page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib

from tests.conftest import FIXTURES, capdev

LESSON = "courses/demo/01-first-module/01-channels.md"


def test_pot_and_render_work_on_any_file(tmp_path: Path):
    src = tmp_path / "page.md"
    shutil.copy(FIXTURES / "i18n/corpus/material.md", src)
    pot = capdev("i18n", "pot", str(src), cwd=tmp_path, check=True).stdout
    po = polib.pofile(pot)
    assert any(e.msgid == "Why it matters" and "admonition title (note)" in e.comment for e in po)
    for e in po:
        e.msgstr = e.msgid
    cat = tmp_path / "identity.po"
    po.save(str(cat))
    out = capdev("i18n", "render", str(src), "--catalog", str(cat), cwd=tmp_path, check=True)
    assert out.stdout == src.read_text()


def test_render_uses_the_project_catalog(project: Path):
    out = capdev("i18n", "render", LESSON, cwd=project, check=True).stdout
    assert "Los gobiernos atienden a las personas" in out
    assert "!!! note \"Ventanilla única\"" in out


def test_unsupported_or_missing_files_are_findings(tmp_path: Path):
    out = capdev("i18n", "pot", "nope.md", cwd=tmp_path)
    assert out.returncode == 1 and "[file-not-found]" in out.stderr and "Traceback" not in out.stderr


def test_status_json_and_fail_under(project: Path):
    out = capdev("i18n", "status", "--format", "json", cwd=project, check=True)
    rows = {r["source"]: r for r in json.loads(out.stdout)}
    assert rows["docs/about.md"]["percent"] == 0
    assert rows[LESSON]["percent"] == 100
    assert capdev("i18n", "status", "--fail-under", "100", cwd=project).returncode == 1


def test_xliff_round_trip_keeps_previous_source(project: Path):
    path = project / LESSON
    old = "Governments serve people at counters, by phone and online."
    path.write_text(path.read_text().replace(old, old.replace("online", "on the web")))
    capdev("i18n", "update", cwd=project, check=True)
    capdev("i18n", "export-xliff", "--out", "xliff", cwd=project, check=True)
    xlf = (project / "xliff" / f"{LESSON}.xlf").read_text()
    assert 'state="needs-review-translation"' in xlf and "<alt-trans" in xlf and old in xlf
    # the translator fixes the Spanish and approves it in the CAT tool
    new_es = "Los gobiernos atienden a las personas en ventanilla, por teléfono y en la web."
    xlf = xlf.replace("en ventanilla, por teléfono y en línea.</target>", "en ventanilla, por "
                      "teléfono y en la web.</target>", 1)
    xlf = xlf.replace('approved="no"', 'approved="yes"', 1).replace('state="needs-review-translation"',
                                                                     'state="translated"', 1)
    (project / "xliff" / f"{LESSON}.xlf").write_text(xlf)
    capdev("i18n", "import-xliff", f"xliff/{LESSON}.xlf", cwd=project, check=True)
    po = polib.pofile(str(project / f"translations/es/{LESSON}.po"))
    entry = [e for e in po if e.msgstr == new_es][0]
    assert "fuzzy" not in entry.flags


def test_import_aligns_an_existing_translation(project: Path):
    catalog = project / "translations/es/docs/about.md.po"
    es = project / "about.es.md"
    es.write_text("---\ntitle: Acerca del ejemplo\ndescription: Una página sin traducir.\n---\n\n"
                  "# Acerca del ejemplo\n\nEsta página no tiene traducción al español, así que el "
                  "sitio en español recurre al inglés.\n")
    out = capdev("i18n", "import", "docs/about.md", str(es), cwd=project, check=True)
    assert "3 imported" in out.stdout  # title and H1 share one entry
    assert all(e.msgstr for e in polib.pofile(str(catalog)) if not e.obsolete)


def test_outdated_banner_after_english_edit(project: Path):
    path = project / LESSON
    old = "Governments serve people at counters, by phone and online."
    path.write_text(path.read_text().replace(old, old.replace("online", "on the web")))
    capdev("i18n", "update", cwd=project, check=True)
    capdev("build", cwd=project, check=True)
    page = (project / "site/es" / LESSON.replace(".md", ".html")).read_text()
    assert "La versión en inglés de esta página ha cambiado" in page
    assert "Los gobiernos atienden a las personas en ventanilla" in page  # last approved Spanish
    assert 'href="../../../../courses/demo/01-first-module/01-channels.html" hreflang="en"' in page
