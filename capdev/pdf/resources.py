"""Resource checks: every file a note pulls in must sit inside its folder or the project.

Pandoc runs with `--sandbox`, and typst with a sandbox folder as its root that holds only
the checked figures (`typst_compile.compile_pdf`), so neither can read anything else; these
checks turn what would be an obscure tool error (or a silent hole in the
PDF) into a finding with the Markdown line, before any tool runs.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from capdev.errors import Finding
from capdev.pdf import ast
from capdev.pdf.source import Part, rel

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".svg"}
# Raw typst, LaTeX, HTML… is checked by `rawcheck`.


@dataclass(frozen=True)
class Resource:
    src: str  # as written in the Markdown
    path: Path  # resolved file
    alt: str


def line_of(part: Part, needle: str) -> int:
    """1-based line where `needle` is used as a link target (`](needle`), else where it
    first occurs in the part's text; 0 if absent."""
    lines = part.text.splitlines()
    for pattern in ("](" + needle, "<" + needle, needle):
        for number, line in enumerate(lines, start=1):
            if needle and pattern in line:
                return number
    return 0


def resolve(root: Path, folder: Path, target: str) -> Path | None:
    """The file `target` names, if it stays inside the folder or the project; else None."""
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or target.startswith("/"):
        return None
    path = (folder / unquote(parsed.path)).resolve()
    for base in (folder.resolve(), root.resolve()):
        if path.is_relative_to(base):
            return path
    return None


def check_path(root: Path, part: Part, target: str, what: str) -> tuple[Path | None, Finding | None]:
    where, line = rel(root, part.path), line_of(part, target)
    parsed = urlparse(target)
    if parsed.scheme in ("http", "https", "ftp", "file", "data") or parsed.netloc:
        return None, Finding(where, line, "pdf-remote-resource",
                             f"{what} '{target}' is not a local file",
                             "nothing is fetched at build time: download the file into the "
                             "note's folder and link it by a relative path")
    path = resolve(root, part.path.parent, target)
    if path is None:
        return None, Finding(where, line, "pdf-path-outside",
                             f"{what} '{target}' resolves outside the note's folder and "
                             "the project", "use a relative path to a file inside the project")
    if not path.is_file():
        return None, Finding(where, line, "pdf-missing-resource",
                             f"{what} '{target}' not found", "check the file name and folder")
    return path, None


def check_images(root: Path, part: Part, tree: dict) -> tuple[list[Resource], list[Finding]]:
    found: list[Resource] = []
    findings: list[Finding] = []
    for node in ast.images(tree):
        src = node["c"][2][0]
        path, problem = check_path(root, part, src, "image")
        if problem:
            findings.append(problem)
            continue
        assert path is not None
        alt = ast.stringify(node["c"][1])
        if path.suffix.lower() not in IMAGE_TYPES:
            findings.append(Finding(rel(root, part.path), line_of(part, src), "pdf-image-type",
                                    f"image '{src}' is not PNG, JPEG, GIF or SVG",
                                    "export the figure as SVG or PNG"))
        elif not alt:
            findings.append(Finding(rel(root, part.path), line_of(part, src), "pdf-missing-alt",
                                    f"image '{src}' has no alternative text",
                                    "write the caption in the brackets: ![Caption](file.svg) — "
                                    "the accessible PDF needs it"))
        found.append(Resource(src, path, alt))
    return found, findings


def data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

