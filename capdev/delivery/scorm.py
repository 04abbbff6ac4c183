"""SCORM 1.2 packages: one zip per course and language, made from the site capdev builds.

A package holds the whole built site (both languages, so the language switcher and every
link keep working inside the LMS, as in the offline zip), an `imsmanifest.xml` in the
package's language with one SCO per lesson (grouped by module), and per SCO a small launch
page, `scorm/<item>.html`, that frames the lesson and runs the adapter
(`static/scorm/capdev-scorm.js`): the adapter talks to the LMS, the site's pages stay as
they are. SCORM 1.2 because it is what Moodle imports fully. The site is the one
`capdev build` makes, built into a temporary folder, or one already built (`site_dir`).
"""

from __future__ import annotations

import contextlib
import html
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from capdev.errors import CapdevError, Finding
from capdev.site import build as site_build
from capdev.site import output
from capdev.sources.project import Course, Page, Project

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"  # IMS Content Packaging 1.1.2
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"      # ADL SCORM 1.2 extensions
HERE = Path(__file__).parent
ADAPTER = HERE / "static" / "scorm" / "capdev-scorm.js"
LAUNCH = HERE / "templates" / "scorm-launch.html"
SCORM_DIR = "scorm"  # launch pages and the adapter, beside the site's own folders
MASTERY = 80  # default adlcp:masteryscore, in percent of a lesson's knowledge-check questions


@dataclass(frozen=True)
class Sco:
    ident: str   # the item's identifier; its resource is RES-<ident>, its page scorm/<ident>.html
    title: str
    page: str    # the lesson's built page, relative to the package root
    mastery: int | None  # only lessons with knowledge checks have one


@dataclass(frozen=True)
class Group:
    ident: str
    title: str
    scos: list[Sco]


@dataclass(frozen=True)
class Package:
    course: str
    lang: str
    title: str
    groups: list[Group]


@dataclass(frozen=True)
class Made:
    course: str
    lang: str
    path: Path
    scos: int
    files: int
    seconds: float


Progress = Callable[[str], None]


def prepare(root: Path, out: Path, force: bool = False) -> Path:
    """The output folder, guarded like the site's (never sources, never someone's files)."""
    out = out.resolve()
    output.check(root.resolve(), out, force)
    fresh = not out.exists() or not any(out.iterdir())
    out.mkdir(parents=True, exist_ok=True)
    if fresh:
        output.mark(out, "`capdev export scorm`, which replaces the packages it makes here")
    return out


def export(project: Project, courses: list[Course], langs: list[str], out: Path,
           mastery: int = MASTERY, site_dir: Path | None = None,
           progress: Progress = lambda step: None,
           on_done: Callable[[Made], None] | None = None) -> list[Made]:
    """Every package (course × language) into `out`, already `prepare`d."""
    with _site(project.root, site_dir, progress) as site:
        for lang in langs:
            _check_language(project, site, lang)
        files = site_files(site)
        made: list[Made] = []
        for course in courses:
            for lang in langs:
                start = time.perf_counter()
                pkg = plan(project, course, site, lang, mastery)
                path = write(pkg, files, out / f"{course.id}-scorm12-{lang}.zip")
                made.append(Made(course.id, lang, path, len(list(scos(pkg))),
                                 len(files) + len(own_files(pkg)) + 1, time.perf_counter() - start))
                if on_done:
                    on_done(made[-1])
        return made


@contextlib.contextmanager
def _site(root: Path, given: Path | None, progress: Progress) -> Iterator[Path]:
    """The built site to package: the one given, or a fresh build in a temporary folder
    (deleted afterwards) through `capdev build`'s own pipeline and guards."""
    if given is not None:
        yield _given_site(root, given.resolve())
        return
    with tempfile.TemporaryDirectory(prefix="capdev-scorm-") as tmp:
        yield site_build.build(root, Path(tmp) / "site", progress=progress).site


def _given_site(root: Path, site: Path) -> Path:
    if not (site / "index.html").is_file() or not output.owned(site):
        raise CapdevError(Finding(_show(site, root), 0, "scorm-site-missing",
                                  "this folder holds no site built by capdev",
                                  "run `capdev build` first, or leave out --site-dir to build "
                                  "into a temporary folder"))
    return site


def _check_language(project: Project, site: Path, lang: str) -> None:
    if lang not in project.config.languages or not (site / _prefix(project, lang) / "index.html").is_file():
        raise CapdevError(Finding("mkdocs.yml", 0, "scorm-language",
                                  f"the site has no '{lang}' edition",
                                  "choose one of " + ", ".join(project.config.languages)))


def _prefix(project: Project, lang: str) -> str:
    """Where a language's pages are in the site: the source language at the root."""
    return "" if lang == project.config.source_language else f"{lang}/"


def plan(project: Project, course: Course, site: Path, lang: str, mastery: int) -> Package:
    """The package's organization: one item per module, one SCO per lesson, titled as the
    built pages of that language are (a fallback page keeps its English title)."""
    prefix = _prefix(project, lang)
    groups = []
    for module in course.modules:
        scos = [_sco(site, prefix, f"{module.slug}-{Path(lesson.rel).stem}", lesson, mastery)
                for lesson in module.lessons]
        groups.append(Group(module.slug, read_page(site / prefix / _html(module.index)).title, scos))
    overview = site / prefix / Path(course.rel) / "index.html"
    title = read_page(overview).title if overview.is_file() else str(course.meta.get("title", course.id))
    return Package(course.id, lang, title, groups)


