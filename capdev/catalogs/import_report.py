"""The side-by-side page of one import: English | Spanish, doubtful pairs highlighted.

No catalog report folder existed before this module, so the pages go to
`translations/_reports/import/<lang>/<source path>.html` (next to the catalogs, outside
`translations/<lang>/`, so no catalog tool mistakes them for translations). A reviewer
reads the highlighted rows and the unmatched Spanish, not every page again.

All text comes from the files being imported and is untrusted: everything is escaped.
The page is written atomically (temporary file and rename).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from capdev.catalogs import po as _po
from capdev.catalogs.align import Alignment, Link
from capdev.catalogs.segment import Segment

STYLE = """body{font-family:system-ui,sans-serif;margin:1.5rem;line-height:1.4}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.4rem;
vertical-align:top;text-align:left}td.line{white-space:nowrap;width:3.5rem}
tr.doubtful{background:#fff3cd}tr.unmatched{background:#f8d7da}
tr.merge td.why,tr.doubtful td.why,tr.unmatched td.why{font-weight:600}"""


def report_path(root: Path, rel: str, lang: str) -> Path:
    return root / "translations" / "_reports" / "import" / lang / f"{rel}.html"


def write_report(root: Path, rel: str, es_path: Path, lang: str, result: Alignment) -> Path:
    out = report_path(root, rel, lang)
    en_href = _href(out.parent, root / rel)
    es_href = _href(out.parent, es_path)
    rows = "\n".join(_row(link, en_href, es_href, lang) for link in result.links)
    doubtful = sum(1 for link in result.links if not link.accepted)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Import of {_e(es_path.name)} into {_e(rel)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Import of <code>{_e(str(es_path))}</code> into <code>{_e(rel)}</code></h1>
<p>{len(result.links)} rows, {doubtful} to review (highlighted), {len(result.unmatched_es)}
Spanish block(s) matched no English.</p>
<table>
<caption>English source and imported translation, side by side</caption>
<thead><tr><th scope="col">Line</th><th scope="col">English</th><th scope="col">Line</th>
<th scope="col">Translation ({_e(lang)})</th><th scope="col">Status</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""
    _po.atomic_write(out, page)
    return out


def _row(link: Link, en_href: str, es_href: str, lang: str) -> str:
    css, status = _status(link)
    return (f'<tr class="{css}">'
            f'<td class="line">{_lines(link.en, "en", en_href)}</td>'
            f'<td lang="en">{_texts(link.en)}</td>'
            f'<td class="line">{_lines(link.es, lang, es_href)}</td>'
            f'<td lang="{_e(lang)}">{_texts(link.es)}</td>'
            f'<td class="why">{status}</td></tr>')


def _status(link: Link) -> tuple[str, str]:
    if not link.es:
        return "unmatched", "no translation matched: left untranslated"
    if not link.en:
        return "unmatched", "matches no English block: not imported"
    if link.accepted:
        return "ok", "translated"
    return "doubtful", "fuzzy: " + _e("; ".join(link.reasons))


def _lines(segs: tuple[Segment, ...], side: str, href: str) -> str:
    return "<br>".join(f'<a id="{_e(side)}-L{s.line}" href="{_e(href)}#L{s.line}">{s.line}</a>'
                       for s in segs)


def _texts(segs: tuple[Segment, ...]) -> str:
    return "".join(f"<p>{_e(s.msgid)}</p>" for s in segs)


def _href(base: Path, target: Path) -> str:
    """A relative link to the file when both sit on one drive, else a file: URL."""
    try:
        return Path(os.path.relpath(target.resolve(), base.resolve())).as_posix()
    except ValueError:
        return target.resolve().as_uri()


def _e(text: str) -> str:
    return html.escape(text, quote=True)
