"""A fast, strict reader of PO catalogs: entries with their line numbers, or a syntax error.

polib accepts some broken files silently (an unterminated string is read as text), and
parsing every catalog with it dominated a cold `capdev check` and the site's staging. This
reader does one pass over the lines, validates each against the PO grammar (the order
msgctxt, msgid, msgid_plural, msgstr / msgstr[n], as GNU msgfmt wants it), and keeps what
readers need (checks, rendering, status). Writing stays with polib.

`inspect` is the one verdict on a catalog's bytes that `capdev check`, `i18n update`,
`i18n status` and the build share: it decodes them by their declared charset and returns
the findings (syntax, encoding, charset, duplicate entries) with their lines.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from capdev.errors import Finding

KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)[ \t]+(".*)$')
STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"[ \t]*$')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}
ESCAPE = re.compile(r"\\(.)")
HEADER_END = re.compile(rb"\n[ \t\r]*\n")
CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset\s*=\s*([A-Za-z0-9_.:-]+)", re.I)
NOT_CHARSETS = ("idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf-7")
UNREADABLE = ("po-syntax", "file-not-utf8")  # the findings after which nothing was read

SYNTAX_HINT = "fix the quoting near this line (Poedit shows the error too), or restore it from git"
UTF8_HINT = ("save the catalog as UTF-8, or declare its real encoding in the header "
             "(charset=ISO-8859-1) and run `capdev i18n update` to convert it")
CONVERT_HINT = ("run `capdev i18n update`: it rewrites the catalog as UTF-8 with a UTF-8 "
                "header, keeping every translation")
DUPLICATE_HINT = ("merge the two entries into one, keeping the right translation "
                  "(`capdev i18n update` leaves a catalog with duplicates untouched)")


class PoSyntaxError(Exception):
    rule = "po-syntax"

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class PoEncodingError(PoSyntaxError):
    """The bytes are not text in the catalog's charset (or the charset is unknown)."""

    def __init__(self, line: int, message: str, rule: str = "file-not-utf8"):
        super().__init__(line, message)
        self.rule = rule


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
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    first: int = 0  # first and last line of the entry, its comments included
    last: int = 0
    _previous_open: bool = field(default=False, repr=False, compare=False)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def owned(self) -> bool:
        """An entry capdev writes: no context, no plural forms (those are kept as written)."""
        return self.msgctxt is None and self.msgid_plural is None and not self.msgstr_plural


