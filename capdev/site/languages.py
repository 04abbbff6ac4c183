"""The one place that starts a language's MkDocs build as a child process: `capdev build`
starts every language at once, the plugin (under `mkdocs build`/`serve`) the languages
other than the source one. The child reads the already staged tree (`CAPDEV_STAGED`)
and builds only its locale (`CAPDEV_LOCALE`, static-i18n's `build_only_locale`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def child_command(config_file: str, site_dir: str, strict: bool, dirty: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config_file, "-d", site_dir]
    return cmd + (["--strict"] if strict else []) + (["--dirty"] if dirty else [])


def start(config_file: str, site_dir: str, lang: str, stage_dir: Path, *, strict: bool,
          dirty: bool = False, capture: bool = False, cwd: Path | None = None,
          keep_fds: tuple[int, ...] = ()) -> subprocess.Popen[str]:
    """`capture`: the log comes back through `communicate()` instead of the terminal;
    `keep_fds`: file descriptors the child inherits (the build lock)."""
    env = {**os.environ, "CAPDEV_LOCALE": lang, "CAPDEV_STAGED": str(stage_dir),
           "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(child_command(config_file, site_dir, strict, dirty), env=env, cwd=cwd,
                            stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.STDOUT if capture else None, text=True,
                            pass_fds=keep_fds)
