"""Catalogs: segmenting English sources, PO catalogs, and rendering translations.

Public API:
  translate_file(root, source, lang) -> TranslatedFile   (.text, .stats, .missing, .outdated)
  read_source(path) -> Source                              (segments of a .md/.yml/.ipynb)
"""

from __future__ import annotations

from capdev.catalogs.extract import read_source
from capdev.catalogs.translate import TranslatedFile, translate_file

__all__ = ["TranslatedFile", "read_source", "translate_file"]
