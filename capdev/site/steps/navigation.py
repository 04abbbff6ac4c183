"""Last: drop what no step wrote this run, then write the language's navigation."""

from __future__ import annotations

import json

from capdev.catalogs.po import atomic_write
from capdev.site import nav
from capdev.site.stager import Stager


def run(stager: Stager) -> None:
    stager.prune()
    # JSON, not YAML: machine-read only, and ~50x faster to write and read at 1,000 pages
    atomic_write(stager.dest.parent / f"nav-{stager.lang}.json",
                 json.dumps(nav.build(stager), ensure_ascii=False, indent=1))
