"""The bilingual termbase: inflection-tolerant matching and the glossary rules (TBX: tbx.py).

Matching works on light stems, so number and gender agree without a dictionary:
"ventanilla única" matches "ventanillas únicas", "single window" matches "single windows".
Spanish stems drop accents, a plural -s/-es and a final gender vowel; English stems drop a
plural. Text inside code spans, link targets and italic titles (`*United Nations E-Government
Survey 2024*`) is never matched: titles of publications keep their own wording.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from capdev.checks.registry import hit, rule
from capdev.checks.tr_context import Entry
from capdev.errors import CapdevError, Finding, raise_if_errors

TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
ITALIC = re.compile(r"(?<![*\w])\*(?!\*)([^*\n]+?)\*(?!\*)|(?<![_\w])_(?!_)([^_\n]+?)_(?![_\w])")
GLOSSARY = "translations/glossary.yml"


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c)
    )


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    w = _fold(word).replace("’", "'")
    if len(w) <= 3:
        return w
    if lang == "es":
        if w.endswith("es") and len(w) > 4 and w[-3] not in "aeiou":
            w = w[:-2]
        elif w.endswith("s"):
            w = w[:-1]
        return w[:-1] if len(w) > 3 and w[-1] in "aoe" else w
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("sses", "xes", "ches", "shes"):
        if w.endswith(suffix):
            return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def tokenize(text: str, lang: str) -> list[tuple[str, str, int, int]]:
    """(stem, word, start, end) for every word."""
    return [(stem(m.group(0), lang), m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


def plain(text: str) -> str:
    """Words only: italic titles blanked (protected parts are already blanked by Entry)."""
    return ITALIC.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class Term:
    en: str
    es: str
    pos: str = ""
    forbidden: list[str] = field(default_factory=list)
    note: str = ""
    acronym: dict[str, str] = field(default_factory=dict)
    line: int = 0
    also: list[str] = field(default_factory=list)  # other Spanish accepted in context


@dataclass
class Match:
    term: Term
    start: int
    end: int


class Glossary:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        # identifies the termbase's content (memo keys must not rely on object identity)
        self.key = hash(tuple((t.en, t.es, tuple(t.forbidden), tuple(sorted(t.acronym.items())),
                               tuple(t.also)) for t in terms))
        self.index: dict[str, dict[str, list[tuple[tuple[str, ...], Term, str]]]] = {
            "en": {},
            "es": {},
        }
        heads = {_fold(v.split()[0]) for t in terms for v in t.forbidden if v.split()}
        self.forbidden_heads = re.compile("|".join(re.escape(h[:4]) for h in sorted(heads))) \
            if heads else None
        for t in terms:
            self._add("en", t.en, t, "term")
            self._add("es", t.es, t, "term")
            for variant in t.forbidden:
                self._add("es", variant, t, "forbidden")

    def _add(self, lang: str, phrase: str, term: Term, role: str) -> None:
        stems = tuple(s for s, *_ in tokenize(phrase, lang))
        if stems:
            self.index[lang].setdefault(stems[0], []).append((stems, term, role))

    def find(self, text: str, lang: str, role: str = "term") -> list[Match]:
        """Longest non-overlapping occurrences of glossary phrases in `text`."""
        toks = tokenize(text, lang)
        found: list[Match] = []
        for i, (s, *_rest) in enumerate(toks):
            for stems, term, r in self.index[lang].get(s, []):
                if r == role and tuple(t[0] for t in toks[i:i + len(stems)]) == stems:
                    if (
                        lang == "en"
                        and term.en.islower()
                        and _proper_name(text, toks, i, i + len(stems))
                    ):
                        continue
                    found.append(Match(term, toks[i][2], toks[i + len(stems) - 1][3]))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        kept: list[Match] = []
        for m in found:
            if not any(m.start < k.end and k.start < m.end for k in kept):
                kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    def maybe_forbidden(self, text: str) -> bool:
        """Cheap pre-filter: could any forbidden variant start in this text?"""
        return self.forbidden_heads is not None and bool(self.forbidden_heads.search(_fold(text)))

    def present(self, text: str) -> set[int]:
        """Spanish terms present, tolerating words in between and reordering: "identidad y firma
        digitales", "Estudio de las Naciones Unidas sobre el Gobierno Electrónico"."""
        toks = [t[0] for t in tokenize(text, "es")]
        where: dict[str, list[int]] = {}
        for i, s in enumerate(toks):
            where.setdefault(s, []).append(i)
        found = set()
        for t in self.terms:
            for phrase in (t.es, *t.also):
                content = [s for s, *_ in tokenize(phrase, "es") if s not in STOP_ES]
                if content and all(s in where for s in content) and _near(content, where):
                    found.add(id(t))
                    break
        return found

    def acronyms(self, text: str, lang: str) -> list[Term]:
        words = set(re.findall(r"\w+", text))
        out = []
        for t in self.terms:
            acr = t.acronym.get(lang, "")
            if acr and (acr in words or acr + "s" in words or _has_phrase(text, acr)):
                out.append(t)
        return out

    def strip_same(self, text: str) -> str:
        """Remove terms (and acronyms) spelled the same in both languages: they need no translation."""
        for m in reversed(self.find(text, "en")):
            if _fold(m.term.en) == _fold(m.term.es):
                text = text[:m.start] + " " + text[m.end:]
        return text


STOP_ES = frozenset("de del la las el los y e o u a al en para por sobre con un una".split())
WINDOW = 6  # extra words allowed between the parts of a Spanish term


