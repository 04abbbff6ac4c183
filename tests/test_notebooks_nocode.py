"""A no-code path for every notebook lab (#18.6).

Through the real `capdev build` of a small fixture project: each language's page links the
lab's CSV and its XLSX copy, both files are in the site, the XLSX reads back with the CSV's
rows and types (parsed from the sheet XML: no reader is installed) and its bytes do not
change from one build to the next; the collapsible solution and the spreadsheet tabs render
in both languages. On the bundled labs: the links in both languages, the XLSX copy of each
CSV cell by cell, and every figure of the worked answers, computed here from the CSV and
compared with the numbers written in the solutions, in English and in Spanish.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pandas as pd
import pytest

from capdev.catalogs import translate_file
from capdev.notebooks import notebook_page
from capdev.notebooks.spreadsheet import xlsx_from_csv
from tests.conftest import FIXTURES, capdev

REPO = Path(__file__).resolve().parent.parent
OVERLAY = FIXTURES / "nb_nocode"
LAB = "courses/demo/01-first-module/04-spreadsheet-lab"
OPEN_DATA = "courses/digital-government/05-open-government-and-open-data/03-open-data-lab.ipynb"
REQUESTS = ("courses/digital-government/06-business-intelligence-for-public-services/"
            "03-analysing-311-service-requests.ipynb")
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
EPOCH = datetime(1899, 12, 30)  # day 0 of a spreadsheet's (1900) date system


# -- reading an XLSX back: the sheet XML ---------------------------------------------------
def read_xlsx(raw: bytes) -> list[list[tuple[str, object]]]:
    """Rows of (kind, value): kind is text, number, date, datetime or blank."""
    z = zipfile.ZipFile(io.BytesIO(raw))
    shared = ["".join(t.text or "" for t in si.iter(f"{M}t"))
              for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{M}si")]
    styles = ElementTree.fromstring(z.read("xl/styles.xml"))
    codes = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{M}numFmt")}
    xfs = [codes.get(x.get("numFmtId"), "") for x in styles.find(f"{M}cellXfs")]
    sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{M}row"):
        cells: dict[int, tuple[str, object]] = {}
        for c in row.iter(f"{M}c"):
            col = _column(re.match(r"[A-Z]+", c.get("r")).group())
            value = c.find(f"{M}v").text
            fmt = xfs[int(c.get("s", "0"))]
            if c.get("t") == "s":
                cells[col] = ("text", shared[int(value)])
            elif "hh" in fmt:
                cells[col] = ("datetime", float(value))
            elif "yy" in fmt:
                cells[col] = ("date", float(value))
            else:
                cells[col] = ("number", float(value))
        rows.append([cells.get(i, ("blank", "")) for i in range(max(cells, default=-1) + 1)])
    return rows


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def serial(text: str) -> float:
    delta = datetime.fromisoformat(text) - EPOCH
    return delta.days + delta.seconds / 86400


def expected_cell(kind: str, text: str) -> tuple[str, object]:
    if kind == "number":
        return kind, float(text)
    if kind in ("date", "datetime"):
        return kind, serial(text)
    return kind, text


def same(got: list[tuple[str, object]], want: list[tuple[str, object]]) -> bool:
    while got and got[-1][0] == "blank":
        got = got[:-1]
    while want and want[-1][0] == "blank":
        want = want[:-1]
    return len(got) == len(want) and all(
        g[0] == w[0] and (g[1] == pytest.approx(w[1], abs=1e-9) if isinstance(w[1], float)
                          else g[1] == w[1]) for g, w in zip(got, want, strict=True))


# -- the fixture project, built twice --------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    project = tmp_path_factory.mktemp("nb-nocode") / "project"
    shutil.copytree(FIXTURES / "project", project,
                    ignore=shutil.ignore_patterns("site", ".cache"))
    shutil.copytree(OVERLAY / "courses", project / "courses", dirs_exist_ok=True)
    shutil.copytree(OVERLAY / "translations", project / "translations", dirs_exist_ok=True)
    capdev("build", cwd=project, check=True)
    out = project / "site"
    first = {lang: (out / prefix / f"{LAB}.html").read_text(encoding="utf-8")
             for lang, prefix in (("en", ""), ("es", "es"))}
    xlsx = out / "courses/demo/01-first-module/data/requests.xlsx"
    before = (xlsx.read_bytes(), xlsx.stat().st_mtime_ns)
    capdev("build", cwd=project, check=True)
    return {"out": out, "pages": first, "xlsx": xlsx, "before": before,
            "csv": project / "courses/demo/01-first-module/data/requests.csv"}


@pytest.mark.parametrize(("lang", "label"), [("en", "Data files"), ("es", "Archivos de datos")])
def test_both_pages_link_the_csv_and_the_xlsx(site: dict, lang: str, label: str) -> None:
    page = site["pages"][lang]
    assert (f'{label}: <a href="data/requests.csv">requests.csv</a>, '
            f'<a href="data/requests.xlsx">requests.xlsx</a>') in page
    folder = site["out"] / ("es" if lang == "es" else "") / "courses/demo/01-first-module/data"
    assert (folder / "requests.csv").read_bytes() == site["csv"].read_bytes()
    assert (folder / "requests.xlsx").read_bytes() == site["xlsx"].read_bytes()


def test_the_xlsx_reads_back_with_the_csv_rows_and_types(site: dict) -> None:
    rows = read_xlsx(site["xlsx"].read_bytes())
    lines = (OVERLAY / "expected-xlsx.tsv").read_text(encoding="utf-8").splitlines()
    want = [[expected_cell(*field.split(":", 1)) for field in line.split("\t")] for line in lines]
    assert len(rows) == len(want)
    for got, expected in zip(rows, want, strict=True):
        assert same(got, expected), (got, expected)


def test_the_xlsx_has_a_frozen_filtered_header_and_fixed_dates(site: dict) -> None:
    z = zipfile.ZipFile(site["xlsx"])
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 'state="frozen"' in sheet and 'ySplit="1"' in sheet
    assert '<autoFilter ref="A1:F6"/>' in sheet
    assert "<b/>" in z.read("xl/styles.xml").decode()  # the header's bold format
    core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_second_build_leaves_the_xlsx_untouched(site: dict) -> None:
    assert (site["xlsx"].read_bytes(), site["xlsx"].stat().st_mtime_ns) == site["before"]


@pytest.mark.parametrize(("lang", "solution", "tab"), [("en", "Solution", "Excel"),
                                                       ("es", "Solución", "Excel")])
def test_solution_and_tabs_render_in_both_languages(site: dict, lang: str, solution: str,
                                                     tab: str) -> None:
    page = site["pages"][lang]
    assert re.search(rf'<details class="success">\s*<summary>{solution}</summary>', page)
    assert ("The median is 4 hours." if lang == "en" else "La mediana es de 4 horas.") in page
    assert 'class="tabbed-set' in page and f">{tab}</label>" in page
    median = pd.read_csv(site["csv"])["hours"].median()
    assert f"{median:g}" == "4"


# -- the bundled labs: links and XLSX copies ------------------------------------------------
def spanish(rel: str) -> nbformat.NotebookNode:
    from capdev.checks.gate import refusal

    tf = translate_file(REPO, REPO / rel, "es", mark=False, guard=refusal)
    return nbformat.reads(tf.text, as_version=4)


@pytest.mark.parametrize("rel", [OPEN_DATA, REQUESTS])
def test_bundled_pages_link_each_csv_and_its_xlsx(rel: str, tmp_path: Path) -> None:
    nb = nbformat.read(REPO / rel, as_version=4)
    source_dir = (REPO / rel).parent
    for lang, translated, label in (("en", None, "Data files"),
                                    ("es", spanish(rel), "Archivos de datos")):
        page = notebook_page(nb, lang, tmp_path / lang, Path(rel).stem, translated=translated,
                             source_dir=source_dir)
        for csv_name in (d for d in nb.metadata["capdev"]["data"] if d.endswith(".csv")):
            stem = Path(csv_name).stem
            assert f"{label}: [{stem}.csv]({csv_name}), [{stem}.xlsx](data/{stem}.xlsx)" in page
            assert (tmp_path / lang / "data" / f"{stem}.xlsx").is_file()
        assert "(#no-code)" in page and "{ #no-code }" in page


@pytest.mark.parametrize("rel", [OPEN_DATA, REQUESTS])
def test_bundled_xlsx_holds_every_csv_cell_typed(rel: str) -> None:
    nb = nbformat.read(REPO / rel, as_version=4)
    for name in (d for d in nb.metadata["capdev"]["data"] if d.endswith(".csv")):
        path = (REPO / rel).parent / name
        raw = path.read_bytes()
        book = xlsx_from_csv(raw, path.stem)
        assert book == xlsx_from_csv.__wrapped__(raw, path.stem)  # deterministic bytes
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        rows = read_xlsx(book)
        assert [v for _, v in rows[0]] == list(table.columns)
        assert len(rows) == len(table) + 1
        for got, (_, record) in zip(rows[1:], table.iterrows(), strict=True):
            assert same(got, [_kind(v) for v in record]), (got, list(record))


def _kind(value: str) -> tuple[str, object]:
    """What a spreadsheet should hold for a CSV value of the bundled data."""
    if value == "":
        return "blank", ""
    if re.fullmatch(r"-?\d+(\.\d+)?", value):
        return "number", float(value)
    try:
        when = serial(value)
    except ValueError:
        return "text", value
    return ("datetime" if "T" in value else "date"), when


# -- the bundled labs: the worked answers match the data ------------------------------------
SOLUTION = re.compile(r'^\?\?\?\+? success "[^"]+"\n((?:(?: {4}.*)?\n)+)', re.M)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def solutions(nb: nbformat.NotebookNode) -> list[str]:
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found += [m.group(1) for m in SOLUTION.finditer(cell.source + "\n")]
    return found


def table(text: str) -> dict[str, list[str]]:
    """A solution's Markdown table: first cell → the other cells (header and rule left out)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.strip().startswith("|")]
    return {r[0]: r[1:] for r in rows[2:]}


