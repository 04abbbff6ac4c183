"""capdev's own interface text as gettext catalogs (#22.2): English in the code, every
other language in capdev/locale/<lang>.po, checked by GNU gettext's msgfmt; the catalogs
are up to date with the code, complete for Spanish, and a translation made from other
English is never shown."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import polib
import pytest

from capdev.locale import available, language_name, ui
from capdev.site.labels import label
from tests.conftest import ROOT

LOCALE = ROOT / "capdev" / "locale"


def test_catalogs_are_up_to_date_with_the_code():
    proc = subprocess.run([sys.executable, "scripts/ui_catalogs.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("lang", available())
def test_msgfmt_checks_every_catalog(lang: str):
    proc = subprocess.run(["msgfmt", "-c", "-v", "-o", "/dev/null", str(LOCALE / f"{lang}.po")],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "warning" not in proc.stderr, proc.stderr


def test_spanish_is_complete_and_unchanged():
    po = polib.pofile(str(LOCALE / "es.po"))
    assert po.percent_translated() == 100 and not po.fuzzy_entries()
    # the Spanish strings moved here unchanged from the code's tables
    assert label("es", "duration") == "Duración"
    assert label("es", "status_title") == "Estado de la traducción"
    assert ui("assessment", {"check_prefix": "Knowledge check"}, "es")["check_prefix"] == \
        "Pregunta de comprobación"
    assert language_name("es", "es") == "español" and language_name("en", "es") == "inglés"


def test_a_translation_of_other_english_is_not_shown():
    assert ui("site", {"duration": "Duration"}, "es")["duration"] == "Duración"
    assert ui("site", {"duration": "Time needed"}, "es")["duration"] == "Time needed"
    assert ui("site", {"duration": "Duration"}, "pt")["duration"] == "Duration"  # no catalog


def test_no_language_table_in_the_code():
    """No table of text keyed by language codes (`{"en": "…", "es": "…"}`) in capdev/:
    interface text is in the catalogs, facts about languages in languages.yml (a registry
    of per-language code, such as the glossary's stemmers, is code, not text)."""
    found = []
    for path in (ROOT / "capdev").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                text = all(isinstance(v, (ast.Constant, ast.Dict, ast.Tuple)) for v in node.values)
                if {"en", "es"} <= keys and text:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
