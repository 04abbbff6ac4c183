"""Whatever the input, capdev answers with findings: never a traceback, never a lost file.

Hypothesis feeds random values to every option of the `capdev` plugin and random bytes to
every kind of source (page, course, catalog, glossary, notebook, mkdocs.yml), then runs the
real commands in-process (`capdev.cli.main`, the same function the `capdev` script calls;
an exception escaping it is the traceback a user would see). Each run must exit 0, 1 or 2;
exit 1 must name the file in a finding; and no file outside the output folder may change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdev.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "project"
OPTIONS = ("languages", "source_language", "threshold", "execute", "cell_timeout",
           "feedback_email", "repo_url", "rules", "ignore")
SOURCES = {  # kind → the file that kind lives in, in the fixture project
    "page": "docs/index.md",
    "lesson": "courses/demo/01-first-module/01-channels.md",
    "course": "courses/demo/course.yml",
    "catalog": "translations/es/courses/demo/01-first-module/01-channels.md.po",
    "glossary": "translations/glossary.yml",
    "notebook": "courses/demo/01-first-module/03-lab.ipynb",
    "config": "mkdocs.yml",
}
OUTPUTS = ("site", ".cache")  # what capdev may write

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False), st.text(max_size=30))
values = st.recursive(scalars, lambda kids: st.lists(kids, max_size=3)
                      | st.dictionaries(st.text(max_size=8), kids, max_size=3), max_leaves=6)
FAST = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@contextmanager
def project_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(*OUTPUTS))
        cwd = os.getcwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(cwd)


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()
            and p.relative_to(root).parts[0] not in OUTPUTS}


def run(argv: list[str], capsys: pytest.CaptureFixture, root: Path, culprit: str) -> None:
    before = snapshot(root)
    code = main(argv)  # an escaping exception fails the test: that is the traceback
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, out, err)
    if code == 1:
        assert culprit in out + err, (argv, culprit, out, err)
    if argv[:2] != ["i18n", "update"]:
        assert snapshot(root) == before, argv  # nothing outside site/ and .cache/ changed


def set_option(root: Path, key: str, value: object) -> None:
    path = root / "mkdocs.yml"
    text = path.read_text("utf-8")
    head, tail = text.split("  - capdev:\n", 1)
    line = yaml.safe_dump({key: value}, default_flow_style=True, width=10**6).strip()[1:-1]
    path.write_text(f"{head}  - capdev:\n      {line}\n{tail}", "utf-8")


@FAST
@given(key=st.sampled_from(OPTIONS), value=values)
def test_any_option_value_is_a_finding(capsys, key: str, value: object) -> None:
    with project_copy() as root:
        set_option(root, key, value)
        run(["check"], capsys, root, "mkdocs.yml")
        run(["i18n", "status"], capsys, root, "mkdocs.yml")


@FAST
@given(kind=st.sampled_from(sorted(SOURCES)), data=st.binary(max_size=400))
def test_any_bytes_in_any_source_are_a_finding(capsys, kind: str, data: bytes) -> None:
    with project_copy() as root:
        path = root / SOURCES[kind]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        for argv in (["check"], ["i18n", "status"], ["i18n", "update"]):
            run(argv, capsys, root, SOURCES[kind] if kind != "config" else "mkdocs.yml")
        if kind == "catalog":  # a catalog that does not parse is never rewritten
            assert path.read_bytes() == data or _parses(data)


def _parses(data: bytes) -> bool:
    import polib

    try:
        polib.pofile(data.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError):
        return False
    return True


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(SOURCES)), data=st.binary(min_size=1, max_size=200))
def test_build_of_any_bytes_is_a_finding_and_keeps_the_old_site(capsys, kind: str,
                                                                  data: bytes) -> None:
    with project_copy() as root:
        assert main(["build"]) == 0
        capsys.readouterr()
        index = (root / "site" / "index.html").read_bytes()
        path = root / SOURCES[kind]
        path.write_bytes(data)
        before = snapshot(root)
        code = main(["build"])
        out, err = capsys.readouterr()
        assert code in (0, 1), (kind, out, err)
        assert snapshot(root) == before
        if code == 1:
            assert (root / "site" / "index.html").read_bytes() == index
