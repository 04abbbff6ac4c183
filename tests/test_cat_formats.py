"""Formats CAT tools and gettext read and write (issue #16, items 7 and 8).

- PO catalogs are written the way GNU gettext writes them: `msgcat` of every bundled
  catalog, of what `capdev i18n update` writes, and of random entries gives back the same
  bytes; `msgfmt -c --check-format` has nothing to say about the header; polib reads back
  exactly what was written.
- XLIFF 1.2 states mean what CAT tools mean by them, both ways.
- The TBX export declares TBX-Basic and carries admitted and deprecated variants.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from capdev.catalogs import po as _po
from capdev.catalogs import po_read, po_wrap
from tests.conftest import FIXTURES, ROOT, capdev

CAT = FIXTURES / "i18n" / "cat"
LESSON = "courses/demo/01-first-module/01-channels.md"
CATALOG = f"translations/es/{LESSON}.po"
BUNDLED = sorted((ROOT / "translations" / "es").rglob("*.po"))

gettext = pytest.mark.skipif(shutil.which("msgcat") is None or shutil.which("msgfmt") is None,
                             reason="GNU gettext (msgcat, msgfmt) not installed: "
                                    "`make test` installs it as root (scripts/install-browser.sh)")


def msgcat(data: bytes) -> bytes:
    proc = subprocess.run(["msgcat", "-"], input=data, capture_output=True, check=True)
    return proc.stdout


def msgfmt_warnings(path: Path) -> str:
    proc = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    return proc.stderr + ("" if proc.returncode == 0 else f"exit {proc.returncode}")


# ---------------------------------------------------------------- PO layout (item 8)


def test_there_are_bundled_catalogs():
    assert len(BUNDLED) > 30


@gettext
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_bundled_catalog_survives_msgcat_and_msgfmt(path: Path):
    data = path.read_bytes()
    assert msgcat(data) == data
    assert msgfmt_warnings(path) == ""
    got, problems = po_read.inspect(data, path.name)  # the strict reader reads it all
    assert got is not None and problems == []


@pytest.mark.parametrize("path", BUNDLED[:8], ids=lambda p: p.name)
def test_bundled_catalog_is_what_capdev_writes(path: Path):
    """Reading and rendering a bundled catalog changes nothing (no msgcat needed)."""
    cat = _po.read(path, path.name)
    assert _po.render_po(cat.po, cat.foreign) == path.read_text("utf-8")


@gettext
def test_update_writes_what_msgcat_keeps(project: Path):
    """Through the CLI: English that needs every kind of wrapping, then `i18n update`."""
    source = project / LESSON
    text = source.read_text("utf-8")
    tricky = (CAT / "tricky-paragraphs.md").read_text("utf-8")
    source.write_text(text.rstrip("\n") + "\n\n" + tricky, "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    data = (project / CATALOG).read_bytes()
    msgids = [e.msgid for e in polib.pofile(data.decode("utf-8"))]
    for start in ("The Ministry's *one-stop* shop", "Hyphenated-compound", "Quotes \"inside"):
        assert any(m.startswith(start) and len(m) > 90 for m in msgids), start  # wrapped
    assert msgcat(data) == data
    assert msgfmt_warnings(project / CATALOG) == ""
    again = capdev("i18n", "update", cwd=project, check=True)
    assert "up to date" in again.stdout


def test_update_completes_the_header(project: Path):
    path = project / CATALOG
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith(('"Last-Translator',
                                                                 '"Language-Team'))), "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    meta = polib.pofile(str(path)).metadata
    assert meta["Language-Team"] == "Spanish" and "Last-Translator" in meta
    if shutil.which("msgfmt"):
        assert msgfmt_warnings(path) == ""


def test_header_lines_and_long_header_values_split_as_gettext_does():
    po = polib.POFile()
    po.metadata = _po.header("es", "publications/ict-governance-guide/03-the-digital-master-plan.md")
    text = _po.render_po(po)
    assert text.startswith('#\nmsgid ""\nmsgstr ""\n"Project-Id-Version: publications/ict-governance-'
                           'guide/03-the-digital-master-"\n"plan.md\\n"\n"Report-Msgid-Bugs-To: \\n"\n')


@pytest.mark.parametrize(("value", "lines"), [
    ("short", ['msgid "short"']),
    ("one\ntwo", ['msgid ""', '"one\\n"', '"two"']),
    ("ends with newline\n", ['msgid "ends with newline\\n"']),
    ("", ['msgid ""']),
    ("a " * 40, ['msgid ""', '"' + "a " * 38 + '"', '"a a "']),
    ("x" * 100, ['msgid "' + "x" * 100 + '"']),  # nowhere to break: one long line
    ('He said "' + "word " * 14 + 'end" then more words here',  # no break inside \"
     ['msgid ""', '"He said \\"word word word word word word word word word word word word '
      'word "', '"word end\\" then more words here"']),
])
def test_wrap_cases(value: str, lines: list[str]):
    assert po_wrap.wrap("msgid", value) == lines


def test_references_are_joined_to_the_width_and_repeated_ones_written_once():
    refs = [("docs/a.md", "1"), ("docs/a.md", "1"), ("docs/a.md", "12")] + [
        (f"courses/x/{i:02}-some-lesson.md", str(i)) for i in range(4)]
    assert po_wrap.references(refs) == [
        "#: docs/a.md:1 docs/a.md:12 courses/x/00-some-lesson.md:0",
        "#: courses/x/01-some-lesson.md:1 courses/x/02-some-lesson.md:2",
        "#: courses/x/03-some-lesson.md:3"]


TRICKY = list(" -/\\\"'%()[]{}¿?¡!.,;:«»“”—–…·×$€+=<>#*_`|~@^&\n\t0123456789") + [
    "\u00a0", "\u200b", "\u0301", "\u00ad", "中", "文", "한", "😀", "\u2060", "e", "n", "ñ", "é"]
text = st.text(st.one_of(st.sampled_from(TRICKY), st.sampled_from("abcdefghij  "),
                         st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"))),
               max_size=240)
entry = st.tuples(text.filter(bool), text, st.booleans(), st.one_of(st.none(), text.filter(bool)),
                  st.booleans())


def _catalog(entries: list[tuple[str, str, bool, str | None, bool]]) -> polib.POFile:
    po = polib.POFile(wrapwidth=_po.WRAP)
    po.metadata = _po.header("es", "docs/random.md")
    for msgid, msgstr, fuzzy, previous, obsolete in entries:
        e = polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [],
                          previous_msgid=previous, occurrences=[("docs/random.md", "3")],
                          comment="paragraph", obsolete=obsolete)
        po.append(e)
    return po


@gettext
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, min_size=1, max_size=6, unique_by=lambda e: (e[0], e[4])))
def test_random_entries_survive_polib_and_msgcat(entries):
    entries = [e for e in entries if not e[4] or e[0] not in {x[0] for x in entries if not x[4]}]
    assume(any(not obsolete or msgstr for _i, msgstr, _f, _p, obsolete in entries))  # msgcat
    # writes nothing at all for a catalog without entries
    text_ = _po.render_po(_catalog(entries))
    # polib reads back every string as written
    back = polib.pofile(text_)
    got = {(e.msgid, e.obsolete): e for e in back}
    for msgid, msgstr, fuzzy, previous, obsolete in entries:
        if obsolete and not msgstr:
            assert (msgid, True) not in got  # gettext drops these too
            continue
        e = got[(msgid, obsolete)]
        assert e.msgstr == msgstr
        if not obsolete:  # polib does not read the `#~|` of obsolete entries (msgcat does)
            assert e.previous_msgid == previous
        assert ("fuzzy" in e.flags) == (fuzzy and bool(msgstr))
    # ... and GNU gettext writes it the same way
    assert msgcat(text_.encode("utf-8")).decode("utf-8") == text_


# ---------------------------------------------------------------- XLIFF states (item 7)

STATES = {  # unit of tests/fixtures/i18n/cat/states.xlf -> what the catalog holds after import
    "Service channels": ("Canales de servicio (final)", False),
    "Channels through which governments serve people.":
        ("Canales por los que el Estado atiende (signed-off).", False),
    "Name three service channels.": ("Nombrar tres canales (translated).", False),
    "channels": ("canales (needs-review-translation)", True),
    "One entry point, many channels.": ("Una entrada, muchos canales (needs-adaptation).", True),
    "Single window": ("Ventanilla única (needs-l10n)", True),
    "A single window brings many services together.":
        ("Una ventanilla reúne servicios (needs-review-l10n).", True),
    "A telephone line": ("Una línea telefónica (approved)", False),
    "Telephone lines are a classic channel.":
        ("Las líneas son un canal clásico (needs-review-adaptation).", True),
}
UNTOUCHED = ["Which one is a service channel?", "A budget line"]  # state new / needs-translation


def test_import_xliff_reads_states_as_cat_tools_mean_them(project: Path):
    before = {e.msgid: (e.msgstr, e.flags) for e in polib.pofile(str(project / CATALOG))}
    shutil.copy(CAT / "states.xlf", project / "states.xlf")
    out = capdev("i18n", "import-xliff", "states.xlf", cwd=project, check=True)
    assert f"{len(STATES)} entries updated" in out.stdout
    after = {e.msgid: e for e in polib.pofile(str(project / CATALOG))}
    for msgid, (msgstr, fuzzy) in STATES.items():
        assert (after[msgid].msgstr, after[msgid].fuzzy) == (msgstr, fuzzy), msgid
    for msgid in UNTOUCHED:
        assert (after[msgid].msgstr, after[msgid].flags) == before[msgid], msgid
    capdev("check", cwd=project, check=True)


def test_export_xliff_writes_consistent_states(project: Path):
    catalog = polib.pofile(str(project / CATALOG))
    catalog.find("Single window").msgstr = ""  # one empty entry
    fuzzy = catalog.find("A budget line")
    fuzzy.flags, fuzzy.previous_msgid = ["fuzzy"], "A budget item"
    (project / CATALOG).write_text(_po.render_po(catalog), "utf-8")
    capdev("i18n", "export-xliff", "--out", "xliff", cwd=project, check=True)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    root = ET.parse(project / "xliff" / f"{LESSON}.xlf").getroot()
    units = {u.find("x:source", ns).text: u for u in root.iterfind(".//x:trans-unit", ns)}
    assert set(units) == {e.msgid for e in catalog if e.msgid}

    def state(msgid: str) -> tuple[str | None, str | None]:
        target = units[msgid].find("x:target", ns)
        return units[msgid].get("approved"), target.get("state")

    assert state("Service channels") == ("yes", "translated")
    assert state("A budget line") == ("no", "needs-review-translation")
    assert units["A budget line"].find("x:alt-trans/x:source", ns).text == "A budget item"
    assert state("Single window")[1] == "needs-translation"
    assert not (units["Single window"].find("x:target", ns).text or "")
    children = [c.tag.split("}")[1] for c in units["Single window"]]
    assert children[:2] == ["source", "target"]
    # and back: nothing changes, the empty one stays empty, the fuzzy one fuzzy
    before = (project / CATALOG).read_bytes()
    out = capdev("i18n", "import-xliff", f"xliff/{LESSON}.xlf", cwd=project, check=True)
    assert "0 entries updated" in out.stdout
    assert (project / CATALOG).read_bytes() == before


# ---------------------------------------------------------------- TBX (item 7)


def test_tbx_declares_tbx_basic_and_exports_variants(project: Path):
    shutil.copy(CAT / "glossary.yml", project / "translations" / "glossary.yml")
    capdev("i18n", "glossary", "--tbx", "-o", "out/glossary.tbx", cwd=project, check=True)
    data = (project / "out" / "glossary.tbx").read_text("utf-8")
    assert '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in data
    root = ET.fromstring(data)
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"

    def statuses(entry: ET.Element, lang: str) -> dict[str, str]:
        ls = next(x for x in entry.iterfind("langSet")
                  if x.get("{http://www.w3.org/XML/1998/namespace}lang") == lang)
        return {t.findtext("term"): t.findtext("termNote[@type='administrativeStatus']")
                for t in ls.iterfind("tig")}

    shop, egdi = root.iterfind(".//termEntry")
    assert statuses(shop, "es") == {
        "ventanilla única": "preferredTerm-admn-sts",
        "punto único de contacto": "admittedTerm-admn-sts",
        "centro de atención integral": "admittedTerm-admn-sts",
        "one-stop-shop": "deprecatedTerm-admn-sts",
        "tienda única": "deprecatedTerm-admn-sts"}
    assert statuses(shop, "en") == {"one-stop shop": "preferredTerm-admn-sts"}
    assert statuses(egdi, "es")["EGDI"] == "admittedTerm-admn-sts"
    # translate-toolkit (what Weblate and Pootle read TBX with) sees the concepts
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(data.encode("utf-8"))
    assert [str(u.source) for u in store.units] == ["one-stop shop",
                                                    "E-Government Development Index"]
