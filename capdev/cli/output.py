"""Printing findings and summaries: plain `path:line [rule] message — hint` lines on stderr
(what editors and CI parse), a rich summary for people."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable

from rich.console import Console

from capdev.errors import Finding

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
console = Console(highlight=False, soft_wrap=True)


def print_findings(findings: Iterable[Finding], fmt: str = "text") -> None:
    items = sorted(findings, key=lambda f: (f.path, f.line, f.rule))
    if fmt == "json":
        json.dump([f.to_dict() for f in items], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    if fmt == "github":
        for f in items:
            level = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
            msg = f"[{f.rule}] {f.message}" + (f" — {f.hint}" if f.hint else "")
            print(f"::{level} file={f.path},line={max(f.line, 1)},title={f.rule}::{msg}")
        return
    current = None
    for f in items:
        if f.path != current:
            current = f.path
        err_console.print(f.format(with_severity=True), markup=False)
    counts = Counter(f.severity for f in items)
    if items:
        parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items())]
        files = len({f.path for f in items})
        err_console.print(f"{', '.join(parts)} in {files} file{'s' if files != 1 else ''}",
                          markup=False)
