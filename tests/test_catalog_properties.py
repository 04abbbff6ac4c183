"""Properties of `capdev i18n update` (#16 acceptance; design: invariant 3).

1. Over random sequences of English edits (paragraphs, headings, list items, admonitions
   inserted, deleted, edited, brought back) each followed by the real update, no non-empty
   translation is ever lost: every msgstr the catalog had is still on an entry (translated
   or fuzzy) or kept as an obsolete `#~` entry.
2. Over random corruptions of a catalog (bytes flipped, cut, NUL, broken header, duplicate
   msgid, bytes that are not UTF-8), a catalog capdev cannot read is never rewritten: the
   CLI exits 1 with a `path:line [po-…]` finding, no traceback, the file byte for byte.
3. Every bundled catalog survives GNU `msgcat` unchanged.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdev.catalogs import po as _po
from capdev.catalogs.update import update_all
from tests.conftest import FIXTURES, ROOT
from tests.test_catalog_safety import _in_process, _readable

MODULE = "courses/demo/01-first-module/01-channels.md"
CATALOG = f"translations/es/{MODULE}.po"
FUNCTION_FIXTURE = [HealthCheck.function_scoped_fixture]

# -- 1. English edits never lose a translation -------------------------------------------------
WORDS = ("citizens", "offices", "services", "channels", "portal", "data", "budget", "open",
         "single", "window", "phone", "counter", "online", "records", "law", "users")
KINDS = ("paragraph", "heading", "item", "admonition", "details", "block")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=7))
    return " ".join(words).capitalize() + draw(st.sampled_from((".", "?", " 2.5.", " 10%.")))


blocks = st.tuples(st.sampled_from(KINDS), sentences())


def markdown(doc: list[tuple[str, str]]) -> str:
    parts = []
    for kind, text in doc:
        parts.append({
            "paragraph": text,
            "heading": f"## {text.rstrip('.?')}",
            "item": f"- {text}\n- Another {text.lower()}",
            "admonition": f"!!! note\n    {text}",
            "details": f'??? tip "{text.rstrip(".?")}"\n    {text}',
            "block": f"/// warning\n{text}\n///",
        }[kind])
    return "# Lesson\n\n" + "\n\n".join(parts) + "\n"


edits = st.lists(st.tuples(st.sampled_from(("insert", "delete", "edit", "restore")),
                           st.integers(0, 30), blocks), min_size=1, max_size=4)


def apply_edit(doc: list, gone: list, edit: tuple) -> None:
    op, at, block = edit
    if op == "insert" or not doc:
        doc.insert(at % (len(doc) + 1), block)
    elif op == "delete":
        gone.append(doc.pop(at % len(doc)))
    elif op == "restore" and gone:
        doc.insert(at % (len(doc) + 1), gone.pop())
    else:  # one word changed, as a writer does: the entry should go fuzzy, not be lost
        kind, text = doc[at % len(doc)]
        words = text.split()
        words[at % len(words)] = block[1].split()[0].lower()
        doc[at % len(doc)] = (kind, " ".join(words))


def translations(path: Path) -> list[str]:
    """Every non-empty msgstr of the catalog, obsolete entries included."""
    cat = _po.read(path, CATALOG)
    return sorted(e.msgstr for e in cat.po if e.msgid and e.msgstr)


def translate_the_rest(path: Path, step: int) -> None:
    """A translator fills what is untranslated, saved as capdev writes catalogs."""
    cat = _po.read(path, CATALOG)
    for entry in cat.owned():
        if entry.msgid and not entry.msgstr:
            entry.msgstr = f"ES{step} {entry.msgid}"
    _po.atomic_write(path, _po.render_po(cat.po, cat.foreign))


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root, ignore=shutil.ignore_patterns("site", ".cache"))
    return root


@settings(max_examples=30, deadline=None, suppress_health_check=FUNCTION_FIXTURE)
@given(start=st.lists(blocks, min_size=1, max_size=6), steps=edits)
def test_english_edits_never_lose_a_translation(lesson: Path, start: list, steps: list):
    source, catalog = lesson / MODULE, lesson / CATALOG
    catalog.unlink(missing_ok=True)
    shutil.rmtree(lesson / ".cache", ignore_errors=True)
    doc, gone = list(start), []
    source.write_text(markdown(doc), "utf-8")
    update_all(lesson, [source], "es")
    translate_the_rest(catalog, 0)
    for n, edit in enumerate(steps, start=1):
        before = translations(catalog)
        apply_edit(doc, gone, edit)
        source.write_text(markdown(doc), "utf-8")
        reports = update_all(lesson, [source], "es")
        assert not any(r.findings for r in reports)
        after = translations(catalog)
        lost = [t for t in before if t not in after]
        assert lost == [], (edit, markdown(doc))
        translate_the_rest(catalog, n)


# -- 2. a catalog that does not read is never rewritten ---------------------------------------
VALID = (FIXTURES / "project" / CATALOG).read_bytes()
FINDING = re.compile(re.escape(CATALOG) + r":\d+ \[(?:po-[a-z-]+|file-not-utf8)\] ")


def _entry(data: bytes, n: int) -> tuple[int, int]:
    """Offsets of the n-th entry after the header (its comments to its blank line)."""
    starts = [m.end() for m in re.finditer(rb"\n\n", data)]
    a = starts[n % len(starts)]
    b = data.find(b"\n\n", a)
    return a, (len(data) if b < 0 else b + 2)


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(("flip", "cut", "nul", "header", "duplicate", "not-utf8")))
    at = draw(st.integers(0, len(VALID) - 1))
    if kind == "flip":
        return kind, VALID[:at] + bytes([VALID[at] ^ draw(st.integers(1, 255))]) + VALID[at + 1:]
    if kind == "cut":
        return kind, VALID[:at]
    if kind == "nul":
        return kind, VALID[:at] + b"\0" + VALID[at:]
    if kind == "header":
        broken = draw(st.sampled_from((
            (b'msgid ""\nmsgstr ""\n', b'msgid ""\nmsgstr "\n'),  # unterminated string
            (b"charset=UTF-8", b"charset=NO-SUCH-CODE"),
            (b'msgid ""\n', b'msgid ""\nmsgid ""\n'),
            (b'"Language: es\\n"\n', b'"Language: es\\n\n'),
        )))
        return kind, VALID.replace(*broken, 1)
    if kind == "duplicate":
        a, b = _entry(VALID, draw(st.integers(0, 20)))
        return kind, VALID + b"\n" + VALID[a:b].rstrip(b"\n") + b"\n"
    a, b = _entry(VALID, draw(st.integers(0, 20)))  # Latin-1 text under a UTF-8 header
    return kind, VALID[:b].rstrip(b"\n") + "\n# revisión".encode("latin-1") + b"\n\n" + VALID[b:]


@pytest.fixture(scope="module")
def damaged_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("damaged") / "project"
    shutil.copytree(FIXTURES / "project", root, ignore=shutil.ignore_patterns("site", ".cache"))
    return root


@settings(max_examples=40, deadline=None)
@given(case=corrupted())
def test_an_unreadable_catalog_is_never_rewritten(damaged_project: Path, case: tuple[str, bytes]):
    kind, data = case
    path = damaged_project / CATALOG
    path.write_bytes(data)
    # an edit of the English, so that an update would have something to write
    source = damaged_project / MODULE
    source.write_text(source.read_text("utf-8") + "\nA sentence added by the test.\n", "utf-8")
    readable = _readable(path)
    if kind in ("duplicate", "not-utf8"):
        assert not readable, kind  # these can never be read safely
    code, out = _in_process(damaged_project, "i18n", "update")
    assert "Traceback" not in out, out
    if not readable:
        assert code == 1, out
        assert FINDING.search(out), out
        assert path.read_bytes() == data  # untouched, byte for byte
    else:
        assert code == 0, out
    path.write_bytes(VALID)
    source.write_text((FIXTURES / "project" / MODULE).read_text("utf-8"), "utf-8")


# -- 3. GNU gettext keeps the bundled catalogs as they are ------------------------------------
BUNDLED = sorted((ROOT / "translations").rglob("*.po"))


@pytest.mark.skipif(shutil.which("msgcat") is None,
                    reason="GNU gettext's msgcat is not installed (apt-get install gettext)")
@pytest.mark.parametrize("path", BUNDLED, ids=[p.relative_to(ROOT).as_posix() for p in BUNDLED])
def test_bundled_catalog_survives_msgcat(path: Path):
    out = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert out == path.read_bytes()
