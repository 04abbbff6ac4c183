"""Catalogs: segmenting English sources, PO catalogs, and rendering translations.

Public API:
  translate_file(root, source, lang) -> TranslatedFile   (.text, .stats, .missing, .outdated)
  read_source(path) -> Source                              (segments of a .md/.yml/.ipynb)
"""

from __future__ import annotations

from typing import Any

__all__ = ["TranslatedFile", "read_source", "translate_file"]


def __getattr__(name: str) -> Any:
    # Imported on first use: `capdev check` reads catalogs through catalogs.po_read and
    # should not pay for the segmenter and renderer when its cache has every answer.
    if name in ("TranslatedFile", "translate_file"):
        from capdev.catalogs import translate

        return getattr(translate, name)
    if name == "read_source":
        from capdev.catalogs.extract import read_source

        return read_source
    raise AttributeError(f"module 'capdev.catalogs' has no attribute {name!r}")
