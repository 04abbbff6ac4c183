"""PO text laid out the way GNU gettext writes it (`msgcat`, `msgmerge`, Poedit, Weblate).

gettext (write-po.c, `wrap`) splits a string after each `\\n`, escapes it, and breaks each
piece at the Unicode line-break opportunities that libunistring finds (UAX #14 pair table,
`ulc_width_linebreaks`) so that no line passes the page width (79): a break after a space
or a hyphen, none before a closing quote or after an escaping backslash, none just before
a final `\\n`. A string that is split at all starts with an empty `""` line. References
(`#:`) are joined on one line until it would pass the width. The fuzzy flag of an entry
without a translation is left out, and an obsolete entry without a translation is dropped,
as gettext does; so `msgcat` of a file written here gives back the same bytes.

The line-break classes and the pair table are Unicode 14's, as libunistring 1.0 (what
gettext 0.21 links) resolves them: `po_linebreak`.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from capdev.catalogs.po_linebreak import CLASS, ORDER, START, TABLE

WIDTH = 79

_TABLE = {(row.split()[0], b): v
          for row in TABLE.splitlines() for b, v in zip(ORDER, row.split()[1:], strict=True)}


@cache  # a catalog uses a few hundred distinct characters: look each up once
def _class(ch: str) -> str:
    return CLASS[bisect_right(START, ord(ch)) - 1]


@cache
def _width(ch: str) -> int:
    """libunistring's uc_width: -1 for controls, 0 for marks and format characters, 2 for
    wide East Asian characters."""
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0:
        return -1
    cat = unicodedata.category(ch)
    if o != 0xAD and (cat in ("Mn", "Me", "Cf") or 0x1160 <= o < 0x1200):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


UNDEF, PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2, 3


def _possible(text: str) -> list[int]:
    """libunistring 1.0's u8_possible_linebreaks: the break opportunity before each char."""
    out = [PROHIBITED] * len(text)
    prev = last = "BK"  # class of the last character, and of the last non-space one
    seen_space = False
    ri_count = 0
    for i, ch in enumerate(text):
        prop = _class(ch)
        if prop == "BK":
            out[i], prev, last, seen_space = MANDATORY, "BK", "BK", False
            ri_count = 0
            continue
        if prop == "SP":
            out[i], seen_space = PROHIBITED, True
        elif prop == "ZW":
            out[i], last, seen_space = PROHIBITED, "ZW", False
        elif prop in ("CM", "ZWJ"):
            if last == "BK":
                out[i], last, seen_space = PROHIBITED, "AL", False
            elif last == "ZW" or seen_space:
                out[i], last, seen_space = POSSIBLE, "AL", False
            else:
                out[i] = PROHIBITED
        else:
            if last == "BK" or prev == "ZWJ" or prev == "HL_BA":
                out[i] = PROHIBITED
            elif last == "ZW":
                out[i] = POSSIBLE
            elif last == "RI" and prop == "RI":
                out[i] = POSSIBLE if seen_space or ri_count % 2 == 0 else PROHIBITED
            else:
                rule = _TABLE[(last, prop)]
                out[i] = POSSIBLE if rule == "D" or (rule == "I" and seen_space) else PROHIBITED
            last, seen_space = prop, False
        prev = "HL_BA" if prev == "HL" and prop in ("HY", "BA") else prop
        ri_count = ri_count + 1 if prop == "RI" else 0
    return out


def _width_breaks(text: str, width: int, start: int, overrides: list[int]) -> list[int]:
    """libunistring's u8_width_linebreaks: where to break so lines fit `width` columns."""
    p = _possible(text)
    last_p: int | None = None
    last_col, piece = start, 0
    for i, ch in enumerate(text):
        if overrides[i] != UNDEF:
            p[i] = overrides[i]
        if p[i] in (POSSIBLE, MANDATORY) and last_p is not None and last_col + piece > width:
            p[last_p] = POSSIBLE
            last_col = 0
        if p[i] == MANDATORY:
            last_p, last_col, piece = None, 0, 0
            continue
        if p[i] == POSSIBLE:
            last_p, last_col, piece = i, last_col + piece, 0
        p[i] = PROHIBITED
        w = _width(ch)
        if w >= 0:
            piece += w
    if last_p is not None and last_col + piece > width:
        p[last_p] = POSSIBLE
    return p


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}


