"""The fast PO reader (checks, staging, status) agrees with polib, the library that writes."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from capdev.catalogs import po as _po
from capdev.errors import CapdevError
from tests.conftest import FIXTURES, ROOT

CATALOGS = sorted((ROOT / "translations").rglob("*.po")) + sorted(FIXTURES.rglob("*.po"))

FUZZY = '''msgid ""
msgstr ""
"Language: es\\n"

#. paragraph
#: docs/a.md:3
#, fuzzy
#| msgid "Citizens call the 311 "
#| "line."
msgid "Citizens call the 311 line for any service."
msgstr "La ciudadanía llama a la línea 311."

#~ msgid "Gone"
#~ msgstr "Ido"
'''


def _fields(entries) -> list[tuple]:
    return [(e.msgid, e.msgstr, sorted(e.flags), e.obsolete, e.previous_msgid or None)
            for e in entries]


@pytest.mark.parametrize("path", [p for p in CATALOGS if polib.pofile(str(p)) is not None],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_reader_matches_polib_on_every_catalog(path: Path):
    if path.parent.name == "po-syntax" and path.name == "bad.po":  # broken on purpose
        with pytest.raises(CapdevError, match=r"bad\.po:8 \[po-syntax\]"):
            _po.load_readonly(path)
        return
    ours = _po.load_readonly(path)  # the entries capdev owns: no msgctxt, no plural forms
    theirs = [e for e in polib.pofile(str(path)) if e.msgctxt is None and not e.msgid_plural]
    assert _fields(ours) == _fields(theirs)


def test_previous_english_of_a_fuzzy_entry_is_read(tmp_path: Path):
    path = tmp_path / "a.md.po"
    path.write_text(FUZZY, "utf-8")
    ours = _po.load_readonly(path)
    assert _fields(ours) == _fields(polib.pofile(str(path)))
    assert ours[0].previous_msgid == "Citizens call the 311 line."
