"""Integrity checks a JSON Schema cannot express, run after the schema has passed."""

from __future__ import annotations

from typing import Any

from capdev.assessment.yamlsrc import JsonPath, Located
from capdev.errors import Finding

MIN_SELF_RATINGS = 2  # design note: at least 2 self-rating items per competence


class _Checker:
    def __init__(self, loc: Located, src: str, modules: list[str]):
        self.loc, self.src, self.modules = loc, src, modules
        self.findings: list[Finding] = []
        self.seen: dict[str, JsonPath] = {}

    def add(self, path: JsonPath, rule: str, message: str, hint: str = "",
            severity: str = "error") -> None:
        self.findings.append(Finding(self.src, self.loc.line(path), rule, message, hint, severity))

    def unique(self, ident: str, path: JsonPath) -> None:
        if ident in self.seen:
            first = self.loc.line(self.seen[ident])
            self.add(path, "fw-duplicate-id", f"id {ident!r} is already used (line {first})",
                     "ids are never reused: give this one a new number, deprecate the old")
        else:
            self.seen[ident] = path


def check_integrity(loc: Located, src: str, modules: list[str]) -> list[Finding]:
    """All integrity findings (errors and warnings) for a schema-valid framework."""
    ck = _Checker(loc, src, modules)
    data = loc.data
    ranks = _check_levels(ck, data)
    comp_ids: set[str] = set()
    for a, area in enumerate(data["areas"]):
        ck.unique(area["id"], ("areas", a, "id"))
        for c, comp in enumerate(area["competences"]):
            path = ("areas", a, "competences", c)
            comp_ids.add(comp["id"])
            _check_competence(ck, area["id"], comp, path, ranks)
    _check_scale(ck, data)
    _check_profiles(ck, data, comp_ids, ranks)
    _check_module_coverage(ck, data)
    return ck.findings


def _check_levels(ck: _Checker, data: dict[str, Any]) -> set[int]:
    ranks = [lv["rank"] for lv in data["levels"]]
    if ranks != list(range(1, len(ranks) + 1)):
        ck.add(("levels",), "fw-levels", f"level ranks must be 1..n in order, found {ranks}")
    for i, lv in enumerate(data["levels"]):
        ck.unique(f"level:{lv['id']}", ("levels", i, "id"))
    return set(ranks)


def _check_scale(ck: _Checker, data: dict[str, Any]) -> None:
    values = [p["value"] for p in data["scale"]["points"]]
    if values != list(range(len(values))):
        ck.add(("scale", "points"), "fw-scale", f"scale values must be 0..n in order, found {values}")
    if data["scale"]["met_at"] > max(values):
        ck.add(("scale", "met_at"), "fw-scale", "met_at is above the top of the scale")


def _check_competence(ck: _Checker, area_id: str, comp: dict[str, Any], path: JsonPath,
                      ranks: set[int]) -> None:
    cid = comp["id"]
    ck.unique(cid, (*path, "id"))
    if not cid.startswith(area_id + "."):
        ck.add((*path, "id"), "fw-id-prefix", f"competence {cid} is not under area {area_id}",
               f"competence ids start with their area id, e.g. {area_id}.C1")
    described = sorted(lv["rank"] for lv in comp["levels"])
    if described != sorted(ranks):
        ck.add((*path, "levels"), "fw-levels",
               f"{cid} describes levels {described}, the framework has {sorted(ranks)}",
               "give one behavioural 'You can…' descriptor per framework level")
    ratings = 0
    for i, item in enumerate(comp["items"]):
        ipath = (*path, "items", i)
        ck.unique(item["id"], (*ipath, "id"))
        if not item["id"].startswith(cid + "."):
            ck.add((*ipath, "id"), "fw-id-prefix", f"item {item['id']} is not under {cid}",
                   f"item ids start with their competence id, e.g. {cid}.i1")
        if item["type"] == "self_rating":
            ratings += 0 if item.get("deprecated") else 1
            if item["level"] not in ranks:
                ck.add((*ipath, "level"), "fw-unknown-level", f"{item['id']} targets level "
                       f"{item['level']}, which does not exist")
        else:
            _check_knowledge(ck, item, ipath)
    if ratings < MIN_SELF_RATINGS:
        ck.add((*path, "items"), "fw-too-few-items",
               f"{cid} has {ratings} active self-rating item(s); at least {MIN_SELF_RATINGS} are needed",
               "add 'I can…' items, ideally one per level")
    if not any(it["type"] == "knowledge_check" for it in comp["items"]):
        ck.add((*path, "items"), "fw-no-check", f"{cid} has no knowledge check",
               "one check per competence lets the report flag optimistic self-ratings",
               "warning")
    _check_mapping(ck, comp, path, ranks)


def _check_knowledge(ck: _Checker, item: dict[str, Any], ipath: JsonPath) -> None:
    opt_ids = [o["id"] for o in item["options"]]
    if len(set(opt_ids)) != len(opt_ids):
        ck.add((*ipath, "options"), "fw-duplicate-id", f"{item['id']} repeats an option id")
    if item["answer"] not in opt_ids:
        ck.add((*ipath, "answer"), "fw-answer-key",
               f"{item['id']}: answer {item['answer']!r} is not one of the options {opt_ids}")


def _check_mapping(ck: _Checker, comp: dict[str, Any], path: JsonPath, ranks: set[int]) -> None:
    if not comp["modules"]:
        ck.add((*path, "modules"), "fw-unmapped", f"{comp['id']} is addressed by no module",
               "map it to at least one module so gaps lead to a recommendation", "warning")
    for m, mapping in enumerate(comp["modules"]):
        mpath = (*path, "modules", m)
        if ck.modules and mapping["module"] not in ck.modules:
            ck.add((*mpath, "module"), "fw-unknown-module",
                   f"module {mapping['module']!r} is not in the course",
                   "use a module folder name listed in course.yml")
        bad = sorted(set(mapping["addresses_levels"]) - ranks)
        if bad:
            ck.add((*mpath, "addresses_levels"), "fw-unknown-level",
                   f"{comp['id']} → {mapping['module']}: unknown level(s) {bad}")


def _check_profiles(ck: _Checker, data: dict[str, Any], comp_ids: set[str],
                    ranks: set[int]) -> None:
    for p, prof in enumerate(data["profiles"]):
        ck.unique(f"profile:{prof['id']}", ("profiles", p, "id"))
        for cid, target in prof["targets"].items():
            tpath = ("profiles", p, "targets", cid)
            if cid not in comp_ids:
                ck.add(tpath, "fw-unknown-competence", f"profile {prof['id']} targets unknown "
                       f"competence {cid}")
            if target not in ranks:
                ck.add(tpath, "fw-unknown-level", f"profile {prof['id']}: target {target} for "
                       f"{cid} is not a level")


def _check_module_coverage(ck: _Checker, data: dict[str, Any]) -> None:
    mapped = {m["module"] for a in data["areas"] for c in a["competences"] for m in c["modules"]}
    for mod in ck.modules:
        if mod not in mapped:
            ck.add(("areas",), "fw-unmapped-module", f"module {mod} addresses no competence",
                   "add it to the modules of the competences it teaches", "warning")
