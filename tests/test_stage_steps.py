"""Staging runs one list of named steps: errors name the step, every step is timed."""

from __future__ import annotations

import pytest

from capdev.errors import CapdevError, Finding
from capdev.site import steps
from capdev.site.model import StageReport
from capdev.site.stage import run_step


def _bad_input() -> None:
    raise CapdevError(Finding("translations/glossary.yml", 3, "glossary-invalid", "no `es`"))


def _bug() -> None:
    raise KeyError("x")


def test_a_user_error_names_the_step_and_is_timed() -> None:
    report = StageReport()
    with pytest.raises(CapdevError) as err:
        run_step(steps.Step("glossary", _bad_input), report)
    (finding,) = err.value.findings
    assert finding.message == "staging step glossary failed: no `es`"
    assert (finding.path, finding.line, finding.rule) == ("translations/glossary.yml", 3,
                                                          "glossary-invalid")
    assert "glossary" in report.seconds


def test_a_bug_keeps_its_traceback_with_the_step_named() -> None:
    with pytest.raises(KeyError) as err:
        run_step(steps.Step("courses", _bug), StageReport())
    assert "in staging step courses" in err.value.__notes__


def test_the_steps_have_unique_names_and_navigation_runs_last() -> None:
    names = [s.name for s in (*steps.ONCE, *steps.PER_LANGUAGE)]
    assert len(names) == len(set(names))
    assert steps.PER_LANGUAGE[-1].name == "navigation"  # it prunes what the others did not write
