"""`capdev export scorm` through the real CLI on the fixture project: the packages' manifests
(ADL SCORM 1.2 structure, expected organization as data), every file listed and present,
nothing in the package that would make a request, and the output folder's guards."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.conftest import FIXTURES, capdev

EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "scorm" / "demo.yml").read_text("utf-8"))
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture project and its packages, made once: the site built into a temporary
    folder by the export itself."""
    project = tmp_path_factory.mktemp("scorm") / "project"
    shutil.copytree(FIXTURES / "project", project, ignore=shutil.ignore_patterns("site", ".cache"))
    out = capdev("export", "scorm", "demo", cwd=project, check=True)
    assert "[1/2] demo (en): 2 SCOs" in out.stderr and "[2/2] demo (es): 2 SCOs" in out.stderr
    assert "2 of 2 SCORM 1.2 packages in dist/scorm" in out.stdout
    assert not (project / "site").exists()  # the build went to a temporary folder
    return project, project / "dist" / "scorm"


def _manifest(zf: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(zf.read("imsmanifest.xml"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_manifest_structure(exported, lang: str):
    _project, out = exported
    with zipfile.ZipFile(out / f"demo-scorm12-{lang}.zip") as zf:
        names = set(zf.namelist())
        root = _manifest(zf)
    assert root.tag == f"{CP}manifest"
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    idents = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(idents) == len(set(idents)), "identifiers must be unique"
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in idents)  # xsd:ID
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    orgs = root.find(f"{CP}organizations")
    org = next(o for o in orgs if o.get("identifier") == orgs.get("default"))

    got = {"title": org.findtext(f"{CP}title"), "modules": []}
    for module in org.findall(f"{CP}item"):
        assert module.get("identifierref") is None  # a module groups its lessons
        scos = []
        for item in module.findall(f"{CP}item"):
            res = resources[item.get("identifierref")]
            assert res.get(f"{ADLCP}scormtype") == "sco" and res.get("type") == "webcontent"
            launch = zipfile.Path(out / f"demo-scorm12-{lang}.zip", unquote(res.get("href")))
            page = re.search(r'data-page="([^"]+)"', launch.read_text()).group(1)
            mastery = item.findtext(f"{ADLCP}masteryscore")
            scos.append({"id": item.get("identifier"), "title": item.findtext(f"{CP}title"),
                         "page": unquote(page), "mastery": int(mastery) if mastery else None})
            assert unquote(page) in names
        got["modules"].append({"id": module.get("identifier"),
                               "title": module.findtext(f"{CP}title"), "scos": scos})
    assert got == EXPECTED[lang]

    listed: list[str] = []
    for res in resources.values():
        if href := res.get("href"):
            assert unquote(href) in names, href
        for dep in res.findall(f"{CP}dependency"):
            assert dep.get("identifierref") in resources
        listed += [unquote(f.get("href")) for f in res.findall(f"{CP}file")]
    launches = {unquote(r.get("href")) for r in resources.values() if r.get("href")}
    # every file of the package is listed, once (a SCO's launch page in its own resource)
    assert sorted(listed) == sorted(names - {"imsmanifest.xml"})
    assert all(listed.count(name) == 1 for name in launches)


def test_package_holds_the_site_but_not_the_offline_zip_or_marker(exported):
    _project, out = exported
    with zipfile.ZipFile(out / "demo-scorm12-en.zip") as zf:
        names = set(zf.namelist())
    assert {"index.html", "es/index.html", "assets/capdev/capdev.js", "search/search_index.js",
            "scorm/capdev-scorm.js"} <= names
    assert not any(n.endswith("-offline.zip") or n.endswith(".capdev-site") for n in names)
    assert not any(n.startswith("/") or ".." in n.split("/") for n in names)
    assert not list(out.glob(".*.part"))  # written through a temporary name, then renamed


class _Refs(HTMLParser):
    """Every URL an HTML page would load by itself (not the links a reader may follow)."""

    LOADING = {"src", "srcset", "poster", "data", "action", "formaction", "background"}
    # a <link> the browser fetches by itself (canonical, prev, next… are only named)
    FETCHED = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
               "preconnect", "dns-prefetch", "apple-touch-icon"}

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            fetched = tag == "link" and set((dict(attrs).get("rel") or "").split()) & self.FETCHED
            if name in self.LOADING or (name == "href" and fetched):
                self.loads += [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value]
            elif name == "href" and tag != "link":
                self.links.append(value)
            elif name == "style":
                self.styles.append(value)
            elif name == "content" and "url=" in value.lower():  # <meta http-equiv=refresh>
                self.loads.append(value.split("=", 1)[1])

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
# a script that loads something from elsewhere names it in one of these calls; URLs in
# comments and strings (licences, the SVG namespace) are inert text
JS_LOAD = re.compile(r"""(?:fetch|importScripts|import|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\s*\(\s*['"`](?:https?:|wss?:)?//"""
                     r"""|\.(?:src|href)\s*=\s*['"`](?:https?:)?//|\.open\(\s*['"][A-Z]+['"]\s*,\s*['"](?:https?:)?//""")


def _offending(url: str) -> bool:
    """A URL that would leave the package: another host or an absolute path on the LMS."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob", "about", "javascript", "mailto", "tel"):
        return False
    return bool(parts.scheme or parts.netloc or url.strip().startswith("/"))


def test_nothing_in_the_package_makes_a_request(exported):
    _project, out = exported
    problems: list[str] = []
    with zipfile.ZipFile(out / "demo-scorm12-es.zip") as zf:
        for name in zf.namelist():
            suffix = Path(name).suffix
            if suffix not in (".html", ".js", ".css"):
                continue
            text = zf.read(name).decode("utf-8", "replace")
            if suffix == ".html":
                refs = _Refs()
                refs.feed(text)
                problems += [f"{name}: loads {u}" for u in refs.loads if _offending(u)]
                # a link the reader may follow out is fine; one to the LMS's root is broken
                problems += [f"{name}: links {u}" for u in refs.links if u.startswith("/")]
                for css in refs.styles:
                    problems += [f"{name}: style {u}" for m in CSS_URL.finditer(css)
                                 if _offending(u := m.group(1) or m.group(2))]
                scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", text, re.S)
                problems += [f"{name}: inline script loads {m.group(0)}"
                             for s in scripts for m in JS_LOAD.finditer(s)]
            elif suffix == ".css":
                problems += [f"{name}: url {u}" for m in CSS_URL.finditer(text)
                             if _offending(u := m.group(1) or m.group(2))]
            else:
                problems += [f"{name}: loads {m.group(0)}" for m in JS_LOAD.finditer(text)]
    assert problems == []


def test_reuses_a_built_site_and_guards_the_output_folder(exported, tmp_path: Path):
    project, _out = exported
    capdev("build", cwd=project, check=True)
    out = capdev("export", "scorm", "--lang", "es", "--site-dir", "site", "-o", str(tmp_path / "lms"),
                 cwd=project, check=True)
    assert "[1/1] demo (es)" in out.stderr and "building" not in out.stderr
    assert sorted(p.name for p in (tmp_path / "lms").iterdir()) == [".capdev-site", "demo-scorm12-es.zip"]

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    for args, rule in ((["-o", str(theirs)], "site-dir-not-empty"),
                       (["-o", "courses/demo"], "site-dir-sources"),
                       (["nope"], "export-course-unknown"),
                       (["--site-dir", "docs"], "scorm-site-missing")):
        proc = capdev("export", "scorm", *args, cwd=project)
        assert proc.returncode == 1, (args, proc.stderr)
        assert f"[{rule}]" in proc.stderr and "Traceback" not in proc.stderr + proc.stdout
    assert sorted(p.name for p in theirs.iterdir()) == ["notes.txt"]
    assert not list((project / "courses").rglob("*.zip"))


def test_help_names_the_bundled_course():
    from tests.conftest import ROOT

    proc = capdev("export", "scorm", "--help", cwd=ROOT, check=True)
    assert "capdev export scorm digital-government --lang es" in proc.stdout
    assert (ROOT / "courses" / "digital-government" / "course.yml").is_file()
