"""Peak resident memory of one market run, measured in a fresh process.

Run as ``python benchmarks/peak_memory.py ACCOUNTS ENGINE``: builds the benchmark scenario
(:mod:`common`), runs its warm-up and one more month, and prints one JSON line with the
process's peak resident set size in bytes: Linux's ``VmHWM`` (``/proc/self/status``), the
high-water mark of this process image. (``getrusage``'s ``ru_maxrss`` would not do: Linux
carries it over from the parent across ``fork`` and ``exec``, so under pytest it reports the
parent's size.) It includes the interpreter and the libraries; ``test_process.py`` subtracts a
100-account run's peak for the memory an account costs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from arrears.market.model import CollectionMarket
from common import DAYS_PER_ROUND, scenario, warmup_days


def peak_rss_bytes() -> int:
    """This process's peak resident set size (``VmHWM``), bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status (peak memory needs Linux)")


def main() -> None:
    """Run the market given on the command line and print its peak memory."""
    accounts, engine = int(sys.argv[1]), sys.argv[2]
    model = CollectionMarket(scenario(accounts), engine=engine)  # type: ignore[arg-type]
    model.run(warmup_days(model.parameters) + DAYS_PER_ROUND)
    print(json.dumps({"accounts": accounts, "engine": engine, "peak_rss_bytes": peak_rss_bytes()}))


if __name__ == "__main__":
    main()
