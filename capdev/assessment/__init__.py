"""Competence self-assessment: framework, scoring, page, questionnaire and reports.

Public interface (wired by the lead):
- load_framework(path, text=None) -> Framework
- score(framework, response, profile) -> dict
- stage(root, lang, dest, framework_text=None) -> list[Path]
"""

from __future__ import annotations

from capdev.assessment.framework import Framework, load_framework
from capdev.assessment.scoring import score

__all__ = ["Framework", "load_framework", "score", "stage"]


def __getattr__(name: str):
    # stage pulls in typst and the page builder: import it only when asked for
    if name == "stage":
        from capdev.assessment.page import stage

        return stage
    raise AttributeError(name)
