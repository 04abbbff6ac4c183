"""Translation rules on the text itself: numbers, punctuation, copies, whitespace, shape."""

from __future__ import annotations

import re
from collections.abc import Iterator

from capdev.checks.registry import hit, rule
from capdev.checks.tr_context import Entry
from capdev.errors import Finding

DIGIT = re.compile(r"\d")
GROUP_SPACE = "[ \u00a0\u202f]"  # 1 000 / 1\u00a0000 / 1\u202f000 (the UN and SI style)
NUMBER = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:{GROUP_SPACE}\d{{3}})+(?:,\d+)?(?![\w])"
    r"|(?<![\w])\d+(?:[.,]\d+)*(?![\w])"
)
NUMBER_WORDS = {  # English digits a Spanish sentence may spell out (Spanish style: uno…diez)
    "0": "cero", "1": "uno una un primer primera primero", "2": "dos segundo segunda",
    "3": "tres tercer tercera tercero", "4": "cuatro cuarto cuarta", "5": "cinco quinto quinta",
    "6": "seis sexto sexta", "7": "siete séptimo séptima", "8": "ocho octavo octava",
    "9": "nueve noveno novena", "10": "diez décimo décima", "100": "cien ciento",
    "1000": "mil",
}


def _float(text: str) -> set[float]:
    try:
        return {float(text)}
    except ValueError:
        return set()


def values_en(token: str) -> set[float]:
    """An English number: `,` groups thousands, `.` is the decimal point. A token with two
    points (a version, 1.6.1) is no number: it must be copied as it is."""
    plain = re.sub(GROUP_SPACE, "", token)
    return _float(plain.replace(",", "")) if plain.count(".") <= 1 else set()


def values_es(token: str) -> set[float]:
    """A Spanish number, either convention (Panama writes 2.15 and 1,000; Spain and the UN
    2,15 and 1.000 or 1 000)."""
    plain = re.sub(GROUP_SPACE, "", token)
    out = values_en(plain)
    if plain.count(",") <= 1:
        out |= _float(plain.replace(".", "").replace(",", "."))
    return out


@rule(
    "tr-number",
    "warning",
    "numbers survive translation (2.15 → 2,15 and 1,000.5 → 1.000,5 are fine; 2.15 → 3 is not)",
    "entry",
)
def number(e: Entry) -> Iterator[Finding]:
    if not DIGIT.search(e.msgid):
        return
    tokens = NUMBER.findall(e.tr_text)
    copied = {re.sub(GROUP_SPACE, " ", t) for t in tokens}  # versions, codes: the same string
    found: set[float] = set()
    for tok in tokens:
        found |= values_es(tok)
    words = set(re.findall(r"\w+", e.tr_text.lower()))
    for tok in NUMBER.findall(e.src_text):
        if re.sub(GROUP_SPACE, " ", tok) in copied or values_en(tok) & found:
            continue
        spelled = NUMBER_WORDS.get(re.sub(r"\D", "", tok), "")
        if spelled and words & set(spelled.split()):
            continue
        yield hit(
            "tr-number",
            e.path,
            e.line,
            f"number {tok} of the English is not in the translation",
            "keep numbers; the decimal comma (2,15) and spelled-out small numbers are fine",
        )


@rule("tr-punctuation", "error", "¿…? and ¡…! are balanced in Spanish", "entry")
def punctuation(e: Entry) -> Iterator[Finding]:
    if e.lang != "es" or not PUNCT.search(e.msgstr):
        return
    # `![` is an image and `!!!`/`???` open admonitions: not sentence punctuation
    text = BLOCK_OPEN.sub(" ", e.tr_text).replace("![", " [")
    for opening, closing, name in (("¿", "?", "question"), ("¡", "!", "exclamation")):
        for sentence in SENTENCES.split(text):
            opens, closes = sentence.count(opening), sentence.count(closing)
            if opens != closes and (opens or e.msgid.count(closing)):
                yield hit("tr-punctuation", e.path, e.line,
                          f"unbalanced {opening}…{closing} in “{sentence.strip()[:60]}”",
                          f"Spanish {name}s open with {opening} and close with {closing}")
                break


PUNCT = re.compile(r"[¿¡?!]")
# a sentence ends at . : ; before a capital or an opening ¿¡ ("p. ej., los" goes on)
SENTENCES = re.compile(r"(?<=[.:;])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])|\n")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b")
ITALIC = re.compile(r"(?<![*\w])\*(?!\*)[^*\n]+?\*(?!\*)|(?<![_\w])_(?!_)[^_\n]+?_(?![_\w])")


