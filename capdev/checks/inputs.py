"""Input safety: what discovery refuses before anything reads or publishes a source.

The findings come from `capdev.sources` (reading.py: YAML bounds and duplicate keys;
links.py: symbolic links); these rules give them their ids, severities and descriptions.
"""

from __future__ import annotations

from collections.abc import Iterator

from capdev.checks.context import ProjectFacts
from capdev.checks.registry import rule
from capdev.errors import Finding


def _found(pf: ProjectFacts, rule_id: str) -> Iterator[Finding]:
    return (f for f in pf.load_findings if f.rule == rule_id)


@rule("yaml-aliases", "error", "YAML aliases stay small: no alias bomb, no alias inside its "
      "own anchor", "project")
def yaml_aliases(pf: ProjectFacts) -> Iterator[Finding]:
    yield from _found(pf, "yaml-aliases")


@rule("yaml-duplicate-key", "error", "no key twice in one YAML mapping", "project")
def yaml_duplicate_key(pf: ProjectFacts) -> Iterator[Finding]:
    yield from _found(pf, "yaml-duplicate-key")


@rule("symlink-outside", "error", "no symbolic link in the source folders leads out of the "
      "project", "project")
def symlink_outside(pf: ProjectFacts) -> Iterator[Finding]:
    yield from _found(pf, "symlink-outside")


@rule("symlink-loop", "error", "no symbolic link in the source folders loops", "project")
def symlink_loop(pf: ProjectFacts) -> Iterator[Finding]:
    yield from _found(pf, "symlink-loop")