def wrap(name: str, value: str, prefix: str = "", width: int = WIDTH) -> list[str]:
    """The lines of `name "value"` as gettext writes them (prefix: "#~ ", "#| ", …)."""
    lines: list[str] = []
    after_break = len(prefix) + 1
    avail = width - 1 - after_break
    first = True
    pieces = _portions(value)
    for n, portion in enumerate(pieces):
        text, over = [], []
        for ch in portion:
            if ch in _ESCAPES:
                text += ["\\", _ESCAPES[ch]]
                over += [UNDEF, PROHIBITED]
            else:
                text.append(ch)
                over.append(UNDEF)
        if portion.endswith("\n"):
            over[-2] = PROHIBITED
        s = "".join(text)
        while True:
            start = len(prefix) + (len(name) + 1 if first else 0) + 1 - after_break
            breaks = _width_breaks(s, avail, start, over)
            if first and s and (n < len(pieces) - 1 or start > avail or POSSIBLE in breaks):
                lines.append(f'{prefix}{name} ""')
                first = False
                continue
            break
        head = f"{prefix}{name} " if first else prefix
        first = False
        cur = ""
        for ch, b in zip(s, breaks, strict=True):
            if b == POSSIBLE:
                lines.append(f'{head}"{cur}"')
                head, cur = prefix, ""
            cur += ch
        lines.append(f'{head}"{cur}"')
    return lines


def _portions(value: str) -> list[str]:
    """The value cut after each newline (one empty portion for the empty string)."""
    if not value:
        return [""]
    parts = value.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def references(occurrences: Iterable[tuple[str, str]], width: int = WIDTH) -> list[str]:
    """`#:` lines: references joined until the next would pass the width (a repeated one
    once, as gettext keeps it)."""
    lines, cur, col = [], "#:", 2
    seen: set[str] = set()
    for path, line in occurrences:
        ref = f"{path}:{line}" if line not in ("", None) else path
        if ref in seen:
            continue
        seen.add(ref)
        if col > 2 and col + len(ref) + 1 > width:
            lines.append(cur)
            cur, col = "#:", 2
        cur += " " + ref
        col += len(ref) + 1
    if col > 2:
        lines.append(cur)
    return lines


def comment_lines(mark: str, text: str) -> list[str]:
    """`# …` or `#. …` lines, one per line of the comment ("#" alone for an empty one)."""
    return [f"{mark} {line}" if line else mark for line in text.split("\n")]


def entry_lines(e, width: int = WIDTH) -> list[str]:  # noqa: ANN001 — a polib entry
    """One entry (polib.POEntry or the header's) as gettext writes it; [] for an obsolete
    entry without a translation (gettext drops those)."""
    out: list[str] = []
    pre = "#~ " if e.obsolete else ""
    if e.obsolete and not e.msgstr and not e.msgstr_plural:
        return out
    if e.tcomment:
        out += comment_lines("#", e.tcomment)
    if e.comment:
        out += comment_lines("#.", e.comment)
    if e.occurrences:
        out += references(e.occurrences, width)
    translated = bool(e.msgstr) or any(e.msgstr_plural.values())
    flags = [f for f in e.flags if f != "fuzzy" or translated]
    if e.obsolete:
        flags = ["fuzzy"] if "fuzzy" in flags else []
    if flags:
        if "fuzzy" in flags:
            flags = ["fuzzy"] + [f for f in flags if f != "fuzzy"]
        out.append("#, " + ", ".join(flags))
    prev = "#~| " if e.obsolete else "#| "
    for name, value in (("msgctxt", e.previous_msgctxt), ("msgid", e.previous_msgid),
                        ("msgid_plural", e.previous_msgid_plural)):
        if value is not None:
            out += wrap(name, value, prev, width)
    if e.msgctxt is not None:
        out += wrap("msgctxt", e.msgctxt, pre, width)
    out += wrap("msgid", e.msgid, pre, width)
    if e.msgid_plural:
        out += wrap("msgid_plural", e.msgid_plural, pre, width)
        for i in sorted(e.msgstr_plural):
            out += wrap(f"msgstr[{i}]", e.msgstr_plural[i], pre, width)
    else:
        out += wrap("msgstr", e.msgstr, pre, width)
    return out
