"""The XLSX copy of a lab's CSV data: the no-code path opens it in LibreOffice Calc or Excel.

Written at build from the declared CSV file, never committed: the CSV stays the one source.
A value is written as a number or a date only when it reads as one without guessing (no
leading zero, no exponent, a real calendar day); anything else stays text exactly as in
the CSV, so a planted error (the impossible date `2025-02-30`) is still there to be found. The bytes depend on the CSV alone: a fixed creation date and xlsxwriter's fixed
member times make two builds write the same file, so it is only rewritten when the CSV
changes.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from functools import lru_cache

import xlsxwriter

# Why fixed: the workbook's creation date is the only clock xlsxwriter writes.
CREATED = datetime(2000, 1, 1)
# Plain decimals only: "007" (a code) and "1e5" stay text; more than 15 digits would lose
# precision as a spreadsheet number, so they stay text too.
NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?")
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")  # characters a sheet name may not hold
MAX_WIDTH = 40  # characters: a long text column should not push the others off screen


def xlsx_name(csv_name: str) -> str:
    """`data/x.csv` → `data/x.xlsx`: the spreadsheet copy sits beside its CSV."""
    return csv_name[: -len(".csv")] + ".xlsx"


def is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


@lru_cache(maxsize=8)  # both languages publish the same copy: convert once per build
def xlsx_from_csv(raw: bytes, sheet: str) -> bytes | None:
    """The workbook for a UTF-8 CSV (None if it is not UTF-8: `file-not-utf8` reports it).

    One sheet named `sheet`: the CSV's first row as a bold, frozen header with filters,
    then every row as it is, numbers and dates typed.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": CREATED})
    formats = {"header": book.add_format({"bold": True}),
               "date": book.add_format({"num_format": DATE_FORMAT}),
               "datetime": book.add_format({"num_format": DATETIME_FORMAT})}
    ws = book.add_worksheet(_sheet_name(sheet))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            _write(ws, r, c, value, formats, header=r == 0)
    width = max((len(row) for row in rows), default=0)
    if rows and width:
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, len(rows) - 1, width - 1)
        for c in range(width):
            longest = max(len(row[c]) if c < len(row) else 0 for row in rows)
            ws.set_column(c, c, min(max(longest, 8) + 2, MAX_WIDTH))
    book.close()
    return out.getvalue()


def _write(ws, r: int, c: int, value: str, formats: dict, *, header: bool) -> None:
    if value == "":
        return  # a blank cell, so COUNTBLANK and the filters' "(empty)" find it
    if header:
        ws.write_string(r, c, value, formats["header"])
    elif NUMBER.fullmatch(value):
        ws.write_number(r, c, int(value) if "." not in value else float(value))
    elif (when := _datetime(value)) is not None:
        kind = "date" if DATE.fullmatch(value) else "datetime"
        ws.write_datetime(r, c, when, formats[kind])
    else:
        ws.write_string(r, c, value)  # never a formula: "=…" in a CSV stays text


def _datetime(value: str) -> datetime | None:
    """An ISO date or date and time that exists on the calendar; else None (kept as text)."""
    if not (DATE.fullmatch(value) or DATETIME.fullmatch(value)):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _sheet_name(stem: str) -> str:
    return SHEET_NAME.sub("-", stem)[:31] or "data"
