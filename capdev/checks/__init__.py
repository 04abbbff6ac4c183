"""Content and translation checks (`capdev check`).

Public API:
  run_checks(root, paths=None, use_cache=True) -> Result   (.findings, .errors, .warnings, .failed())
  RULES (after registry.load_all()): id → Rule(id, severity, description, scope)
  tbx.to_tbx(glossary)                      TBX-Basic (the command: capdev/cli/glossary.py)
"""

from __future__ import annotations

from capdev.checks.registry import RULES, load_all
from capdev.checks.runner import Result, run_checks

__all__ = ["RULES", "Result", "load_all", "run_checks"]