@rule("tr-untranslated", "warning", "a translation identical to the English (names, acronyms and "
      "glossary terms spelled the same in Spanish are allowed)", "entry")
def untranslated(e: Entry) -> Iterator[Finding]:
    if e.msgstr.strip() != e.msgid.strip():
        return
    text = DOMAIN.sub(" ", ITALIC.sub(" ", e.src_text))
    if e.glossary is not None:
        text = e.glossary.strip_same(text, e.lang)
    common = [w for w in WORD.findall(text) if w[:1].islower() and len(w) > 2]
    # one word alone is usually a name, a data value or a loanword; table cells often hold
    # data values ("street lighting") that must stay as in the data set
    if len(common) >= (3 if "table" in e.kind else 2):
        yield hit(
            "tr-untranslated",
            e.path,
            e.line,
            f"the translation is a copy of the English (“{common[0]}”…)",
            'translate it, or clear msgstr so the page shows the English marked lang="en"',
        )


@rule("tr-whitespace", "warning", "leading and trailing whitespace as in the English", "entry")
def whitespace(e: Entry) -> Iterator[Finding]:
    src, tr = e.msgid, e.msgstr
    lead = (len(src) - len(src.lstrip()), len(tr) - len(tr.lstrip()))
    trail = (len(src) - len(src.rstrip()), len(tr) - len(tr.rstrip()))
    if lead[0] != lead[1] or trail[0] != trail[1]:
        where = "leading" if lead[0] != lead[1] else "trailing"
        yield hit("tr-whitespace", e.path, e.line, f"{where} whitespace differs from the English",
                  "remove the extra spaces or line breaks at the start or end")


@rule(
    "tr-length",
    "warning",
    "translation length within 0.4×–3× of the English (longer than 30 characters)",
    "entry",
)
def length(e: Entry) -> Iterator[Finding]:
    n = len(e.src_text.strip())
    if n < 30:
        return
    ratio = len(e.tr_text.strip()) / n
    if ratio < 0.4 or ratio > 3.0:
        yield hit(
            "tr-length",
            e.path,
            e.line,
            f"the translation is {ratio:.1f}× the length of the English",
            "check that nothing is missing or pasted twice",
        )


PIPE = re.compile(r"(?<!\\)\|")


@rule(
    "tr-table-shape",
    "error",
    "a table cell translation adds no | (which would add a column) and no line breaks",
    "entry",
)
def table_shape(e: Entry) -> Iterator[Finding]:
    if "|" not in e.msgid and "|" not in e.msgstr and "\n" not in e.msgstr:
        return
    src_pipes = len(PIPE.findall(e.src_text))
    tr_pipes = len(PIPE.findall(e.tr_text))
    if src_pipes != tr_pipes and ("table" in e.kind or tr_pipes > src_pipes):
        yield hit(
            "tr-table-shape",
            e.path,
            e.line,
            f"{tr_pipes} `|` in the translation, {src_pipes} in the English",
            "a `|` splits a table cell: write \\| or rephrase",
        )
    if "table" in e.kind and "\n" in e.msgstr and "\n" not in e.msgid:
        yield hit("tr-table-shape", e.path, e.line, "a line break inside a table cell",
                  "table cells are one line")


BLOCK_HINT = re.compile(r"!!!|\?\?\?|///")
BLOCK_OPEN = re.compile(r"^\s*(!!!|\?\?\?\+?|/{3,})[ \t]*([\w-]+)", re.M)


@rule(
    "tr-admonition-type",
    "error",
    "admonition and block openers (!!! type, /// name) are not translated",
    "entry",
)
def admonition_type(e: Entry) -> Iterator[Finding]:
    if not BLOCK_HINT.search(e.msgid) and not BLOCK_HINT.search(e.msgstr):
        return
    src = sorted(m.group(0).strip() for m in BLOCK_OPEN.finditer(e.msgid))
    tr = sorted(m.group(0).strip() for m in BLOCK_OPEN.finditer(e.msgstr))
    if src != tr:
        yield hit("tr-admonition-type", e.path, e.line,
                  f"block openers differ: {', '.join(src) or 'none'} → {', '.join(tr) or 'none'}",
                  "keep `!!! note`, `??? tip`, `/// quiz` exactly; translate only the title")
