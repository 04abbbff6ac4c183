"""Compile typst source to a tagged PDF with the `typst` Python package.

Fonts: typst's embedded Libertinus Serif (text) and DejaVu Sans from matplotlib's
bundled font folder (headings, cover) — both pip-installed, full Latin-1 and Latin
Extended-A, so Spanish glyphs are always there. System fonts are ignored, so a PDF never
depends on what happens to be installed on the machine. One compiler (and one font scan)
per thread.

Typst code can read any file under its root (`read`, `image`, `json`…). The root of each
compile is a fresh temporary folder that holds copies of the document's checked figures
and nothing else: not the project, its configuration or its other notes.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path

import typst

from capdev.errors import CapdevError, Finding

PDF_STANDARDS = ["ua-1"]


def font_dirs() -> list[str]:
    """matplotlib's bundled DejaVu fonts, located without importing matplotlib (and numpy):
    the import cost more than a typst compile."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return []
    return [str(Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf")]


@cache
def _fonts() -> typst.Fonts:
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=font_dirs())


_local = threading.local()


def _compiler() -> typst.Compiler:
    """One compiler per thread: a compiler object is not safe to share between threads,
    and reusing it keeps typst's memoized layout work across notes. Each compile names
    its own root (typst re-reads files whose content changed)."""
    if not hasattr(_local, "compiler"):
        _local.compiler = typst.Compiler(font_paths=_fonts(), ignore_system_fonts=True)
    return _local.compiler


def fill_sandbox(folder: Path, files: dict[str, Path]) -> None:
    """Each file at its typst path ("/policy_notes/x/fig.svg") under `folder`: a hard link
    (no copy) where the file system allows one, else a copy."""
    for virtual, path in files.items():
        target = folder / virtual.lstrip("/")
        if not target.resolve().is_relative_to(folder.resolve()):
            continue  # "/.." cannot leave the root; this only guards against a bug
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


def compile_pdf(source: str, files: dict[str, Path], where: str,
                timestamp: int | None = None) -> bytes:
    """PDF bytes, or a finding naming the note (typst diagnostics are about our output).
    `files` (typst path → file) is all typst can read: see the module docstring."""
    with tempfile.TemporaryDirectory(prefix="capdev-typst-") as tmp:
        sandbox = Path(tmp)
        fill_sandbox(sandbox, files)
        try:
            pdf = _compiler().compile(input=source.encode("utf-8"), format="pdf",
                                      pdf_standards=PDF_STANDARDS, timestamp=timestamp,
                                      root=str(sandbox))
        except typst.TypstError as exc:
            raise CapdevError(_finding(exc, where)) from None
    assert isinstance(pdf, bytes)
    return drop_false_suspects(pdf)


# typst writes the catalog's `/MarkInfo << /Marked true /Suspects false >>` uncompressed.
# `/Suspects false` is valid PDF (and the default), but poppler up to at least 22.12
# reports "Syntax Error: Suspects object is wrong type (boolean)" for any /Suspects that
# is not `true`, on every PDF we write. Dropping the key says the same thing.
_SUSPECTS_FALSE = re.compile(rb"(/MarkInfo\s*<<\s*/Marked\s+true\s*)(/Suspects\s+false)")


def drop_false_suspects(pdf: bytes) -> bytes:
    """Blank out `/Suspects false` with as many spaces, so every byte offset in the
    cross-reference table stays right (no rewrite of the file, e.g. by pypdf, needed)."""
    return _SUSPECTS_FALSE.sub(lambda m: m.group(1) + b" " * len(m.group(2)), pdf, count=1)


def _finding(exc: typst.TypstError, where: str) -> Finding:
    message = str(getattr(exc, "message", exc)).strip().splitlines()[0]
    if "alt text" in message:
        return Finding(where, 0, "pdf-missing-alt", message,
                       "every figure needs alternative text: ![Caption](file.svg)")
    hints = "; ".join(getattr(exc, "hints", []) or [])
    return Finding(where, 0, "pdf-typst", f"typst: {message}",
                   hints or "check figures, tables and special characters in the note")


_IMAGE = re.compile(r'image\("((?:[^"\\]|\\.)*)"')


def typst_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def add_alt_text(source: str, alts: dict[str, str]) -> str:
    """Pandoc's typst writer drops alt text; put it back so PDF/UA accepts the figures."""
    def repl(match: re.Match[str]) -> str:
        alt = alts.get(match.group(1).replace('\\"', '"'))
        return match.group(0) + (f", alt: {typst_string(alt)}" if alt else "")

    return _IMAGE.sub(repl, source)
