"""The termbase: English terms and their approved translations in any number of
languages, inflection-tolerant matching, and the glossary rules (TBX: tbx.py).

Matching works on light stems, so number and gender agree without a dictionary:
"ventanilla única" matches "ventanillas únicas", "single window" matches "single windows".
Stemming rules exist for English (a plural) and Spanish (accents, a plural -s/-es, a final
gender vowel), with Spanish stop words for terms written with words in between; in any
other language terms are matched exactly (accents and case aside), and the findings say so.
Text inside code spans, link targets and italic titles (`*United Nations E-Government
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


def _stem_es(w: str) -> str:
    if w.endswith("es") and len(w) > 4 and w[-3] not in "aeiou":
        w = w[:-2]
    elif w.endswith("s"):
        w = w[:-1]
    return w[:-1] if len(w) > 3 and w[-1] in "aoe" else w


def _stem_en(w: str) -> str:
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("sses", "xes", "ches", "shes"):
        if w.endswith(suffix):
            return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


# The languages whose inflections are tolerated; any other is matched exactly.
STEMMERS = {"en": _stem_en, "es": _stem_es}
# Words that may sit between the parts of a term in a translation ("identidad y firma
# digitales"), per language; none elsewhere.
STOP_WORDS = {"es": frozenset("de del la las el los y e o u a al en para por sobre con un "
                              "una".split())}


def inflected(lang: str) -> bool:
    """Whether terms in `lang` are matched in any inflection (or exactly)."""
    return lang.split("-")[0] in STEMMERS


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    w = _fold(word).replace("’", "'")
    stemmer = STEMMERS.get(lang.split("-")[0])
    return w if len(w) <= 3 or stemmer is None else stemmer(w)


def tokenize(text: str, lang: str) -> list[tuple[str, str, int, int]]:
    """(stem, word, start, end) for every word."""
    return [(stem(m.group(0), lang), m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


def plain(text: str) -> str:
    """Words only: italic titles blanked (protected parts are already blanked by Entry)."""
    return ITALIC.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class Term:
    en: str
    targets: dict[str, str]  # language → the approved term
    pos: str = ""
    forbidden: dict[str, list[str]] = field(default_factory=dict)  # language → variants
    note: str = ""
    acronym: dict[str, str] = field(default_factory=dict)
    line: int = 0
    also: dict[str, list[str]] = field(default_factory=dict)  # language → accepted in context

    def target(self, lang: str) -> str:
        return self.targets.get(lang, "")


@dataclass
class Match:
    term: Term
    start: int
    end: int


def _sorted(d: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in d.items()))


class Glossary:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        # identifies the termbase's content (memo keys must not rely on object identity)
        self.key = hash(tuple((t.en, _sorted(t.targets), _sorted(t.forbidden),
                               _sorted(t.acronym), _sorted(t.also)) for t in terms))
        self.languages = sorted({lang for t in terms for lang in t.targets})
        self.index: dict[str, dict[str, list[tuple[tuple[str, ...], Term, str]]]] = {
            lang: {} for lang in ("en", *self.languages)}
        heads = {_fold(v.split()[0]) for t in terms for vs in t.forbidden.values() for v in vs
                 if v.split()}
        self.forbidden_heads = re.compile("|".join(re.escape(h[:4]) for h in sorted(heads))) \
            if heads else None
        for t in terms:
            self._add("en", t.en, t, "term")
            for lang, phrase in t.targets.items():
                self._add(lang, phrase, t, "term")
            for lang, variants in t.forbidden.items():
                for variant in variants:
                    self._add(lang, variant, t, "forbidden")

    def _add(self, lang: str, phrase: str, term: Term, role: str) -> None:
        stems = tuple(s for s, *_ in tokenize(phrase, lang))
        if stems:
            self.index[lang].setdefault(stems[0], []).append((stems, term, role))

    def find(self, text: str, lang: str, role: str = "term") -> list[Match]:
        """Longest non-overlapping occurrences of glossary phrases in `text`."""
        toks = tokenize(text, lang)
        found: list[Match] = []
        index = self.index.get(lang, {})
        for i, (s, *_rest) in enumerate(toks):
            for stems, term, r in index.get(s, []):
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

    def present(self, text: str, lang: str) -> set[int]:
        """Terms of `lang` present, tolerating words in between and reordering: "identidad y
        firma digitales", "Estudio de las Naciones Unidas sobre el Gobierno Electrónico"."""
        toks = [t[0] for t in tokenize(text, lang)]
        stop = STOP_WORDS.get(lang.split("-")[0], frozenset())
        where: dict[str, list[int]] = {}
        for i, s in enumerate(toks):
            where.setdefault(s, []).append(i)
        found = set()
        for t in self.terms:
            for phrase in (t.target(lang), *t.also.get(lang, [])):
                content = [s for s, *_ in tokenize(phrase, lang) if s not in stop]
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

    def strip_same(self, text: str, lang: str) -> str:
        """Remove terms (and acronyms) spelled the same in English and `lang`: they need no
        translation."""
        for m in reversed(self.find(text, "en")):
            if _fold(m.term.en) == _fold(m.term.target(lang)):
                text = text[:m.start] + " " + text[m.end:]
        return text


