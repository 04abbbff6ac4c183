"""Run the pandoc binary shipped by pypandoc-binary, always with `--sandbox`.

We talk to pandoc through its JSON AST: Markdown is read once per file, checked and
rewritten in Python (resource paths, alt text, metadata), then written to each format.
The sandbox keeps pandoc from reading anything but the files named on the command line
(bibliography, template, reference document, Lua filter); images reach the DOCX writer as
data URIs that Python read after checking their paths.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from capdev.errors import CapdevError, Finding

# Pandoc Markdown minus the extensions that would let a note reach outside pandoc's
# sandbox or our layout rules (raw TeX; inline notes are fine but unused).
READER = "markdown-raw_tex"


@cache
def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def identity() -> str:
    """The pandoc binary, for cache keys, without starting it: path, size and mtime."""
    path = Path(pandoc_path())
    st = path.stat()
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def run(args: list[str], stdin: bytes, where: str) -> bytes:
    """Run pandoc; its complaints become a finding on `where`, never a traceback."""
    return run_with_warnings(args, stdin, where)[0]


def run_with_warnings(args: list[str], stdin: bytes, where: str) -> tuple[bytes, list[str]]:
    """Output and pandoc's `[WARNING]` lines (e.g. citeproc's unknown citation keys)."""
    proc = subprocess.run([pandoc_path(), "--sandbox", *args], input=stdin,
                          capture_output=True)
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0:
        raise CapdevError(Finding(where, 0, "pdf-pandoc",
                                  f"pandoc failed: {err[-1] if err else proc.returncode}",
                                  "check the Markdown and the bibliography syntax"))
    return proc.stdout, [line for line in err if line.startswith("[WARNING]")]


def read_markdown(text: str, where: str, shift: int = 0) -> dict[str, Any]:
    args = ["-f", READER, "-t", "json"]
    if shift:
        args.append(f"--shift-heading-level-by={shift}")
    return json.loads(run(args, text.encode("utf-8"), where))


def write(ast: dict[str, Any], to: str, where: str, extra: list[str] | None = None,
          citeproc: bool = False) -> bytes:
    """Write an AST to `to` (citations are normally resolved already: see prepare)."""
    args = ["-f", "json", "-t", to, "--wrap=none", *(extra or [])]
    if citeproc:
        args.append("--citeproc")
    if to == "docx":
        args += ["-o", "-"]
    return run(args, json.dumps(ast).encode("utf-8"), where)


def data_file(name: str) -> bytes:
    return subprocess.run([pandoc_path(), "--print-default-data-file", name],
                          capture_output=True, check=True).stdout


def meta_string(value: str) -> dict[str, Any]:
    return {"t": "MetaString", "c": value}


def meta_bool(value: bool) -> dict[str, Any]:
    return {"t": "MetaBool", "c": value}


def meta_text(value: Any) -> str:
    """The string inside a MetaString (how the Lua filter hands back the typst body)."""
    if isinstance(value, dict) and value.get("t") == "MetaString":
        return str(value["c"])
    return ""
