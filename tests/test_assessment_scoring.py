"""Scoring: the Python scorer and the page's JavaScript twin against the same hand-made vectors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from capdev.assessment import load_framework, score

FIX = Path(__file__).parent / "fixtures" / "assessment"
JS = Path(__file__).parents[1] / "capdev" / "assessment" / "static" / "assessment.js"
VECTORS = json.loads((FIX / "vectors.json").read_text(encoding="utf-8"))["vectors"]


def compact(result: dict) -> dict:
    """The shape vectors.json states its expectations in."""
    comps = {}
    for c in result["competences"]:
        comps[c["id"]] = {
            "status": c["status"], "answered": c["answered"], "score": c["score"],
            "level": c["level"], "target": c["target"], "gap": c["gap"],
            "optimistic": c["optimistic"],
            "checks": [c["checks"]["total"], c["checks"]["answered"], c["checks"]["correct"]],
            "modules": [f"{m['module']}:{m['relation']}" for m in c["modules"]],
        }
    plan = [f"{p['module']}:{p['relation']}:{'+'.join(p['competences'])}" for p in result["plan"]]
    return {"profile": result["profile"], "competences": comps, "plan": plan}


@pytest.fixture(scope="module")
def fw():
    return load_framework(FIX / "course" / "competences.yml")


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_python_scoring_matches_vectors(fw, vector):
    assert compact(score(fw, vector["response"], vector["profile"])) == vector["expected"]


NODE_RUNNER = """
const fs = require("fs");
const { score } = require(process.argv[1]);
const fw = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const vectors = JSON.parse(fs.readFileSync(process.argv[3], "utf8")).vectors;
process.stdout.write(JSON.stringify(vectors.map(v => score(fw, v.response, v.profile))));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_scoring_matches_vectors(fw, tmp_path):
    fw_json = tmp_path / "framework.json"
    fw_json.write_text(fw.to_json(), encoding="utf-8")
    out = subprocess.run(["node", "-e", NODE_RUNNER, str(JS), str(fw_json),
                          str(FIX / "vectors.json")], capture_output=True, text=True,
                         check=True, timeout=60)
    results = json.loads(out.stdout)
    assert len(results) == len(VECTORS)
    for vector, result in zip(VECTORS, results, strict=True):
        assert compact(result) == vector["expected"], vector["name"]


def test_real_framework_python_and_js_agree_on_synthetic_answers(tmp_path):
    """Beyond the vectors: 200 seeded random answer sets on the real framework."""
    import random

    root = Path(__file__).parents[1]
    real = load_framework(root / "courses" / "digital-government" / "competences.yml")
    rng = random.Random(11)
    profiles = [None] + [p["id"] for p in real.data["profiles"]]
    cases = []
    for _ in range(200):
        answers = {it["id"]: rng.choice([0, 1, 2, 3, 4, "na", None])
                   for it in real.items("self_rating")}
        checks = {it["id"]: rng.choice([o["id"] for o in it["options"]] + [None])
                  for it in real.items("knowledge_check")}
        cases.append({"name": "r", "profile": rng.choice(profiles),
                      "response": {"answers": {k: v for k, v in answers.items() if v is not None},
                                   "checks": {k: v for k, v in checks.items() if v is not None}}})
    (tmp_path / "v.json").write_text(json.dumps({"vectors": cases}), encoding="utf-8")
    (tmp_path / "fw.json").write_text(real.to_json(), encoding="utf-8")
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    out = subprocess.run(["node", "-e", NODE_RUNNER, str(JS), str(tmp_path / "fw.json"),
                          str(tmp_path / "v.json")], capture_output=True, text=True, check=True)
    for case, js in zip(cases, json.loads(out.stdout), strict=True):
        assert js == score(real, case["response"], case["profile"])
