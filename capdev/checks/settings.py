"""Configuration of the checks: per-rule severity, per-path ignores, inline ignores.

In mkdocs.yml, under the `capdev` plugin:

    rules:                      # id → error | warning | info | off
      link-text: off
      tr-length: info
    ignore:                     # per path (glob), all rules or a list
      - path: courses/legacy/**
        rules: [heading-skip]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import Any

from capdev.checks import registry
from capdev.errors import SEVERITIES, CapdevError, Finding


@dataclass
class Settings:
    severities: dict[str, str] = field(default_factory=dict)
    ignores: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    @classmethod
    def from_config(cls, config: Any) -> Settings:
        problems = []
        sev: dict[str, str] = {}
        for rid, value in (getattr(config, "rules", None) or {}).items():
            value = str(value).lower() if value is not False else "off"
            if value not in (*SEVERITIES, "off"):
                problems.append(
                    Finding(
                        "mkdocs.yml",
                        0,
                        "config-check",
                        f"rules.{rid}: `{value}` is not a severity",
                        "use error, warning, info or off",
                    )
                )
            elif registry.owner(str(rid)) is None:
                problems.append(
                    Finding(
                        "mkdocs.yml",
                        0,
                        "config-check",
                        f"rules: unknown rule id `{rid}`",
                        "see `capdev check --list-rules`",
                    )
                )
            sev[str(rid)] = value
        ignores = []
        for item in getattr(config, "ignore", None) or []:
            if not isinstance(item, dict) or "path" not in item:
                problems.append(
                    Finding(
                        "mkdocs.yml",
                        0,
                        "config-check",
                        "ignore: each item needs `path:`",
                        "- {path: 'courses/x/**', rules: [link-text]}",
                    )
                )
                continue
            rules = item.get("rules") or []
            ignores.append(
                (
                    str(item["path"]),
                    frozenset([rules] if isinstance(rules, str) else map(str, rules)),
                )
            )
        if problems:
            raise CapdevError(problems)
        return cls(sev, ignores)

    def severity(self, f: Finding) -> str:
        rule = registry.owner(f.rule)
        if f.rule in self.severities:
            return self.severities[f.rule]
        if rule is not None and rule.id in self.severities:
            return self.severities[rule.id]
        if rule is not None and f.rule == rule.id:
            return rule.severity
        return f.severity

    def ignored(self, f: Finding) -> bool:
        rule = registry.owner(f.rule)
        ids = {f.rule, rule.id if rule else f.rule}
        return any(
            fnmatch(f.path, pattern) and (not rules or ids & rules)
            for pattern, rules in self.ignores
        )

    def apply(
        self, raw: list[tuple[Finding, list]], pf: Any, paths: list[str] | None
    ) -> list[Finding]:
        out = []
        by_rel = {d.rel: d for d in pf.docs.values()}
        for f, occ in raw:
            sev = self.severity(f)
            if sev == "off" or self.ignored(f) or not _selected(f.path, paths):
                continue
            doc = by_rel.get(f.path)
            if doc is not None and doc.facts.ignored(f.rule, f.line):
                continue
            if occ and all(
                by_rel.get(p) is not None and by_rel[p].facts.ignored(f.rule, n) for p, n in occ
            ):
                continue
            out.append(_with(f, sev))
        return sorted(set(out), key=lambda f: (f.path, f.line, f.col, f.rule, f.message))


def _with(f: Finding, severity: str) -> Finding:
    if f.severity == severity:
        return f
    return type(f)(f.path, f.line, f.rule, f.message, f.hint, severity, f.col)


def _selected(path: str, paths: list[str] | None) -> bool:
    if not paths:
        return True
    for p in paths:
        p = p.rstrip("/")
        if path == p or path.startswith(p + "/") or p in ("", "."):
            return True
        parts = path.split("/", 2)
        if len(parts) == 3 and parts[0] == "translations":
            src = parts[2].removesuffix(".po")
            if src == p or src.startswith(p + "/"):
                return True
    return False
