"""`capdev check` end to end through the real CLI, on a private copy of the fixture project.

The pristine copy is clean; then each problem the issue names is introduced and must be
reported with the right rule id at the right line.
"""

from __future__ import annotations

import json
from pathlib import Path

from capdev.catalogs.po_read import parse
from tests.conftest import capdev

GLOSSARY = """terms:
  - en: single window
    es: ventanilla única
    pos: noun
    forbidden: [ventana única]
"""


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


def msgid_line(po: Path, msgid_start: str) -> int:
    return next(e.line for e in parse(po.read_text("utf-8")) if e.msgid.startswith(msgid_start))


def set_msgstr(po: Path, msgid: str, msgstr: str) -> None:
    text = po.read_text("utf-8")
    entry = next(e for e in parse(text) if e.msgid == msgid)
    lines = text.splitlines(keepends=True)
    i = entry.line  # the line after msgid (0-based index = 1-based msgid line)
    while lines[i].startswith('"'):
        i += 1
    j = i + 1
    while j < len(lines) and lines[j].startswith('"'):
        j += 1
    escaped = msgstr.replace("\\", "\\\\").replace('"', '\\"')
    lines[i:j] = [f'msgstr "{escaped}"\n']
    po.write_text("".join(lines), "utf-8")


def findings(project: Path, *args: str) -> tuple[int, set[tuple[str, int, str]]]:
    proc = capdev("check", "--format", "json", *args, cwd=project)
    data = json.loads(proc.stdout)
    return proc.returncode, {(f["path"], f["line"], f["rule"]) for f in data}


def test_fixture_project_is_clean(project: Path) -> None:
    code, found = findings(project)
    assert (code, found) == (0, set())


def test_each_problem_reported_with_rule_and_line(project: Path) -> None:
    es = project / "translations" / "es"
    # a new English sentence with a code span, brought into the catalog as a translator would
    lesson = project / "courses/demo/01-first-module/02-open-data.md"
    lesson.write_text(lesson.read_text("utf-8") + "\nRun `capdev check` before you publish.\n\n"
                      "Publish the data with its licence.\n", "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    lesson_po = es / "courses/demo/01-first-module/02-open-data.md.po"
    set_msgstr(
        lesson_po,
        "Run `capdev check` before you publish.",
        "Ejecute `capdev verificar` antes de publicar.",
    )
    set_msgstr(lesson_po, "Publish the data with its licence.",
               "Publique los datos con su licencia.<script>alert(1)</script>")
    # a broken link and an image without alt text in an English page (its catalog goes stale)
    about = project / "docs/about.md"
    (project / "docs/chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', "utf-8")
    about.write_text(
        about.read_text("utf-8") + "\nSee [the guide](guide.md).\n\n![](chart.svg)\n", "utf-8"
    )
    # a translation that drops a link, and a forbidden glossary variant
    home_po = es / "docs/index.md.po"
    welcome = (
        "Welcome to the **fixture** programme. Start with [the course](courses/demo/index.md)."
    )
    set_msgstr(home_po, welcome, "Bienvenida al programa **de prueba**. Empiece por el curso.")
    (project / "translations/glossary.yml").write_text(GLOSSARY, "utf-8")
    channels_po = es / "courses/demo/01-first-module/01-channels.md.po"
    set_msgstr(channels_po, "A single window brings many services together.",
               "Una ventana única reúne muchos servicios.")

    code, found = findings(project)

    rel = lambda p: p.relative_to(project).as_posix()  # noqa: E731
    want = {
        ("docs/about.md", line_of(about, "[the guide](guide.md)"), "link-not-found"),
        ("docs/about.md", line_of(about, "![](chart.svg)"), "alt-missing"),
        (rel(es / "docs/about.md.po"), 1, "tr-stale"),
        (rel(home_po), msgid_line(home_po, "Welcome to the"), "tr-link-changed"),
        (rel(lesson_po), msgid_line(lesson_po, "Run `capdev check`"), "tr-code-changed"),
        (rel(lesson_po), msgid_line(lesson_po, "Publish the data"), "tr-html-added"),
        (rel(channels_po), msgid_line(channels_po, "A single window brings"), "glossary-forbidden"),
    }
    assert code == 1
    assert want <= found, f"missing: {want - found}"
    # nothing else but what these edits imply (the forbidden variant also lacks the approved term)
    extra = found - want
    assert extra <= {
        (rel(channels_po), msgid_line(channels_po, "A single window brings"), "glossary-term")
    }


def test_text_and_github_formats(project: Path) -> None:
    about = project / "docs/about.md"
    about.write_text(about.read_text("utf-8") + "\nSee [the guide](guide.md).\n", "utf-8")
    line = line_of(about, "[the guide]")
    text = capdev("check", cwd=project)
    assert text.returncode == 1
    assert (
        f"docs/about.md:{line}:5 [link-not-found] error: link to `guide.md`: no such page — "
        in text.stderr
    )
    assert "errors in 2 files" in text.stderr or "2 errors in 2 files" in text.stderr
    gh = capdev("check", "--format", "github", cwd=project)
    assert f"::error file=docs/about.md,line={line},title=link-not-found::" in gh.stdout
    # limiting to one path reports only that file (and its catalogs)
    only = capdev("check", "--format", "json", "courses", cwd=project)
    assert (only.returncode, json.loads(only.stdout)) == (0, [])


def test_config_severity_ignore_and_strict(project: Path) -> None:
    about = project / "docs/about.md"
    about.write_text(
        about.read_text("utf-8") + "\nSee https://www.datosabiertos.gob.pa for data.\n", "utf-8"
    )
    capdev("i18n", "update", cwd=project, check=True)
    code, found = findings(project)
    assert code == 0 and {r for _, _, r in found} == {"link-text"}  # a warning: exit 0
    assert capdev("check", "--strict", cwd=project).returncode == 1
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8").replace(
        "  - capdev:\n", "  - capdev:\n      rules: {link-text: error}\n"), "utf-8")
    assert findings(project)[0] == 1
    cfg.write_text(
        cfg.read_text("utf-8").replace(
            "      rules: {link-text: error}\n",
            "      rules: {link-text: error}\n      ignore: [{path: 'docs/*', rules: [link-text]}]\n",
        ),
        "utf-8",
    )
    assert findings(project) == (0, set())
    cfg.write_text(cfg.read_text("utf-8").replace("link-text: error", "no-such-rule: off"), "utf-8")
    bad = capdev("check", cwd=project)
    assert bad.returncode == 1 and "[config-check]" in bad.stderr and "Traceback" not in bad.stderr


