"""The question bank (#18.2): lesson questions tagged with a competence become that
competence's knowledge checks in the self-assessment, in every language, scored by the
same rules as the framework's own (the optimistic-rating flag weighs them)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from capdev.assessment import score
from capdev.assessment.bank import bank_of
from capdev.assessment.texts import framework_for
from tests.conftest import FIXTURES, ROOT, capdev

DATA = Path(__file__).parent / "data" / "assessment_bank"


def test_which_lesson_questions_join_the_bank():
    text = (DATA / "lesson.md").read_text("utf-8")
    got = [{"competence": b.competence, "line": b.line, "item": b.item}
           for b in bank_of(text, "courses/demo/02-channels/03-costs.md", "Channels and costs",
                            {"A2.C1"})]
    assert got == yaml.safe_load((DATA / "expected.yml").read_text("utf-8"))


def test_the_bank_is_the_same_questions_in_every_language():
    en, es = framework_for(ROOT, "en"), framework_for(ROOT, "es")
    bank = {lang: {it["id"]: it for it in fw.items("knowledge_check") if it.get("lesson")}
            for lang, fw in (("en", en), ("es", es))}
    assert bank["en"] and bank["en"].keys() == bank["es"].keys()
    for iid, item in bank["en"].items():
        spanish = bank["es"][iid]
        assert spanish["answer"] == item["answer"]
        assert [o["id"] for o in spanish["options"]] == [o["id"] for o in item["options"]]
        assert spanish["stem"] != item["stem"]  # translated through the lesson's catalog


def test_banked_answers_count_for_the_optimistic_flag(tmp_path: Path):
    fw = framework_for(ROOT, "en")
    response = json.loads((FIXTURES / "assessment" / "responses" / "PX-A01.json")
                          .read_text("utf-8"))
    before = {r["id"]: r for r in score(fw, response, None)["competences"]}
    cid = next(c for c, r in before.items() if r["level"] and r["level"] >= 2
               and any(it.get("lesson") for it in fw.competence(c)["items"]))
    wrong = {it["id"]: next(o["id"] for o in it["options"] if o["id"] != it["answer"])
             for it in fw.competence(cid)["items"] if it["type"] == "knowledge_check"}
    response["checks"] = {**response["checks"], **wrong}
    after = {r["id"]: r for r in score(fw, response, None)["competences"]}[cid]
    assert after["checks"]["answered"] == len(wrong) >= 2 and after["optimistic"]
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response), "utf-8")
    out = capdev("assess", "report", str(path), "--out", str(tmp_path / "out"), cwd=ROOT)
    assert out.returncode == 0, out.stderr  # the report takes the banked answers as valid
    assert list((tmp_path / "out").glob("*.pdf"))
