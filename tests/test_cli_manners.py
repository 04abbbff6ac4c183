"""Command-line manners (#24 item 6): a mistyped command suggests the closest one, an
unknown note lists the notes that exist, and every `--help` example names things that
exist in the bundled programme — run through the real CLI in the repository's root."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from capdev.cli import SUBCOMMANDS
from tests.conftest import ROOT, capdev

CASES = yaml.safe_load((Path(__file__).parent / "data" / "cli_manners.yml").read_text("utf-8"))
SOURCE_DIRS = ("courses", "docs", "policy_notes", "publications", "translations")


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c["argv"]))
def test_mistyped_commands_say_what_to_do(case: dict) -> None:
    proc = capdev(*case["argv"], cwd=ROOT)
    assert proc.returncode == case["code"], proc.stderr
    assert "Traceback" not in proc.stderr
    said = " ".join(proc.stderr.split())  # rich and argparse wrap at the terminal's width
    for fragment in case["says"]:
        assert fragment in said, f"{fragment!r} not in:\n{proc.stderr}"


def _help_texts() -> dict[str, str]:
    texts = {name: capdev(name, "--help", cwd=ROOT).stdout for name in SUBCOMMANDS}
    for group, actions in (("i18n", r"^    (\S+)\s"), ("assess", r"^    (\S+)\s"),
                           ("new", r"^    (\S+)\s")):
        for action in set(re.findall(actions, texts[group], re.M)):
            texts[f"{group} {action}"] = capdev(*group.split(), action, "--help", cwd=ROOT).stdout
    return texts


def _examples(text: str) -> list[list[str]]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("capdev ")]
    # an example's comment follows two spaces or more
    return [shlex.split(re.split(r"\s{2,}", ln)[0]) for ln in lines]


def test_every_help_has_examples_naming_real_things() -> None:
    texts = _help_texts()
    for name in SUBCOMMANDS:
        assert _examples(texts[name]), f"`capdev {name} --help` has no examples"
    for name, text in texts.items():
        for argv in _examples(text):
            for word in argv:
                first = word.split("/", 1)[0]
                if "/" in word and first in SOURCE_DIRS and "*" not in word:
                    assert (ROOT / word).exists(), f"`capdev {name} --help` names {word}"
            if argv[1:2] == ["pdf"]:
                for note in (w for w in argv[2:] if not w.startswith("-")):
                    if note in ("all", "pdf", "docx", "es", "en") or note.startswith("site/"):
                        continue
                    assert _resolves(note), f"`capdev pdf --help` names {note}"


def test_argument_help_names_real_modules() -> None:
    """An `e.g.` in an argument's help that starts with a bundled course names a real
    module of it (`capdev new lesson` once suggested one that does not exist)."""
    courses = {p.name for p in (ROOT / "courses").iterdir() if p.is_dir()}
    named = 0
    for name, text in _help_texts().items():
        for word in re.findall(r"e\.g\. (\S+)", " ".join(text.split())):
            if word.split("/", 1)[0] in courses:
                named += 1
                assert (ROOT / "courses" / word.rstrip(".,)")).exists(), f"`capdev {name} --help` names {word}"
    assert named


def _resolves(note: str) -> bool:
    from capdev.cli.pdf import resolve_note

    return resolve_note(ROOT, note) is not None


def test_build_tells_each_step_when_not_on_a_terminal(project: Path) -> None:
    """In CI and `make site | tee`, a spinner prints nothing: one line per step instead,
    on stderr, in the order the steps run, and the summary table still on stdout."""
    proc = capdev("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    steps = [line for line in proc.stderr.splitlines() if line.startswith("capdev build: ")]
    assert "capdev build: staging en: pages…" in steps
    assert "capdev build: staging es: status page…" in steps
    assert steps.index("capdev build: staging en: pages…") < steps.index(
        "capdev build: staging es: pages…")
    assert steps[-2:] == ["capdev build: building the site: en, es in parallel (MkDocs)…",
                          "capdev build: writing the offline copy (zip)…"]
    assert "translated words" in proc.stdout
