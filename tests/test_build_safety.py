"""`capdev build` never deletes what it did not create, runs one at a time, replaces the live
site in one rename, and reports OS errors on output as findings (issue #20, items 1 and 6)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import capdev

MARKER = ".capdev-site"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder below `folder`, with a digest of each file's bytes."""
    return {p.relative_to(folder).as_posix():
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def refused(proc: subprocess.CompletedProcess, rule: str) -> str:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"[{rule}]" in proc.stderr
    return proc.stderr


def valid_zip(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        return zf.namelist()


# -- the output folder -----------------------------------------------------------------------
@pytest.mark.parametrize("site_dir", [".", "docs", "translations", ".git", "courses/demo", ".."])
def test_output_in_the_sources_is_refused_and_nothing_is_touched(project: Path, site_dir: str):
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = snapshot(project.parent)
    err = refused(capdev("build", "--site-dir", site_dir, cwd=project), "site-dir-sources")
    assert "would delete" in err
    assert snapshot(project.parent) == before


@pytest.mark.parametrize("site_dir", ["courses", "translations", "policy_notes"])
def test_plain_mkdocs_build_refuses_the_sources_too(project: Path, site_dir: str):
    before = snapshot(project)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", site_dir], cwd=project,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "[site-dir-sources]" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(project) == before


def test_force_does_not_unlock_the_sources(project: Path):
    before = snapshot(project)
    refused(capdev("build", "--site-dir", "docs", "--force", cwd=project), "site-dir-sources")
    assert snapshot(project) == before


def test_foreign_folder_needs_force_then_is_ours(project: Path, tmp_path: Path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "notes.txt").write_text("someone's file\n")
    err = refused(capdev("build", "--site-dir", str(www), cwd=project), "site-dir-not-empty")
    assert "--force" in err
    assert (www / "notes.txt").read_text() == "someone's file\n"
    assert not (tmp_path / "www.capdev-build").exists()
    capdev("build", "--site-dir", str(www), "--force", cwd=project, check=True)
    assert (www / "index.html").is_file() and (www / MARKER).is_file()
    assert not (www / "notes.txt").exists()
    # capdev made it now: a rebuild needs no --force
    capdev("build", "--site-dir", str(www), cwd=project, check=True)
    assert (www / "es" / "index.html").is_file()


def test_rebuild_keeps_others_folders_and_the_zip_has_no_marker(project: Path):
    # `site.old` and `site.tmp` were rmtree'd whatever they held before the fix
    for name in ("site.old", "site.tmp"):
        (project / name).mkdir()
        (project / name / "keep.txt").write_text(name)
    capdev("build", cwd=project, check=True)
    site = project / "site"
    assert (site / MARKER).is_file()
    (site / MARKER).unlink()  # a site built before the marker existed is still capdev's
    capdev("build", cwd=project, check=True)
    assert (site / "index.html").is_file() and (site / MARKER).is_file()
    names = valid_zip(site / "downloads" / "demo-offline.zip")
    assert "demo/index.html" in names and "demo/es/index.html" in names
    assert not [n for n in names if MARKER in n or n.endswith(".part")]
    for name in ("site.old", "site.tmp"):
        assert (project / name / "keep.txt").read_text() == name
    assert not (project / "site.capdev-build").exists()


def test_foreign_folder_in_the_work_place_is_left_alone(project: Path):
    capdev("build", cwd=project, check=True)
    before = snapshot(project / "site")
    work = project / "site.capdev-build"
    work.mkdir()
    (work / "mine.txt").write_text("not capdev's")
    refused(capdev("build", cwd=project), "site-dir-leftover")
    assert (work / "mine.txt").read_text() == "not capdev's"
    assert snapshot(project / "site") == before


# -- one build at a time ---------------------------------------------------------------------
def test_second_build_is_refused_while_the_lock_is_held(project: Path):
    lock = project / ".cache" / "build.lock"
    lock.parent.mkdir()
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write(f"{os.getpid()}\n")
        held.flush()
        err = refused(capdev("build", cwd=project), "build-running")
    assert f"PID {os.getpid()}" in err
    assert not (project / "site").exists()


def test_two_builds_at_once_leave_one_complete_site(project: Path):
    cmd = [sys.executable, "-m", "capdev", "build"]
    procs = [subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    for code, err in results:
        assert "Traceback" not in err
        assert code == 0 or (code == 1 and "[build-running]" in err), err
    assert 0 in [code for code, _ in results]
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "es" / "index.html").is_file()
    valid_zip(site / "downloads" / "demo-offline.zip")


# -- a killed build --------------------------------------------------------------------------
def _downloads(project: Path) -> set[tuple[str, int, int, int]]:
    """Every file under a `downloads/` folder next to or in the site, with its identity."""
    found = set()
    try:
        for path in project.glob("site*/**/downloads/*"):
            st = path.stat()
            found.add((str(path), st.st_ino, st.st_mtime_ns, st.st_size))
    except OSError:  # a folder renamed or deleted while we look
        pass
    return found


def test_sigkill_while_zipping_leaves_the_live_site_and_zip_intact(project: Path):
    # 8 MB that does not compress, copied into both languages: zipping takes a while
    (project / "docs" / "big.bin").write_bytes(os.urandom(8_000_000))
    capdev("build", cwd=project, check=True)
    site = project / "site"
    live_zip = site / "downloads" / "demo-offline.zip"
    zip_bytes, index = live_zip.read_bytes(), (site / "index.html").read_text()
    before = _downloads(project)
    proc = subprocess.Popen([sys.executable, "-m", "capdev", "build", "--rebuild"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while _downloads(project) == before:  # the zip is being written, somewhere
        assert proc.poll() is None and time.monotonic() < deadline, "never saw the zip written"
        time.sleep(0.002)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert live_zip.read_bytes() == zip_bytes
    valid_zip(live_zip)
    assert (site / "index.html").read_text() == index
    # the next build cleans up after the killed one
    capdev("build", cwd=project, check=True)
    valid_zip(live_zip)
    assert not (project / "site.capdev-build").exists()


# -- OS errors on output ---------------------------------------------------------------------
@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str, str], Path]]:
    """Mount a small tmpfs (as root, chmod does not stop writes); skip where not permitted."""
    points: list[Path] = []

    def mount(name: str, size: str = "16m") -> Path:
        point = tmp_path / name
        point.mkdir()
        if not shutil.which("mount"):
            pytest.skip("no mount command")
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if proc.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
        points.append(point)
        return point

    yield mount
    for point in points:
        subprocess.run(["umount", "-l", str(point)], check=False)


def read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)


