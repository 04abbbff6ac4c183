"""Cross-file rules on small projects: good/ has no finding of the rule, bad/ exactly the
`path:line rule` lines of expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from capdev.checks import registry, run_checks

HERE = Path(__file__).parent / "fixtures" / "check" / "projects"
CASES = sorted(p.name for p in HERE.iterdir() if (p / "expected.txt").is_file())


def findings(root: Path, case: str) -> set[str]:
    result = run_checks(root, use_cache=False)
    return {f"{f.path}:{f.line} {f.rule}" for f in result.findings
            if (owner := registry.owner(f.rule)) is not None and owner.id == case}


@pytest.mark.parametrize("case", CASES)
def test_good_project(case: str) -> None:
    assert findings(HERE / case / "good", case) == set()


@pytest.mark.parametrize("case", CASES)
def test_bad_project(case: str) -> None:
    want = set((HERE / case / "expected.txt").read_text("utf-8").split("\n")) - {""}
    assert findings(HERE / case / "bad", case) == want
