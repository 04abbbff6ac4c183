"""`capdev serve`: live preview of every language, reloading on source or catalog edits."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from capdev.config import find_root

HELP = """\
Runs `mkdocs serve` with capdev's plugin: edits under docs/, courses/, policy_notes/,
publications/ and translations/ restage and rebuild both languages; the browser reloads.

Examples:
  capdev serve                          English at http://127.0.0.1:8000, Spanish at /es/
  capdev serve -a 0.0.0.0:8001          let a colleague on the network follow along
  capdev serve --full                   rebuild every page on each change
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="live preview at http://127.0.0.1:8000 (Spanish at /es/)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address (default: %(default)s)")
    p.add_argument("--full", action="store_true",
                   help="rebuild every page on each change (default: only pages whose staged "
                        "source changed, in each language — much faster; navigation titles of "
                        "other pages refresh on the next full build)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root()
    env = {k: v for k, v in os.environ.items() if k not in ("CAPDEV_STAGED",)}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
           "-a", args.dev_addr, "--no-livereload" if os.environ.get("CAPDEV_NO_RELOAD") else "--livereload"]
    if not args.full:
        cmd.append("--dirty")
    os.chdir(root)
    if os.name == "posix":
        # become `mkdocs serve`: a signal to this process reaches the server itself, and no
        # orphaned server keeps the port when a supervisor stops `capdev serve`
        os.execve(sys.executable, cmd, env)
    return subprocess.call(cmd, cwd=root, env=env)
