"""Threads: the pool that runs a day's borrowers, and numba's OpenMP workers kept asleep.

The numba engine shares each day's borrowers out to a small pool of Python threads
(:func:`worker_threads`) running a GIL-free kernel; the only ``prange`` kernel left draws the
day-0 population. Numba's OpenMP workers should sleep between parallel kernels: by default GNU
OpenMP's idle workers spin for a while after each parallel region, and on a machine whose cores
are shared they take CPU from the Python thread and from other processes (measured on a shared
two-core machine when the day itself was a ``prange`` kernel: 30 warm days at 10^4 accounts took
0.55 s with spinning workers and 0.28 s with sleeping ones). Results do not change (draws are
keyed by what is drawn, not by thread). A user's own ``OMP_WAIT_POLICY`` is respected.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor


def prefer_passive_openmp_wait() -> None:
    """Set ``OMP_WAIT_POLICY=PASSIVE`` unless already set (before OpenMP is first loaded)."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


_pool: tuple[ThreadPoolExecutor, int] | None = None
"""The process's day pool and its size, made on first use."""


def worker_threads(n: int) -> ThreadPoolExecutor:
    """A pool of at least ``n`` threads, shared by the process and kept between calls."""
    global _pool
    if _pool is None or _pool[1] < n:
        if _pool is not None:
            _pool[0].shutdown(wait=True)
        _pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="arrears-day"), n
    return _pool[0]