def numbers(text: str) -> Counter:
    return Counter(NUMBER.findall(re.sub(r"(?<=\d),(?=\d{3})", "", text)))


def one(x: float) -> str:
    return f"{x:.1f}"


@pytest.fixture(scope="module")
def requests_data() -> dict:
    r = pd.read_csv((REPO / REQUESTS).parent / "data/311-requests-synthetic.csv",
                    parse_dates=["created_at", "closed_at"])
    closed = r[r["status"] == "closed"].copy()
    closed["hours"] = (closed["closed_at"] - closed["created_at"]).dt.total_seconds() / 3600
    closed["within"] = closed["hours"] <= closed["sla_hours"]
    return {"all": r, "closed": closed, "month": r["created_at"].dt.month}


def test_311_solutions_match_the_data(requests_data: dict) -> None:
    r, closed, month = requests_data["all"], requests_data["closed"], requests_data["month"]
    sol = solutions(nbformat.read(REPO / REQUESTS, as_version=4))
    flat = [" ".join(s.split()) for s in sol]
    assert len(sol) == 7
    # 1: the checks
    status = r["status"].value_counts()
    checks = [r["request_id"].duplicated().sum(), r["created_at"].isna().sum(),
              (r["status"].ne("open") & r["closed_at"].isna()).sum(),
              (r["closed_at"] < r["created_at"]).sum(), (r["created_at"].dt.year != 2025).sum()]
    assert checks == [0] * 5 and "All five checks give 0" in flat[0]
    for figure, word in ((len(r), "requests"), (status["closed"], "closed"),
                         (status["cancelled"], "cancelled"), (status["open"], "open")):
        assert f"{figure} {word}" in flat[0]
    # 2: volumes
    per_month = month.value_counts()
    assert f"({per_month.max()})" in flat[1] and f"({per_month.min()})" in flat[1]
    rows = table(sol[1])
    for category in ("drainage", "potholes"):
        counts = month[r["category"] == category].value_counts()
        dry, rainy = counts[[1, 2, 3, 4]].sum(), counts[range(5, 12)].sum()
        assert rows[category] == [str(dry), one(dry / 4), str(rainy), one(rainy / 7)]
    # 3: times by channel, as the code rounds them
    by = closed.groupby("channel")["hours"].agg(
        ["count", "median", lambda h: h.quantile(0.9), "mean"]).round(1)
    rows = table(sol[2])
    assert set(rows) == set(by.index)
    for channel, (count, median, p90, mean) in by.iterrows():
        assert rows[channel] == [str(int(count)), one(median), one(p90), one(mean)]
    # 4: channel mix
    counts, mix = r["channel"].value_counts(), r["channel"].value_counts(normalize=True) * 100
    rows = table(sol[3])
    for channel in counts.index:
        assert rows[channel] == [str(counts[channel]), f"{mix[channel]:.1f}%"]
    slow = mix["walk-in"] + mix["social"]
    assert f"{slow:.1f}%" in flat[3]
    # 5: service levels
    sla = closed.groupby("category").agg(n=("request_id", "count"), sla=("sla_hours", "first"),
                                         hours=("sla_hours", "nunique"), within=("within", "mean"))
    rows = table(sol[4])
    assert set(rows) == set(sla.index) and (sla["hours"] == 1).all()
    for category, s in sla.iterrows():
        share = round(s["within"] * 100, 1)
        assert rows[category] == [str(int(s["n"])), str(int(s["sla"])), f"{share:.1f}%",
                                  "yes" if share >= 80 else "no"]
    # 6: the three messages quote figures of steps 4 and 6
    quoted = {one(by.loc["walk-in", "median"]), one(by.loc["social", "median"])} | {
        f"{round(sla.loc[c, 'within'] * 100, 1):.1f}"
        for c in ("potholes", "noise", "drainage", "information request")}
    assert quoted <= set(numbers(sol[5]))
    # 7: street lighting by corregimiento
    lighting = closed[closed["category"] == "street lighting"].groupby("corregimiento")
    top = lighting["hours"].agg(["count", "median", lambda h: h.quantile(0.9)]).round(1)
    top = top.sort_values(top.columns[2], ascending=False).head(5)
    rows = table(sol[6])
    assert list(rows) == list(top.index)
    for place, (count, median, p90) in top.iterrows():
        assert rows[place] == [str(int(count)), one(median), one(p90)]
    share = (lighting["within"].mean() * 100).round(1).sort_values(kind="stable")
    size = lighting.size()
    for place in share.index[:3]:
        assert f"{share[place]:.1f}%" in flat[6] and str(size[place]) in flat[6]