WINDOW = 6  # extra words allowed between the parts of a term in a translation


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


TERM_KEYS = frozenset({"en", "pos", "forbidden", "note", "acronym", "also"})


def _by_language(value: Any, targets: list[str]) -> dict[str, list[str]] | None:
    """`forbidden`/`also` per language: a mapping, or a plain list when the term has one
    target language (None: a list that cannot say which language it is for)."""
    if isinstance(value, dict):
        return {str(k): _texts(v) for k, v in value.items()}
    texts = _texts(value)
    if not texts:
        return {}
    return {targets[0]: texts} if len(targets) == 1 else None


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
        term, problem = _term(item, line)
        if term is None:
            findings.append(hit("glossary-invalid", path, line, problem,
                                "each term is a mapping: en, one key per target language "
                                "(es, pt, …), and pos, forbidden, note, acronym, also"))
        else:
            terms.append(term)
    return Glossary(terms), findings


def _term(item: Any, line: int) -> tuple[Term | None, str]:
    if not isinstance(item, dict) or not item.get("en"):
        return None, "a term needs `en` and at least one target language"
    targets = {str(k): str(v) for k, v in item.items() if k not in TERM_KEYS and v}
    if not targets:
        return None, f"“{item['en']}” has no translation (a key per language: es, pt, …)"
    order = list(targets)
    forbidden, also = _by_language(item.get("forbidden"), order), _by_language(item.get("also"), order)
    if forbidden is None or also is None:
        return None, (f"“{item['en']}” has several languages: give `forbidden` and `also` per "
                      "language, e.g. forbidden: {es: [...], pt: [...]}")
    acr = item.get("acronym") or {}
    return Term(str(item["en"]), targets, str(item.get("pos", "")), forbidden,
                str(item.get("note", "")),
                {k: str(v) for k, v in acr.items()} if isinstance(acr, dict) else {}, line,
                also), ""


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
    "translations/glossary.yml has the termbase shape (en, a key per target language, …)",
    "project",
)
def glossary_invalid(pf: Any) -> Iterator[Finding]:
    yield from pf.glossary_findings


@rule(
    "glossary-term",
    "warning",
    "an English glossary term is translated with its approved term in the catalog's "
    "language (any inflection where capdev has the language's rules) or its acronym",
    "entry",
)
def glossary_term(e: Entry) -> Iterator[Finding]:
    g: Glossary | None = e.glossary
    if g is None or e.msgstr.strip() == e.msgid.strip():
        return
    src = plain(e.src_text)
    want = [t for t in [m.term for m in g.find(src, "en")] + g.acronyms(src, "en")
            if t.target(e.lang)]  # the termbase may not cover this language
    if not want:
        return
    tr = plain(e.tr_text)
    have = g.present(tr, e.lang) | {id(t) for t in g.acronyms(tr, e.lang)}
    reported: set[int] = set()
    for term in want:
        approved = term.target(e.lang)
        if id(term) in have or id(term) in reported or _fold(term.en) == _fold(approved) and \
                _fold(term.en) in _fold(tr):
            continue
        reported.add(id(term))
        acr = f" (or {term.acronym[e.lang]})" if term.acronym.get(e.lang) else ""
        how = ("plural and gender may vary" if inflected(e.lang)
               else f"matched exactly: capdev has no inflection rules for `{e.lang}`")
        yield hit(
            "glossary-term",
            e.path,
            e.line,
            f"“{term.en}” should be “{approved}”{acr}",
            term.note or f"approved term in translations/glossary.yml ({how})",
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
    approved = g.find(tr, e.lang)
    for m in g.find(tr, e.lang, role="forbidden"):
        if any(m.start < a.end and a.start < m.end for a in approved):
            continue  # the variant is part of an approved term ("ventanilla única" ⊃ nothing forbidden)
        target = m.term.target(e.lang)
        yield hit("glossary-forbidden", e.path, e.line,
                  f"“{tr[m.start:m.end]}” is a forbidden variant; use “{target}”",
                  m.term.note or f"glossary: {m.term.en} → {target}")
