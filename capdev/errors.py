"""Findings: the one shape every problem with user input takes.

A finding is `path:line [rule-id] message — hint`. User errors never surface as tracebacks:
code collects findings, then raises `CapdevError` once, and the CLI prints them and exits 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import ClassVar

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    hint: str = ""
    severity: str = "error"
    col: int = 0
    # located at a notebook cell (notebooks.meta.CellFinding): kept through the caches
    at_cell: ClassVar[bool] = False

    def location(self) -> str:
        if self.line <= 0:
            return self.path
        where = f"{self.path}:{self.line}"
        return f"{where}:{self.col}" if self.col else where

    def format(self, with_severity: bool = False) -> str:
        sev = f" {self.severity}:" if with_severity else ""
        text = f"{self.location()} [{self.rule}]{sev} {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def to_dict(self) -> dict:
        return asdict(self)


class CapdevError(Exception):
    """A user error (bad content, bad arguments): carries findings, never a traceback."""

    exit_code = 1  # the CLI's exit status for it

    def __init__(self, findings: Iterable[Finding] | Finding | str):
        if isinstance(findings, str):
            findings = [Finding(path="capdev", line=0, rule="error", message=findings)]
        elif isinstance(findings, Finding):
            findings = [findings]
        self.findings: list[Finding] = list(findings)
        super().__init__("\n".join(f.format() for f in self.findings))


class UsageError(CapdevError):
    """A command line that asks for what cannot be (exit 2, as argparse's own errors)."""

    exit_code = 2


def errors_only(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def raise_if_errors(findings: Iterable[Finding]) -> None:
    """Collect-then-fail: raise once with every error found."""
    errs = errors_only(findings)
    if errs:
        raise CapdevError(errs)
