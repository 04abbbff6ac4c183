"""Synthetic bilingual corpora for the benchmarks (maintainer's script; SYNTHETIC content).

Makes two equivalent projects of N pages per language under DEST:

- `DEST/capdev/`: a capdev project (the repository's mkdocs.yml with the capdev plugin,
  docs/, courses/synthetic/ with modules and lesson pages, translations/es/**.po filled
  by `capdev i18n update` and then a deterministic pseudo-Spanish for every msgid);
- `DEST/stock/`: what a stock mkdocs-material + mkdocs-static-i18n user keeps instead:
  docs/en/**.md and docs/es/**.md (static-i18n `docs_structure: folder`), the same theme
  and Markdown extensions, no capdev plugin; the Spanish pages are capdev's rendering of
  the same catalogs, so both sites hold the same words.

Every page says it is synthetic. The text is generated from a fixed vocabulary and makes
no claim about any real government, programme or publication.

    python scripts/make_corpus.py DEST --pages 250 [--prune]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
COURSE = "synthetic"
LESSONS_PER_MODULE = 20
BANNER = "*Synthetic text generated for benchmarking; it describes no real case.*"

NOUNS = ["service", "channel", "portal", "registry", "agency", "municipality", "catalogue",
         "dataset", "form", "procedure", "office", "team", "standard", "platform", "record",
         "request", "citizen", "business", "budget", "indicator", "contract", "licence"]
ADJS = ["digital", "integrated", "shared", "open", "local", "national", "simple", "secure",
        "accessible", "interoperable", "mobile", "public", "measurable", "inclusive"]
VERBS = ["reviews", "publishes", "links", "records", "simplifies", "measures", "supports",
         "documents", "compares", "prioritises", "shares", "updates", "validates"]


class Writer:
    """Deterministic pseudo-lesson text: one random stream per page, seeded by its path."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(NOUNS + ADJS) for _ in range(n))

    def sentence(self) -> str:
        r = self.rng
        s = (f"The {r.choice(ADJS)} {r.choice(NOUNS)} {r.choice(VERBS)} the "
             f"{r.choice(ADJS)} {r.choice(NOUNS)} of each {r.choice(NOUNS)}")
        if r.random() < 0.3:
            s += f" with **{r.choice(ADJS)} {r.choice(NOUNS)}s**"
        elif r.random() < 0.3:
            s += f" through the `{r.choice(NOUNS)}_id` field"
        return s + "."

    def paragraph(self, n: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(n))

    def title(self) -> str:
        r = self.rng
        return f"{r.choice(ADJS).capitalize()} {r.choice(NOUNS)}s and {r.choice(NOUNS)} {r.choice(NOUNS)}s"


def lesson(w: Writer, title: str, prev_link: str | None, index_link: str) -> str:
    r = w.rng
    links = f"See [the module overview]({index_link})"
    if prev_link:
        links += f" and [the previous lesson]({prev_link})"
    rows = "\n".join(f"| {w.words(2)} | {r.randint(1, 99)} | {w.words(3)} |" for _ in range(5))
    items = "\n".join(f"- {w.sentence()}" for _ in range(5))
    steps = "\n".join(f"{k}. {w.sentence()}" for k in range(1, 5))
    return f"""---
title: {title}
summary: {w.sentence()}
duration: {r.choice([20, 30, 45])}
level: {r.choice(["introductory", "intermediate", "advanced"])}
outcomes:
  - {w.sentence()}
  - {w.sentence()}
keywords: [{r.choice(NOUNS)}, {r.choice(ADJS)}]
key_points:
  - {w.sentence()}
  - {w.sentence()}
---

# {title}

{BANNER}

{w.paragraph(6)} {links}.

## {w.title()}

{w.paragraph(5)}

{items}

!!! note "{w.title()}"
    {w.paragraph(3)}

{w.paragraph(4)} More in the [example catalogue](https://example.org/catalogue).

### {w.title()}

| Item | Count | Comment |
|---|--:|---|
{rows}

{w.paragraph(5)}

```python
records = load("{r.choice(NOUNS)}s.csv")
summary = records.groupby("{r.choice(NOUNS)}").size()
print(summary.head())
```

## {w.title()}

{steps}

??? tip "{w.title()}"
    {w.paragraph(3)}

{w.paragraph(6)}

!!! warning "{w.title()}"
    {w.paragraph(2)}

{w.paragraph(5)}
"""


def module_index(w: Writer, title: str) -> str:
    return f"""---
title: {title}
summary: {w.sentence()}
duration: 60
level: introductory
outcomes:
  - {w.sentence()}
---

# {title}

{BANNER}

{w.paragraph(4)}
"""


def course_yml(modules: list[str]) -> str:
    mods = "\n".join(f"  - {m}" for m in modules)
    return f"""id: {COURSE}
title: Synthetic benchmark course
summary: Synthetic pages generated to measure build times; not course material.
audience: Maintainers running the benchmarks.
outcomes:
  - Measure the build.
prerequisites:
  - None.
modules:
{mods}
licence: CC-BY-4.0
languages: [en, es]
"""


HOME = f"""---
title: Synthetic benchmark site
description: Synthetic pages generated to measure build times.
---

# Synthetic benchmark site

{BANNER}

Start with [the course](courses/{COURSE}/index.md).
"""


