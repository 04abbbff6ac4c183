"""Rendering previews what `capdev i18n update` will record (#16 item 10): a segment the
catalog has no entry for yet shows the Spanish the update's own fuzzy match would keep
(marked outdated), and the catalog is never written."""

from __future__ import annotations

from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.extract import load_source
from capdev.catalogs.translate import apply, translate_file
from capdev.catalogs.update import update_catalog

OLD = "Governments serve people at counters, by phone and online."
NEW = "Governments serve people at counters, by phone, by post and online."
ES = "Los gobiernos atienden a las personas en ventanilla, por teléfono y en línea."


def catalog(*entries: tuple[str, str, bool]) -> list:
    from capdev.catalogs.po_read import parse

    body = "".join(f'{"#~ " if obs else ""}msgid "{m}"\n{"#~ " if obs else ""}msgstr "{s}"\n\n'
                   for m, s, obs in entries)
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return [e for e in parse(head + body) if e.msgid]


def test_an_edited_sentence_shows_the_old_spanish_as_outdated():
    tf = apply(load_source(f"{NEW}\n", ".md"), catalog((OLD, ES, False)), "en")
    assert tf.text == f"{ES}\n"
    assert tf.outdated == [(1, NEW)] and tf.missing == []


def test_text_that_comes_back_shows_its_obsolete_translation():
    tf = apply(load_source(f"{OLD}\n", ".md"), catalog((OLD, ES, True)), "en")
    assert tf.text == f"{ES}\n" and tf.complete


def test_each_old_entry_serves_once_and_unrelated_text_stays_english():
    src = load_source(f"{NEW}\n\n{NEW} Again.\n\nSomething else entirely, a budget.\n", ".md")
    tf = apply(src, catalog((OLD, ES, False)), "en")
    assert tf.text.count(ES) == 1
    assert '<span lang="en">Something else entirely, a budget.</span>' in tf.text


def test_the_preview_is_what_the_update_records(tmp_path: Path):
    root = tmp_path
    (root / "page.md").write_text(f"{OLD}\n", "utf-8")
    update_catalog(root, root / "page.md", "es", {})
    path = _po.catalog_path(root, "page.md", "es")
    cat = _po.read(path, "page.md.po")
    cat.po.find(OLD).msgstr = ES
    _po.atomic_write(path, _po.render_po(cat.po, cat.foreign))
    (root / "page.md").write_text(f"{NEW}\n", "utf-8")
    written = path.read_bytes()
    preview = translate_file(root, root / "page.md", "es")
    assert path.read_bytes() == written  # rendering never writes the catalog
    update_catalog(root, root / "page.md", "es", {})
    after = translate_file(root, root / "page.md", "es")
    assert preview.text == after.text == f"{ES}\n"
    assert preview.outdated == after.outdated == [(1, NEW)]
    entry = _po.read(path, "page.md.po").po.find(NEW)
    assert entry.msgstr == ES and "fuzzy" in entry.flags and entry.previous_msgid == OLD
