"""The kernels' first compile on a machine, made visible.

numba compiles the kernels the first time they run on a machine and keeps them in its on-disk
cache (a folder keyed by a hash of the kernels' source files), so later runs
load them in about a second. The first compile takes about two minutes on two cores, most of it
the borrower's day (:func:`arrears.market.kernels.day.run_borrower_rows`). So that nobody waits
on a silent terminal, the command line and the sweeps call :func:`compile_kernels` before their
first run: when the cache is cold it compiles the kernels on a tiny market while a clock ticks,
and a sweep's worker processes then load them from the cache instead of compiling them again
each.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import TextIO

from arrears.market.kernels.day import run_borrower_rows
from arrears.market.model import CollectionMarket
from arrears.scenario.scenario import Scenario

TICK_SECONDS = 1.0
"""How often the clock on a terminal is redrawn, seconds."""

LOG_SECONDS = 15.0
"""How often a line is written instead when the output is not a terminal (a log), seconds."""

_COMPILING_MARKET = {
    "market": "cn_consumer_finance",
    "population.n_accounts": 300,
    "run.warmup_days": 0,
    "run.days": 31,
}
"""A market small enough to run in a moment once compiled, with a month's end in it (the
agencies' round, placements, suits), so most kernels compile on it."""


def kernels_cached() -> bool:
    """Whether numba's cache holds the borrower's day, the kernel that takes longest to compile.

    Returns:
        True when its cache index is on disk (later runs load rather than compile).
    """
    # numba keeps no public record of what it has cached; the index file of a function sits in
    # its cache folder as <module>.<function>-<line>.py<version>.nbi (numba is pinned to 0.68)
    folder = Path(run_borrower_rows._cache.cache_path)  # type: ignore[attr-defined]
    return any(folder.glob("day.run_borrower_rows-*.nbi"))


def compile_kernels(stream: TextIO | None = None) -> float:
    """Compile the kernels now, with a ticking clock, unless numba's cache already holds them.

    Args:
        stream: Where the clock is written (default: standard error).

    Returns:
        The seconds spent compiling; 0 when the kernels were cached.
    """
    if kernels_cached():
        return 0.0
    out = sys.stderr if stream is None else stream
    start = time.perf_counter()
    done = threading.Event()
    clock = threading.Thread(
        target=_tick, args=(out, start, done), name="compile clock", daemon=True
    )
    clock.start()
    try:
        CollectionMarket(Scenario().with_overrides(_COMPILING_MARKET)).run()
    finally:
        done.set()
        clock.join()
    seconds = time.perf_counter() - start
    out.write(f"compiled the kernels in {seconds:.0f} s; later runs load them from the cache\n")
    out.flush()
    return seconds


def _tick(out: TextIO, start: float, done: threading.Event) -> None:
    """Write the elapsed time until ``done``: in place on a terminal, else a line now and then."""
    message = "compiling the kernels for this machine (once; about 2 minutes on 2 cores)"
    on_terminal = out.isatty()
    out.write(f"{message}\n" if not on_terminal else "")
    out.flush()
    while not done.wait(TICK_SECONDS if on_terminal else LOG_SECONDS):
        elapsed = time.perf_counter() - start
        out.write(f"\r{message}: {elapsed:.0f} s" if on_terminal else f"  {elapsed:.0f} s\n")
        out.flush()
    if on_terminal:
        out.write("\n")
