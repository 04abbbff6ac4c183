"""capdev's own interface catalogs: the template from the English tables, merged into
every language's catalog (capdev/locale/<lang>.po), translations kept.

    .venv/bin/python scripts/ui_catalogs.py            # write capdev/locale/capdev.pot, merge
    .venv/bin/python scripts/ui_catalogs.py --check    # exit 1 if a catalog is out of date
    .venv/bin/python scripts/ui_catalogs.py --add pt   # start capdev/locale/pt.po

As `msgmerge` does: an entry whose English changed keeps its translation as fuzzy with the
previous English (`#| msgid`), an entry no longer in the code becomes obsolete (`#~`), a
new one is added untranslated. The catalogs are written the way GNU gettext wraps them
(capdev's own PO writer), so Poedit and msgmerge saves give no diff.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from capdev.catalogs.po import atomic_write, render_po  # noqa: E402
from capdev.locale.domains import tables  # noqa: E402

LOCALE = ROOT / "capdev" / "locale"
HEADER = {"Project-Id-Version": "capdev", "Report-Msgid-Bugs-To": "",
          "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE", "Last-Translator": "", "Language-Team": "",
          "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
          "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=2; plural=(n != 1);"}


def template() -> polib.POFile:
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = dict(HEADER)
    for domain, table in tables().items():
        for key, text in table.items():
            pot.append(polib.POEntry(msgctxt=f"{domain}:{key}", msgid=text, msgstr=""))
    return pot


def merged(pot: polib.POFile, po: polib.POFile) -> polib.POFile:
    old = {e.msgctxt: e for e in po if not e.obsolete}
    out = polib.POFile(wrapwidth=79)
    out.metadata = po.metadata or dict(HEADER)
    for t in pot:
        e = old.pop(t.msgctxt, None)
        entry = polib.POEntry(msgctxt=t.msgctxt, msgid=t.msgid, msgstr="")
        if e is not None and e.msgstr:
            entry.msgstr = e.msgstr
            entry.tcomment = e.tcomment
            if e.msgid != t.msgid or "fuzzy" in e.flags:
                entry.flags = ["fuzzy"]
                entry.previous_msgid = e.previous_msgid if "fuzzy" in e.flags else e.msgid
        out.append(entry)
    for e in [*old.values(), *(e for e in po if e.obsolete)]:
        if e.msgstr:
            e.obsolete = True
            out.append(e)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    ap.add_argument("--add", metavar="LANG", help="start the catalog of a new language")
    args = ap.parse_args()
    pot = template()
    stale = []
    texts = {LOCALE / "capdev.pot": render_po(pot)}
    langs = sorted(p.stem for p in LOCALE.glob("*.po"))
    if args.add and args.add not in langs:
        langs.append(args.add)
    for lang in langs:
        path = LOCALE / f"{lang}.po"
        po = polib.pofile(path.read_text("utf-8")) if path.is_file() else polib.POFile()
        if not path.is_file():
            po.metadata = dict(HEADER, Language=lang)
        texts[path] = render_po(merged(pot, po))
    for path, text in texts.items():
        if not path.is_file() or path.read_text("utf-8") != text:
            stale.append(path)
            if not args.check:
                atomic_write(path, text)
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
