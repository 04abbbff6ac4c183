"""`capdev i18n update` never merges a catalog against an English source it cannot read:
a damaged YAML file reads as having no text, which would make every translation obsolete."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, capdev

CATALOG = "translations/es/courses/demo/course.yml.po"


@pytest.mark.parametrize("damage", ["modules: [01-first-module\n", "title: [\n", "\xff\xfe"])
def test_unreadable_yaml_source_leaves_its_catalog(project: Path, damage: str):
    course = project / "courses/demo/course.yml"
    course.write_bytes(course.read_bytes() + damage.encode("latin-1"))
    before = (project / CATALOG).read_bytes()
    out = capdev("i18n", "update", cwd=project)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "courses/demo/course.yml:" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    assert (project / CATALOG).read_bytes() == before


def test_unreadable_framework_leaves_its_catalog(project: Path):
    """competences.yml is read by discovery only through course.yml: a syntax error in it
    must still stop its catalog's update (it used to make every entry obsolete)."""
    course = project / "courses/demo"
    shutil.copy(FIXTURES / "assessment/course/competences.yml", course / "competences.yml")
    (course / "course.yml").write_text((course / "course.yml").read_text("utf-8")
                                       + "framework: competences.yml\n", "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    catalog = project / "translations/es/courses/demo/competences.yml.po"
    before = catalog.read_bytes()
    framework = course / "competences.yml"
    framework.write_text(framework.read_text("utf-8") + "areas: [\n", "utf-8")
    out = capdev("i18n", "update", cwd=project)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "courses/demo/competences.yml:" in out.stderr
    assert catalog.read_bytes() == before
