"""Citations as the DOCX shows them ("(OECD 2014)") back to their keys ([@oecd2014rec]).

Every key of the note's bibliography is rendered once by citeproc with the CSL and
locale the DOCX was built with; a reviewer's changed citation is parsed against those
renderings, so it comes back as `[@key]`, never as flattened text.
"""

from __future__ import annotations

import re
from pathlib import Path

from capdev.pdf import pandoc
from capdev.pdf.labels import citeproc_locale
from capdev.pdf.prepare import CSL

BIB_KEY = re.compile(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", re.M)
YEAR = re.compile(r"^(.*?)[ ,]*((?:\d{4}[a-z]?)(?:, \d{4}[a-z]?)*)$")


def renderings(bib: Path, lang: str, where: str) -> dict[str, str]:
    """"OECD 2014" → "oecd2014rec": each key's author-date label, without parentheses."""
    if not bib.is_file():
        return {}
    keys = BIB_KEY.findall(bib.read_text("utf-8", "replace"))
    if not keys:
        return {}
    text = "".join(f"[@{k}]\n\n" for k in keys)
    out = pandoc.run(["-f", pandoc.READER, "-t", "plain", "--wrap=none", "--citeproc",
                      f"--csl={CSL}", f"--bibliography={bib}",
                      "-M", f"lang={citeproc_locale(lang)}",
                      "-M", "suppress-bibliography=true"], text.encode("utf-8"), where)
    lines = [ln.strip() for ln in out.decode("utf-8").split("\n\n")]
    labels: dict[str, str] = {}
    for key, line in zip(keys, lines, strict=False):
        labels.setdefault(_bare(line), key)
    return labels


def _bare(text: str) -> str:
    text = " ".join(text.translate({0x2019: "'", 0xa0: " "}).split())
    return text[1:-1].strip() if text[:1] == "(" and text[-1:] == ")" else text


def keys_of(rendered: str, labels: dict[str, str]) -> list[str] | None:
    """The keys a rendered citation names, or None if any part of it is unknown.
    "(United Nations … 2020, 2022; OECD 2014)" → three keys."""
    keys: list[str] = []
    for part in _bare(rendered).split(";"):
        part = part.strip()
        if part in labels:
            keys.append(labels[part])
            continue
        m = YEAR.match(part)
        if not m:
            return None
        author = m.group(1).strip()
        for year in m.group(2).split(","):
            key = labels.get(f"{author} {year.strip()}")
            if key is None:
                return None
            keys.append(key)
    return keys or None
