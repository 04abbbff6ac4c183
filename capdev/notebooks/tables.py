"""HTML tables of notebook outputs (pandas DataFrames…) made readable on any screen.

Each outermost table goes into its own scroll region, so a wide DataFrame scrolls inside
itself and the page still reflows at 320 px; the region is focusable and named, so a
keyboard user can scroll it too (WCAG 2.1.1, axe `scrollable-region-focusable`). Columns
whose body cells are all numbers are marked `nb-num`, header included, so the stylesheet
right-aligns them as the site's own tables do. Runs on HTML that `sanitize_html` has
already cleaned: it adds only fixed attributes, never content.
"""

from __future__ import annotations

from lxml import html as lxml_html

NUMERIC = "nb-num"
# pandas prints missing values so; they do not make a column of numbers a text column
MISSING = frozenset({"", "nan", "NaN", "<NA>", "NaT", "None", "-", "—"})


def readable_tables(fragment: str, label: str) -> str:
    """`fragment` with every outermost <table> wrapped and its numeric columns marked."""
    if "<table" not in fragment.lower():
        return fragment  # untouched bytes: no reserialization of outputs without tables
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for table in root.iter("table"):
        _mark_numeric_columns(table)
    for table in [t for t in root.iter("table") if not _inside_table(t)]:
        _wrap(table, label)
    head = root.text or ""
    return head + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def is_number(text: str) -> bool:
    """A cell as pandas prints a number: 1770, -2, 201.5, 1,234.5, 1e-05, 97.6%, inf."""
    cleaned = text.strip().replace(",", "").replace("\u00a0", "").removesuffix("%")
    try:
        float(cleaned)
    except ValueError:
        return False
    return cleaned.lower() not in ("nan", "-nan")  # a lone NaN says nothing about the column


def _inside_table(table) -> bool:
    return any(a.tag == "table" for a in table.iterancestors())


def _wrap(table, label: str) -> None:
    region = lxml_html.Element("div", {"class": "nb-table", "role": "region",
                                       "aria-label": label, "tabindex": "0"})
    region.tail, table.tail = table.tail, None
    table.addprevious(region)
    region.append(table)


def _rows(table) -> list:
    """The table's own rows (not those of a table nested in a cell)."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table]


def _grid(table) -> list[tuple[object, int, bool]]:
    """(cell, first column, in thead) for every cell, rowspan and colspan placed as browsers do."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, tr in enumerate(_rows(table)):
        in_head = tr.getparent().tag == "thead"
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            taken.update((r + dr, col + dc) for dr in range(down) for dc in range(span))
            placed.append((cell, col if span == 1 else -1, in_head))
            col += span
    return placed


def _text(cell) -> str:
    """What a cell shows; a cell holding a table is text, whatever that table holds."""
    return "[table]" if cell.find(".//table") is not None else cell.text_content().strip()


def _span(cell, name: str) -> int:
    value = cell.get(name, "1")
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


def _mark_numeric_columns(table) -> None:
    grid = _grid(table)
    body: dict[int, list[str]] = {}
    for cell, col, in_head in grid:
        if cell.tag == "td" and not in_head and col >= 0:
            body.setdefault(col, []).append(_text(cell))
    numeric = {col for col, texts in body.items()
               if any(t not in MISSING for t in texts)
               and all(t in MISSING or is_number(t) for t in texts)}
    for cell, col, in_head in grid:
        if col in numeric and (cell.tag == "td" or in_head):
            classes = cell.get("class", "").split()
            cell.set("class", " ".join([*classes, NUMERIC]))
