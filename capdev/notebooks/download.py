"""The per-language .ipynb a learner downloads, and the links to it and to hosted runners.

The Spanish notebook is the one the Spanish page executed: translated markdown cells and
front matter, and code cells as they ran, which differ from the English only in the labels
cell's strings and the comments (capdev.catalogs.pycode), so both downloads run identically.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import quote

from nbformat import NotebookNode

from capdev.locale import ui

from .meta import TRANSLATABLE_KEYS, data_files, dumps
from .spreadsheet import is_csv, xlsx_from_csv, xlsx_name

# The notebook links' words in English (other languages: capdev.locale, domain `notebook`).
LABELS_EN = {"download": "Download notebook", "colab": "Open in Colab",
             "binder": "Open in Binder", "source_lang": " (in English)", "data": "Data files",
             "table": "Data table"}


SOURCE_LANGUAGE = "en"  # the notebooks' own language: capdev's sources are English


def labels(lang: str) -> dict[str, str]:
    return ui("notebook", LABELS_EN, lang)
GITHUB = re.compile(r"^https?://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?(?:/tree/([^#?]+))?/?$")
GITLAB = re.compile(r"^https?://gitlab\.com/(.+?)(?:\.git)?(?:/-/tree/([^#?]+))?/?$")


def translated_cells(translated: NotebookNode | None, kind: str = "markdown") -> dict[str, NotebookNode]:
    """Translated cells of one type by cell id (the identity the catalogs key on)."""
    if translated is None:
        return {}
    return {c["id"]: c for c in translated.get("cells", [])
            if c.get("cell_type") == kind and c.get("id")}


def download_notebook(executed: NotebookNode, translated: NotebookNode | None) -> NotebookNode:
    """Outputs stripped, markdown localized by cell id, code cells as `executed` ran them."""
    nb = copy.deepcopy(executed)
    by_id = translated_cells(translated)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.get("metadata", {}).pop("execution", None)
        elif cell.get("cell_type") == "markdown" and cell.get("id") in by_id:
            other = by_id[cell["id"]]
            cell["source"] = other.get("source", "")
            if other.get("attachments"):
                cell["attachments"] = copy.deepcopy(other["attachments"])
    if translated is not None:
        meta = nb.metadata.setdefault("capdev", {})
        for key in TRANSLATABLE_KEYS:
            value = translated.get("metadata", {}).get("capdev", {}).get(key)
            if value is not None:
                meta[key] = copy.deepcopy(value)
    return nb


def write_if_changed(path: Path, text: str) -> None:
    """Unchanged bytes are not rewritten, so live preview does not loop on its own output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_download(nb: NotebookNode, target: Path) -> None:
    write_if_changed(target, dumps(nb))


def links_paragraph(lang: str, stem: str, repo_url: str | None, source_rel: str | None) -> str:
    words = labels(lang)
    saved = f"{stem}.ipynb" if lang == "en" else f"{stem}.{lang}.ipynb"
    links = [f'[{words["download"]}]({stem}.ipynb){{ .md-button download="{saved}" }}']
    for kind, url in runner_urls(repo_url, source_rel).items():
        # Hosted runners open the repository's notebook, which is the English source.
        # said on every page but the source language's own
        suffix = words["source_lang"] if lang != SOURCE_LANGUAGE else ""
        links.append(f'[{words[kind]}{suffix}]({url}){{ .md-button }}')
    return " ".join(links)


def runner_urls(repo_url: str | None, source_rel: str | None) -> dict[str, str]:
    if not repo_url or not source_rel:
        return {}
    path = source_rel.lstrip("/")
    if m := GITHUB.match(repo_url.strip()):
        owner, repo, branch = m.group(1), m.group(2), m.group(3) or "main"
        return {"colab": f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{quote(path)}",
                "binder": f"https://mybinder.org/v2/gh/{owner}/{repo}/{quote(branch, safe='')}?labpath={quote(path, safe='')}"}
    if m := GITLAB.match(repo_url.strip()):
        project, branch = m.group(1), m.group(2) or "main"
        return {"binder": f"https://mybinder.org/v2/gl/{quote(project, safe='')}/{quote(branch, safe='')}?labpath={quote(path, safe='')}"}
    return {"binder": f"https://mybinder.org/v2/git/{quote(repo_url.strip(), safe='')}/HEAD?labpath={quote(path, safe='')}"}


def copy_data(nb: NotebookNode, source_dir: Path, dest_dir: Path) -> list[str]:
    """Declared data files copied beside the download, so the notebook runs where it lands;
    beside each CSV file, its XLSX copy for the spreadsheet (no-code) path.

    Returns the relative paths of the files to link (folders are copied but not listed).
    """
    copied: list[str] = []
    for name, src in _declared(nb, source_dir):
        if src.is_dir():
            for file in sorted(p for p in src.rglob("*") if p.is_file()):
                _copy_if_changed(file, dest_dir / name / file.relative_to(src))
            continue
        raw = src.read_bytes()
        _write_if_changed(dest_dir / name, raw)
        copied.append(name)
        book = xlsx_from_csv(raw, src.stem) if is_csv(name) else None
        if book is not None:
            _write_if_changed(dest_dir / xlsx_name(name), book)
            copied.append(xlsx_name(name))
    return copied


def published_data(nb: NotebookNode, source_dir: Path) -> list[str]:
    """Every file `copy_data` may write (folders expanded, XLSX copies included), relative
    to the page's folder: what a site build must keep."""
    files: list[str] = []
    for name, src in _declared(nb, source_dir):
        if src.is_dir():
            files += [f"{name}/{p.relative_to(src).as_posix()}"
                      for p in sorted(src.rglob("*")) if p.is_file()]
        else:
            files += [name, xlsx_name(name)] if is_csv(name) else [name]
    return files


def _declared(nb: NotebookNode, source_dir: Path) -> list[tuple[str, Path]]:
    """Declared data files that exist, as (posix name, source path). Paths leaving the
    notebook's folder are skipped: they would escape the site tree."""
    found = []
    for name in data_files(nb):
        src = source_dir / name
        if ".." in Path(name).parts or Path(name).is_absolute() or not src.exists():
            continue
        found.append((Path(name).as_posix(), src))
    return found


def _copy_if_changed(src: Path, dst: Path) -> None:
    _write_if_changed(dst, src.read_bytes())


def _write_if_changed(dst: Path, raw: bytes) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.is_file() or dst.read_bytes() != raw:
        dst.write_bytes(raw)


def data_paragraph(lang: str, files: list[str]) -> str:
    if not files:
        return ""
    label = labels(lang)["data"]
    links = ", ".join(f"[{Path(f).name}]({quote(f)})" for f in files)
    return f"{label}: {links}"
