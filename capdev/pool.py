"""Cold runs on both cores: independent per-file jobs computed in forked worker processes.

Jobs are plain tuples and results plain data, so workers share nothing but what they
inherit at fork (a parsed glossary, a translation memory, the rule registry).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PARALLEL_FROM = 40  # below this many jobs, starting workers costs more than it saves


def parallel_map(func: Callable[[tuple], Any], jobs: list[tuple]) -> list[Any]:
    return list(parallel_imap(func, jobs))


def parallel_imap(func: Callable[[tuple], Any], jobs: list[tuple]) -> Iterator[Any]:
    """Results in the order of the jobs, each as soon as it and those before it are done
    (so a caller can print progress)."""
    yield from Started(func, jobs).results()


class Started:
    """Jobs submitted to worker processes now, collected later by `results()`: the caller
    works on something else meanwhile. Few jobs, one core or no fork (Windows, macOS by
    default): computed in this process when collected."""

    def __init__(self, func: Callable[[tuple], Any], jobs: list[tuple]):
        self._pool: ProcessPoolExecutor | None = None
        self._serial = (func, jobs)
        workers = min(os.cpu_count() or 1, 4)
        if len(jobs) < PARALLEL_FROM or workers < 2:
            return
        try:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
        except ValueError:
            return
        self._pool = ProcessPoolExecutor(workers, mp_context=ctx)
        # Executor.map submits every chunk now; the iterator only waits for them
        self._results = self._pool.map(func, jobs, chunksize=max(1, len(jobs) // (workers * 8)))

    def results(self) -> Iterator[Any]:
        if self._pool is None:
            func, jobs = self._serial
            yield from (func(j) for j in jobs)
            return
        try:
            yield from self._results
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
