"""Text left from the `capdev new` templates, which must not be published.

The placeholder texts are the templates' own (`scaffold/placeholders.py`); a page's text
segments (`catalogs/extract.py`, as its catalog sees them) are compared with them, so a
placeholder is found wherever the author left it: front matter, body, knowledge check,
notebook cell or metadata, course.yml.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import yaml

from capdev.checks.context import ProjectFacts
from capdev.checks.registry import hit, rule
from capdev.errors import Finding

RULE = "template-placeholder"
_EMPTY_KINDS = ("lesson", "module")  # the pages whose templates leave `competences: []`


@rule(RULE, "warning",
      "text left from the `capdev new` templates (placeholder summary, sample knowledge check, "
      "instructions, empty competences): replace it before publishing", "project")
def template_placeholder(pf: ProjectFacts) -> Iterator[Finding]:
    if pf.project is None:
        return
    from capdev.scaffold.placeholders import version

    name = f"{RULE}:{version()}"
    files = [(p.src, p.rel, p.kind) for p in pf.project.all_pages()]
    files += [(c.dir / "course.yml", f"{c.rel}/course.yml", "course") for c in pf.project.courses]
    for path, rel, kind in files:
        for d in pf.derived(path, name, _finder(rel, path.suffix, kind)) or []:
            yield _load(d)


def _load(d: dict) -> Finding:
    if d.pop("cell", False):
        from capdev.notebooks.meta import CellFinding

        return CellFinding(**d)
    return Finding(**d)


def _finder(rel: str, suffix: str, kind: str) -> Callable[[str], list[dict]]:
    def make(text: str) -> list[dict]:
        found = list(_placeholders(text, rel, suffix))
        if kind in _EMPTY_KINDS:
            found += _empty_keys(text, rel, suffix, kind)
        # metadata findings are at JSON lines, cell findings at cells: sorted as data
        return sorted(({**f.to_dict(), "cell": f.at_cell} for f in found),
                      key=lambda d: (d["cell"], d["line"], d["message"]))

    return make


def _placeholders(text: str, rel: str, suffix: str) -> Iterator[Finding]:
    from capdev.catalogs.extract import load_source
    from capdev.scaffold.placeholders import normal, placeholders

    known = placeholders()
    source = load_source(text, suffix)
    if source.kind == "ipynb":
        runs = [(seg, _json_line(text, seg.msgid), False) for seg in source.meta_segments]
        runs += [(seg, c.index + 1, True) for c in source.cells for seg in c.segments]
    else:
        runs = [(seg, seg.line, False) for seg in source.segments]
    in_sample_quiz = False
    for seg, line, at_cell in runs:
        ph = known.get(normal(seg.msgid))
        if seg.kind == "quiz question":
            in_sample_quiz = ph is not None
        elif seg.kind.startswith("quiz") and in_sample_quiz:
            continue  # the sample check is one finding, at its question
        if ph is not None:
            yield _finding(rel, line, at_cell, _message(ph, seg.kind), _hint(ph, seg.kind))


def _finding(rel: str, line: int, at_cell: bool, message: str, hint: str) -> Finding:
    if at_cell:
        from capdev.notebooks.meta import CellFinding

        return CellFinding(rel, line, RULE, message, hint, "warning")
    return hit(RULE, rel, line, message, hint)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _message(ph, seg_kind: str) -> str:
    if seg_kind == "quiz question":
        return f"the sample knowledge check of the {ph.template} template (“{_short(ph.text)}”)"
    if ph.kind == "quiz":
        return f"text of the {ph.template} template's sample knowledge check: “{_short(ph.text)}”"
    if ph.kind != "text":
        return f"`{ph.kind}` is still the {ph.template} template's placeholder: “{_short(ph.text)}”"
    return f"placeholder text from the {ph.template} template: “{_short(ph.text)}”"


def _hint(ph, seg_kind: str) -> str:
    if ph.kind == "quiz":
        return "write a question on this page's own content, or delete the /// quiz block"
    if ph.kind != "text":
        return f"write this page's own {ph.kind.replace('_', ' ')}"
    return "replace it with this page's own text, or delete it"


def _empty_keys(text: str, rel: str, suffix: str, kind: str) -> list[Finding]:
    from capdev.scaffold.placeholders import empty_keys

    out = []
    for key in sorted(empty_keys()):
        line = _empty_line(text, suffix, key)
        if line:
            out.append(hit(RULE, rel, line, f"`{key}` is empty, as the {kind} template left it",
                           f"list the ids of the framework's {key} this {kind} develops, e.g. "
                           f"[A1.C1] (or delete the key when the course has no competence "
                           f"framework)"))
    return out


def _empty_line(text: str, suffix: str, key: str) -> int:
    """The line of `key: []` in a page's front matter (notebook: metadata.capdev), else 0."""
    if suffix == ".ipynb":
        try:
            meta = json.loads(text).get("metadata", {}).get("capdev", {})
        except (ValueError, AttributeError):
            return 0
        if isinstance(meta, dict) and meta.get(key) == []:
            return _json_line(text, key, quote=True) or 1
        return 0
    from capdev.sources.frontmatter import split

    front, first, _ = split(text)
    if front is None:
        return 0
    try:
        node = yaml.compose(front)
    except yaml.YAMLError:
        return 0  # the schema rule reports it
    for k, v in node.value if isinstance(node, yaml.MappingNode) else []:
        if k.value == key and isinstance(v, yaml.SequenceNode) and not v.value:
            return first + k.start_mark.line
    return 0


def _json_line(text: str, value: str, quote: bool = False) -> int:
    """The line of a string in a notebook's raw JSON (as nbformat writes it), else 0."""
    from capdev.notebooks.meta import json_line_of

    needle = json.dumps(value, ensure_ascii=False)
    return json_line_of(text, needle + ":" if quote else needle) or json_line_of(
        text, json.dumps(value)) or 0

