"""The phases of a market's day, one by one, at 10^4-10^6 accounts (numba engine).

Each kernel the day calls is replayed on a fresh copy of the arguments it was called with on
the day after the warm-up (see :mod:`replay`): worklist building, the active set, each
collector's contact planning (with the regime's checks of every planned contact), the
borrower-day batch (payday, billing, delinquency and ageing, contact outcomes, conversations,
complaints, payments, charge-offs), the list of accounts in arrears and the daily stress
record. Payment allocation and the contact-rule checks run inside those kernels; they are also
timed alone here, through small compiled drivers, on every account in arrears. Throughput is
account-days of the market per second (one day of ``accounts`` accounts per call of the phase).
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from numba import njit

from arrears.market.kernels.allocation import allocate_payments
from arrears.market.kernels.channels import CALL, SMS, THIRD_PARTY, VISIT
from arrears.market.kernels.compliance import lawful_attempts
from arrears.market.kernels.inputs import run_constants
from arrears.market.rng import normal, uniform
from arrears.market.tables import INTENDS_TO_PAY, TOUCHED
from common import fresh, record_throughput, warm_market
from replay import Call, day_kernels, record_day, replay

PHASES = {
    "build_worklists": "worklist building",
    "active_borrowers": "active-set building",
    "plan_contacts": "contact planning (all collectors, with the rule checks)",
    "run_borrower_days": "borrower-day batch (billing, delinquency, ageing, contact, payments)",
    "still_delinquent": "arrears list update",
    "distress_in_arrears": "daily stress and harm record",
    "count_detected": "regulator's audits (month end)",
    "litigation_candidates": "lenders' choice of accounts to sue (month end)",
    "file_suits": "filing suits (month end)",
}
"""What each kernel of the day does, for the report (a kernel not listed shows its name)."""

STRICT_REGIME = {
    "regime.name": "ru_230fz",
    "regime.cooldown_days": 7,
    "regime.third_party_contact": "if_unreachable",
}
"""Every contact rule on (daily, 7-day, message and visit caps, a cool-down, third parties only
for borrowers who lost contact) for the rule-check benchmark."""

_RECORDED: dict[int, dict[str, list[Call]]] = {}


def recorded_day(accounts: int) -> dict[str, list[Call]]:
    """The kernel calls of the day after the warm-up, at one size (the last size is kept)."""
    if accounts not in _RECORDED:
        _RECORDED.clear()
        _RECORDED[accounts] = record_day(fresh(warm_market(accounts, "numba")))
    return _RECORDED[accounts]


@pytest.mark.sizes("phase")
@pytest.mark.parametrize("kernel", list(day_kernels()))
def test_phase(benchmark, pedantic, accounts, kernel):
    """One kernel of the day, replayed on a fresh copy of its recorded arguments."""
    calls = recorded_day(accounts).get(kernel)
    if calls is None:
        pytest.skip(f"{kernel} is not called on the recorded day")
    dispatcher = day_kernels()[kernel]
    pedantic(replay, setup=lambda: ((dispatcher, copy.deepcopy(calls)), {}))
    record_throughput(
        benchmark, "phase", accounts, 1, phase=kernel, label=PHASES.get(kernel, kernel)
    )
    benchmark.extra_info["calls"] = len(calls)


@njit(cache=True)
def _allocate_all(rows, day, run, borrowers, accounts, lender_events, borrower_events):
    for b in rows:
        allocate_payments(b, day, run, borrowers, accounts, lender_events, borrower_events)


@pytest.mark.sizes("phase")
def test_payment_allocation(benchmark, pedantic, accounts):
    """Every borrower in arrears pays all its accounts in arrears today, within its buffer."""
    model = warm_market(accounts, "numba")
    day = model.day + 1
    rows = np.unique(model.accounts.borrower[model.delinquent]).astype(np.int64)

    def setup():
        borrowers, tables, counters = copy.deepcopy(
            (model.borrowers, model.accounts, model.counters_today)
        )
        tables.intent_today[model.delinquent] = TOUCHED | INTENDS_TO_PAY
        state = (rows, day, model.run_constants, borrowers, tables, *counters[:2])
        return state, {}

    _allocate_all(*setup()[0])  # compile (or load) the driver outside the timing
    pedantic(_allocate_all, setup=setup)
    record_throughput(
        benchmark, "phase", accounts, 1, phase="allocate_payments", label="payment allocation"
    )
    benchmark.extra_info["borrowers_paying"] = len(rows)


@njit(cache=True)
def _check_all(rows, day, attempts, run, borrowers, accounts):
    allowed = 0
    for a in rows:
        for channel in (CALL, SMS, VISIT, THIRD_PARTY):
            allowed += lawful_attempts(a, day, channel, attempts, run, borrowers, accounts)[0]
    return allowed


@pytest.mark.sizes("phase")
def test_contact_rule_checks(benchmark, pedantic, accounts):
    """The regime's checks of a call, a message, a visit and a third-party contact to every
    account in arrears."""
    model = warm_market(accounts, "numba")
    run = run_constants(model.parameters.with_overrides(STRICT_REGIME))
    attempts = model.parameters.collectors.attempts_per_account_per_day
    state = (model.delinquent, model.day + 1, attempts, run, model.borrowers, model.accounts)
    _check_all(*state)  # compile (or load) the driver outside the timing
    pedantic(_check_all, setup=lambda: (state, {}))
    record_throughput(
        benchmark,
        "phase",
        accounts,
        1,
        phase="lawful_attempts",
        label="contact-rule checks (4 channels, every rule on)",
    )
    benchmark.extra_info["accounts_checked"] = len(model.delinquent)


@njit(cache=True)
def _draw_uniforms(n, seed):
    total = 0.0
    for k in range(n):
        total += uniform(seed, 22, 180, k, 0)
    return total


@njit(cache=True)
def _draw_normals(n, seed):
    total = 0.0
    for k in range(n):
        total += normal(seed, 22, 180, k, 0)
    return total


@pytest.mark.parametrize("draw", [_draw_uniforms, _draw_normals], ids=["uniform", "normal"])
def test_rng(benchmark, pedantic, request, draw):
    """Counter-based draws keyed by (seed, stream, day, entity, k), one thread."""
    n = 10**6 if request.config.getoption("--quick") else 10**7
    draw(10, 1)
    pedantic(draw, setup=lambda: ((n, 20261125), {}))
    record_throughput(benchmark, "rng", 0, 0, draws=n, draw=draw.py_func.__name__)
    benchmark.extra_info["draws_per_s"] = n / benchmark.stats.stats.median