def test_read_only_output_parent_is_one_finding(project: Path, tmpfs):
    disk = tmpfs("ro")
    read_only(disk)
    err = refused(capdev("build", "--site-dir", str(disk / "site"), cwd=project), "read-only")
    assert str(disk) in err and "read-only file system" in err


def test_full_disk_is_one_finding_and_frees_what_it_wrote(project: Path, tmpfs):
    disk = tmpfs("full", "64k")
    err = refused(capdev("build", "--site-dir", str(disk / "site"), cwd=project), "disk-full")
    assert "disk full" in err and str(disk) in err
    assert list(disk.iterdir()) == []


def test_i18n_update_on_a_read_only_disk_is_one_finding(tmpfs):
    disk = tmpfs("project-disk")
    project = disk / "project"
    shutil.copytree(Path(__file__).parent / "fixtures" / "project", project,
                    ignore=shutil.ignore_patterns("site", ".cache"))
    capdev("i18n", "update", cwd=project, check=True)  # caches written while writable
    with (project / "docs" / "index.md").open("a") as page:
        page.write("\nA new paragraph for translators.\n")
    assert capdev("i18n", "update", "--check", cwd=project).returncode == 1  # caches the edit
    read_only(disk)
    err = refused(capdev("i18n", "update", cwd=project), "read-only")
    assert "translations/es/docs/" in err
