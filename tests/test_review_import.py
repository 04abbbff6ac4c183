"""Clearance (#25): the bundled note's DOCX built through the real CLI, edited the way Word
stores a review (tracked insertions and deletions, comments, a moved paragraph, an edited
table cell, a changed citation), imported, decided and applied — and the resulting
note.md and Spanish catalog compared exactly with tests/data/review/. The note is the
snapshot in tests/data/review/project, so the expected files do not follow every edit of
the bundled note; the no-edit round trip also runs on the note as the repository has it."""

from __future__ import annotations

import copy
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from tests.conftest import ROOT, capdev

NOTE = "integrated-multichannel-service-delivery"
NOTE_DIR = f"policy_notes/{NOTE}"
CATALOG = f"translations/es/{NOTE_DIR}/note.md.po"
DATA = Path(__file__).parent / "data" / "review"
SOURCE = DATA / "project"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR, OTHER, DATE = "Ana Reviewer", "Legal Office", "2026-12-01T10:00:00Z"
FINDING = re.compile(r"^\S+:\d+ \[[\w-]+\] (error|warning): .+ — .+$", re.M)


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# -- a DOCX edited as Word stores a review ----------------------------------------------

class Docx:
    """Word's tracked-change markup, written into a capdev DOCX with lxml."""

    def __init__(self, data: bytes) -> None:
        zin = zipfile.ZipFile(io.BytesIO(data))
        self.parts = {n: zin.read(n) for n in zin.namelist()}
        self.trees = {n: etree.fromstring(self.parts[n])
                      for n in ("word/document.xml", "word/footnotes.xml")}
        self.ids = iter(range(900, 10_000))

    def bytes(self) -> bytes:
        for name, tree in self.trees.items():
            self.parts[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                              standalone=True)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, body in self.parts.items():
                z.writestr(name, body)
        return buf.getvalue()

    def _mark(self, tag: str, author: str) -> etree._Element:
        m = etree.Element(q(tag))
        for k, v in (("id", str(next(self.ids))), ("author", author), ("date", DATE)):
            m.set(q(k), v)
        return m

    def paragraph(self, contains: str) -> etree._Element:
        for p in (p for tree in self.trees.values() for p in tree.iter(q("p"))):
            if contains in "".join(p.itertext()):
                return p
        raise AssertionError(f"no paragraph with {contains!r}")

    def _run(self, text: str) -> etree._Element:
        """The run holding `text`, split so that `text` is a run of its own."""
        for t in (t for tree in self.trees.values() for t in tree.iter(q("t"))):
            if t.text and text in t.text:
                run = t.getparent()
                pieces = t.text.partition(text)
                parent, i = run.getparent(), run.getparent().index(run)
                parent.remove(run)
                made = []
                for k, piece in enumerate(pieces):
                    r = copy.deepcopy(run)
                    r.find(q("t")).text = piece
                    r.find(q("t")).set(XML_SPACE, "preserve")
                    parent.insert(i + k, r)
                    made.append(r)
                return made[1]
        raise AssertionError(f"no run with {text!r}")

    def delete(self, text: str, author: str = AUTHOR) -> etree._Element:
        run = self._run(text)
        run.find(q("t")).tag = q("delText")
        d = self._mark("del", author)
        run.addprevious(d)
        d.append(run)
        return d

    def insert_after(self, anchor: str, new: str, author: str = AUTHOR) -> None:
        run = self._run(anchor)
        r = copy.deepcopy(run)
        r.find(q("t")).text = new
        ins = self._mark("ins", author)
        run.addnext(ins)
        ins.append(r)

    def replace(self, old: str, new: str, author: str = AUTHOR) -> None:
        d = self.delete(old, author)
        r = copy.deepcopy(d[0])
        r.find(q("delText")).tag = q("t")
        r.find(q("t")).text = new
        ins = self._mark("ins", author)
        d.addnext(ins)
        ins.append(r)

    def comment(self, anchor: str, text: str, author: str = OTHER) -> None:
        run = self._run(anchor)
        cid = str(next(self.ids))
        start, end = etree.Element(q("commentRangeStart")), etree.Element(q("commentRangeEnd"))
        start.set(q("id"), cid)
        end.set(q("id"), cid)
        ref = etree.Element(q("r"))
        etree.SubElement(ref, q("commentReference")).set(q("id"), cid)
        run.addprevious(start)
        run.addnext(end)
        end.addnext(ref)
        comments = etree.fromstring(self.parts["word/comments.xml"])
        c = etree.SubElement(comments, q("comment"))
        for k, v in (("id", cid), ("author", author), ("date", DATE), ("initials", "LO")):
            c.set(q(k), v)
        etree.SubElement(etree.SubElement(etree.SubElement(c, q("p")), q("r")), q("t")).text = text
        self.parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True,
                                                         encoding="UTF-8", standalone=True)

    def _track_paragraph(self, p: etree._Element, tag: str, author: str) -> None:
        """Every run of `p` and its paragraph mark as inserted/deleted/moved."""
        runs = [r for r in p if r.tag in (q("r"), q("hyperlink"))]
        m = self._mark(tag, author)
        runs[0].addprevious(m)
        for r in runs:
            m.append(r)
            if tag in ("del", "moveFrom"):
                for t in r.iter(q("t")):
                    t.tag = q("delText")
        ppr = p.find(q("pPr"))
        rpr = ppr.find(q("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, q("rPr"))
        rpr.append(self._mark(tag, author))

    def delete_paragraph(self, contains: str) -> None:
        self._track_paragraph(self.paragraph(contains), "del", AUTHOR)

    def insert_paragraph_after(self, contains: str, text: str) -> None:
        after = self.paragraph(contains)
        p = etree.Element(q("p"))
        p.append(copy.deepcopy(after.find(q("pPr"))))
        t = etree.SubElement(etree.SubElement(p, q("r")), q("t"))
        t.text = text
        t.set(XML_SPACE, "preserve")
        after.addnext(p)
        self._track_paragraph(p, "ins", AUTHOR)

    def move_paragraph(self, contains: str, after: str) -> None:
        """As Word writes a move: moveFrom/moveTo runs inside named move ranges."""
        src = self.paragraph(contains)
        dest = copy.deepcopy(src)
        self.paragraph(after).addnext(dest)
        self._track_paragraph(src, "moveFrom", AUTHOR)
        self._track_paragraph(dest, "moveTo", AUTHOR)
        for p, kind in ((src, "moveFrom"), (dest, "moveTo")):
            rid = str(next(self.ids))
            start = self._mark(f"{kind}RangeStart", AUTHOR)
            start.set(q("id"), rid)
            start.set(q("name"), "move1")
            end = etree.Element(q(f"{kind}RangeEnd"))
            end.set(q("id"), rid)
            p.find(q("pPr")).addnext(start)
            p.append(end)

    def insert_link_after(self, anchor: str, text: str, url: str) -> None:
        """A tracked insertion of a hyperlink (an external relationship, as Word writes)."""
        run = self._run(anchor)
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        rid = f"rIdReview{next(self.ids)}"
        etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}"
                         "Relationship", Id=rid, TargetMode="External", Target=url,
                         Type=f"{R}/hyperlink")
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels)
        ins = self._mark("ins", AUTHOR)
        space = copy.deepcopy(run)
        space.find(q("t")).text = " "
        link = etree.SubElement(ins, q("hyperlink"))
        link.set(f"{{{R}}}id", rid)
        r = copy.deepcopy(run)
        r.find(q("t")).text = text
        ins.insert(0, space)
        link.append(r)
        run.addnext(ins)


