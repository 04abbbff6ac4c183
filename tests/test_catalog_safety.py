"""Catalogs are never damaged or silently misread (issue #20, items 3 and 7): a Latin-1
catalog is converted, not turned into mojibake; plural, msgctxt and duplicate entries
survive `capdev i18n update`; a catalog that does not parse is reported with its line and
left byte for byte as it is; broken PO, XLIFF and import files are findings, never
tracebacks. Through the real CLI; the broken inputs are files in tests/fixtures/i18n/bad/
(named `.po.in` so that the suites reading every fixture catalog do not pick them up)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from capdev.catalogs import po as _po
from capdev.catalogs import po_read
from capdev.errors import CapdevError
from tests.conftest import FIXTURES, capdev

BAD = FIXTURES / "i18n" / "bad"
LESSON = "courses/demo/01-first-module/01-channels.md"
CATALOG = f"translations/es/{LESSON}.po"
OTHER = "docs/about.md"  # a second source, to see that other catalogs still update


def put(project: Path, fixture: str) -> bytes:
    """Install a fixture as the lesson's catalog; its bytes."""
    data = (BAD / fixture).read_bytes()
    (project / CATALOG).write_bytes(data)
    return data


def finding_only(proc: subprocess.CompletedProcess, rule: str, line: int) -> None:
    """Exit 1 with `path:line [rule]` for the lesson's catalog, and no traceback."""
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out, out
    assert f"{CATALOG}:{line} [{rule}]" in proc.stderr, out


def edit_other(project: Path) -> bytes:
    path = project / OTHER
    path.write_text(path.read_text("utf-8") + "\nA new closing sentence.\n", "utf-8")
    return (project / f"translations/es/{OTHER}.po").read_bytes()


# -- item 3: charset ---------------------------------------------------------------------------
def test_latin1_catalog_is_converted_once_without_mojibake(project: Path):
    put(project, "latin1.po.in")
    before = capdev("check", cwd=project)
    assert before.returncode == 1 and f"{CATALOG}:10 [po-charset]" in before.stderr
    stale = capdev("i18n", "update", "--check", cwd=project)
    assert stale.returncode == 1  # update would change it: both commands say so

    first = capdev("i18n", "update", cwd=project, check=True)
    assert "converted from ISO-8859-1 to UTF-8" in first.stdout
    text = (project / CATALOG).read_bytes().decode("utf-8")  # UTF-8 now
    assert "charset=UTF-8" in text and "ISO-8859-1" not in text
    assert '"¿Por qué canales? Canales de prestación de servicios"' in text
    assert "Ã" not in text

    second = capdev("i18n", "update", cwd=project, check=True)
    assert "catalogs up to date" in second.stdout
    assert (project / CATALOG).read_bytes().decode("utf-8") == text  # no worse each time
    po = polib.pofile(str(project / CATALOG))
    assert po.find("Service channels").msgstr == "¿Por qué canales? Canales de prestación de servicios"
    capdev("check", cwd=project, check=True)


def test_utf8_file_under_a_latin1_header_is_read_as_utf8(project: Path):
    """What the old update left behind: UTF-8 bytes under an ISO-8859-1 header."""
    path = project / CATALOG
    path.write_text(path.read_text("utf-8").replace("charset=UTF-8", "charset=ISO-8859-1"),
                    "utf-8")
    check = capdev("check", cwd=project)
    assert "[po-charset]" in check.stderr and "but the file is UTF-8" in check.stderr
    capdev("i18n", "update", cwd=project, check=True)
    text = path.read_text("utf-8")
    assert "charset=UTF-8" in text and "por teléfono y en línea" in text and "Ã" not in text
    capdev("check", cwd=project, check=True)


def test_latin1_bytes_under_a_utf8_header_are_a_finding_everywhere(project: Path):
    data = put(project, "latin1-bytes.po.in")
    for cmd in (("i18n", "update"), ("i18n", "status"), ("check",), ("build",)):
        finding_only(capdev(*cmd, cwd=project), "file-not-utf8", 20)
    assert (project / CATALOG).read_bytes() == data


