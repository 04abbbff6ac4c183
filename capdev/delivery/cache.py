"""Decks cached by content: an unchanged lesson costs an outline and a hash, not pandoc.

The key hashes what pandoc is given (the deck's Markdown and arguments) with the code and
files that shape the result (this package: template, stylesheet, reference-deck builder)
and the pandoc binary, so any change to one of them makes the deck again. One file per
deck under `.cache/slides/`; stale ones are left for `make clean`, like the PDF cache's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from capdev import atomic
from capdev.cache import digest, files_digest
from capdev.pdf import pandoc

FOLDER = Path(".cache") / "slides"


@cache
def _code() -> str:
    here = Path(__file__).parent
    files = [p for p in here.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return files_digest(files, pandoc.identity())


def get_or_make(root: Path, fmt: str, inputs: str, make: Callable[[], bytes]) -> bytes:
    """The deck for `inputs` (everything pandoc reads), from the cache or from `make`."""
    path = root / FOLDER / f"{digest(_code(), fmt, inputs)}.{fmt}"
    if path.is_file():
        return path.read_bytes()
    data = make()
    atomic.write_bytes(path, data)
    return data
