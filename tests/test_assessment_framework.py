"""Framework loading: good and bad fixtures (rule + line), the real framework and its Spanish draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from capdev.assessment import load_framework
from capdev.errors import CapdevError

ROOT = Path(__file__).parents[1]
FIX = Path(__file__).parent / "fixtures" / "assessment"
GOOD = FIX / "course" / "competences.yml"
REAL = ROOT / "courses" / "digital-government" / "competences.yml"
CASES = json.loads((FIX / "bad-frameworks.json").read_text(encoding="utf-8"))["cases"]
MODULES = [
    "01-digital-government-and-the-egov-survey", "02-multichannel-service-delivery-and-311",
    "03-single-window-and-digital-transactions", "04-digital-municipalities",
    "05-open-government-and-open-data", "06-business-intelligence-for-public-services",
    "07-ict-governance-and-digital-master-plans",
]
COMPETENCES = {"A1.C1": {"01"}, "A1.C2": {"07"}, "A1.C3": {"01", "02", "04"}, "A2.C1": {"02"},
               "A2.C2": {"03"}, "A2.C3": {"04"}, "A3.C1": {"05"}, "A3.C2": {"06"},
               "A3.C3": {"03", "05"}}


def test_good_fixture_loads():
    fw = load_framework(GOOD)
    assert fw.key == "fixture-framework@0.1.0"
    assert fw.course_modules == ["01-alpha", "02-beta", "03-gamma"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_fixture_reports_rule_and_line(case):
    text = GOOD.read_text(encoding="utf-8")
    for old, new in case["replace"]:
        assert text.count(old) == 1, f"fixture replacement {old!r} must match exactly once"
        text = text.replace(old, new)
    with pytest.raises(CapdevError) as info:
        load_framework(GOOD, text=text)
    got = [(f.rule, f.line) for f in info.value.findings]
    assert (case["rule"], case["line"]) in got, got
    for f in info.value.findings:
        assert f.format().startswith(f"{GOOD}:{f.line} [{f.rule}]")
    if "hint_contains" in case:
        assert any(case["hint_contains"] in f.hint for f in info.value.findings)


def test_real_framework_meets_the_brief():
    fw = load_framework(REAL, modules=MODULES)
    comps = {c["id"]: c for c in fw.competences()}
    assert set(comps) == set(COMPETENCES)
    assert len(fw.data["areas"]) == 3
    assert [lv["rank"] for lv in fw.data["levels"]] == [1, 2, 3, 4]
    for cid, comp in comps.items():
        assert len(comp["levels"]) == 4
        assert all(lv["descriptor"].startswith("You can") for lv in comp["levels"])
        ratings = [i for i in comp["items"] if i["type"] == "self_rating"]
        assert len(ratings) >= 3 and all(i["text"].startswith("I can") for i in ratings)
        assert any(i["type"] == "knowledge_check" for i in comp["items"])
        assert {m["module"][:2] for m in comp["modules"]} == COMPETENCES[cid]
    mapped = {m["module"] for c in comps.values() for m in c["modules"]}
    assert mapped == set(MODULES)
    assert {"front-line-and-311-staff", "service-and-ict-managers"} <= {
        p["id"] for p in fw.data["profiles"]}
    licences = {s["licence"] for s in fw.data["sources"]}
    assert "CC BY 4.0" in licences and "Open Government Licence v3.0" in licences


# the keys capdev's catalog extractor treats as text (capdev/catalogs/yamldata.py)
TRANSLATABLE = {"title", "description", "label", "name", "descriptor", "text", "stem", "feedback"}


def _skeleton(node, key=""):
    """Everything that must not be translated: structure, ids, numbers, enums."""
    if isinstance(node, dict):
        return {k: _skeleton(v, k) for k, v in node.items()
                if k not in TRANSLATABLE and k != "language"}
    if isinstance(node, list):
        return [_skeleton(v, key) for v in node]
    return node


def test_spanish_from_the_catalog_has_identical_structure():
    from capdev.assessment.texts import framework_for
    from capdev.catalogs import translate_file

    en = yaml.safe_load(REAL.read_text(encoding="utf-8"))
    es_text = translate_file(ROOT, REAL, "es", mark=False).text
    es = yaml.safe_load(es_text)
    assert _skeleton(es) == _skeleton(en)
    fw = load_framework(REAL, text=es_text, modules=MODULES)
    assert framework_for(ROOT, "es").data["language"] == "es"
    assert fw.competence("A2.C2")["title"] == "Ventanilla única y transacciones digitales"
    # every translatable string differs from English except proper names kept on purpose
    titles = {s["title"] for s in en["sources"]}  # publication titles stay in the original
    same = sorted(_strings(en) & _strings(es) - titles)
    assert same == []


def _strings(node) -> set[str]:
    """Translatable strings of more than one word."""
    if isinstance(node, dict):
        out = {v for k, v in node.items() if k in TRANSLATABLE and isinstance(v, str) and " " in v}
        return out.union(*(_strings(v) for v in node.values() if isinstance(v, dict | list)))
    if isinstance(node, list):
        return set().union(*(_strings(v) for v in node)) if node else set()
    return set()