# -- the project ------------------------------------------------------------------------

def _build(root: Path) -> dict[str, bytes]:
    out = root / "dist"
    capdev("pdf", NOTE, "--format", "docx", "--lang", "all", "--out", str(out),
           cwd=root, check=True)
    return {lang: (out / NOTE / f"{NOTE}-{lang}.docx").read_bytes() for lang in ("en", "es")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bundled note's DOCX as of tests/data/review/project (a snapshot, so that the
    exact expected files do not follow every edit of the note), built by `capdev pdf`."""
    return _build(_copy(tmp_path_factory.mktemp("review-build") / "project"))


@pytest.fixture(scope="module")
def built_live(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bundled note's DOCX as the repository has it now."""
    return _build(_copy(tmp_path_factory.mktemp("review-live") / "project", ROOT))


def _copy(root: Path, source: Path = SOURCE) -> Path:
    """Only what the note needs: the project file, the note and its catalog."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(source / NOTE_DIR, root / NOTE_DIR)
    (root / CATALOG).parent.mkdir(parents=True)
    shutil.copy(source / CATALOG, root / CATALOG)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _copy(tmp_path / "project")


@pytest.fixture
def live_project(tmp_path: Path) -> Path:
    return _copy(tmp_path / "live", ROOT)


def _import(project: Path, docx: bytes, *extra: str, code: int = 0) -> tuple[dict, str]:
    path = project / "reviewed.docx"
    path.write_bytes(docx)
    decisions = project / "decisions.yml"
    proc = capdev("review", "import", NOTE, str(path), "--decisions", str(decisions), *extra,
                  cwd=project)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    data = yaml.safe_load(decisions.read_text("utf-8")) if code == 0 else {}
    return data, proc.stdout if code == 0 else proc.stderr


def _decide(project: Path, data: dict, decisions: dict[str, str]) -> str:
    for change in data["changes"]:
        change["decision"] = decisions.get(change["id"], "accept")
    path = project / "decisions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    proc = capdev("review", "apply", NOTE, str(path), cwd=project)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout + proc.stderr


def _expect(name: str, actual: str) -> None:
    """Compare with tests/data/review/NAME (CAPDEV_UPDATE_EXPECTED=1 rewrites it, to be
    read in the diff before it is committed)."""
    if os.environ.get("CAPDEV_UPDATE_EXPECTED"):
        (DATA / name).write_text(actual, "utf-8")
    assert actual == (DATA / name).read_text("utf-8")


def _summary(data: dict) -> list[tuple[str, str, int, bool]]:
    return [(c["kind"], c["author"], c["line"], c["applicable"]) for c in data["changes"]]


def _no_revision_date(po: str) -> str:
    return re.sub(r'^"PO-Revision-Date: .*\\n"$', lambda _m: '"PO-Revision-Date: X\\n"', po,
                  flags=re.M)


# -- no edits ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("which", ["snapshot", "live"])
def test_round_trip_without_edits_proposes_and_changes_nothing(request: pytest.FixtureRequest,
                                                               which: str, lang: str) -> None:
    docx = request.getfixturevalue("built" if which == "snapshot" else "built_live")
    project = request.getfixturevalue("project" if which == "snapshot" else "live_project")
    before = {p: (project / p).read_bytes() for p in (f"{NOTE_DIR}/note.md", CATALOG)}
    data, diff = _import(project, docx[lang], "--lang", lang)
    assert data["changes"] == [] and diff == ""
    _decide(project, data, {})
    assert {p: (project / p).read_bytes() for p in before} == before
    assert not (project / NOTE_DIR / "review-comments.yml").exists()


def test_docx_carries_its_source_revision(built: dict, project: Path) -> None:
    import hashlib

    with zipfile.ZipFile(io.BytesIO(built["es"])) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
    for name, path in (("capdev-note-sha256", f"{NOTE_DIR}/note.md"),
                       ("capdev-catalog-sha256", CATALOG)):
        digest = hashlib.sha256((SOURCE / path).read_bytes()).hexdigest()
        assert re.search(f'name="{name}"><vt:lpwstr>{digest}<', custom), name
    assert 'name="capdev-note"><vt:lpwstr>integrated-multichannel-service-delivery<' in custom


# -- English ----------------------------------------------------------------------------

def english_review(data: bytes) -> bytes:
    d = Docx(data)
    d.replace("came first", "arrived first")
    d.insert_after("Most administrations", " in the region")
    d.delete(" Five symptoms recur.")
    d.comment("Counters", "Which counters? Name the agencies.")
    d.move_paragraph("Fourth, ", "Four lessons emerge")
    d.insert_paragraph_after("Governments have responded", "A new paragraph from the review.")
    d.delete_paragraph("Each channel is improved")
    d.replace("Limited by location and hours", "Limited by location | opening hours")
    d.replace("the mobile application and messaging", "the mobile app and messaging")  # figure
    d.replace("Main service channels compared", "Main channels compared")  # table caption
    d.replace("(OECD 2014)", "(OECD 2019)")
    d.insert_after("the daily work of", " well-trained", author=OTHER)
    d.insert_link_after("is one contribution to", "the course site", "https://example.org/course")
    d.insert_link_after("this effort.", "here", "javascript:alert(1)")
    d.comment("Law 81 of 2019", "Check the date with the Legal Office.")
    d.insert_after("Law 81 of 26 March 2019", ", as amended,")  # in a footnote
    return d.bytes()


def test_english_review_imported_decided_applied(built: dict, project: Path) -> None:
    note = project / NOTE_DIR / "note.md"
    data, diff = _import(project, english_review(built["en"]))
    _expect("en-changes.yml", yaml.safe_dump(_summary(data), default_flow_style=None))
    assert diff.startswith(f"--- a/{NOTE_DIR}/note.md\n+++ b/{NOTE_DIR}/note.md\n")
    assert all(c["decision"] == "defer" for c in data["changes"])
    cite = next(c for c in data["changes"] if c["kind"] == "citation")
    assert "[@oecd2014rec] → [@oecd2019panama]" in cite["summary"]
    amended = next(c["id"] for c in data["changes"] if "as amended" in c["summary"])
    comments = [c["id"] for c in data["changes"] if c["kind"] == "comment"]
    # One insertion is rejected, the first comment resolved, the second one kept.
    _decide(project, data, {amended: "reject", comments[0]: "accept", comments[1]: "defer"})
    _expect("note.expected.md", note.read_text("utf-8"))
    kept = yaml.safe_load((project / NOTE_DIR / "review-comments.yml").read_text("utf-8"))
    assert kept["comments"] == [{"author": OTHER, "date": DATE, "line": 232, "lang": "en",
                                 "docx": "reviewed.docx", "anchor": "Law 81 of 2019",
                                 "comment": "Check the date with the Legal Office."}]
    assert (project / CATALOG).read_bytes() == (SOURCE / CATALOG).read_bytes()


def test_untouched_blocks_stay_byte_identical(built: dict, project: Path) -> None:
    """Every line note.md loses or rewrites is in a block a change names: the others are
    byte for byte what they were."""
    import difflib

    data, _ = _import(project, english_review(built["en"]))
    _decide(project, data, {})
    old = (SOURCE / NOTE_DIR / "note.md").read_text("utf-8").splitlines(True)
    new = (project / NOTE_DIR / "note.md").read_text("utf-8").splitlines(True)
    block_of, n = {}, 0
    for i, line in enumerate(old, 1):
        n += not line.strip()
        block_of[i] = n
    changed = {block_of[c["line"]] for c in data["changes"] if c["kind"] != "comment"}
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    touched = {i for tag, i1, i2, _, _ in ops if tag in ("replace", "delete")
               for i in range(i1 + 1, i2 + 1) if old[i - 1].strip()}
    assert touched and {block_of[i] for i in touched} <= changed


def test_a_new_list_item_joins_its_list(built: dict, project: Path) -> None:
    """A paragraph Word inserted after a list item, with that item's numbering, is a new
    item of the same list: written after the item's last line, with its marker."""
    d = Docx(built["en"])
    d.insert_paragraph_after("Exclusion by design.", "Opaque rules. Nobody can tell why a request was refused.")
    d.insert_paragraph_after("Keep service information once.", "Measure outcomes, not contacts.")
    data, _ = _import(project, d.bytes())
    inserted = [c for c in data["changes"] if c["kind"] == "paragraph-inserted"]
    assert [c["applicable"] for c in inserted] == [True, True], [(c["summary"], c.get("reason")) for c in inserted]
    assert "new list item 6. after line 95" in inserted[0]["summary"]
    before = (project / NOTE_DIR / "note.md").read_text("utf-8")
    _decide(project, data, {})
    after = (project / NOTE_DIR / "note.md").read_text("utf-8")
    old, new = before.splitlines(), after.splitlines()
    assert new[98] == "6. Opaque rules. Nobody can tell why a request was refused."
    assert new[97].endswith("those least able to cope[^1].") and new[99] == ""
    assert new[:98] == old[:98] and new[99:228] == old[98:227]
    assert "3. Measure outcomes, not contacts." in new[228:234]
    assert len(new) == len(old) + 2