def test_inline_ignore_and_cache(project: Path) -> None:
    about = project / "docs/about.md"
    about.write_text(about.read_text("utf-8") + "\n<!-- capdev-ignore link-not-found -->\n"
                     "See [the guide](guide.md).\n", "utf-8")
    capdev("i18n", "update", cwd=project, check=True)
    assert findings(project) == (0, set())
    assert (project / ".cache/check/cache.json").is_file()
    # a cached run still sees an edit
    about.write_text(
        about.read_text("utf-8").replace("<!-- capdev-ignore link-not-found -->\n", ""), "utf-8"
    )
    capdev("i18n", "update", cwd=project, check=True)
    code, found = findings(project)
    assert code == 1 and {r for _, _, r in found} == {"link-not-found"}


def test_list_rules() -> None:
    out = capdev("check", "--list-rules", cwd=Path(__file__).parent).stdout
    for rid in ("link-not-found", "alt-missing", "tr-link-changed", "glossary-term", "tr-stale"):
        assert rid in out


def test_broken_inputs_are_findings_not_tracebacks(project: Path) -> None:
    (project / "translations/glossary.yml").write_bytes("terms:\n  - en: año\n".encode("latin-1"))
    po = project / "translations/es/docs/index.md.po"
    po.write_text(
        po.read_text("utf-8").replace('msgstr "Inicio', 'msgstr "Inicio\n"\\q', 1), "utf-8"
    )
    course = project / "courses/demo/course.yml"
    course.write_text(course.read_text("utf-8") + "framework: competences.yml\n", "utf-8")
    (project / "courses/demo/competences.yml").write_text("areas: [unclosed\n", "utf-8")
    proc = capdev("check", cwd=project)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "translations/glossary.yml:2:10 [encoding]" in proc.stderr and "[po-syntax]" in proc.stderr
