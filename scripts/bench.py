"""capdev against the stock tools, side by side, on this machine (writes BENCHMARKS.md).

Every figure is a median of several runs made in this one invocation. The corpora are
SYNTHETIC (scripts/make_corpus.py): N lesson-like pages per language, catalogs fully
translated with a pseudo-Spanish. Policy-note PDFs and notebooks are measured on the
bundled content (a clean `git archive HEAD` copy, so no cache of this checkout is used).

    python scripts/bench.py                 50, 250 and 1,000 pages per language
    python scripts/bench.py --quick         50 and 250 only
    python scripts/bench.py --runs 5 --with-xelatex
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402  (a sibling script, not a package)

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
ENV.pop("CAPDEV_STAGED", None)
ENV.pop("CAPDEV_LOCALE", None)
# As on a user's machine: Python keeps the bytecode of capdev's own modules (pip already
# compiled the installed libraries'). A sandbox may disable it; every command would then
# recompile capdev at each start.
BYTECODE_OFF = os.environ.get("PYTHONDONTWRITEBYTECODE")
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
LOAD = os.getloadavg()
LESSON = "courses/synthetic/01-synthetic-module-1/02-lesson-2"
NOTE = "integrated-multichannel-service-delivery"

# Runs `capdev build` exactly as the CLI does, with timers around the build's own steps
# (module globals of capdev.site.build, looked up at call time) so its share is known.
PHASES = r"""
import json, sys, time
import capdev.site.build as b
import capdev.sources as s
spent = {}
def timed(name, fn):
    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
    return wrapper
for name in ("stage", "_run_languages", "_swap", "offline_zip"):
    setattr(b, name, timed(name, getattr(b, name)))
