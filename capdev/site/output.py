"""Where `capdev build` may write, and the one rename that replaces the live site.

A build writes only into folders it created: the output folder and, next to it, a work
folder (`<site>.capdev-build/`) that holds this build's trees and, after the swap, the
previous site until it is deleted. Each carries a marker file, `.capdev-site`. The marker
lives inside the folder rather than in `.cache/` because it must travel with it: a site
moved elsewhere, a `--site-dir` outside the project or a deleted `.cache/` must not make
capdev forget what it owns. MkDocs' clean step keeps dot-files, the sitemap lists pages
only, and the offline zip leaves the marker out. A site built before the marker existed,
or by plain `mkdocs build`, is recognised by capdev's theme assets.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

import yaml

from capdev.errors import CapdevError, Finding

MARKER = ".capdev-site"
LEGACY = ("index.html", "assets/capdev/capdev.js")  # what every capdev-built site holds
SOURCE_FOLDERS = {  # discovery reads `docs/` whatever mkdocs.yml's docs_dir says
    "docs": "the site pages", "courses": "the courses", "policy_notes": "the policy notes",
    "publications": "the publications", "forms": "the forms", "translations": "the translation catalogs",
    ".git": "the Git repository", ".cache": "capdev's cache",
}
SOURCES_HINT = ("choose a folder outside the project's sources: the default `{default}`, or a "
                "new folder such as `{option} /tmp/preview`")


def check(root: Path, site: Path, force: bool, option: str = "--site-dir",
          default: str = "site/") -> None:
    """Refuse an output folder whose replacement would delete sources or someone's files.
    `option` and `default`: how the command names the folder, for the hints (`capdev
    slides` checks its `-o` folder here too)."""
    shown = _show(site, root)
    hint = SOURCES_HINT.format(option=option, default=default)
    if site == root or root.is_relative_to(site):
        how = "is" if site == root else "contains"
        raise CapdevError(Finding(shown, 0, "site-dir-sources",
                                  f"the output folder {how} the project itself: building there "
                                  "would delete its sources and history", hint))
    for folder, what in protected(root).items():
        if how := _overlap(site, folder):
            raise CapdevError(Finding(
                shown, 0, "site-dir-sources",
                f"the output folder {how} {_show(folder, root)}/ ({what}): building there "
                "would delete sources", hint))
    if site.exists() and not site.is_dir():
        raise CapdevError(Finding(shown, 0, "site-dir-not-folder", "the output path is a file",
                                  f"choose a folder for `{option}`"))
    if site.is_dir() and not force and not owned(site) and any(site.iterdir()):
        raise CapdevError(Finding(
            shown, 0, "site-dir-not-empty",
            "the output folder is not empty and was not created by capdev: building would "
            "replace everything in it",
            "choose a new or empty folder, or pass `--force` to replace its contents"))


def protected(root: Path) -> dict[Path, str]:
    """Every folder the project reads sources from (they may not exist yet: still reserved)."""
    folders = {(root / name).resolve(): what for name, what in SOURCE_FOLDERS.items()}
    config = _mkdocs(root)
    if docs := _scalar(config, "docs_dir"):
        folders[(root / docs).resolve()] = "docs_dir of mkdocs.yml"
    if theme := _scalar(config, "theme", "custom_dir"):
        folders[(root / theme).resolve()] = "the theme's custom_dir"
    return folders


def _mkdocs(root: Path) -> yaml.Node | None:
    """mkdocs.yml as YAML nodes: composing evaluates none of MkDocs' tags (`!ENV`, …)."""
    try:
        return yaml.compose((root / "mkdocs.yml").read_text("utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # the build reports a bad file
        return None


def _scalar(node: yaml.Node | None, *keys: str) -> str:
    """The text at `keys` (nested mappings), or "" when absent or not text."""
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return ""
        node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return str(node.value) if isinstance(node, yaml.ScalarNode) and node.value else ""


def _overlap(site: Path, folder: Path) -> str:
    if site == folder:
        return "is"
    if folder.is_relative_to(site):
        return "contains"
    return "lies inside" if site.is_relative_to(folder) else ""


def owned(folder: Path) -> bool:
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in LEGACY)


def mark(folder: Path, how: str = "`capdev build`, which replaces this folder at each "
                                   "build") -> None:
    (folder / MARKER).write_text(f"Written by {how}.\n", "utf-8")


def workspace(site: Path) -> Path:
    """A fresh, marked folder next to the site (same disk: the swap is a rename)."""
    work = site.parent / f"{site.name}.capdev-build"
    discard(work)  # left by a build that was killed
    work.mkdir(parents=True)
    mark(work)
    return work


def discard(work: Path) -> None:
    """Delete a work folder, but only one capdev made."""
    if not work.exists():
        return
    if (work / MARKER).is_file():
        shutil.rmtree(work)
    elif work.is_dir() and not any(work.iterdir()):  # killed between mkdir and marker
        work.rmdir()
    else:
        raise CapdevError(Finding(str(work), 0, "site-dir-leftover",
                                  "this folder is in the way of the build and was not "
                                  "created by capdev", "move or delete it yourself"))


def swap(new: Path, site: Path) -> None:
    """Put `new` at `site` in one rename; the previous site takes `new`'s place in the work
    folder, to be deleted with it."""
    if not site.exists():
        os.rename(new, site)
    elif not _exchange(new, site):
        aside = new.with_name(f"{new.name}.previous")
        os.rename(site, aside)
        os.rename(new, site)


AT_FDCWD, RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): there is no moment without a site, and a crash
    cannot leave the old one half-replaced. False where the kernel or disk lacks it."""
    if sys.platform != "linux":
        return False
    rename2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename2 is None:
        return False
    if rename2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _show(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
