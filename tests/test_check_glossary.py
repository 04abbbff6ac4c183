"""The termbase: inflection-tolerant matching, acronyms, the bundled glossary, TBX export."""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from capdev.checks import glossary as gl
from capdev.checks import tbx
from capdev.cli import glossary as glossary_cli

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).parent / "fixtures" / "check"


@pytest.fixture(scope="module")
def g() -> gl.Glossary:
    glossary, problems = gl.parse(yaml.safe_load((HERE / "glossary.yml").read_text("utf-8")))
    assert problems == []
    return glossary


@pytest.mark.parametrize(
    "text",
    [
        "la ventanilla única",
        "las ventanillas únicas",
        "Ventanillas Únicas",
        "dos ventanillas únicas municipales",
    ],
)
def test_spanish_inflection(g: gl.Glossary, text: str) -> None:
    assert [m.term.en for m in g.find(text, "es")] == ["single window"]


@pytest.mark.parametrize("text", ["a single window", "single windows", "Single Windows"])
def test_english_plural(g: gl.Glossary, text: str) -> None:
    assert [m.term.en for m in g.find(text, "en")] == ["single window"]


def test_names_and_acronyms(g: gl.Glossary) -> None:
    assert g.find("The Open Data Charter", "en") == []  # a name, not the common noun
    assert [t.en for t in g.acronyms("Los ODS guían el plan.", "es")] == [
        "Sustainable Development Goals"
    ]
    assert [t.en for t in g.acronyms("The SDGs guide the plan.", "en")] == [
        "Sustainable Development Goals"
    ]


def test_split_spanish_term_is_present(g: gl.Glossary) -> None:
    found = g.present("el Estudio de las Naciones Unidas sobre el Gobierno Electrónico", "es")
    assert {t.en for t in g.terms if id(t) in found} >= {"E-Government Survey", "e-government"}


def test_forbidden_variants(g: gl.Glossary) -> None:
    assert [m.term.target("es") for m in g.find("Dos ventanas únicas", "es", role="forbidden")] == [
        "ventanilla única"
    ]


def test_bundled_glossary_loads() -> None:
    glossary, problems = gl.load(ROOT)
    assert problems == [] and glossary is not None and len(glossary.terms) >= 70


def test_tbx_export(tmp_path: Path, g: gl.Glossary) -> None:
    root = ET.fromstring(tbx.to_tbx(g))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("./text/body/termEntry")
    assert len(entries) == len(g.terms)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    sw = entries[0]
    es_terms = {t.findtext("term"): t.findtext("termNote[@type='administrativeStatus']")
                for t in sw.findall(f"langSet[@{xml_lang}='es']/tig")}
    assert es_terms == {"ventanilla única": "preferredTerm-admn-sts",
                        "ventana única": "deprecatedTerm-admn-sts",
                        "tienda única": "deprecatedTerm-admn-sts"}


def test_cli_action_writes_tbx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parser = argparse.ArgumentParser()
    glossary_cli.register(parser.add_subparsers())
    out = tmp_path / "glossary.tbx"
    args = parser.parse_args(["glossary", "--tbx", "-o", str(out)])
    monkeypatch.chdir(ROOT)
    assert args.func(args) == 0
    root = ET.parse(out).getroot()
    assert len(root.findall("./text/body/termEntry")) >= 70


def test_accepted_variant_in_context_counts_as_present() -> None:
    data = {"terms": [{"en": "contact centre", "es": "centro de contacto",
                       "also": ["centro de atención ciudadana"]}]}
    glossary, problems = gl.parse(data)
    assert problems == []
    assert glossary.present("el Centro de Atención Ciudadana 311", "es")
    assert glossary.present("los centros de contacto", "es")
    assert not glossary.present("la central telefónica", "es")
