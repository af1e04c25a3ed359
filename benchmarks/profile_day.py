"""Where a market's day goes: time in each compiled kernel, and in the Python around them.

Usage: ``python benchmarks/profile_day.py [--accounts N] [--days D] [--threads T]``. Warms up
the benchmark scenario (:mod:`common`), then runs ``D`` more days with every kernel the day
calls (:func:`replay.day_kernels`) wrapped in a timer, and prints milliseconds per day for
each kernel, for the Python between them (agents' decisions, the day's inputs, the record and
Mesa's DataCollector), and the throughput. It complements the pytest benchmarks, which time the
kernels one at a time on copies.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from typing import Any

import numba

from common import fresh, warm_market
from replay import Kernel, kernel_name, wrapped_kernels


def profile(accounts: int, days: int) -> tuple[Counter[str], float]:
    """Seconds spent in each kernel over ``days`` days after the warm-up, and in all.

    Args:
        accounts: Accounts in the market.
        days: Days to time.

    Returns:
        ``(seconds by kernel, total seconds)``.
    """
    model = fresh(warm_market(accounts, "numba"))
    spent: Counter[str] = Counter()

    def timer(kernel: Kernel) -> Kernel:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            result = kernel(*args, **kwargs)
            spent[kernel_name(kernel)] += time.perf_counter() - start
            return result

        return run

    with wrapped_kernels(timer):
        start = time.perf_counter()
        model.run(days)
        total = time.perf_counter() - start
    return spent, total


def main() -> None:
    """Print the profile of the market given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--threads", type=int, default=numba.get_num_threads())
    args = parser.parse_args()
    numba.set_num_threads(args.threads)
    spent, total = profile(args.accounts, args.days)
    print(
        f"{args.accounts:,} accounts, {args.days} days, {args.threads} numba threads "
        f"({numba.threading_layer()}), load average {os.getloadavg()[0]:.2f}"
    )
    rows = [*spent.most_common(), ("Python around the kernels", total - sum(spent.values()))]
    for name, seconds in rows:
        print(f"  {name:28s} {seconds * 1e3 / args.days:9.2f} ms/day  {seconds / total:6.1%}")
    print(f"  {'whole day':28s} {total * 1e3 / args.days:9.2f} ms/day")
    print(f"  throughput {args.accounts * args.days / total:.3g} account-days/s")


if __name__ == "__main__":
    main()
