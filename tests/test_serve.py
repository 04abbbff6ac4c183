"""`capdev serve`, the real one: saves are previewed, and the preview stays as fast and
its search index as big as after the first build, save after save."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

LESSON = "courses/demo/01-first-module/01-channels"
SAVES = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        page = _get(url)
        if page is not None and text in page:
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared at {url}")


def _index_sizes(base: str) -> tuple[int, int]:
    sizes = []
    for prefix in ("", "es/"):
        docs = json.loads(_get(f"{base}{prefix}search/search_index.json") or "{}")["docs"]
        locations = [d["location"] for d in docs]
        assert len(set(locations)) == len(docs), sorted(x for x in locations if locations.count(x) > 1)
        sizes.append(len(docs))
    return sizes[0], sizes[1]


def test_saves_are_previewed_and_the_search_index_stays_whole(project: Path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if k != "CAPDEV_NO_RELOAD"}  # it stops watching
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "capdev", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for(base, "<html", 120)
        first = _index_sizes(base)
        source = project / f"{LESSON}.md"
        for n in range(SAVES):
            word = f"zqxpreview{n}"
            source.write_text(source.read_text("utf-8") + f"\n{word} paragraph.\n", "utf-8")
            _wait_for(f"{base}{LESSON}.html", word, 60)
            # untranslated, the new paragraph shows in English on the Spanish page
            _wait_for(f"{base}es/{LESSON}.html", word, 60)
            en, es = _index_sizes(base)
            # one entry per page and section, as after the first build (was: doubling)
            assert (en, es) == first, (n, en, es, first)
            index = _get(f"{base}search/search_index.json") or ""
            assert word in index and word in (_get(f"{base}es/search/search_index.json") or "")
    finally:
        proc.terminate()  # capdev serve became mkdocs serve: this stops the server itself
        proc.wait(timeout=30)
        stopped = _get(base) is None
        _stop_group(proc.pid)
    assert stopped, "the server outlived `capdev serve`"


def _stop_group(pid: int) -> None:
    """Whatever the server started (a Spanish build child) goes with it."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