def test_edits_inside_markup_and_citations_keep_the_markdown(built: dict,
                                                             project: Path) -> None:
    d = Docx(built["en"])
    d.insert_after("Repetition.", " Again.")  # just after **bold**
    d.replace("Repetition.", "Duplication.")  # inside it
    d.replace("Digital government has moved", "E-government has moved")  # at the start
    d.replace("2014", "2019")  # part of a rendered citation
    d.replace("(Roseth et al. 2018)", "(Roseth et al. 2018; OECD 2019)")  # one key added
    data, _ = _import(project, d.bytes(), "--diff", str(project / "review.diff"))
    assert (project / "review.diff").read_text("utf-8").startswith(f"--- a/{NOTE_DIR}/note.md")
    _decide(project, data, {})
    text = (project / NOTE_DIR / "note.md").read_text("utf-8")
    for line in ("1. **Duplication.** Again. A person who starts a procedure on the web",
                 "E-government has moved from putting information online to redesigning",
                 "levels of government [@oecd2019panama]. The OECD",
                 "[@roseth2018wait; @oecd2019panama]. Time lost in queues"):
        assert line in text, line


# -- Spanish ----------------------------------------------------------------------------

def spanish_review(data: bytes) -> bytes:
    d = Docx(data)
    d.replace("Primero llegaron las ventanillas", "Las ventanillas llegaron primero")
    d.replace("Limitado por la ubicación y el horario", "Limitado por la ubicación")
    d.insert_after("no diseñaron sus canales", " de forma deliberada")
    d.replace("2.2", "2.1")  # a number: the English must change first
    d.replace("(Roseth et\u00a0al. 2018)", "(OECD 2019)")  # a citation: likewise
    d.comment("los acumularon", "¿Todas las administraciones?")
    d.insert_paragraph_after("se desprenden cuatro lecciones", "Un párrafo nuevo.")
    return d.bytes()