def _sco(site: Path, prefix: str, ident: str, lesson: Page, mastery: int) -> Sco:
    page = prefix + _html(lesson)
    facts = read_page(site / page)
    return Sco(ident, facts.title, page, mastery if facts.checks else None)


def _html(page: Page) -> str:
    return Path(page.out).with_suffix(".html").as_posix()


@dataclass(frozen=True)
class PageFacts:
    title: str   # the article's <h1>, without its permalink
    checks: int  # knowledge checks (forms the adapter scores)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.checks = 0
        self._h1 = 0  # 1 inside the first <h1>, 2 inside its permalink, -1 once read
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "form" and "data-capdev-check" in names:
            self.checks += 1
        elif tag == "h1" and self._h1 == 0:
            self._h1 = 1
        elif tag == "a" and self._h1 == 1 and "headerlink" in (names.get("class") or ""):
            self._h1 = 2

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._h1 == 2:
            self._h1 = 1
        elif tag == "h1" and self._h1 == 1:
            self._h1 = -1

    def handle_data(self, data: str) -> None:
        if self._h1 == 1:
            self.title.append(data)


def read_page(path: Path) -> PageFacts:
    if not path.is_file():
        raise CapdevError(Finding(path.as_posix(), 0, "scorm-page-missing",
                                  "the built site lacks this page",
                                  "build the site again (`capdev build`), or leave out --site-dir"))
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    return PageFacts(" ".join("".join(reader.title).split()) or path.stem, reader.checks)


def site_files(site: Path) -> list[tuple[Path, str]]:
    """The site's files and their names in the package: everything but capdev's marker, the
    offline zip (a package inside the package) and each language's 404 page, which only a
    web server shows and whose links start at the server's root (broken inside an LMS)."""
    return [(path, path.relative_to(site).as_posix()) for path in sorted(site.rglob("*"))
            if path.is_file() and not _left_out(site, path)]


def _left_out(site: Path, path: Path) -> bool:
    if path.name == output.MARKER:
        return True
    if path.name == "404.html":
        return site in (path.parent, path.parent.parent)
    return path.parent == site / "downloads" and path.name.endswith("-offline.zip")


def launch_page(sco: Sco, lang: str) -> bytes:
    text = LAUNCH.read_text("utf-8").format(
        lang=lang, title=html.escape(sco.title), page=html.escape(quote(sco.page)),
        mastery="" if sco.mastery is None else sco.mastery)
    return text.encode("utf-8")


def own_files(pkg: Package) -> dict[str, bytes]:
    """What the package adds to the site: the adapter and a launch page per SCO."""
    files = {f"{SCORM_DIR}/{ADAPTER.name}": ADAPTER.read_bytes()}
    for sco in scos(pkg):
        files[f"{SCORM_DIR}/{sco.ident}.html"] = launch_page(sco, pkg.lang)
    return files


def scos(pkg: Package) -> Iterator[Sco]:
    for group in pkg.groups:
        yield from group.scos


def manifest(pkg: Package, site_names: list[str]) -> bytes:
    """imsmanifest.xml (IMS CP 1.1.2 with the ADL SCORM 1.2 extensions): organizations →
    items → resources, every file of the package listed once."""
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": f"capdev-{pkg.course}-{pkg.lang}",
                                            "version": "1.0"})
    meta = ET.SubElement(root, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.2"
    orgs = ET.SubElement(root, f"{{{CP}}}organizations", {"default": f"ORG-{pkg.course}"})
    org = ET.SubElement(orgs, f"{{{CP}}}organization", {"identifier": f"ORG-{pkg.course}"})
    ET.SubElement(org, f"{{{CP}}}title").text = pkg.title
    for group in pkg.groups:
        parent = ET.SubElement(org, f"{{{CP}}}item", {"identifier": f"MOD-{group.ident}",
                                                      "isvisible": "true"})
        ET.SubElement(parent, f"{{{CP}}}title").text = group.title
        for sco in group.scos:
            item = ET.SubElement(parent, f"{{{CP}}}item", {
                "identifier": f"ITEM-{sco.ident}", "identifierref": f"RES-{sco.ident}",
                "isvisible": "true"})
            ET.SubElement(item, f"{{{CP}}}title").text = sco.title
            if sco.mastery is not None:
                ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(sco.mastery)
    resources = ET.SubElement(root, f"{{{CP}}}resources")
    adapter = f"{SCORM_DIR}/{ADAPTER.name}"
    for sco in scos(pkg):
        launch = f"{SCORM_DIR}/{sco.ident}.html"
        res = ET.SubElement(resources, f"{{{CP}}}resource", {
            "identifier": f"RES-{sco.ident}", "type": "webcontent",
            f"{{{ADLCP}}}scormtype": "sco", "href": quote(launch)})
        ET.SubElement(res, f"{{{CP}}}file", {"href": quote(launch)})
        ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": "RES-adapter"})
        ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": "RES-site"})
    _asset(resources, "RES-adapter", [adapter])
    _asset(resources, "RES-site", site_names)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _asset(resources: ET.Element, ident: str, names: list[str]) -> None:
    res = ET.SubElement(resources, f"{{{CP}}}resource", {
        "identifier": ident, "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"})
    for name in names:
        ET.SubElement(res, f"{{{CP}}}file", {"href": quote(name)})


def write(pkg: Package, files: list[tuple[Path, str]], target: Path) -> Path:
    """The zip, written whole or not at all (a temporary name, then a rename)."""
    own = own_files(pkg)
    xml = manifest(pkg, [name for _path, name in files])
    return site_build.write_zip(target, files, {"imsmanifest.xml": xml, **own})


def _show(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
