"""Each rule against its fixtures: good files give no finding at all, bad files exactly the
expected (line, rule) pairs kept beside them in expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from capdev.catalogs.po_read import PoSyntaxError, parse
from capdev.checks import glossary as gl
from capdev.checks import registry
from capdev.checks.catalog_pass import entry_findings
from capdev.checks.context import Doc
from capdev.checks.runner import _scan
from capdev.checks.tr_context import Catalog

HERE = Path(__file__).parent / "fixtures" / "check"
CASES = sorted(p.parent.name for p in HERE.glob("*/expected.txt"))


def glossary() -> gl.Glossary:
    data = yaml.safe_load((HERE / "glossary.yml").read_text("utf-8"))
    g, problems = gl.parse(data)
    assert not problems
    return g


def findings_of(path: Path) -> set[tuple[int, str]]:
    if path.suffix == ".po":
        return _po_findings(path)
    text = path.read_text("utf-8")
    notebook = path.suffix == ".ipynb"
    doc = Doc(
        path.name,
        "lesson",
        path.name.replace(".ipynb", ".md"),
        _scan(text, notebook),
        notebook,
        str(path),
    )
    return {(f.line, f.rule) for r in registry.by_scope("markdown") for f in r.func(doc)
            if not doc.facts.ignored(f.rule, f.line)}


def _po_findings(path: Path) -> set[tuple[int, str]]:
    cat = Catalog(path.name, "", "es", path.parent)
    entries = []
    try:
        entries = parse(path.read_text("utf-8"))
    except PoSyntaxError as exc:
        cat.error = (exc.line, exc.message)
    found = {(f.line, f.rule) for f in registry.RULES["po-syntax"].func(cat)}
    return found | {
        (f.line, f.rule) for f, _ in entry_findings(path.name, entries, "es", glossary())
    }


def expected(case: str) -> set[tuple[int, str]]:
    out = set()
    for line in (HERE / case / "expected.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            num, rule = line.split()
            out.add((int(num), rule))
    return out


def test_every_rule_has_fixtures() -> None:
    registry.load_all()
    project_cases = {p.name for p in (HERE / "projects").iterdir()}
    covered = set(CASES) | project_cases
    rules = {r.id for r in registry.RULES.values()}
    assert rules - covered == set(), f"rules without fixtures: {sorted(rules - covered)}"


@pytest.mark.parametrize("case", CASES)
def test_good_is_clean(case: str) -> None:
    good = next((HERE / case).glob("good.*"))
    assert findings_of(good) == set()


@pytest.mark.parametrize("case", CASES)
def test_bad_gives_expected_findings(case: str) -> None:
    bad = next((HERE / case).glob("bad.*"))
    want = expected(case)
    assert any(rule == case or rule.startswith("nb-") for _, rule in want)
    assert findings_of(bad) == want