# -- item 7: entries capdev does not own, duplicates, broken catalogs --------------------------
def test_plural_and_context_entries_survive_update_byte_for_byte(project: Path):
    data = put(project, "foreign.po.in")
    out = capdev("i18n", "update", cwd=project, check=True)
    assert "catalogs up to date" in out.stdout
    assert (project / CATALOG).read_bytes() == data  # nothing to change: not even rewritten
    capdev("check", cwd=project, check=True)

    (project / LESSON).write_text((project / LESSON).read_text("utf-8").replace(
        "Telephone lines are a classic channel.", "Phone lines are a classic channel."), "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    text = (project / CATALOG).read_text("utf-8")
    for block in _foreign_blocks(data.decode("utf-8")):
        assert block in text, block
    po = polib.pofile(str(project / CATALOG))
    plural = next(e for e in po if e.msgid_plural)
    assert plural.msgstr_plural == {0: "%d canal", 1: "%d canales"}
    assert {(e.msgctxt, e.msgstr) for e in po if e.msgid == "Open"} == {
        ("button", "Abrir"), ("adjective", "Abierto")}
    assert {e.msgctxt for e in po if e.msgid == "Single window"} == {None, "menu"}
    assert po.find("Gone", msgctxt="old", include_obsolete_entries=True).obsolete
    fuzzy = po.find("Phone lines are a classic channel.")
    assert fuzzy.fuzzy and fuzzy.msgstr == "Las líneas telefónicas son un canal clásico."
    again = capdev("i18n", "update", cwd=project, check=True)
    assert "catalogs up to date" in again.stdout
    capdev("check", cwd=project, check=True)
    status = capdev("i18n", "status", "--format", "json", cwd=project, check=True)
    assert '"fuzzy": 1' in status.stdout


def _foreign_blocks(text: str) -> list[str]:
    lines = po_read.lines_of(text)
    return ["\n".join(lines[e.first - 1:e.last]) + "\n"
            for e in po_read.parse(text) if not e.owned]


def test_duplicate_msgid_is_a_finding_and_nothing_is_lost(project: Path):
    data = put(project, "duplicate.po.in")
    other = edit_other(project)
    finding_only(capdev("i18n", "update", cwd=project), "po-duplicate", 80)
    assert (project / CATALOG).read_bytes() == data
    assert (project / f"translations/es/{OTHER}.po").read_bytes() != other  # still updated
    finding_only(capdev("check", cwd=project), "po-duplicate", 80)


def test_unterminated_string_is_refused_and_stays_reported(project: Path):
    data = put(project, "unterminated.po.in")
    other = edit_other(project)
    finding_only(capdev("i18n", "update", cwd=project), "po-syntax", 71)
    assert (project / CATALOG).read_bytes() == data  # "electrónico" not cut to "electrónic"
    assert (project / f"translations/es/{OTHER}.po").read_bytes() != other
    finding_only(capdev("i18n", "update", cwd=project), "po-syntax", 71)  # not forgotten
    finding_only(capdev("check", cwd=project), "po-syntax", 71)
    assert (project / CATALOG).read_bytes() == data


def test_garbage_line_is_a_finding_in_status_update_and_build(project: Path):
    data = put(project, "garbage.po.in")
    for cmd in (("i18n", "status"), ("i18n", "update"), ("i18n", "update", "--check"),
                ("build",), ("check",)):
        finding_only(capdev(*cmd, cwd=project), "po-syntax", 48)
    assert (project / CATALOG).read_bytes() == data


# -- XLIFF and import ----------------------------------------------------------------------------
def test_truncated_xliff_is_a_finding(project: Path, tmp_path: Path):
    capdev("i18n", "export-xliff", "--out", str(tmp_path / "x"), cwd=project, check=True)
    whole = tmp_path / "x" / f"{LESSON}.xlf"
    cut = tmp_path / "cut.xlf"
    cut.write_bytes(whole.read_bytes()[:700])
    before = (project / CATALOG).read_bytes()
    proc = capdev("i18n", "import-xliff", str(cut), cwd=project)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "cut.xlf:" in proc.stderr and "[xliff-syntax]" in proc.stderr
    assert (project / CATALOG).read_bytes() == before
    both = capdev("i18n", "import-xliff", str(whole), str(cut), cwd=project)
    assert both.returncode == 1 and "[xliff-syntax]" in both.stderr  # the good one is imported
    assert "entries updated from XLIFF" in both.stdout


def test_xliff_round_trip_keeps_entries_capdev_does_not_own(project: Path, tmp_path: Path):
    data = put(project, "foreign.po.in")
    capdev("i18n", "export-xliff", "--out", str(tmp_path / "x"), cwd=project, check=True)
    xlf = tmp_path / "x" / f"{LESSON}.xlf"
    xlf.write_text(xlf.read_text("utf-8").replace("Una línea telefónica", "Un teléfono"), "utf-8")
    capdev("i18n", "import-xliff", str(xlf), cwd=project, check=True)
    text = (project / CATALOG).read_text("utf-8")
    assert 'msgstr "Un teléfono"' in text
    for block in _foreign_blocks(data.decode("utf-8")):
        assert block in text


def test_binary_file_given_to_import_is_a_finding(project: Path):
    before = (project / CATALOG).read_bytes()
    proc = capdev("i18n", "import", LESSON, str(BAD / "binary.md"), cwd=project)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "binary.md:1 [file-not-text]" in proc.stderr
    assert (project / CATALOG).read_bytes() == before
    latin = project / "old-es.md"
    latin.write_bytes("# Canales de prestación\n".encode("latin-1"))
    proc = capdev("i18n", "import", LESSON, str(latin), cwd=project)
    assert proc.returncode == 1 and "old-es.md:1 [file-not-utf8]" in proc.stderr


def test_import_into_a_broken_catalog_is_refused(project: Path):
    data = put(project, "unterminated.po.in")
    es = project / "old-es.md"
    es.write_text("# Canales de prestación de servicios\n", "utf-8")
    finding_only(capdev("i18n", "import", LESSON, str(es), cwd=project), "po-syntax", 71)
    assert (project / CATALOG).read_bytes() == data


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
def test_updated_catalogs_pass_msgfmt(project: Path):
    put(project, "foreign.po.in")
    (project / LESSON).write_text((project / LESSON).read_text("utf-8").replace(
        "A budget line", "A budget item"), "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    proc = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(project / CATALOG)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# -- any bytes ----------------------------------------------------------------------------------
VALID = (FIXTURES / "project" / CATALOG).read_bytes()
LATIN1 = (BAD / "latin1.po.in").read_bytes()


@st.composite
def catalogs(draw: st.DrawFn) -> bytes:
    """Random bytes, or the lesson's catalog cut, or with random bytes put in."""
    kind = draw(st.sampled_from(("random", "cut", "insert", "latin1")))
    if kind == "random":
        return draw(st.binary(max_size=200))
    at = draw(st.integers(0, len(VALID)))
    if kind == "cut":
        return VALID[:at]
    if kind == "latin1":
        return LATIN1[:at]
    return VALID[:at] + draw(st.binary(min_size=1, max_size=12)) + VALID[at:]


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(catalogs(), st.text(alphabet='#~|:., msgidtrx_[0]"\\\n\u2028\x0c').map(
    lambda t: t.encode("utf-8"))))
def test_what_the_strict_reader_accepts_polib_reads(tmp_path_factory: pytest.TempPathFactory,
                                                    data: bytes):
    """The strict reader and polib (the writer) never disagree into a traceback: a catalog
    either is a finding or reads, and then renders to text the strict reader accepts."""
    from capdev.catalogs import po as _po
    from capdev.errors import CapdevError

    path = tmp_path_factory.getbasetemp() / "any.po"
    path.write_bytes(data)
    try:
        catalog = _po.read(path, "any.po")
    except CapdevError as err:
        assert err.findings and all(f.path == "any.po" for f in err.findings)
        return
    assert catalog is not None
    po_read.parse(_po.render_po(catalog.po, catalog.foreign))


def _in_process(root: Path, *args: str) -> tuple[int, str]:
    from capdev.cli import main

    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))  # an exception here fails the test with its traceback
    finally:
        os.chdir(cwd)
    return code, out.getvalue() + err.getvalue()


def _readable(path: Path) -> bool:
    """Whether capdev's reader (the strict reader, then polib, which writes) accepts it: a
    line polib trips on that the strict reader allows (`#` then a NUL) is refused too."""
    try:
        _po.read(path, CATALOG)
    except CapdevError:
        return False
    return True


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("fuzz") / "project"
    shutil.copytree(FIXTURES / "project", dest, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=catalogs())
@example(data=b"#\x00\n" + (FIXTURES / "project" / CATALOG).read_bytes())  # polib trips on it
def test_any_bytes_as_a_catalog(fuzz_root: Path, data: bytes):
    path = fuzz_root / CATALOG
    path.write_bytes(data)
    refused = not _readable(path)
    code, out = _in_process(fuzz_root, "i18n", "status")
    assert code in (0, 1) and "Traceback" not in out, out
    code, out = _in_process(fuzz_root, "i18n", "update")
    assert code in (0, 1) and "Traceback" not in out, out
    if refused:  # reported with its line, and left as it was
        assert code == 1 and f"{CATALOG}:" in out, out
        assert path.read_bytes() == data
    else:
        polib.pofile(path.read_text("utf-8"))  # what was written is UTF-8 that polib reads