def test_spanish_review_goes_into_the_catalog_only(built: dict, project: Path) -> None:
    data, diff = _import(project, spanish_review(built["es"]), "--lang", "es")
    _expect("es-changes.yml", yaml.safe_dump(_summary(data), default_flow_style=None))
    assert diff.startswith(f"--- a/{CATALOG}\n+++ b/{CATALOG}\n")
    out = _decide(project, data, {})
    assert (project / NOTE_DIR / "note.md").read_bytes() == (SOURCE / NOTE_DIR / "note.md").read_bytes()
    catalog = (project / CATALOG).read_text("utf-8")
    _expect("note.md.expected.po", _no_revision_date(catalog))
    said = " ".join(out.split())
    assert "[review-not-applied]" in said and "a number changed" in said
    assert "a citation changed" in said and "new paragraphs are added to the English" in said


def test_a_shared_spanish_entry_edited_twice_is_edited_once(built: dict,
                                                            project: Path) -> None:
    d = Docx(built["es"])
    d.replace("Bajo", "Reducido")  # the web portal's and the mobile application's cost:
    d.replace("Bajo", "Reducido")  # one catalog entry ("Low") for both cells
    data, _ = _import(project, d.bytes(), "--lang", "es")
    assert [c["kind"] for c in data["changes"]] == ["table-cell", "table-cell"]
    _decide(project, data, {})
    catalog = (project / CATALOG).read_text("utf-8")
    assert 'msgid "Low"\nmsgstr "Reducido"\n' in catalog


