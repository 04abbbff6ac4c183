"""One build at a time: an exclusive `flock` on a file under the project's `.cache/`.

The kernel drops a flock when the last descriptor of it closes, so a build killed with
SIGKILL never leaves a stale lock behind; children given the descriptor (`pass_fds`) keep
the lock until they exit too, so a second build cannot start while orphans still write.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from capdev.errors import CapdevError, Finding

try:
    import fcntl
except ImportError:  # not POSIX: no lock, as before
    fcntl = None  # type: ignore[assignment]

WAIT = 2.0  # seconds: a build finishing right now releases the lock without a failure


@contextmanager
def hold(path: Path, shown: str, wait: float = WAIT) -> Iterator[int]:
    """Hold the lock at `path` (named `shown` in findings); yields its descriptor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, shown, time.monotonic() + wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)  # for the message of the next build
        yield fd
    finally:
        os.close(fd)


def _acquire(fd: int, shown: str, deadline: float) -> None:
    if fcntl is None:
        return
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise CapdevError(_busy(fd, shown)) from None
            time.sleep(0.1)


def _busy(fd: int, shown: str) -> Finding:
    pid = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
    hint = "wait for it to finish, then build again"
    if pid.isdigit():
        hint += f"; if it hangs, stop it (kill {pid})"
    return Finding(shown, 0, "build-running",
                   f"another capdev build of this project is running (PID {pid})", hint)
