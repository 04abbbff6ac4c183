"""Sources: discovering and validating the English content (courses, notes, pages)."""

from __future__ import annotations

from capdev.sources.project import Course, Module, Page, Project, Publication

__all__ = ["Course", "Module", "Page", "Project", "Publication"]