@pytest.fixture(scope="module")
def open_data() -> dict:
    folder = (REPO / OPEN_DATA).parent / "data"
    raw = pd.read_csv(folder / "municipal-services-synthetic.csv", dtype=str,
                      keep_default_na=False)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {"raw": raw, "package": package}


def _findings(raw: pd.DataFrame, package: dict) -> set[tuple[int, str, str]]:
    """The defects a spreadsheet user finds in step 3, by CSV line (header: line 1)."""
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    found = set()
    for i, row in raw.iterrows():
        line = i + 2
        if row["online_available"] not in ("true", "false"):
            found.add((line, "online_available", row["online_available"]))
        for name in ("fee_pab", "processing_days", "requests_2025"):
            if row[name] and float(row[name]) < 0:
                found.add((line, name, row[name]))
        try:
            datetime.fromisoformat(row["last_updated"]) if row["last_updated"] else None
        except ValueError:
            found.add((line, "last_updated", row["last_updated"]))
        for name in ("province", "service"):
            if row[name] not in fields[name]["constraints"]["enum"]:
                found.add((line, name, row[name]))
    for i in raw.index[raw["record_id"].duplicated()]:
        found.add((i + 2, "record_id", raw.loc[i, "record_id"]))
    return found


def test_open_data_solutions_match_the_data(open_data: dict) -> None:
    raw, package = open_data["raw"], open_data["package"]
    sol = solutions(nbformat.read(REPO / OPEN_DATA, as_version=4))
    flat = [" ".join(s.split()) for s in sol]
    assert len(sol) == 8
    assert package["licenses"][0]["title"] in flat[0]
    # 2: completeness
    blank = raw.index[raw["fee_pab"] == ""] + 2
    assert (raw.drop(columns="fee_pab") != "").all().all()
    filled = (1 - len(blank) / len(raw)) * 100
    assert f"{len(blank)} of {len(raw)}" in flat[1] and f"{filled:.1f}%" in flat[1]
    assert f"lines {blank[0]} and {blank[1]}" in flat[1]
    # 3: the findings
    found = _findings(raw, package)
    rows = table(sol[2])
    assert {(int(line), cells[0], cells[1]) for line, cells in rows.items()} == found
    # 5: cleaning: the new identifier and the clean table's shape
    new_id = f"MS-{1 + max(int(v.split('-')[1]) for v in raw['record_id']):04d}"
    assert new_id in flat[4] and f"{len(raw)} rows and {raw.shape[1]} columns" in flat[4]
    # 6: statistics on the clean table
    clean = raw.copy()
    clean.loc[clean["online_available"] == "Yes", "online_available"] = "true"
    for line, field, _ in found:
        if field in ("processing_days", "last_updated"):
            clean.loc[line - 2, field] = ""
    number = lambda col: pd.to_numeric(clean[col].replace("", None))  # noqa: E731
    typed = clean.assign(fee=number("fee_pab"), days=number("processing_days"),
                         requests=number("requests_2025"),
                         online=clean["online_available"] == "true")
    stats = typed.groupby("service").agg(n=("municipality", "nunique"), fee=("fee", "median"),
                                         days=("days", "median"), online=("online", "mean"),
                                         requests=("requests", "sum"))
    rows = table(sol[5])
    assert list(rows) == list(stats.sort_values("requests", ascending=False).index)
    for service, s in stats.iterrows():
        assert rows[service] == [str(int(s["n"])), f"{s['fee']:.2f}", one(s["days"]),
                                 f"{round(s['online'] * 100):.0f}", str(int(s["requests"]))]
    # 8: the exercise: the largest request count, and its line
    requests = raw["requests_2025"].astype(int)
    assert f"is {requests.max()} (line {requests.idxmax() + 2})" in flat[7]
    assert (requests <= 100000).all()


@pytest.mark.parametrize("rel", [OPEN_DATA, REQUESTS])
def test_spanish_solutions_keep_every_figure(rel: str) -> None:
    english = solutions(nbformat.read(REPO / rel, as_version=4))
    translated = solutions(spanish(rel))
    assert len(translated) == len(english)
    for en, es in zip(english, translated, strict=True):
        assert es != en
        assert numbers(es) == numbers(en), (en, es)