def write_sources(root: Path, pages: int) -> list[str]:
    """English sources for `pages` pages per language; returns the page paths (docs-relative)."""
    modules = max(1, round(pages / (LESSONS_PER_MODULE + 1)))
    lessons = pages - 3 - modules  # home, course overview, translation status, module indexes
    per = [lessons // modules + (1 if k < lessons % modules else 0) for k in range(modules)]
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(HOME, "utf-8")
    slugs, out = [], ["index.md", f"courses/{COURSE}/index.md"]
    for m in range(modules):
        slug = f"{m + 1:02d}-synthetic-module-{m + 1}"
        slugs.append(slug)
        folder = root / "courses" / COURSE / slug
        folder.mkdir(parents=True)
        w = Writer(slug)
        (folder / "index.md").write_text(module_index(w, f"Module {m + 1} – {w.title()}"), "utf-8")
        out.append(f"courses/{COURSE}/{slug}/index.md")
        prev = None
        for k in range(per[m]):
            name = f"{k + 1:02d}-lesson-{k + 1}.md"
            w = Writer(f"{slug}/{name}")
            text = lesson(w, f"Lesson {m + 1}.{k + 1} – {w.title()}", prev, "index.md")
            (folder / name).write_text(text, "utf-8")
            out.append(f"courses/{COURSE}/{slug}/{name}")
            prev = name
    (root / "courses" / COURSE / "course.yml").write_text(course_yml(slugs), "utf-8")
    return out


def mkdocs_yml(stock: bool, prune: bool) -> str:
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"^site_name: .*$", "site_name: Synthetic benchmark site", text, flags=re.M)
    if prune and "- navigation.prune" not in text:
        text = text.replace("    - navigation.indexes\n", "    - navigation.indexes\n    - navigation.prune\n")
    if not stock:
        return text
    plugins = """plugins:
  - i18n:
      docs_structure: folder
      reconfigure_material: true
      reconfigure_search: true
      languages:
        - locale: en
          name: English
          default: true
          build: true
        - locale: es
          name: Español
          build: true
          site_name: Sitio sintético de referencia
  - search
  - offline

"""
    return re.sub(r"^plugins:\n.*?(?=^markdown_extensions:)", plugins, text, flags=re.M | re.S)


def fill_catalogs(root: Path) -> int:
    """Every msgstr: a pseudo-Spanish rendering of its msgid (protected parts kept)."""
    from capdev.catalogs.inline import pseudo

    count = 0
    for path in sorted((root / "translations" / "es").rglob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = pseudo(entry.msgid)
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                count += 1
        po.save(str(path))
    return count


def capdev_cli() -> list[str]:
    return [sys.executable, "-m", "capdev"]


def make_capdev(dest: Path, pages: int, prune: bool = False) -> list[str]:
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(mkdocs_yml(False, prune), "utf-8")
    rels = write_sources(dest, pages)
    subprocess.run([*capdev_cli(), "i18n", "update"], cwd=dest, check=True,
                   stdout=subprocess.DEVNULL)
    fill_catalogs(dest)
    for _ in range(2):  # polib's layout differs from capdev's: let capdev settle the files
        subprocess.run([*capdev_cli(), "i18n", "update"], cwd=dest, check=True,
                       stdout=subprocess.DEVNULL)
    return rels


def make_stock(capdev_root: Path, dest: Path, rels: list[str], prune: bool = False) -> None:
    """The stock tree: English sources and capdev's Spanish rendering, page for page."""
    from capdev.catalogs.translate import translate_file

    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(mkdocs_yml(True, prune), "utf-8")
    course = capdev_root / "courses" / COURSE
    for rel in rels:
        src = capdev_root / ("docs/index.md" if rel == "index.md" else rel)
        if rel == f"courses/{COURSE}/index.md":
            en, es = _course_page(course / "course.yml", capdev_root)
        else:
            en = src.read_text("utf-8")
            es = translate_file(capdev_root, src, "es", mark=False).text
        for lang, text in (("en", en), ("es", es)):
            path = dest / "docs" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    status = "---\ntitle: Translation status\n---\n\n# Translation status\n\n" + BANNER + "\n"
    for lang in ("en", "es"):
        (dest / "docs" / lang / "translation-status.md").write_text(status, "utf-8")


def _course_page(course_yml_path: Path, root: Path) -> tuple[str, str]:
    """A hand-written course home, as a stock user would keep one per language."""
    import yaml

    from capdev.catalogs.translate import translate_file

    out = []
    for text in (course_yml_path.read_text("utf-8"),
                 translate_file(root, course_yml_path, "es", mark=False).text):
        meta = yaml.safe_load(text)
        body = "\n".join(f"- [{m}]({m}/index.md)" for m in meta["modules"])
        out.append(f"---\ntitle: {meta['title']}\n---\n\n# {meta['title']}\n\n{BANNER}\n\n"
                   f"{meta['summary']}\n\n{body}\n")
    return out[0], out[1]


def make(dest: Path, pages: int, prune: bool = False) -> tuple[Path, Path]:
    if dest.exists():
        shutil.rmtree(dest)
    rels = make_capdev(dest / "capdev", pages, prune)
    make_stock(dest / "capdev", dest / "stock", rels, prune)
    return dest / "capdev", dest / "stock"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dest", type=Path)
    p.add_argument("--pages", type=int, default=50, help="pages per language (default: 50)")
    p.add_argument("--prune", action="store_true", help="add Material's navigation.prune")
    args = p.parse_args()
    if args.pages < 10:
        p.error("--pages must be at least 10")
    capdev_root, stock_root = make(args.dest, args.pages, args.prune)
    print(f"synthetic corpus: {capdev_root} and {stock_root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
