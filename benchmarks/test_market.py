"""Whole-market days in both engines, model build time, and a small sweep.

A round simulates one month (``DAYS_PER_ROUND`` days: every due day, payday and the month-end
audit) of a fresh copy of the warmed-up market through ``CollectionMarket.run``, so every phase
and mechanism of the day is in it. The numba engine runs at 10^3-10^6 accounts, the agents
engine (one Mesa step per borrower, the same functions un-jitted) at 10^3-10^4 on the same
scenario; ``report.py`` divides their account-days per second at equal sizes for the engine
ratio, from the same run.
"""

from __future__ import annotations

import pytest

from arrears.market.model import CollectionMarket
from arrears.sweeps.backends import Backend
from arrears.sweeps.definition import sweep_from_mapping
from arrears.sweeps.runner import run_sweep
from common import DAYS_PER_ROUND, SCENARIO_FILE, fresh, record_throughput, scenario, warm_market


def _run_month(model: CollectionMarket) -> None:
    model.run(DAYS_PER_ROUND)


@pytest.mark.sizes("numba_day")
def test_numba_days(benchmark, pedantic, accounts):
    """A month of the whole market, numba engine."""
    model = warm_market(accounts, "numba")
    pedantic(_run_month, setup=lambda: ((fresh(model),), {}))
    record_throughput(benchmark, "model_day", accounts, DAYS_PER_ROUND, engine="numba")


@pytest.mark.sizes("agents_day")
def test_agents_days(benchmark, pedantic, accounts):
    """A month of the whole market, agents engine (a Mesa step per borrower)."""
    model = warm_market(accounts, "agents")
    pedantic(_run_month, setup=lambda: ((fresh(model),), {}))
    record_throughput(benchmark, "model_day", accounts, DAYS_PER_ROUND, engine="agents")


@pytest.mark.sizes("numba_build")
def test_numba_build(benchmark, pedantic, accounts):
    """Drawing the population and wiring the market, numba engine."""
    parameters = scenario(accounts)
    CollectionMarket(scenario(100))
    pedantic(CollectionMarket, setup=lambda: ((parameters,), {}))
    record_throughput(benchmark, "build", accounts, 0, engine="numba")
    benchmark.extra_info["accounts_per_s"] = accounts / benchmark.stats.stats.median


@pytest.mark.sizes("agents_build")
def test_agents_build(benchmark, pedantic, accounts):
    """Drawing the population and creating a Borrower agent per borrower, agents engine."""
    parameters = scenario(accounts, **{"run.engine": "agents"})
    pedantic(CollectionMarket, setup=lambda: ((parameters,), {}))
    record_throughput(benchmark, "build", accounts, 0, engine="agents")
    benchmark.extra_info["accounts_per_s"] = accounts / benchmark.stats.stats.median


SWEEP_ACCOUNTS = 2_000
SWEEP_DAYS = 90


def _small_sweep():
    """Two regimes x two seeds of the baseline at 2,000 accounts, 60 warm-up + 90 days."""
    return sweep_from_mapping(
        {
            "sweep": {
                "name": "bench",
                "base": str(SCENARIO_FILE),
                "seeds": 2,
                "series_block_days": 7,
            },
            "scenario": {
                "population": {"n_accounts": SWEEP_ACCOUNTS},
                "run": {"days": SWEEP_DAYS, "warmup_days": 60},
            },
            "parameters": {"regime.name": ["cn_2025", "us_reg_f"]},
        },
    )


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param(Backend("serial"), id="serial"),
        pytest.param(Backend("processes", workers=2), id="processes2", marks=pytest.mark.full_only),
    ],
)
def test_sweep(benchmark, pedantic, tmp_path_factory, backend):
    """A small sweep into a fresh store folder per round: runs per minute."""
    sweep = _small_sweep()

    def setup():
        return (sweep, tmp_path_factory.mktemp("sweep")), {"backend": backend}

    pedantic(run_sweep, setup=setup)
    record_throughput(benchmark, "sweep", SWEEP_ACCOUNTS, 0, backend=backend.name)
    benchmark.extra_info["runs"] = sweep.n_runs
    benchmark.extra_info["runs_per_minute"] = 60 * sweep.n_runs / benchmark.stats.stats.median
