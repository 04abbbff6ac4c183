"""Writing a file whole or not at all: a temporary file beside it, then one rename.

The one writer of capdev's outputs and catalogs (`catalogs.po.atomic_write` for text, the
decks and packages for bytes): a reader never sees half a file, and a file whose bytes
would not change is left alone.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds it; True when it was written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