# -- provenance -------------------------------------------------------------------------

def test_import_refuses_a_docx_built_from_another_revision(built: dict, project: Path) -> None:
    note = project / NOTE_DIR / "note.md"
    note.write_text(note.read_text("utf-8").replace("Five symptoms recur.",
                                                    "Five symptoms recur often."), "utf-8")
    _, err = _import(project, english_review(built["en"]), code=1)
    assert "[review-source-changed]" in err and "note.md changed since this DOCX was built" in err
    assert "--force" in err and not (project / "decisions.yml").exists()
    data, _ = _import(project, english_review(built["en"]), "--force")
    # Against the current text the deletion no longer matches exactly; the rest is proposed.
    assert any(c["kind"] == "citation" for c in data["changes"])


def test_apply_refuses_when_the_text_moved_on_and_writes_nothing(built: dict,
                                                                 project: Path) -> None:
    data, _ = _import(project, english_review(built["en"]))
    note = project / NOTE_DIR / "note.md"
    edited = note.read_text("utf-8").replace("came first", "were first")
    note.write_text(edited, "utf-8")
    for change in data["changes"]:
        change["decision"] = "accept"
    path = project / "decisions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    proc = capdev("review", "apply", NOTE, str(path), cwd=project)
    assert proc.returncode == 1 and "[review-conflict]" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert note.read_text("utf-8") == edited
    assert not (project / NOTE_DIR / "review-comments.yml").exists()


