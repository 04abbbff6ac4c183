"""Symbolic links in the source folders: none may lead out of the project.

A link is followed by everything that reads sources (discovery, catalogs, the copy of
images and data into the site), so `docs/x.txt -> /etc/passwd` would publish that file
in site/ and the offline zip. Before anything reads a source, `unsafe_links` refuses:

- `symlink-outside`: a link whose target (resolved through every link) is outside the
  project root, dangling or not;
- `symlink-loop`: a link that never resolves (a → b → a), or a folder link to a folder
  that contains it (following it would never end).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from capdev.config import SOURCE_FOLDERS
from capdev.errors import Finding

OUTSIDE_HINT = ("copy the file into the project instead: a link out of the project would "
                "publish a file of this computer")
LOOP_HINT = "remove the link, or point it at a file"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _check(root: str, link: str) -> Finding | None:
    rel = link[len(root) + 1:].replace(os.sep, "/")
    try:
        real = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Finding(rel, 0, "symlink-loop", "symbolic link loop: it never resolves",
                           LOOP_HINT)
        real = os.path.realpath(link)  # dangling: where it would lead
    if not _inside(real, root):
        return Finding(rel, 0, "symlink-outside",
                       f"symbolic link to `{os.readlink(link)}`, outside the project",
                       OUTSIDE_HINT)
    if os.path.isdir(real) and _inside(os.path.dirname(link), real):
        return Finding(rel, 0, "symlink-loop", "symbolic link to a folder that contains it",
                       LOOP_HINT)
    return None


def _links(folder: str) -> list[str]:
    """Every symbolic link under `folder`, without following any (scandir: no extra stat)."""
    found, todo = [], [folder]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:
            continue  # unreadable folder: nothing can be read through it either
        for entry in entries:
            if entry.is_symlink():
                found.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                todo.append(entry.path)
    return found


def unsafe_links(root: Path, folders: tuple[str, ...] = SOURCE_FOLDERS) -> list[Finding]:
    """A finding for every link in the source folders that leaves the project or loops."""
    top = str(root.resolve())
    findings = []
    for name in folders:
        base = os.path.join(top, name)
        if os.path.islink(base) and (refused := _check(top, base)):
            findings.append(refused)
            continue
        findings += [f for link in _links(base) if (f := _check(top, link))]
    return sorted(findings)
