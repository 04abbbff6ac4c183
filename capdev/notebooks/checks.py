"""Static checks of a committed notebook: what `capdev check` reports before any kernel runs."""

from __future__ import annotations

import ast
import json
import re
from functools import lru_cache
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.validator import ValidationError

from capdev.catalogs.pycode import LABELS_NAME, LABELS_TAG, LabelsError, read_labels
from capdev.errors import Finding

from .meta import CellFinding, data_files, json_line_of, kernel_name, rel, tags

CLEAR_HINT = "clear them before committing: `jupyter nbconvert --clear-output --inplace {path}`"


def check_notebook(path: Path, root: Path | None = None) -> list[Finding]:
    """Every problem in one notebook file; an unreadable notebook stops at `nb-invalid`."""
    shown = rel(path, root) if root else path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Finding(shown, 0, "nb-invalid", f"cannot read notebook: {exc}")]
    nb, findings = _parse(text, shown)
    if nb is None:
        return findings
    findings += _kernelspec(nb, text, shown)
    findings += _committed_outputs(nb, shown)
    findings += _missing_data(nb, path, text, shown)
    findings += _undeclared_data(nb, path, shown)
    findings += _labels(nb, shown)
    return findings


def _parse(text: str, shown: str) -> tuple[NotebookNode | None, list[Finding]]:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Finding(shown, exc.lineno, "nb-invalid", f"not JSON: {exc.msg}",
                              "the file must be a Jupyter notebook saved by Jupyter")]
    try:
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except Exception as exc:  # nbformat raises several types for non-notebook JSON
        return None, [Finding(shown, 1, "nb-invalid", f"not a notebook: {exc}")]
    if nb.get("nbformat") != 4:
        return None, [Finding(shown, 1, "nb-invalid", f"nbformat {nb.get('nbformat')} is not 4",
                              "open and save it in a current Jupyter")]
    return nb, _schema(nb, text, shown)


def _schema(nb: NotebookNode, text: str, shown: str) -> list[Finding]:
    findings: list[Finding] = []
    try:
        nbformat.validate(nb)
    except ValidationError as exc:
        findings.append(_schema_finding(exc, nb, shown))
    if nb.get("nbformat_minor", 0) < 5 or any(not c.get("id") for c in nb.cells):
        findings.append(Finding(shown, json_line_of(text, '"nbformat_minor"'), "nb-invalid",
                                "cells have no ids (nbformat 4.5 is required)",
                                "open and save it in JupyterLab ≥ 3 or Notebook ≥ 7"))
    return findings


def _schema_finding(exc: ValidationError, nb: NotebookNode, shown: str) -> Finding:
    where = list(getattr(exc, "absolute_path", None) or getattr(exc, "path", None) or [])
    hint = "open and save it in Jupyter, or fix the JSON by hand"
    if len(where) >= 2 and where[0] == "cells" and isinstance(where[1], int):
        cell = nb.cells[where[1]] if where[1] < len(nb.cells) else {}
        kind = cell.get("cell_type")
        message = (f"unknown cell_type '{kind}'" if kind not in ("markdown", "code", "raw")
                   else f"invalid {kind} cell: {_short(exc.message)}")
        return CellFinding(shown, where[1] + 1, "nb-invalid", message, hint)
    return Finding(shown, 1, "nb-invalid", f"invalid notebook: {_short(exc.message)}", hint)


def _short(text: object, limit: int = 120) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _kernelspec(nb: NotebookNode, text: str, shown: str) -> list[Finding]:
    name = kernel_name(nb)
    if not name:
        return [Finding(shown, json_line_of(text, '"metadata"') or 1, "nb-no-kernelspec",
                        "the notebook has no kernelspec",
                        "select the Python 3 (ipykernel) kernel in Jupyter and save")]
    if name not in installed_kernels():
        return [Finding(shown, json_line_of(text, '"kernelspec"'), "nb-no-kernelspec",
                        f"kernel '{name}' is not installed here",
                        f"use one of: {', '.join(sorted(installed_kernels()))}")]
    return []