# -- safety -----------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def _with(data: bytes, extra: dict[str, bytes], edit: dict[str, tuple[bytes, bytes]] | None
          = None) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    members = {n: zin.read(n) for n in zin.namelist()}
    for name, (old, new) in (edit or {}).items():
        members[name] = members[name].replace(old, new, 1)
    return _zip(members | extra)


EXT_IMAGE = (b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats'
             b'.org/officeDocument/2006/relationships/image" Target="http://evil.example/x.png"'
             b' TargetMode="External"/></Relationships>')
OLE_REL = (b"</Relationships>", b'<Relationship Id="rIdO" Type="http://schemas.openxmlformats'
           b'.org/officeDocument/2006/relationships/oleObject" Target="embeddings/o.bin"/>'
           b"</Relationships>")
MACRO_TYPE = (b"wordprocessingml.document.main+xml",
              b"ms-word.document.macroEnabled.main+xml")
RELS = "word/_rels/document.xml.rels"
SAFETY = {
    "not-a-zip": (lambda d: b"%PDF-1.7 not a docx\x00\xff", "review-not-docx"),
    "truncated": (lambda d: d[: len(d) // 2], "review-not-docx"),
    "zip-without-document": (lambda d: _zip({"hello.txt": b"hi"}), "review-not-docx"),
    "vba-project": (lambda d: _with(d, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
                    "review-macro"),
    "docm-content-type": (lambda d: _with(d, {}, {"[Content_Types].xml": MACRO_TYPE}),
                          "review-macro"),
    "external-image": (lambda d: _with(d, {}, {RELS: EXT_IMAGE}), "review-external"),
    "ole-object": (lambda d: _with(d, {"word/embeddings/o.bin": b"x"}, {RELS: OLE_REL}),
                   "review-embedded-object"),
    "activex": (lambda d: _with(d, {"word/activeX/activeX1.xml": b"<x/>"}),
                "review-embedded-object"),
    "zip-bomb": (lambda d: _with(d, {"word/media/huge.xml": b"\0" * 8_000_000}),
                 "review-zip-bomb"),
    "broken-xml": (lambda d: _with(d, {}, {RELS: (b"</Relationships>", b"<Relationships")}),
                   "review-corrupt"),
}


@pytest.mark.parametrize("case", sorted(SAFETY))
def test_untrusted_docx_is_refused_and_changes_nothing(built: dict, project: Path,
                                                       case: str) -> None:
    make, rule = SAFETY[case]
    before = (project / NOTE_DIR / "note.md").read_bytes()
    _, err = _import(project, make(built["en"]), code=1)
    assert f"[{rule}]" in err, err
    assert FINDING.search(err), err
    assert not (project / "decisions.yml").exists()
    assert (project / NOTE_DIR / "note.md").read_bytes() == before


@pytest.mark.parametrize("where", [0.05, 0.25, 0.45, 0.65, 0.8, 0.95])
def test_damaged_bytes_are_a_finding_never_a_traceback(built: dict, project: Path,
                                                       where: float) -> None:
    data = bytearray(built["en"])
    at = int(len(data) * where)
    data[at:at + 64] = bytes(64)  # a damaged download or a truncated e-mail attachment
    path = project / "reviewed.docx"
    path.write_bytes(bytes(data))
    proc = capdev("review", "import", NOTE, str(path), "--decisions",
                  str(project / "decisions.yml"), cwd=project)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1 and "[review-corrupt]" in proc.stderr, proc.stderr
    assert FINDING.search(proc.stderr) and not (project / "decisions.yml").exists()


def test_a_bad_decision_is_a_finding(built: dict, project: Path) -> None:
    data, _ = _import(project, english_review(built["en"]))
    data["changes"][0]["decision"] = "maybe"
    path = project / "decisions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    proc = capdev("review", "apply", NOTE, str(path), cwd=project)
    assert proc.returncode == 1 and "[review-decision]" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (project / NOTE_DIR / "note.md").read_bytes() == (SOURCE / NOTE_DIR / "note.md").read_bytes()
