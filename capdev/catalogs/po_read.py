"""A fast, strict reader of PO catalogs: entries with their line numbers, or a syntax error.

polib accepts some broken files silently (an unterminated string is read as text), and
parsing every catalog with it dominated a cold `capdev check` and the site's staging. This
reader does one pass over the lines, validates each against the PO grammar, and keeps what
readers need (checks, rendering, status). Writing stays with polib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+(".*)$')
STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"[ \t]*$')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}
ESCAPE = re.compile(r"\\(.)")


class PoSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class PoEntry:
    line: int = 0  # line of msgid
    msgctxt: str | None = None
    msgid: str = ""
    msgstr: str = ""
    comments: list[str] = field(default_factory=list)  # "#." extracted
    tcomments: list[str] = field(default_factory=list)  # "# " translator
    flags: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, int]] = field(default_factory=list)
    obsolete: bool = False
    previous_msgid: str | None = None  # "#| msgid": the English a fuzzy translation was made from
    _previous_open: bool = field(default=False, repr=False, compare=False)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def unescape(s: str, line: int) -> str:
    if "\\" not in s:
        return s
    def sub(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch not in ESCAPES:
            raise PoSyntaxError(line, f"invalid escape \\{ch}")
        return ESCAPES[ch]
    return ESCAPE.sub(sub, s)


def parse(text: str) -> list[PoEntry]:
    entries: list[PoEntry] = []
    cur = PoEntry()
    field_name = ""
    seen_keyword = False

    def flush() -> None:
        nonlocal cur, field_name, seen_keyword
        if seen_keyword:
            if cur.msgid is None:
                raise PoSyntaxError(cur.line, "entry without msgid")
            entries.append(cur)
        cur, field_name, seen_keyword = PoEntry(), "", False

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        head = line[0]  # one dispatch on the first character: this loop sees every line
        obsolete = head == "#" and line[1:2] == "~"
        if obsolete:
            line = line[2:].strip()
            if not line or line[0] == "|":
                continue
            head = line[0]
        elif head == "#":
            if seen_keyword:
                flush()
            _comment(cur, line)
            continue
        if head == '"':
            if not field_name:
                raise PoSyntaxError(n, "a string outside any msgid/msgstr")
            _append(cur, field_name, _string(line, n), first=False)
            continue
        if m := KEYWORD.match(line):
            name, rest = m.group(1), m.group(2)
            if name in ("msgctxt", "msgid") and seen_keyword and field_name.startswith("msgstr"):
                flush()
            seen_keyword = True
            cur.obsolete = cur.obsolete or obsolete
            field_name = name
            if name == "msgid":
                cur.line = n
            _append(cur, name, _string(rest, n), first=True)
            continue
        raise PoSyntaxError(n, f"unexpected text: {line[:40]}")
    flush()
    return entries


def _string(s: str, n: int) -> str:
    inner = s[1:-1]
    # the common case, a plain string without quotes or escapes inside, needs no regex
    if len(s) > 1 and s[0] == '"' and s[-1] == '"' and '"' not in inner and "\\" not in inner:
        return inner
    m = STRING.match(s)
    if not m:
        raise PoSyntaxError(n, "unterminated or badly quoted string" if s.startswith('"')
                            else "expected a quoted string")
    return unescape(m.group(1), n)


def _append(e: PoEntry, name: str, value: str, first: bool) -> None:
    if name == "msgctxt":
        e.msgctxt = value if first else (e.msgctxt or "") + value
    elif name == "msgid":
        e.msgid = value if first else e.msgid + value
    elif name.startswith("msgstr"):
        e.msgstr = value if first and name in ("msgstr", "msgstr[0]") else e.msgstr + (
            value if name in ("msgstr", "msgstr[0]") else "")


def _comment(e: PoEntry, line: str) -> None:
    kind = line[1:2]
    if kind == ".":
        e.comments.append(line[2:].strip())
    elif kind == ":":
        for ref in line[2:].split():
            path, _, num = ref.rpartition(":")
            e.occurrences.append((path, int(num)) if num.isdigit() and path else (ref, 0))
    elif kind == ",":
        e.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
    elif kind == "|":
        _previous(e, line[2:].strip())
    else:
        e.tcomments.append(line[1:].strip())


def _previous(e: PoEntry, rest: str) -> None:
    """`#| msgid "…"` and its continuation lines; other `#|` fields are not kept. Lenient,
    like msgmerge: a malformed previous string is dropped, never an error."""
    try:
        if rest.startswith("msgid "):
            e.previous_msgid, e._previous_open = _string(rest[6:].strip(), 0), True
        elif rest.startswith('"') and e._previous_open:
            e.previous_msgid = (e.previous_msgid or "") + _string(rest, 0)
        else:
            e._previous_open = False
    except PoSyntaxError:
        e._previous_open = False
