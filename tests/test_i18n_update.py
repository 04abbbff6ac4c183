"""`capdev i18n update`: gettext merge semantics, through the real CLI; no translation lost."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdev.catalogs.update import update_catalog
from tests.conftest import FIXTURES, capdev

LESSON = "courses/demo/01-first-module/01-channels.md"
CATALOG = f"translations/es/{LESSON}.po"


def entry(root: Path, msgid: str, obsolete: bool = False) -> polib.POEntry | None:
    for e in polib.pofile(str(root / CATALOG)):
        if e.msgid == msgid and e.obsolete == obsolete:
            return e
    return None


def edit(root: Path, old: str, new: str) -> None:
    path = root / LESSON
    path.write_text(path.read_text().replace(old, new))


def test_edited_sentence_becomes_fuzzy_with_previous_english(project: Path):
    old = "Governments serve people at counters, by phone and online."
    new = "Governments serve people at counters, by phone, online and by app."
    edit(project, old, new)
    out = capdev("i18n", "update", cwd=project, check=True)
    assert "1 fuzzy" in out.stdout
    e = entry(project, new)
    assert e is not None and "fuzzy" in e.flags
    assert e.previous_msgid == old
    assert e.msgstr.startswith("Los gobiernos atienden")
    text = (project / CATALOG).read_text()
    assert f'#| msgid "{old}"' in text
    status = capdev("i18n", "status", "--format", "json", cwd=project, check=True)
    assert '"fuzzy": 1' in status.stdout


def test_removed_segment_is_obsolete_and_comes_back(project: Path):
    para = "Governments serve people at counters, by phone and online.\n\n"
    edit(project, para, "")
    capdev("i18n", "update", cwd=project, check=True)
    gone = entry(project, para.strip(), obsolete=True)
    assert gone is not None and gone.msgstr
    edit(project, "!!! note", para + "!!! note")
    out = capdev("i18n", "update", cwd=project, check=True)
    assert "1 restored" in out.stdout
    back = entry(project, para.strip())
    assert back is not None and back.msgstr and "fuzzy" not in back.flags


def test_check_mode_reports_stale_catalogs_without_writing(project: Path):
    edit(project, "Telephone lines", "Phone lines")
    before = (project / CATALOG).read_text()
    out = capdev("i18n", "update", "--check", cwd=project)
    assert out.returncode == 1 and "out of date" in out.stderr
    assert (project / CATALOG).read_text() == before


def test_unchanged_sources_write_nothing(project: Path):
    before = (project / CATALOG).stat().st_mtime_ns
    out = capdev("i18n", "update", cwd=project, check=True)
    assert "up to date" in out.stdout
    assert (project / CATALOG).stat().st_mtime_ns == before


def test_translation_memory_offers_exact_matches_as_fuzzy(project: Path):
    page = project / "docs" / "extra.md"
    page.write_text("---\ntitle: Open data\n---\n\n# Open data\n\nA brand new sentence.\n")
    capdev("i18n", "update", cwd=project, check=True)
    po = polib.pofile(str(project / "translations/es/docs/extra.md.po"))
    tm = [e for e in po if e.msgid == "Open data"][0]
    assert tm.msgstr == "Datos abiertos" and "fuzzy" in tm.flags


WORDS = st.sampled_from("service channel window data open single citizen office phone case "
                        "number public digital government local city".split())
PARA = st.lists(WORDS, min_size=3, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(versions=st.lists(st.lists(PARA, min_size=1, max_size=6), min_size=2, max_size=5))
def test_no_translation_is_ever_lost(versions: list[list[str]]):
    """Over random sequences of English edits, every translation made stays in the catalog
    (active, fuzzy or obsolete)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "page.md"
        seen: set[str] = set()
        for paragraphs in versions:
            src.write_text("\n\n".join(paragraphs) + "\n")
            update_catalog(root, src, "es", {})
            path = root / "translations/es/page.md.po"
            po = polib.pofile(str(path))
            kept = {e.msgstr for e in po if e.msgstr}
            assert seen <= kept, seen - kept
            for e in po:  # the translator translates everything still untranslated
                if not e.obsolete and not e.msgstr:
                    e.msgstr = "ES " + e.msgid
                    seen.add(e.msgstr)
            po.save()
        shutil.rmtree(root / "translations")


def _many_pages(root: Path, count: int) -> None:
    for n in range(count):
        (root / "docs" / f"page-{n:02d}.md").write_text(
            f"---\ntitle: Open data {n}\n---\n\n# Open data\n\nSentence number {n} of the corpus.\n")


def test_update_on_both_cores_writes_what_one_at_a_time_writes(tmp_path: Path):
    """Enough catalogs to be merged in worker processes: same files as the serial merge."""
    from capdev.catalogs.update import memory
    from capdev.pool import PARALLEL_FROM
    from capdev.sources import Project

    copies = []
    for name in ("parallel", "serial"):
        dest = tmp_path / name
        shutil.copytree(FIXTURES / "project", dest, ignore=shutil.ignore_patterns("site", ".cache"))
        _many_pages(dest, PARALLEL_FROM + 5)
        edit(dest, "Telephone lines", "Phone lines")
        copies.append(dest)
    capdev("i18n", "update", cwd=copies[0], check=True)
    serial = copies[1]
    tm = memory(serial, "es")
    for src in Project.load(serial).translatable_sources():
        update_catalog(serial, src, "es", tm)
    got = {p.relative_to(copies[0]): p.read_text() for p in copies[0].rglob("*.po")}
    want = {p.relative_to(serial): p.read_text() for p in serial.rglob("*.po")}
    assert got.keys() == want.keys() and len(got) > PARALLEL_FROM

    def undated(t: str) -> str:
        return "\n".join(x for x in t.splitlines() if "PO-Revision-Date" not in x)

    assert all(undated(got[k]) == undated(want[k]) for k in got)
