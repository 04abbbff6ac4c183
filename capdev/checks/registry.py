"""The rule registry: every check is a small function with a stable id.

A rule declares its id, default severity, a one-line description and a scope, which says
what the runner hands it:

- ``markdown``: a scanned English page (`scan.Doc`), once per file — cached by content;
- ``entry``:    one translated PO entry (`tr_context.Entry`) — cached per catalog;
- ``catalog``:  one catalog file as a whole (`tr_context.Catalog`) — cached per catalog;
- ``project``:  the whole project (`context.ProjectFacts`) — cross-file, never cached, so
  it must only look at facts the per-file passes already collected.

Ids are part of the public interface (configuration, inline ignores, CI annotations):
never rename one; add a new id instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from capdev.errors import SEVERITIES, Finding

SCOPES = ("markdown", "entry", "catalog", "project")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    description: str
    scope: str
    func: Callable[..., Iterable[Finding]]
    family: tuple[str, ...] = ()  # other finding ids this rule reports (foundation's ids)


RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, description: str, scope: str,
         family: tuple[str, ...] = ()) -> Callable:
    """Register a check. The function yields findings; the runner sets their severity."""
    if severity not in SEVERITIES:
        raise ValueError(f"{id}: unknown severity {severity}")
    if scope not in SCOPES:
        raise ValueError(f"{id}: unknown scope {scope}")

    def deco(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if id in RULES:
            raise ValueError(f"rule id {id} registered twice")
        RULES[id] = Rule(id, severity, description, scope, func, family)
        return func

    return deco


def hit(rule_id: str, path: str, line: int, message: str, hint: str = "",
        col: int = 0) -> Finding:
    """A finding for `rule_id`; severity is filled in by the runner from the configuration."""
    return Finding(path, line, rule_id, message, hint, "error", col)


_SCOPED: dict[str, list[Rule]] = {}


def by_scope(scope: str) -> list[Rule]:
    if scope not in _SCOPED:  # called once per entry: keep it a dict lookup
        load_all()
        _SCOPED[scope] = [r for r in RULES.values() if r.scope == scope]
    return _SCOPED[scope]


def owner(finding_rule: str) -> Rule | None:
    """The registered rule a finding id belongs to (itself, or a family member)."""
    load_all()
    if finding_rule in RULES:
        return RULES[finding_rule]
    for r in RULES.values():
        if any(finding_rule == f or (f.endswith("*") and finding_rule.startswith(f[:-1]))
               for f in r.family):
            return r
    return None


def load_all() -> None:
    """Import every rule module once (registration happens at import)."""
    from capdev.checks import (  # noqa: F401
        content,
        crossrefs,
        facilitator,
        framework,
        glossary,
        headings,
        images,
        inputs,
        languages,
        links,
        placeholders,
        quizzes,
        security,
        tr_catalog,
        tr_code,
        tr_inline,
        tr_reflabel,
        tr_text,
    )


def version() -> str:
    """Rule-set version for the cache key: the code whose results the cache keeps — the
    checks, the segmenter (staleness), the content schemas and the notebook checks."""
    pkg = Path(__file__).parent.parent
    from capdev.cache import files_digest

    files = [*pkg.glob("checks/*.py"), *pkg.glob("catalogs/*.py"), *pkg.glob("sources/*.py"),
             *pkg.glob("sources/schemas/*.json"), pkg / "notebooks" / "checks.py", pkg / "cache.py"]
    return files_digest(files)[:16]
