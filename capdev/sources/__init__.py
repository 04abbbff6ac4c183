"""Sources: discovering and validating the English content (courses, notes, pages).

The model is imported on first use, so that the readers (`capdev.sources.reading`) stay
cheap to import (capdev.config uses them to read mkdocs.yml).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Course", "Module", "Page", "Project", "Publication"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from capdev.sources import project

        return getattr(project, name)
    raise AttributeError(f"module 'capdev.sources' has no attribute {name!r}")
