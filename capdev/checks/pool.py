"""Cold runs on both cores: cache misses are computed in forked worker processes.

Jobs are plain tuples and results plain data (what the cache stores anyway), so workers
share nothing but what they inherit at fork (the parsed glossary, the rule registry).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PARALLEL_FROM = 40  # below this many jobs, starting workers costs more than it saves


def parallel_map(func: Callable[[tuple], Any], jobs: list[tuple]) -> list[Any]:
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [func(j) for j in jobs]
    try:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows; macOS by default): one process
        return [func(j) for j in jobs]
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        return list(pool.map(func, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