s.Project.load = timed("load", s.Project.load)
from capdev.cli import main
code = main(["build"])
print("PHASES " + json.dumps(spent), flush=True)
sys.exit(code)
"""


# -- measuring -------------------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str = ""
    cpu: float = 0.0  # user + system seconds of the whole (waited-for) process tree


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time and peak resident memory of the whole process tree (sampled every 20 ms)."""
    start, cpu0 = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    peak, done = [0], threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                total = 0
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                time.sleep(0.02)
        except psutil.Error:
            pass

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{out[-3000:]}")
    return Run(seconds, peak[0] / 2**20, out, _children_cpu() - cpu0)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def clean(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        if path.is_dir():
            shutil.rmtree(path)


# -- 1, 2: builds ------------------------------------------------------------------------------
def bench_builds(cap: Path, stock: Path, runs: int) -> dict[str, Any]:
    cap_runs, stock_runs, phases = [], [], []
    for _ in range(runs):  # alternate, so drift in the machine hits both alike
        clean(cap, "site", ".cache")
        run = measure([PY, "-c", PHASES], cap)
        phases.append(json.loads(run.output.rsplit("PHASES ", 1)[1].splitlines()[0]))
        cap_runs.append(run)
        clean(stock, "site")
        stock_runs.append(measure([PY, "-m", "mkdocs", "build", "-q"], stock))
    out = {"capdev_s": median([r.seconds for r in cap_runs]),
           "stock_s": median([r.seconds for r in stock_runs]),
           "capdev_cpu": median([r.cpu for r in cap_runs]),
           "stock_cpu": median([r.cpu for r in stock_runs]),
           "capdev_mb": median([r.peak_mb for r in cap_runs]),
           "stock_mb": median([r.peak_mb for r in stock_runs]),
           "phases": {k: median([p.get(k, 0.0) for p in phases]) for k in phases[0]},
           "capdev_site_mb": tree_mb(cap / "site"), "stock_site_mb": tree_mb(stock / "site")}
    return out


def tree_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def profile_staging(cap: Path, top: int = 12) -> str:
    """cProfile of staging alone (no MkDocs), cumulative time: what dominates capdev's share."""
    code = ("import cProfile, pstats, io\nfrom pathlib import Path\n"
            "from capdev.sources import Project\nfrom capdev.site.stage import stage\n"
            "p = Project.load(Path('.'))\npr = cProfile.Profile()\npr.enable()\n"
            "stage(p, Path('.cache/stage'))\npr.disable()\ns = io.StringIO()\n"
            f"pstats.Stats(pr, stream=s).sort_stats('cumulative').print_stats({top * 3})\n"
            "print(s.getvalue())")
    clean(cap, ".cache")
    out = measure([PY, "-c", code], cap).output
    keep = [line for line in out.splitlines()
            if "capdev/" in line or "polib" in line or "function calls" in line]
    return "\n".join(keep[: top + 1])


def with_prune(yml: Path) -> str:
    """Add navigation.prune to a mkdocs.yml; returns the original text to restore."""
    original = yml.read_text("utf-8")
    if "- navigation.prune" not in original:  # the repository's mkdocs.yml may have it already
        yml.write_text(original.replace("    - navigation.indexes\n",
                                        "    - navigation.indexes\n    - navigation.prune\n"),
                       "utf-8")
    return original


def bench_prune_compare(cap: Path, stock: Path, runs: int) -> dict[str, Any]:
    """Both projects with navigation.prune, clean builds, alternated (is prune fair to stock?)."""
    saved = {yml: with_prune(yml) for yml in (cap / "mkdocs.yml", stock / "mkdocs.yml")}
    try:
        out = bench_builds(cap, stock, runs)
        out["weight"] = {"capdev": page_weight(cap / "site", LESSON),
                         "stock": page_weight(stock / "site", LESSON)}
        return out
    finally:
        for yml, text in saved.items():
            yml.write_text(text, "utf-8")


def bench_prune(cap: Path) -> dict[str, Any]:
    """One capdev build with Material's navigation.prune added: time and lesson page size."""
    yml = cap / "mkdocs.yml"
    original = with_prune(yml)
    try:
        clean(cap, ".cache")
        run = measure([PY, "-m", "capdev", "build", "--site-dir", "site-prune"], cap)
        return {"seconds": run.seconds, "page": page_weight(cap / "site-prune", LESSON),
                "site_mb": tree_mb(cap / "site-prune")}
    finally:
        yml.write_text(original, "utf-8")
        clean(cap, "site-prune")


# -- 6: page weight ----------------------------------------------------------------------------
ASSET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')


def page_weight(site: Path, lesson: str) -> dict[str, dict[str, int]]:
    """HTML + CSS + JS the browser fetches for one lesson (no images), raw and gzip -6."""
    out = {}
    for lang, page in (("en", site / f"{lesson}.html"), ("es", site / "es" / f"{lesson}.html")):
        html = page.read_bytes()
        files = [html]
        for m in ASSET.finditer(html.decode("utf-8")):
            ref = (m.group(1) or m.group(2)).split("?")[0]
            if ref.startswith(("http:", "https:", "//")):
                continue
            path = (page.parent / ref).resolve()
            if path.is_file():
                files.append(path.read_bytes())
        out[lang] = {"html": len(html), "raw": sum(map(len, files)),
                     "gzip": sum(len(gzip.compress(f, 6)) for f in files)}
    return out


# -- 3: check and i18n update ------------------------------------------------------------------
def cli_available(cap: Path, command: str) -> bool:
    """The CLI lists a subcommand still being written as "not available": import it instead."""
    proc = subprocess.run([PY, "-c", f"import capdev.cli.{command}"], cwd=cap, env=ENV,
                          capture_output=True, text=True)
    return proc.returncode == 0


def bench_cli(cap: Path, runs: int, args: list[str], reset: list[str]) -> dict[str, float] | None:
    """Cold: the state `reset` names removed first; unchanged: run again, nothing edited."""
    if not cli_available(cap, args[0]):
        return None
    saved = {}
    for name in reset:
        if (cap / name).is_dir():
            saved[name] = cap.parent / f"saved-{name.replace('/', '-')}"
            clean(cap.parent, saved[name].name)
            shutil.copytree(cap / name, saved[name])
    cold, warm = [], []
    for _ in range(runs):
        for name in reset:
            clean(cap, name)
        cold.append(_timed_cli(cap, args))
        for name, copy in saved.items():  # back to the filled catalogs / previous cache
            clean(cap, name)
            shutil.copytree(copy, cap / name)
        _timed_cli(cap, args)
        warm.append(_timed_cli(cap, args))
    return {"cold": median(cold), "unchanged": median(warm)}


def _timed_cli(cap: Path, args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([PY, "-m", "capdev", *args], cwd=cap, env=ENV, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: findings, still a measured run
        raise RuntimeError(f"capdev {' '.join(args)}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return seconds


# -- 4, 5: policy-note PDFs and notebooks on the bundled content ---------------------------------
def repo_copy(work: Path) -> Path:
    dest = work / "repo"
    clean(work, "repo")
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


PDF_TIMED = r"""
import json
from pathlib import Path
from capdev.pdf import build
root = Path('.').resolve()
res = build(root, [root / 'policy_notes' / 'NOTE'], ['en', 'es'], ['pdf'], root / 'dist',
            draft=True, jobs=1)
print('PDF ' + json.dumps([o.seconds for r in res for o in r.outputs if not o.cached]))
""".replace("NOTE", NOTE)


def bench_pdf(repo: Path, runs: int, with_xelatex: bool) -> dict[str, Any]:
    """Per PDF as capdev's builder times it, and the whole command divided by its 2 PDFs."""
    wall, per = [], []
    for _ in range(runs):
        clean(repo, ".cache", "dist")
        run = measure([PY, "-m", "capdev", "pdf", NOTE, "--lang", "all", "--jobs", "1",
                       "--draft"], repo)
        wall.append(run.seconds / 2)
        clean(repo, ".cache", "dist")
        run = measure([PY, "-c", PDF_TIMED], repo)
        per += json.loads(run.output.rsplit("PDF ", 1)[1].splitlines()[0])
    out: dict[str, Any] = {"cli_per_pdf": median(wall), "engine_per_pdf": median(per)}
    out["xelatex"] = bench_xelatex(repo, runs, with_xelatex)
    return out


def bench_xelatex(repo: Path, runs: int, install: bool) -> dict[str, Any] | str:
    if not shutil.which("xelatex"):
        if not install:
            return "xelatex not installed"
        # rsvg-convert: pandoc needs it to put the note's SVG figure into a LaTeX PDF
        subprocess.run(["apt-get", "install", "-y", "-q", "texlive-xetex", "librsvg2-bin"],
                       check=True, stdout=subprocess.DEVNULL)
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    folder = repo / "policy_notes" / NOTE
    es = folder / "note.es.md"
    subprocess.run([PY, "-m", "capdev", "i18n", "render", f"policy_notes/{NOTE}/note.md",
                    "-o", str(es)], cwd=repo, env=ENV, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        for src, lang in ((folder / "note.md", "en"), (es, "es")):
            start = time.perf_counter()
            subprocess.run([pandoc, src.name, "--citeproc", "--pdf-engine=xelatex",
                            "-V", f"lang={lang}", "-o", f"/tmp/capdev-bench-{lang}.pdf"],
                           cwd=folder, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return {"per_pdf": median(times)}


def bench_notebooks(repo: Path) -> dict[str, Any]:
    code = r"""
import json, threading, time
from pathlib import Path
import psutil
from capdev.notebooks import run_notebooks
root = Path('.')
nbs = sorted(p.relative_to(root) for p in root.glob('courses/**/*.ipynb'))
seen, stop = set(), threading.Event()
def watch():  # independent count: kernel processes seen among our children
    me = psutil.Process()
    while not stop.is_set():
        for p in me.children(recursive=True):
            try:
                if 'ipykernel' in ' '.join(p.cmdline()):
                    seen.add(p.pid)
            except psutil.Error:
                pass
        time.sleep(0.01)
out = {}
for label in ('cold', 'unchanged'):
    seen.clear(); stop.clear()
    t = threading.Thread(target=watch, daemon=True); t.start()
    start = time.perf_counter()
    rep = run_notebooks(root, nbs, execute='auto')
    out[label] = {'seconds': time.perf_counter() - start, 'executed': rep.executed,
                  'cached': rep.cached, 'kernels_reported': rep.kernels_started,
                  'kernel_processes_seen': len(seen), 'notebooks': len(nbs)}
    stop.set(); t.join()
print('NB ' + json.dumps(out))
"""
    clean(repo, ".cache")
    run = measure([PY, "-c", code], repo)
    return json.loads(run.output.rsplit("NB ", 1)[1].splitlines()[0])


# -- 7: edit to preview ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, token: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if token in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


@dataclass
class Server:
    cmd: list[str]
    cwd: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        cmd = [*self.cmd, "-a", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=ENV, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        if wait_for(self.url("index.html"), "<html", 600) is None:
            raise RuntimeError(f"{' '.join(cmd)} did not start")
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def __exit__(self, *exc: object) -> None:
        if self.proc:
            os.killpg(self.proc.pid, 15)  # the server and the build children it started
            self.proc.wait(30)


def edit_markdown(path: Path, token: str) -> None:
    text = path.read_text("utf-8")
    marker = "\n\n## "  # append to the paragraph before the first section heading
    path.write_text(text.replace(marker, f" {token}{marker}", 1), "utf-8")


def edit_catalog(path: Path, source: Path, token: str) -> None:
    """Change the Spanish of a paragraph the English edits left alone (its entry is live)."""
    import polib

    english = source.read_text("utf-8")
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("The ") and len(e.msgid) > 200
                 and f"\n{e.msgid}\n" in english and "zqx" not in e.msgid)
    entry.msgstr += f" {token}"
    po.save(str(path))


def settle(server: Server, timeout: float = 120) -> None:
    """Wait until no build child of the server is running (the other language finished)."""
    end = time.time() + timeout
    root = psutil.Process(server.proc.pid)
    while time.time() < end:
        kids = [p for p in root.children(recursive=True) if "build" in " ".join(p.cmdline())]
        if not kids:
            time.sleep(1.0)
            return
        time.sleep(0.2)


def bench_preview(cap: Path, stock: Path, runs: int) -> dict[str, Any]:
    page = f"{LESSON}.html"
    nonce = f"{int(time.time()) % 100000}"  # tokens never seen before, even on a reused corpus
    out: dict[str, list[float | None]] = {k: [] for k in
                                          ("capdev_en", "capdev_es", "stock_en", "stock_es")}
    with Server([PY, "-m", "capdev", "serve"], cap) as srv:
        for k in range(runs):
            settle(srv)
            edit_markdown(cap / f"{LESSON}.md", f"zqxEN{nonce}n{k}x")
            out["capdev_en"].append(wait_for(srv.url(page), f"zqxEN{nonce}n{k}x", 300))
            settle(srv)
            edit_catalog(cap / "translations/es" / f"{LESSON}.md.po", cap / f"{LESSON}.md",
                         f"zqxES{nonce}n{k}x")
            out["capdev_es"].append(wait_for(srv.url(f"es/{page}"), f"zqxES{nonce}n{k}x", 300))
    with Server([PY, "-m", "mkdocs", "serve"], stock) as srv:
        for k in range(runs):
            time.sleep(1.0)
            edit_markdown(stock / "docs/en" / f"{LESSON}.md", f"zqxEN{nonce}n{k}x")
            out["stock_en"].append(wait_for(srv.url(page), f"zqxEN{nonce}n{k}x", 300))
            time.sleep(1.0)
            edit_markdown(stock / "docs/es" / f"{LESSON}.md", f"zqxES{nonce}n{k}x")
            out["stock_es"].append(wait_for(srv.url(f"es/{page}"), f"zqxES{nonce}n{k}x", 300))
    return {k: (median([x for x in v if x is not None]) if all(x is not None for x in v)
                else None) for k, v in out.items()}


# -- the report --------------------------------------------------------------------------------
def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    from importlib.metadata import version

    import pypandoc

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip()
    tools = ", ".join(f"{name} {version(name)}" for name in
                      ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions",
                       "typst", "nbclient", "polib"))
    return [f"- Machine: {cpu}, {os.cpu_count()} cores, "
            f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM, {platform.platform()}",
            f"- Python {platform.python_version()}; {tools}; pandoc {pypandoc.get_pandoc_version()}",
            f"- capdev at commit {commit} (plus uncommitted work of the checkout, if any)",
            f"- Load average (1 min) at the start {LOAD[0]:.1f}, at the end {os.getloadavg()[0]:.1f}: "
            "other work shared these 2 cores, so absolute times are noisy; capdev and stock "
            "runs alternate so both meet the same load",
            "- Bytecode: commands run with Python's bytecode cache on, as on a normal install"
            + (" (this shell had PYTHONDONTWRITEBYTECODE set; the benchmark unsets it)"
               if BYTECODE_OFF else "")]


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(res: dict[str, Any], runs: int) -> str:
    sizes = sorted(res["sizes"], key=int)
    big = res["sizes"][sizes[-1]]
    lines = ["# Benchmarks: capdev against the stock tools", "",
             f"Written by `scripts/bench.py` on {res['started']} in {res.get('minutes', 0):.0f} min. "
             "Re-run with `make bench` (or the command below); every figure is the median "
             "of the runs made in that one invocation on this machine.", "",
             *res["machine"], f"- Command: `{res['command']}`", f"- Runs per figure: {runs}", "",
             "**The page corpora are SYNTHETIC** (`scripts/make_corpus.py`): N lesson-like "
             "pages per language (headings, lists, admonitions, a table, a code block, "
             "internal and external links, ~800 words), English sources plus fully translated "
             "catalogs in a deterministic pseudo-Spanish. The stock project holds the same "
             "pages as `docs/en/` + `docs/es/` (static-i18n `docs_structure: folder`, the "
             "same theme features and Markdown extensions, no capdev plugin) and is built the "
             "way stock users build it: one `mkdocs build`. PDFs and notebooks are measured "
             "on the bundled content (a `git archive HEAD` copy, caches empty).", "",
             "## 1. Full build, clean (no `site/`, no `.cache/`)", "",
             "| pages per language | capdev build | stock mkdocs build | speed-up (wall) "
             "| capdev CPU | stock CPU | CPU ratio | capdev ms/page | stock ms/page "
             "| capdev peak MB | stock peak MB | capdev site MB | stock site MB |",
             "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for n in sizes:
        b = res["sizes"][n]["build"]
        pages = 2 * int(n)
        lines.append(f"| {n} | {b['capdev_s']:.1f} s | {b['stock_s']:.1f} s | "
                     f"{ratio(b['stock_s'], b['capdev_s'])} | {b['capdev_cpu']:.1f} s | "
                     f"{b['stock_cpu']:.1f} s | {ratio(b['stock_cpu'], b['capdev_cpu'])} | "
                     f"{b['capdev_s'] / pages * 1000:.1f} ms "
                     f"| {b['stock_s'] / pages * 1000:.1f} ms | {b['capdev_mb']:.0f} | "
                     f"{b['stock_mb']:.0f} | {b['capdev_site_mb']:.0f} | {b['stock_site_mb']:.0f} |")
    loads = ", ".join(f"{n}: {res['sizes'][n]['build']['load'][0]:.1f} → "
                      f"{res['sizes'][n]['build']['load'][1]:.1f}" for n in sizes
                      if "load" in res["sizes"][n]["build"])
    lines += ["", f"Load average (1 min) before → after the builds of each size: {loads or 'not recorded'}.",
              "", "Wall time is what a user waits; CPU is user + system seconds of the whole "
              "process tree, which other load on the machine disturbs much less than wall time. "
              "ms/page: wall time over both languages (2 × N pages). Peak memory is the sum "
              "of the resident memory of the whole process tree (capdev runs one MkDocs per "
              "language at once), sampled every 20 ms.", "",
              "## 2. capdev's own share of its build", "",
              "| pages per language | load + validate | staging (pages, Spanish, notebooks, PDFs) "
              "| MkDocs (both languages, parallel) | swap | offline zip | capdev's share |",
              "|--:|--:|--:|--:|--:|--:|--:|"]
    for n in sizes:
        ph = res["sizes"][n]["build"]["phases"]
        mk = ph.get("_run_languages", 0.0)
        own = sum(v for k, v in ph.items() if k != "_run_languages")
        lines.append(f"| {n} | {ph.get('load', 0):.2f} s | {ph.get('stage', 0):.2f} s | {mk:.1f} s "
                     f"| {ph.get('_swap', 0):.2f} s | {ph.get('offline_zip', 0):.2f} s | "
                     f"{100 * own / (own + mk):.0f}% |")
    lines += ["", f"Where staging spends its time at {sizes[-1]} pages per language "
              "(cProfile, cumulative seconds; profiling inflates them):", "", "```",
              res.get("profile", ""), "```", "",
              "## 3. `capdev check` and `capdev i18n update`", "",
              "| pages per language | command | cold | nothing changed |", "|--:|---|--:|--:|"]
    for n in sizes:
        for name in ("check", "i18n update"):
            r = res["sizes"][n].get(name)
            lines.append(f"| {n} | `capdev {name}` | " + ("not measured: command not available "
                         "in this checkout yet | |" if r is None else
                         f"{r['cold']:.2f} s | {r['unchanged']:.2f} s |"))
    lines += ["", "Cold: `capdev i18n update` with no catalog yet (every catalog created) and "
              "no `.cache/`; `capdev check` with no `.cache/`. Nothing changed: the same "
              "command again. Both include starting Python (~0.15 s here).", ""]
    lines += pdf_section(res["pdf"]) if "pdf" in res else []
    lines += notebook_section(res["notebooks"]) if "notebooks" in res else []
    lines += weight_section(res, sizes) + prune_section(res) + preview_section(res)
    lines += goals_section(res, sizes, big)
    return "\n".join(lines) + "\n"


def pdf_section(pdf: dict[str, Any]) -> list[str]:
    xe = pdf["xelatex"]
    xe_text = xe if isinstance(xe, str) else (f"{xe['per_pdf']:.2f} s per PDF (pandoc + xelatex, "
                                              f"capdev {ratio(xe['per_pdf'], pdf['engine_per_pdf'])} "
                                              "faster)")
    return ["## 4. Policy-note PDF", "",
            f"`capdev pdf {NOTE} --lang all --jobs 1 --draft`, cache emptied before each run "
            "(PDF/UA-1 tagged, pandoc → typst):", "",
            f"- per PDF, measured by capdev's builder: **{pdf['engine_per_pdf']:.2f} s**",
            f"- per PDF, whole command (process start, both languages) / 2: "
            f"{pdf['cli_per_pdf']:.2f} s",
            f"- pandoc + xelatex: {xe_text}", ""]


def notebook_section(nb: dict[str, Any]) -> list[str]:
    rows = ["## 5. Notebooks: rebuild with nothing changed", "",
            "`run_notebooks` on the two bundled notebooks, first with an empty cache, then "
            "again with nothing changed. Kernels are counted twice: by capdev's own counter "
            "and independently, as ipykernel processes seen among the child processes.", "",
            "| run | seconds | executed | from cache | kernels (capdev) | kernel processes seen |",
            "|---|--:|--:|--:|--:|--:|"]
    for label in ("cold", "unchanged"):
        r = nb[label]
        rows.append(f"| {label} | {r['seconds']:.2f} | {r['executed']} | {r['cached']} | "
                    f"{r['kernels_reported']} | {r['kernel_processes_seen']} |")
    return rows + [""]


def weight_section(res: dict[str, Any], sizes: list[str]) -> list[str]:
    rows = ["## 6. Transferred bytes of a lesson page (HTML + CSS + JS, no images)", "",
            f"`{LESSON}.html`, the files its `<link rel=stylesheet>` and `<script src>` load; "
            "raw bytes and gzip -6 (what a compressing server sends). The search index is "
            "fetched by the search worker only when search is used and is not counted.", "",
            "| pages per language | site | HTML (en) | total raw (en) | total gzip (en) "
            "| total raw (es) | total gzip (es) |", "|--:|---|--:|--:|--:|--:|--:|"]
    for n in sizes:
        for site in ("capdev", "stock", "capdev + navigation.prune"):
            w = res["sizes"][n]["weight"].get(site)
            if w:
                rows.append(f"| {n} | {site} | {w['en']['html'] / 1024:.0f} KB | "
                            f"{w['en']['raw'] / 1024:.0f} KB | {w['en']['gzip'] / 1024:.0f} KB | "
                            f"{w['es']['raw'] / 1024:.0f} KB | {w['es']['gzip'] / 1024:.0f} KB |")
    prune = [(n, res["sizes"][n].get("prune")) for n in sizes if res["sizes"][n].get("prune")]
    if prune:
        rows += ["", "capdev with Material's `navigation.prune` (one run): " + "; ".join(
            f"{n} pages: build {p['seconds']:.1f} s, site {p['site_mb']:.0f} MB" for n, p in prune)]
    return rows + [""]


def prune_section(res: dict[str, Any]) -> list[str]:
    pc = res.get("prune_compare")
    if not pc:
        return []
    w = pc["weight"]
    return ["## 6b. Both with Material's `navigation.prune`", "",
            f"At {pc['pages']} pages per language, clean builds, both projects with "
            "`navigation.prune` added to theme.features (everything else as in section 1):", "",
            "| | capdev build | stock mkdocs build | speed-up (wall) | CPU ratio | lesson HTML "
            "capdev / stock | site MB capdev / stock |", "|---|--:|--:|--:|--:|--:|--:|",
            f"| with prune | {pc['capdev_s']:.1f} s | {pc['stock_s']:.1f} s | "
            f"{ratio(pc['stock_s'], pc['capdev_s'])} | {ratio(pc['stock_cpu'], pc['capdev_cpu'])} | "
            f"{w['capdev']['en']['html'] / 1024:.0f} / {w['stock']['en']['html'] / 1024:.0f} KB | "
            f"{pc['capdev_site_mb']:.0f} / {pc['stock_site_mb']:.0f} |", ""]


def preview_section(res: dict[str, Any]) -> list[str]:
    pv = res.get("preview")
    if not pv:
        return []

    def s(v: float | None) -> str:
        return "timed out" if v is None else f"{v:.1f} s"
    return ["## 7. Edit to preview", "",
            *([f"Measured separately (`{res.get('preview_command', '--preview-only')}`, same "
               f"corpus), {res['preview_at'][2:]}.", ""]
              if res.get("preview_at") else []),
            f"At {res['preview_pages']} pages per language: from saving the file to the rebuilt "
            "page being served (polled every 50 ms), `capdev serve` against stock `mkdocs serve` "
            "(which rebuilds the whole bilingual site on every save).", "",
            "| edit | capdev serve | stock mkdocs serve |", "|---|--:|--:|",
            f"| English lesson saved → English page | {s(pv['capdev_en'])} | {s(pv['stock_en'])} |",
            f"| Spanish saved (capdev: the catalog; stock: docs/es page) → Spanish page | "
            f"{s(pv['capdev_es'])} | {s(pv['stock_es'])} |", ""]


def marginal(res: dict[str, Any], sizes: list[str], key: str) -> list[float]:
    """Milliseconds per extra page (both languages) between consecutive corpus sizes."""
    out = []
    for small, large in zip(sizes, sizes[1:], strict=False):
        dt = res["sizes"][large]["build"][key] - res["sizes"][small]["build"][key]
        out.append(1000 * dt / (2 * (int(large) - int(small))))
    return out


def prune_goal_rows(res: dict[str, Any], b: dict[str, Any]) -> list[str]:
    pc = res.get("prune_compare")
    if not pc:
        return []
    return [f"| … capdev with `navigation.prune` against stock as configured in section 1 | wall "
            f"{ratio(b['stock_s'], pc['capdev_s'])}, CPU {ratio(b['stock_cpu'], pc['capdev_cpu'])} | "
            f"{verdict(b['stock_s'] >= 1.8 * pc['capdev_s'])} |",
            f"| … both with `navigation.prune` | wall {ratio(pc['stock_s'], pc['capdev_s'])}, CPU "
            f"{ratio(pc['stock_cpu'], pc['capdev_cpu'])} | "
            f"{verdict(pc['stock_s'] >= 1.8 * pc['capdev_s'])} |"]


def prune_flat_rows(res: dict[str, Any], sizes: list[str]) -> list[str]:
    """The same two goals for capdev with navigation.prune (one run per size)."""
    if not all(res["sizes"][n].get("prune") for n in sizes) or len(sizes) < 3:
        return []
    t = [res["sizes"][n]["prune"]["seconds"] for n in sizes]
    m = [1000 * (t[i + 1] - t[i]) / (2 * (int(sizes[i + 1]) - int(sizes[i])))
         for i in range(len(sizes) - 1)]
    h = [res["sizes"][n]["weight"]["capdev + navigation.prune"]["en"]["html"] / 1024 for n in sizes]
    return [f"| … with `navigation.prune` (one run per size) | {' → '.join(f'{x:.0f}' for x in m)} "
            f"ms per extra page | {verdict(m[-1] <= 1.25 * m[0])} |",
            f"| … page size with `navigation.prune` | lesson HTML {h[0]:.0f} → {h[-1]:.0f} KB "
            f"(CSS + JS the same at every size) | {verdict(h[-1] <= 1.25 * h[0])} |"]


def goals_section(res: dict[str, Any], sizes: list[str], big: dict[str, Any]) -> list[str]:
    b = big["build"]
    ph = b["phases"]
    own = sum(v for k, v in ph.items() if k != "_run_languages")
    share = own / (own + ph.get("_run_languages", 0.0))
    cap_m, stock_m = marginal(res, sizes, "capdev_s"), marginal(res, sizes, "stock_s")
    steps = " → ".join(f"{m:.0f}" for m in cap_m) or "—"
    flat = len(cap_m) < 2 or cap_m[-1] <= 1.25 * cap_m[0]
    w0 = res["sizes"][sizes[0]]["weight"]["capdev"]["en"]
    w1 = big["weight"]["capdev"]["en"]
    rows = ["## Goals", "", "| goal | measured | |", "|---|---|---|",
            f"| {sizes[-1]} + {sizes[-1]} pages ≥ 1.8× faster than stock | wall "
            f"{ratio(b['stock_s'], b['capdev_s'])}, CPU {ratio(b['stock_cpu'], b['capdev_cpu'])} | "
            f"{verdict(b['stock_s'] >= 1.8 * b['capdev_s'])} |",
            *prune_goal_rows(res, b),
            f"| per-page cost flat as the corpus grows | capdev {steps} ms per extra page "
            f"(stock {' → '.join(f'{m:.0f}' for m in stock_m) or '—'}), sizes {' → '.join(sizes)} | "
            f"{verdict(flat)} |",
            f"| page size flat as the corpus grows | lesson HTML {w0['html'] / 1024:.0f} → "
            f"{w1['html'] / 1024:.0f} KB | {verdict(w1['html'] <= 1.25 * w0['html'])} |",
            *prune_flat_rows(res, sizes),
            f"| capdev's own work ≤ 10% of the build | {100 * share:.0f}% | {verdict(share <= 0.10)} |"]
    for name in ("check", "i18n update"):
        r = big.get(name)
        if r is None:
            rows.append(f"| `capdev {name}` ≤ 3 s cold, ≤ 0.5 s unchanged | not measured | |")
        else:
            rows.append(f"| `capdev {name}` ≤ 3 s cold, ≤ 0.5 s unchanged | {r['cold']:.2f} s / "
                        f"{r['unchanged']:.2f} s | {verdict(r['cold'] <= 3 and r['unchanged'] <= 0.5)} |")
    if "pdf" in res:
        pdf = res["pdf"]["engine_per_pdf"]
        rows.append(f"| PDF ≤ 0.3 s per note | {pdf:.2f} s | {verdict(pdf <= 0.3)} |")
    rows.append(f"| lesson page ≤ 300 KB transferred without images | {w1['gzip'] / 1024:.0f} KB "
                f"gzip ({w1['raw'] / 1024:.0f} KB uncompressed) | {verdict(w1['gzip'] <= 300 * 1024)}"
                f"{'' if w1['raw'] <= 300 * 1024 else ' (uncompressed: not met)'} |")
    pv = res.get("preview")
    if pv:
        vals = [v for k, v in pv.items() if k.startswith("capdev")]
        worst = None if any(v is None for v in vals) else max(vals)
        rows.append(f"| edit-to-preview ≤ 2 s at {res['preview_pages']} pages | "
                    f"{'timed out' if worst is None else f'{worst:.1f} s'} | "
                    f"{verdict(worst is not None and worst <= 2)} |")
    return rows + ["", res.get("notes", "").strip(), ""]


# -- main ------------------------------------------------------------------------------------
def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="50 and 250 pages per language only")
    p.add_argument("--runs", type=int, default=3, help="runs per figure (median; default: 3)")
    p.add_argument("--sizes", type=int, nargs="*", default=None, help="pages per language")
    p.add_argument("--with-xelatex", action="store_true",
                   help="apt-get install texlive-xetex if missing, to compare PDF engines")
    p.add_argument("--work", type=Path, default=Path("/tmp/capdev-bench"))
    p.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    p.add_argument("--notes", type=Path, default=None,
                   help="Markdown appended under Goals (the analysis of what dominates)")
    p.add_argument("--skip-preview", action="store_true")
    p.add_argument("--skip-prune-compare", action="store_true")
    p.add_argument("--prune-compare", type=int, default=0, metavar="N",
                   help="only: capdev and stock, both with navigation.prune, on the existing "
                        "WORK/N corpus; merged into WORK/results.json")
    p.add_argument("--preview-only", type=int, default=0, metavar="N",
                   help="only: edit-to-preview on the existing WORK/N corpus; merged into "
                        "WORK/results.json")
    p.add_argument("--report-only", action="store_true",
                   help="rewrite the report from WORK/results.json without measuring")
    args = p.parse_args()
    saved = args.work / "results.json"
    if args.report_only or args.prune_compare or args.preview_only:
        res = json.loads(saved.read_text("utf-8"))
        if args.preview_only:
            n = args.preview_only
            log(f"edit to preview at {n}")
            res["preview"] = bench_preview(*(args.work / str(n) / k for k in ("capdev", "stock")),
                                           args.runs)
            res["preview_pages"], res["preview_at"] = n, machine()[2]
            res["preview_command"] = "python scripts/bench.py " + " ".join(sys.argv[1:])
            saved.write_text(json.dumps(res, indent=1, default=str), "utf-8")
        if args.prune_compare:
            n = args.prune_compare
            log(f"capdev and stock with navigation.prune at {n} pages per language")
            res["prune_compare"] = {"pages": n, **bench_prune_compare(
                args.work / str(n) / "capdev", args.work / str(n) / "stock", args.runs)}
            saved.write_text(json.dumps(res, indent=1, default=str), "utf-8")
    else:
        res = measure_all(args, saved)
    if args.notes and args.notes.is_file():
        res["notes"] = args.notes.read_text("utf-8")
    args.out.write_text(report(res, res["runs"]), "utf-8")
    log(f"wrote {args.out}")
    return 0


def measure_all(args: argparse.Namespace, saved: Path) -> dict[str, Any]:
    """Every measurement; results.json is rewritten after each step (a late failure keeps them)."""
    sizes = args.sizes or ([50, 250] if args.quick else [50, 250, 1000])
    t0 = time.perf_counter()
    res: dict[str, Any] = {"sizes": {}, "runs": args.runs, "machine": machine(),
                           "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                           "command": "python scripts/bench.py " + " ".join(sys.argv[1:])}

    def save() -> None:
        res["minutes"] = (time.perf_counter() - t0) / 60
        res["machine"][-1] = machine()[-1]  # the load average at the end
        saved.write_text(json.dumps(res, indent=1, default=str), "utf-8")

    args.work.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        log(f"corpus: {n} pages per language (synthetic)")
        cap, stock = make_corpus.make(args.work / str(n), n)
        r: dict[str, Any] = res["sizes"].setdefault(str(n), {})
        log("  i18n update / check")
        r["i18n update"] = bench_cli(cap, args.runs, ["i18n", "update"], ["translations", ".cache"])
        r["check"] = bench_cli(cap, args.runs, ["check"], [".cache"])
        log("  builds")
        load = os.getloadavg()[0]
        r["build"] = bench_builds(cap, stock, args.runs)
        r["build"]["load"] = [load, os.getloadavg()[0]]
        r["weight"] = {"capdev": page_weight(cap / "site", LESSON),
                       "stock": page_weight(stock / "site", LESSON)}
        log(f"  {json.dumps(r['build'])}")
        save()
        log("  navigation.prune")
        r["prune"] = bench_prune(cap)
        r["weight"]["capdev + navigation.prune"] = r["prune"]["page"]
        if n == max(sizes):
            log("  profile of staging")
            res["profile"] = profile_staging(cap)
        save()
    if not args.skip_prune_compare:
        n = max(sizes)
        log(f"capdev and stock with navigation.prune at {n} pages per language")
        res["prune_compare"] = {"pages": n, **bench_prune_compare(
            args.work / str(n) / "capdev", args.work / str(n) / "stock", args.runs)}
        save()
    preview_n = 250 if 250 in sizes else max(sizes)
    if not args.skip_preview:
        log(f"edit to preview at {preview_n}")
        res["preview"] = bench_preview(*(args.work / str(preview_n) / k for k in ("capdev", "stock")),
                                       args.runs)
        res["preview_pages"] = preview_n
        save()
    log("PDF and notebooks on the bundled content")
    repo = repo_copy(args.work)
    res["pdf"] = bench_pdf(repo, args.runs, args.with_xelatex)
    res["notebooks"] = bench_notebooks(repo)
    save()
    return res


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
