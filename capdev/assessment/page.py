"""Stage the self-assessment into a language's MkDocs docs dir: page, assets, questionnaire."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import yaml

from capdev.assessment.form import render_form
from capdev.assessment.framework import Framework
from capdev.assessment.texts import COURSE, framework_for, module_titles, strings

MODULE_BASE = f"../courses/{COURSE}/"
ASSETS = ("assessment.js", "assessment.css")


def _md_escape(text: str) -> str:
    """Text from strings.json goes into Markdown paragraphs: neutralise Markdown syntax."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def page_markdown(fw: Framework, lang: str, titles: dict[str, str]) -> str:
    """The whole index.md: front matter, H1, intro and privacy statement, then the form."""
    t = strings(lang)
    ui = dict(t, modules=titles)
    ui_json = json.dumps(ui, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    met = next(p["label"] for p in fw.data["scale"]["points"]
               if p["value"] == fw.data["scale"]["met_at"])
    front = yaml.safe_dump({"title": t["page_title"], "description": t["page_description"]},
                           allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join([
        "---", front.rstrip(), "---", "",
        f"# {t['page_title']}", "",
        _md_escape(t["intro"]), "",
        f"## {t['privacy_title']}", "",
        _md_escape(t["privacy"]), "",
        _md_escape(t["privacy_programme"]), "",
        f"[{_md_escape(t['questionnaire_link'])}](questionnaire-{lang}.pdf)", "",
        f"## {t['how_title']}", "",
        _md_escape(t["how"].replace("{met}", f"{fw.data['scale']['met_at']} — {met}")), "",
        *_sources(fw, t),
        render_form(fw, t, MODULE_BASE, ui_json), "",
    ])


def _sources(fw: Framework, t: dict[str, str]) -> list[str]:
    """Provenance, as the design note asks: each source with its licence and relation."""
    lines = [f"## {t['sources_title']}", "", _md_escape(t["sources_intro"].format(key=fw.key)), ""]
    for src in fw.data["sources"]:
        year = f" ({src['year']})" if "year" in src else ""
        lines.append(f"- {t[src['relation']].capitalize()}: *{_md_escape(src['title'])}*, "
                     f"{_md_escape(src['publisher'])}{year}. {_md_escape(src['licence'])}. "
                     f"{_md_escape(src.get('description', ''))}".rstrip())
    return [*lines, ""]


def copy_assets(dest: Path) -> list[Path]:
    out_dir = dest / "assets" / "capdev"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ASSETS:
        src = resources.files("capdev.assessment").joinpath(f"static/{name}")
        target = out_dir / name
        with resources.as_file(src) as path:
            shutil.copyfile(path, target)
        written.append(target)
    return written


def stage(root: Path, lang: str, dest: Path, framework_text: str | None = None,
          titles: dict[str, str] | None = None, questionnaire: bool = True) -> list[Path]:
    """Write the assessment page, its assets and the questionnaire PDF for `lang` into `dest`.

    `framework_text`: the framework YAML in `lang` (rendered from the catalog by the i18n
    engine); `titles`: module folder → title in `lang` (default: read from the sources).
    Returns the paths written. Raises CapdevError for an invalid framework.
    """
    root, dest = Path(root), Path(dest)
    fw = framework_for(root, lang, framework_text)
    titles = titles or module_titles(root, fw, lang)
    page_dir = dest / "assessment"
    page_dir.mkdir(parents=True, exist_ok=True)
    index = page_dir / "index.md"
    index.write_text(page_markdown(fw, lang, titles), encoding="utf-8")
    written = [index, *copy_assets(dest)]
    if questionnaire:
        from capdev.assessment.questionnaire import write_questionnaire

        written.append(write_questionnaire(fw, lang, page_dir / f"questionnaire-{lang}.pdf"))
    return written