def unescape(s: str, line: int) -> str:
    if "\\" not in s:
        return s
    def sub(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch not in ESCAPES:
            raise PoSyntaxError(line, f"invalid escape \\{ch}")
        return ESCAPES[ch]
    return ESCAPE.sub(sub, s)


def lines_of(text: str) -> list[str]:
    """The catalog's lines as polib and editors count them (\\n, \\r\\n or \\r; not the
    other separators `str.splitlines` knows, which may sit inside a string)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def parse(text: str) -> list[PoEntry]:
    entries: list[PoEntry] = []
    cur = PoEntry()
    field_name = ""
    seen_keyword = False
    last = 0

    def flush() -> None:
        nonlocal cur, field_name, seen_keyword
        if seen_keyword:
            if not field_name.startswith("msgstr"):
                raise PoSyntaxError(cur.line or cur.first, "entry without msgstr")
            cur.last = last
            entries.append(cur)
        cur, field_name, seen_keyword = PoEntry(), "", False

    for n, raw in enumerate(lines_of(text), 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        head = line[0]  # one dispatch on the first character: this loop sees every line
        obsolete = head == "#" and line[1:2] == "~"
        if obsolete:
            line = line[2:].strip()
            if not line or line[0] == "|":
                if seen_keyword and field_name.startswith("msgstr"):
                    flush()
                cur.first = cur.first or n
                last = n
                continue
            head = line[0]
        elif head == "#":
            if seen_keyword:
                flush()
            cur.first = cur.first or n
            _comment(cur, line)
            last = n
            continue
        if head == '"':
            if not field_name:
                raise PoSyntaxError(n, "a string outside any msgid/msgstr")
            _append(cur, field_name, _string(line, n), first=False)
            last = n
            continue
        if m := KEYWORD.match(line):
            name = m.group(1)
            if seen_keyword and field_name.startswith("msgstr") and name in ("msgctxt", "msgid"):
                flush()
            _order(field_name, name, n)
            seen_keyword = True
            cur.first = cur.first or n
            cur.obsolete = cur.obsolete or obsolete
            field_name = name
            if name == "msgid":
                cur.line = n
            _append(cur, name, _string(m.group(3), n), first=True)
            last = n
            continue
        raise PoSyntaxError(n, f"unexpected text: {line[:40]}")
    flush()
    return entries


def _order(before: str, name: str, n: int) -> None:
    """The keyword `name` may follow `before` (the previous keyword of the same entry)."""
    if name == "msgctxt":
        ok = before == ""
    elif name == "msgid":
        ok = before in ("", "msgctxt")
    elif name == "msgid_plural":
        ok = before == "msgid"
    elif name == "msgstr":
        ok = before == "msgid"
    else:  # msgstr[n]
        ok = before == "msgid_plural" or before.startswith("msgstr[")
    if not ok:
        raise PoSyntaxError(n, f"{name} cannot follow {before or 'the start of an entry'}")


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
    if name == "msgstr":
        e.msgstr = value if first else e.msgstr + value
    elif name == "msgid":
        e.msgid = value if first else e.msgid + value
    elif name == "msgctxt":
        e.msgctxt = value if first else (e.msgctxt or "") + value
    elif name == "msgid_plural":
        e.msgid_plural = value if first else (e.msgid_plural or "") + value
    else:  # msgstr[n]
        k = int(name[7:-1])
        e.msgstr_plural[k] = value if first else e.msgstr_plural.get(k, "") + value


def _comment(e: PoEntry, line: str) -> None:
    kind = line[1:2]
    if kind == ".":
        e.comments.append(line[2:].strip())
    elif kind == ":":
        for ref in line[2:].split():
            path, _, num = ref.rpartition(":")
            e.occurrences.append((path, int(num)) if num.isascii() and num.isdigit() and path
                                 else (ref, 0))
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


# -- bytes -----------------------------------------------------------------------------------
@dataclass
class Decoded:
    text: str
    charset: str  # the codec the bytes were read with: "utf-8", or the declared one
    declared: str | None = None  # the header's charset as written (None: none, or CHARSET)
    declared_line: int = 0
    bom: bool = False  # the file starts with a UTF-8 byte-order mark (dropped on writing)

    @property
    def utf8_header(self) -> bool:
        return self.declared is None or codec_of(self.declared) == "utf-8"


def codec_of(name: str) -> str | None:
    """Python's codec for a PO charset name, or None if it is not a text encoding."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def declared_charset(data: bytes) -> tuple[str | None, int]:
    """The charset in the header's Content-Type, and its line (polib's detection, limited
    to the first entry)."""
    end = HEADER_END.search(data)
    m = CHARSET.search(data, 0, end.start() if end else len(data))
    if not m:
        return None, 0
    name = m.group(1).decode("ascii")
    line = data.count(b"\n", 0, m.start()) + 1
    return (None if name.upper() == "CHARSET" else name), line


def decode(data: bytes) -> Decoded:
    """The text of a catalog. Bytes that are valid UTF-8 are read as UTF-8 whatever the
    header says (a Latin-1 text is almost never valid UTF-8, and a catalog re-saved as
    UTF-8 under an old Latin-1 header must not turn into mojibake); other bytes are read in
    the declared charset."""
    declared, dline = declared_charset(data)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return Decoded(data[bom:].decode("utf-8"), "utf-8", declared, dline, bool(bom))
    except UnicodeDecodeError as exc:
        bad = exc.start + bom
    where = data.count(b"\n", 0, bad) + 1
    byte = f"byte 0x{data[bad]:02X}"
    codec = codec_of(declared) if declared else "utf-8"
    if codec == "utf-8":
        raise PoEncodingError(where, f"not valid UTF-8 ({byte})")
    if codec is None:
        raise PoEncodingError(dline, f"unknown charset {declared!r} in the header, and the "
                              f"file is not UTF-8 either (line {where}, {byte})", "po-charset")
    try:
        text = data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        raise PoEncodingError(where, f"not valid UTF-8 nor {declared} ({byte})") from None
    return Decoded(text, codec, declared, dline)


@dataclass
class Read:
    decoded: Decoded
    entries: list[PoEntry]  # the header entry included


def inspect(data: bytes, shown: str) -> tuple[Read | None, list[Finding]]:
    """Decode and parse a catalog's bytes. A file that does not parse gives (None, [its
    error]); one that does gives its entries plus findings that do not stop reading: a
    header charset other than UTF-8 (`po-charset`) and duplicate entries (`po-duplicate`)."""
    try:
        decoded = decode(data)
        entries = parse(decoded.text)
    except PoSyntaxError as exc:
        return None, [syntax_finding(exc, shown)]
    return Read(decoded, entries), charset_findings(decoded, shown) + duplicates(entries, shown)


def syntax_finding(exc: PoSyntaxError, shown: str) -> Finding:
    hint = {"po-syntax": SYNTAX_HINT, "file-not-utf8": UTF8_HINT}.get(
        exc.rule, "declare charset=UTF-8 in the header and save the file as UTF-8")
    return Finding(shown, exc.line, exc.rule, exc.message, hint)


def charset_findings(decoded: Decoded, shown: str) -> list[Finding]:
    if decoded.utf8_header:
        return [Finding(shown, 1, "po-charset", "the catalog starts with a byte-order mark",
                        CONVERT_HINT)] if decoded.bom else []
    name = decoded.declared
    if codec_of(name or "") is None:
        what = f"unknown charset {name!r} in the header (the file is UTF-8)"
    elif decoded.charset == "utf-8":
        what = f"the header declares charset={name} but the file is UTF-8"
    else:
        what = f"the catalog is encoded as {name}, not UTF-8"
    return [Finding(shown, decoded.declared_line, "po-charset", what, CONVERT_HINT)]


def duplicates(entries: list[PoEntry], shown: str) -> list[Finding]:
    """Two active entries with the same msgctxt and msgid (msgfmt refuses such a file)."""
    seen: dict[tuple[str | None, str], int] = {}
    found = []
    for e in entries:
        if e.obsolete:
            continue
        key = (e.msgctxt, e.msgid)
        if key in seen:
            ctxt = f" (msgctxt {e.msgctxt!r})" if e.msgctxt is not None else ""
            what = "header" if not e.msgid and e.msgctxt is None else f"msgid {_short(e.msgid)}"
            found.append(Finding(shown, e.line, "po-duplicate",
                                 f"duplicate {what}{ctxt}: already defined at line {seen[key]}",
                                 DUPLICATE_HINT))
        else:
            seen[key] = e.line
    return found


def _short(text: str) -> str:
    return repr(text if len(text) <= 50 else text[:47] + "…")
