"""An operating-system error (disk full, read-only disk, permission denied) as one finding.

The CLI turns any `OSError` that reaches it into this finding, so a failed write ends with
the path, what went wrong and what to do, never with a traceback. The MkDocs children of
`capdev build` die with a traceback of their own; `from_output` recovers their error.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from capdev.errors import Finding

_FULL = ("disk-full", "free some space on that disk (or choose a folder on another one), "
                      "then run the command again")
_READ_ONLY = ("read-only", "choose a writable folder (for the site: `--site-dir`), or remount "
                           "the disk read-write")
_DENIED = ("permission-denied", "give your user write access to that path (owner and mode of "
                                "the folder), or choose another folder")

KINDS: dict[int, tuple[str, str, str]] = {
    errno.ENOSPC: ("disk full", *_FULL),
    errno.EDQUOT: ("disk quota exceeded", *_FULL),
    errno.EROFS: ("read-only file system", *_READ_ONLY),
    errno.EACCES: ("permission denied", *_DENIED),
    errno.EPERM: ("operation not permitted", *_DENIED),
}

# what Python prints as the last line of a traceback ending in an OSError
_LAST_LINE = re.compile(r"^\w*(?:Error|Exception): \[Errno (\d+)\] ([^:\n]+)"
                        r"(?:: '([^'\n]*)'(?: -> '([^'\n]*)')?)?$", re.MULTILINE)


def finding(err: OSError) -> Finding:
    what, rule, hint = KINDS.get(err.errno or 0, (
        err.strerror or str(err), "os-error", "check the path and the disk, then run the command again"))
    where = " → ".join(_show(name) for name in (err.filename, err.filename2) if name)
    detail = f"[Errno {err.errno}] {err.strerror}" if err.errno else str(err)
    return Finding(where or "capdev", 0, rule, f"{what} ({detail})", hint)


def from_output(output: str) -> OSError | None:
    """The OSError a child process died of, read from its traceback (the last one wins)."""
    found = list(_LAST_LINE.finditer(output))
    if not found:
        return None
    code, strerror, filename, filename2 = found[-1].groups()
    return OSError(int(code), strerror, filename, None, filename2)


def _show(name: object) -> str:
    path = Path(os.fsdecode(name) if isinstance(name, (str, bytes)) else str(name))
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
