from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def capdev(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    """Run the real CLI, as a user would."""
    proc = subprocess.run([sys.executable, "-m", "capdev", *args], cwd=cwd, text=True,
                          capture_output=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"capdev {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the small fixture project."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", dest, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest
