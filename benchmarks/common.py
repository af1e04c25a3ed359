"""The benchmark suite's market: scenario, sizes, warmed-up models and throughput records.

Every benchmark works on the baseline scenario (``experiments/scenarios/baseline.toml``) at a
given number of accounts, warmed up until accounts are delinquent (most of a day's work is on
delinquent accounts): the scenario's warm-up, stopped one day before a month's end, so the day
after it is a month-end day with paydays, due accounts and the regulator's audits. In-place
kernels would drain the portfolio if a round ran on the previous round's state, so each round
gets a fresh copy (``copy.deepcopy`` of the warmed-up model, or of the arguments a kernel was
called with) made in the round's set-up, outside the timing.

Speed is reported, never asserted: each benchmark puts its throughput (account-days per second
for days of the market), the accounts, the load average and the thread settings in
``extra_info``, where ``benchmarks/report.py`` reads them.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import numba

from arrears.market.model import CollectionMarket
from arrears.market.tables import DAYS_PER_MONTH
from arrears.scenario.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_FILE = ROOT / "experiments" / "scenarios" / "baseline.toml"

SIZES: dict[str, dict[str, tuple[int, ...]]] = {
    "full": {
        "phase": (10**4, 10**5, 10**6),
        "numba_day": (10**3, 10**4, 10**5, 10**6),
        "agents_day": (10**3, 10**4),
        "numba_build": (10**4, 10**5, 10**6),
        "agents_build": (10**3, 10**4),
        "numba_memory": (10**3, 10**4, 10**5, 10**6),
        "agents_memory": (10**3, 10**4),
    },
    "quick": {
        "phase": (10**4, 10**5),
        "numba_day": (10**3, 10**4, 10**5),
        "agents_day": (10**3,),
        "numba_build": (10**4, 10**5),
        "agents_build": (10**3,),
        "numba_memory": (10**4,),
        "agents_memory": (),
    },
}
"""Accounts at which each family of benchmarks runs, in the full suite and the quick one."""

DAYS_PER_ROUND = DAYS_PER_MONTH
"""Days simulated per round of a whole-model benchmark: one month, so every due day, payday
and the month-end audit are in it."""


def scenario(accounts: int, **overrides: Any) -> Scenario:
    """The benchmark scenario: the baseline scenario with ``accounts`` accounts."""
    base = load_scenario(SCENARIO_FILE)
    return base.with_overrides({"population.n_accounts": accounts} | overrides)


BENCHMARK_WARMUP_DAYS = 180
"""The longest warm-up a benchmark simulates: by then delinquency is at its working level, so a
day costs what it will; the scenario's two-year warm-up would only slow the agents engine's
benchmarks (about half a second a day at 1,000 accounts)."""


def warmup_days(parameters: Scenario) -> int:
    """Days to warm up: the scenario's warm-up (at most :data:`BENCHMARK_WARMUP_DAYS`), ending
    one day before a month's end."""
    days = min(parameters.run.warmup_days, BENCHMARK_WARMUP_DAYS)
    return max(DAYS_PER_MONTH - 1, days - (days + 1) % DAYS_PER_MONTH)


_WARM: dict[tuple[str, int], CollectionMarket] = {}


def warm_market(accounts: int, engine: str) -> CollectionMarket:
    """A market of ``accounts`` accounts after its warm-up (built once per size and engine).

    Never step the returned model itself: copy it (:func:`fresh`).
    """
    key = (engine, accounts)
    if key not in _WARM:
        model = CollectionMarket(scenario(accounts), engine=engine)  # type: ignore[arg-type]
        model.run(warmup_days(model.parameters))
        _WARM[key] = model
    return _WARM[key]


def fresh(model: CollectionMarket) -> CollectionMarket:
    """An independent copy of a model, to be stepped by one round.

    ``deepcopy`` keeps shared arrays shared (the counters the kernels add to are the model's own
    arrays); only the Lender agents' views of the running totals become copies, which changes
    no work done in a day.
    """
    return copy.deepcopy(model)


def record_throughput(benchmark: Any, kind: str, accounts: int, days: int, **info: Any) -> None:
    """Put a benchmark's throughput and its context in ``extra_info``.

    Args:
        benchmark: The pytest-benchmark fixture, after its run.
        kind: The family of benchmark (``phase``, ``model_day``, ``build``, ...).
        accounts: Accounts in the market.
        days: Market days per round (0 for work that is not days of the market).
        **info: Further fields.
    """
    stats = benchmark.stats.stats
    benchmark.extra_info.update(
        kind=kind,
        accounts=accounts,
        days=days,
        load_avg_1m=round(os.getloadavg()[0], 2),
        numba_threads=numba.get_num_threads(),
        threading_layer=_threading_layer(),
        **info,
    )
    if days:
        benchmark.extra_info["account_days_per_s"] = accounts * days / stats.median
        benchmark.extra_info["account_days_per_s_best"] = accounts * days / stats.min


def _threading_layer() -> str:
    try:
        return str(numba.threading_layer())
    except ValueError:  # no parallel kernel has run yet in this process
        return "not initialised"