def _near(content: list[str], where: dict[str, list[int]]) -> bool:
    span = len(content) + WINDOW
    for start in where[content[0]]:
        if all(any(abs(p - start) <= span for p in where[s]) for s in content[1:]):
            return True
    return False


def _proper_name(text: str, toks: list[tuple[str, str, int, int]], i: int, j: int) -> bool:
    """Title-case words inside a longer title-case run: a name ("Open Data Charter")."""
    if not all(w[:1].isupper() for _s, w, *_ in toks[i:j]):
        return False
    after = j < len(toks) and toks[j][1][:1].isupper()
    before = (
        i > 0
        and toks[i - 1][1][:1].isupper()
        and not text[: toks[i][2]].rstrip().endswith((".", ":"))
    )
    return after or before


def _has_phrase(text: str, phrase: str) -> bool:
    return " " in phrase and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _texts(value: Any) -> list[str]:
    """A list of strings from a YAML value: a list, one string, or nothing."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value not in (None, "") else []


def parse(
    data: Any, path: str = GLOSSARY, lines: dict[str, int] | None = None
) -> tuple[Glossary, list[Finding]]:
    findings: list[Finding] = []
    terms: list[Term] = []
    items = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return Glossary([]), [
            hit(
                "glossary-invalid",
                path,
                1,
                "expected `terms:` with a list of terms",
                "see CONTENT-MODEL.md, Glossary",
            )
        ]
    for i, item in enumerate(items):
        line = (lines or {}).get(i, 0)
        if not isinstance(item, dict) or not item.get("en") or not item.get("es"):
            findings.append(
                hit(
                    "glossary-invalid",
                    path,
                    line,
                    f"term {i + 1} needs `en` and `es`",
                    "each term is a mapping with en, es (pos, forbidden, note, acronym)",
                )
            )
            continue
        acr = item.get("acronym") or {}
        terms.append(
            Term(
                str(item["en"]),
                str(item["es"]),
                str(item.get("pos", "")),
                _texts(item.get("forbidden")),
                str(item.get("note", "")),
                {k: str(v) for k, v in acr.items()} if isinstance(acr, dict) else {},
                line,
                _texts(item.get("also")),
            )
        )
    return Glossary(terms), findings


def load(root: Path) -> tuple[Glossary | None, list[Finding]]:
    """The termbase, read like every content YAML (capdev.sources.reading): a file that is
    not UTF-8, not YAML, or carries an alias bomb is a finding, never a traceback."""
    import yaml

    from capdev.sources.reading import parse_yaml, read_text

    path = root / GLOSSARY
    if not path.is_file():
        return None, []
    try:
        data, node = parse_yaml(read_text(path, GLOSSARY), GLOSSARY)
    except CapdevError as err:
        return None, err.findings
    lines: dict[int, int] = {}
    for k, v in node.value if isinstance(node, yaml.MappingNode) else []:
        if k.value == "terms" and isinstance(v, yaml.SequenceNode):
            lines = {i: n.start_mark.line + 1 for i, n in enumerate(v.value)}
    return parse(data, GLOSSARY, lines)


def checked(root: Path) -> Glossary:
    """The termbase as published (the site's glossary page): any finding stops the build."""
    glossary, findings = load(root)
    raise_if_errors(findings)
    return glossary or Glossary([])


# -- rules ---------------------------------------------------------------------------------
@rule(
    "glossary-invalid",
    "error",
    "translations/glossary.yml has the termbase shape (en, es, …)",
    "project",
)
def glossary_invalid(pf: Any) -> Iterator[Finding]:
    yield from pf.glossary_findings


@rule(
    "glossary-term",
    "warning",
    "an English glossary term is translated with its approved Spanish "
    "(any inflection) or its acronym",
    "entry",
)
def glossary_term(e: Entry) -> Iterator[Finding]:
    g: Glossary | None = e.glossary
    if g is None or e.msgstr.strip() == e.msgid.strip():
        return
    src = plain(e.src_text)
    want = [m.term for m in g.find(src, "en")] + g.acronyms(src, "en")
    if not want:
        return
    tr = plain(e.tr_text)
    have = g.present(tr) | {id(t) for t in g.acronyms(tr, "es")}
    reported: set[int] = set()
    for term in want:
        if id(term) in have or id(term) in reported or _fold(term.en) == _fold(term.es) and \
                _fold(term.en) in _fold(tr):
            continue
        reported.add(id(term))
        acr = f" (or {term.acronym['es']})" if term.acronym.get("es") else ""
        yield hit(
            "glossary-term",
            e.path,
            e.line,
            f"“{term.en}” should be “{term.es}”{acr}",
            term.note or "approved term in translations/glossary.yml (plural and gender may vary)",
        )


@rule(
    "glossary-forbidden",
    "error",
    "a forbidden variant from the glossary appears in a translation",
    "entry",
)
def glossary_forbidden(e: Entry) -> Iterator[Finding]:
    g: Glossary | None = e.glossary
    if g is None:
        return
    if not g.maybe_forbidden(e.msgstr):
        return
    tr = plain(e.tr_text)
    approved = g.find(tr, "es")
    for m in g.find(tr, "es", role="forbidden"):
        if any(m.start < a.end and a.start < m.end for a in approved):
            continue  # the variant is part of an approved term ("ventanilla única" ⊃ nothing forbidden)
        yield hit("glossary-forbidden", e.path, e.line,
                  f"“{tr[m.start:m.end]}” is a forbidden variant; use “{m.term.es}”",
                  m.term.note or f"glossary: {m.term.en} → {m.term.es}")
