import os
import subprocess
import sys
from typing import NamedTuple

import numba
import numpy as np
import pytest

from arrears.market.kernels import day
from arrears.market.kernels.borrow import borrowed
from arrears.market.model import CollectionMarket
from tests.conftest import small_scenario
from tests.invariants import assert_runs_agree


def _wait_policy_after_import(env: dict[str, str]) -> str:
    code = "import os, arrears; print(os.environ['OMP_WAIT_POLICY'])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_workers_sleep_unless_the_user_says_otherwise(given, expected):
    """Importing arrears sets OMP_WAIT_POLICY=PASSIVE, keeping a value the user set."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given is not None:
        env["OMP_WAIT_POLICY"] = given
    assert _wait_policy_after_import(env) == expected


def _run_on_threads(threads: int) -> CollectionMarket:
    before = numba.get_num_threads()
    numba.set_num_threads(threads)
    try:
        model = CollectionMarket(small_scenario(**{"population.n_accounts": 1500}))
        model.run()
    finally:
        numba.set_num_threads(before)
    return model


@pytest.mark.skipif(numba.config.NUMBA_NUM_THREADS < 2, reason="needs two numba threads")
def test_a_day_split_across_threads_gives_the_same_market(monkeypatch):
    """Borrowers shared out to two threads, each counting on its own, change nothing."""
    monkeypatch.setattr(day, "MIN_ROWS_PER_THREAD", 8)
    pools = []
    real_pool = day.worker_threads
    monkeypatch.setattr(day, "worker_threads", lambda n: pools.append(n) or real_pool(n))
    one = _run_on_threads(1)
    assert not pools, "one thread never asks for helpers"
    two = _run_on_threads(2)
    assert pools and set(pools) == {1}, "two threads share the days"
    assert_runs_agree(one, two)


@numba.njit
def _write_through(values):
    view = borrowed(values)
    view[1] = 7.0
    return view.sum()


class _Table(NamedTuple):
    counts: np.ndarray
    amounts: np.ndarray
    scale: int


@numba.njit
def _add_rows(table, rows):
    table = borrowed(table)
    for r in rows:
        table.counts[r] += 1
        table.amounts[r] += 0.5 * table.scale
    return table.scale


@numba.njit
def _read_tuple(table):
    first, second = borrowed(table)
    return first[0] + second[0] + table[0][0]


def test_borrowed_arrays_are_the_same_memory():
    """A borrowed array reads and writes the caller's memory, compiled or in Python."""
    values = np.zeros(3)
    assert _write_through(values) == 7.0
    assert values[1] == 7.0
    assert borrowed(values) is values
    assert _read_tuple((np.ones(2), np.full(2, 2.0))) == 4.0
    table = _Table(np.zeros(4, np.int32), np.zeros(4), 2)
    assert _add_rows(table, np.array([0, 2, 2])) == 2
    np.testing.assert_array_equal(table.counts, [1, 0, 2, 0])
    np.testing.assert_array_equal(table.amounts, [1.0, 0.0, 2.0, 0.0])


def test_borrowed_refuses_what_holds_no_arrays():
    """Only arrays and tuples of them can be borrowed."""
    with pytest.raises(numba.errors.TypingError):
        numba.njit(lambda x: borrowed(x))(1.0)
