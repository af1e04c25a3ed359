"""Property tests: random valid scenarios keep every invariant; random invalid input always fails
with a ScenarioError naming what is wrong, and the command line then writes nothing."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import numba
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arrears.cli import main
from arrears.market.model import CollectionMarket
from arrears.market.tables import MAX_PRINCIPAL_CENTS
from arrears.scenario.fields import ScenarioError
from arrears.scenario.scenario import Scenario
from arrears.sweeps.definition import load_sweep
from tests.conftest import small_scenario
from tests.invariants import assert_runs_agree, check_day, check_state, snapshot
from tests.scenario_strategies import (
    bad_field_values,
    invalid_scenario_tables,
    invalid_sweep_tables,
    valid_scenarios,
)
from tests.toml_text import to_toml, toml_value

SMALL_RUNS = {
    "population.n_accounts": st.integers(200, 600),
    "run.days": st.integers(60, 120),
    "run.warmup_days": st.integers(0, 60),
    "run.engine": st.just("numba"),
}
"""Sizes of the random valid runs: a few hundred accounts over a few months."""

TINY_RUNS = {
    "population.n_accounts": st.integers(60, 150),
    "run.days": st.integers(20, 40),
    "run.warmup_days": st.integers(0, 10),
}
"""Sizes of the runs that also go through the (slow) agents engine."""


@pytest.fixture(scope="module", autouse=True)
def one_numba_thread():
    """Small runs are fastest on one thread (results do not depend on the thread count)."""
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    yield
    numba.set_num_threads(threads)


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(scenario=valid_scenarios(SMALL_RUNS))
def test_random_valid_scenarios_keep_every_invariant(scenario):
    """Money to the cent, no negative money, the DPD rule, closed stays closed, contact in
    bounds: every day of a run of any valid scenario; every summary figure finite."""
    model = CollectionMarket(scenario)
    for _ in range(scenario.run.warmup_days + scenario.run.days):
        before = snapshot(model)
        model.step()
        check_day(before, model)
    summary = model.summary()
    assert summary["money_conservation_error"] == 0
    assert all(np.isfinite(value) for value in summary.values()), summary
    assert summary["days"] == scenario.run.days


@settings(
    max_examples=3,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(scenario=valid_scenarios(TINY_RUNS))
def test_engines_agree_on_random_valid_scenarios(scenario):
    """The numba and agents engines give identical series and summaries for any scenario."""
    fast = CollectionMarket(scenario, engine="numba")
    slow = CollectionMarket(scenario, engine="agents")
    fast.run()
    slow.run()
    assert_runs_agree(fast, slow)


def test_tiny_positive_interest_rate_repays_like_no_interest():
    """A valid, tiny positive APR builds a market whose instalments are those of an APR of 0
    (found by the property test: ``(1 + r) ** n - 1`` was 0, a division by zero)."""
    tiny = CollectionMarket(small_scenario(**{"loans.apr_annual": 1e-15}))
    free = CollectionMarket(small_scenario(**{"loans.apr_annual": 0.0}))
    assert np.abs(tiny.accounts.instalment - free.accounts.instalment).max() <= 1
    check_state(tiny)


def test_incomes_must_be_positive():
    """A median income of 0 is refused naming the field (it was accepted, then log(0) failed)."""
    with pytest.raises(ScenarioError, match=r"population\.income_median"):
        small_scenario(**{"population.income_median": [8000.0, 6000.0, 0.0]})


def test_the_widest_valid_principals_fit_the_cent_tables():
    """The largest principal median with the widest dispersion the scenario accepts gives
    non-negative balances that close the ledger (draws are capped at MAX_PRINCIPAL_CENTS; an
    uncapped tail overflowed int64)."""
    model = CollectionMarket(
        small_scenario(**{"loans.principal_median": 1e7, "loans.principal_log_sd": 5.0})
    )
    check_state(model)
    assert model.accounts.balance.max() <= MAX_PRINCIPAL_CENTS


def _one_line_naming(error: str, named: str) -> None:
    assert named in error, error
    assert "\n" not in error.rstrip("\n"), error
    assert "Traceback" not in error


def _cli(args: list[str]) -> tuple[int, str]:
    """Run the command line in-process; its exit status and stderr."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        status = main(args)
    return status, stderr.getvalue()


@settings(max_examples=150, deadline=None, database=None)
@given(case=invalid_scenario_tables())
def test_invalid_scenarios_fail_naming_the_field(case):
    """Wrong types, out-of-range values, unknown keys and sections: a ScenarioError naming them,
    whether the tables come from code or from a TOML file through `arrears run` (exit 2, one line,
    no output folder)."""
    tables, named = case
    with pytest.raises(ScenarioError) as error:
        Scenario.from_mapping(tables)
    _one_line_naming(str(error.value), named)
    with tempfile.TemporaryDirectory() as folder:
        path, out = Path(folder) / "bad.toml", Path(folder) / "out"
        path.write_text(to_toml(tables), encoding="utf-8")
        status, stderr = _cli(["run", str(path), "--out", str(out), "--quiet"])
        assert status == 2
        _one_line_naming(stderr, named)
        assert not out.exists()


@settings(max_examples=60, deadline=None, database=None)
@given(case=bad_field_values())
def test_invalid_set_values_fail_naming_the_field(case):
    """`arrears run --set section.field=VALUE` with a bad value: exit 2, one line, no folder."""
    field, value = case
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        assignment = f"{field.path}={toml_value(value)}"
        status, stderr = _cli(["run", "--set", assignment, "--out", str(out), "--quiet"])
        assert status == 2
        _one_line_naming(stderr, field.path)
        assert not out.exists()


@settings(max_examples=100, deadline=None, database=None)
@given(case=invalid_sweep_tables())
def test_invalid_sweep_files_fail_naming_the_field(case):
    """A sweep file with one thing wrong fails at load naming it; `arrears sweep` exits 2 with
    one line and creates no output folder."""
    tables, named = case
    with tempfile.TemporaryDirectory() as folder:
        path, out = Path(folder) / "sweep.toml", Path(folder) / "out"
        path.write_text(to_toml(tables), encoding="utf-8")
        with pytest.raises(ScenarioError) as error:
            load_sweep(path)
        _one_line_naming(str(error.value), named)
        status, stderr = _cli(["sweep", str(path), "--out", str(out), "--quiet"])
        assert status == 2
        _one_line_naming(stderr, named)
        assert not out.exists()