def _committed_outputs(nb: NotebookNode, shown: str) -> list[Finding]:
    dirty = [i + 1 for i, c in enumerate(nb.cells)
             if c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count"))]
    if not dirty:
        return []
    cells = ", ".join(str(n) for n in dirty)
    return [CellFinding(shown, dirty[0], "nb-committed-outputs",
                        f"code cells carry outputs or execution counts (cells {cells})",
                        CLEAR_HINT.format(path=shown))]


def _missing_data(nb: NotebookNode, path: Path, text: str, shown: str) -> list[Finding]:
    line = json_line_of(text, '"data"') or 1
    return [Finding(shown, line, "nb-data-missing", f"declared data file '{d}' does not exist",
                    "paths in metadata.capdev.data are relative to the notebook")
            for d in data_files(nb) if not (path.parent / d).exists()]


STRING_LITERAL = re.compile(r"""(?<![A-Za-z0-9_])[rbRB]?(["'])([^"'\n]{1,200})\1""")


def _undeclared_data(nb: NotebookNode, path: Path, shown: str) -> list[Finding]:
    """A file the code names but `data:` does not declare escapes the cache key: stale outputs."""
    declared = [Path(d) for d in data_files(nb)]
    findings: list[Finding] = []
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        for _, literal in STRING_LITERAL.findall(cell.get("source", "")):
            name = Path(literal)
            if name.is_absolute() or not (path.parent / name).is_file():
                continue
            if not any(name == d or d in name.parents for d in declared):
                findings.append(CellFinding(
                    shown, i + 1, "nb-undeclared-data",
                    f"the code reads '{literal}', which metadata.capdev.data does not declare",
                    "declare it, so a change to the file re-runs the notebook", "warning"))
    return findings


LABELS_HINT = (f'one statement, `{LABELS_NAME} = {{"key": "English text", …}}`, whose values are '
               "string literals (or one level of {data value: label} dicts): see CONTENT-MODEL.md")


def _labels(nb: NotebookNode, shown: str) -> list[Finding]:
    """The labels cell reads as the catalogs read it, and every `L["key"]` the code uses is
    in it: a missing key would fail only when the notebook runs, in one language."""
    code = [(i, _cell_text(c)) for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"]
    cells = [(i, text) for i, text in code if LABELS_TAG in tags(nb.cells[i])]
    findings: list[Finding] = []
    known: set[str] | None = None
    if cells:
        first, text = cells[0]
        try:
            known = {lab.key for lab in read_labels(text)}
        except LabelsError as exc:
            findings.append(CellFinding(shown, first + 1, "nb-labels",
                                        f"line {exc.line} of the labels cell: {exc}", LABELS_HINT))
        if known is not None:
            known |= {k.split(".", 1)[0] for k in known if "." in k}
    for i, text in code:
        if cells and i == cells[0][0]:
            continue
        if any(i == other for other, _ in cells[1:]):
            findings.append(CellFinding(shown, i + 1, "nb-labels",
                                        "a second labels cell: a notebook has one",
                                        f"merge it into the labels cell (cell {cells[0][0] + 1})"))
            continue
        for key, line in _used_labels(text):
            if known is None and cells:
                break  # the labels cell is broken: reported above
            if known is None or key not in known:
                where = "the labels cell" if cells else f"a code cell tagged `{LABELS_TAG}`"
                findings.append(CellFinding(
                    shown, i + 1, "nb-labels", f"line {line}: label '{key}' is not in "
                    f"{'the labels cell' if cells else 'a labels cell: there is none'}",
                    f"add it to {where}, in English"))
            elif i < cells[0][0]:
                findings.append(CellFinding(shown, i + 1, "nb-labels",
                                            f"line {line}: label '{key}' is used before the "
                                            "labels cell runs", "move the labels cell up"))
    return findings


def _used_labels(text: str) -> list[tuple[str, int]]:
    """`L["key"]` and `L["group"]["value"]` with literal keys (keys as read_labels names them)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []  # IPython magics: not Python the checks can read
    out = []
    for node in ast.walk(tree):
        if (key := _label_key(node)) is not None:
            out.append((key, node.lineno))
        elif isinstance(node, ast.Subscript) and (group := _label_key(node.value)) is not None \
                and isinstance(node.slice, ast.Constant) and not isinstance(node.slice.value, bool) \
                and isinstance(node.slice.value, str | int):
            out.append((f"{group}.{node.slice.value}", node.lineno))
    return sorted(out, key=lambda kv: kv[1])


def _label_key(node: ast.AST) -> str | None:
    """`key` of an `L["key"]` expression, else None."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
            and node.value.id == LABELS_NAME and isinstance(node.slice, ast.Constant) \
            and isinstance(node.slice.value, str):
        return node.slice.value
    return None


def _cell_text(cell: NotebookNode) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


@lru_cache(maxsize=1)
def installed_kernels() -> frozenset[str]:
    from jupyter_client.kernelspec import KernelSpecManager

    return frozenset(KernelSpecManager().find_kernel_specs())



IMAGE_MIMES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")


def output_findings(nb: NotebookNode, shown: str) -> list[Finding]:
    """Warnings only an execution reveals: a figure without alt text (metadata.capdev.alt)."""
    findings: list[Finding] = []
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("capdev", {}) or {}
        has_image = any(m in out.get("data", {}) for out in cell.get("outputs", [])
                        for m in IMAGE_MIMES)
        if has_image and not (meta.get("alt") or meta.get("caption")):
            findings.append(CellFinding(
                shown, i + 1, "nb-image-no-alt", "the cell's image output has no alt text",
                'add "capdev": {"alt": "…"} to the cell metadata (or a "caption")', "warning"))
    return findings
