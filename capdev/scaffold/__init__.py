"""Scaffolding: `capdev new course|module|lesson|note` and `capdev init DIR`.

Public API (each returns a `Result`: files written, catalogs created, next steps):
  new_course(root, course, title, module="01-introduction", module_title="Introduction")
  new_module(root, course, slug, title)            also adds the module to course.yml
  new_lesson(root, "course/NN-module", slug, title, notebook=False)
  new_note(root, note, title, number, date=None)
  init_project(dest, title, course="digital-government", course_title=None, capdev_src=None)
Nothing is ever overwritten; every generated file passes the content schemas.
"""

from __future__ import annotations

from capdev.scaffold.content import new_course, new_lesson, new_module, new_note
from capdev.scaffold.plan import Result
from capdev.scaffold.project import capdev_source, init_project

__all__ = ["Result", "capdev_source", "init_project", "new_course", "new_lesson", "new_module",
           "new_note"]
