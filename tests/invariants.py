"""The market's invariants (money, ledgers, caps), checked on a model day by day.

Shared by the model tests (fixed scenarios) and the property tests (random valid scenarios):
take a :func:`snapshot` before a step, then :func:`check_day` after it; and
:func:`assert_runs_agree` for two runs of one scenario (on the two engines, or thread counts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from arrears.market.model import CollectionMarket
from arrears.market.tables import ACTIVE, LenderEvent, first_rows, ledger_error_cents
from arrears.scenario.sections.channels import CHANNELS

_SNAPSHOT = ("dpd", "paid", "status", "arrears")


TIMED_CHANNELS = ("call", "ai_bot", "visit")
"""Channels placed at an hour of the day, which the regime's contact window binds."""


def snapshot(model: CollectionMarket) -> dict[str, np.ndarray]:
    """The account columns the day-to-day rules compare, copied before a step."""
    return {name: getattr(model.accounts, name).copy() for name in _SNAPSHOT}


def check_state(model: CollectionMarket) -> None:
    """State invariants: no negative money, arrears within the balance, 0-1 states in range."""
    accounts, borrowers = model.accounts, model.borrowers
    assert (accounts.balance >= 0).all()
    assert (accounts.arrears >= 0).all()
    assert (accounts.arrears <= accounts.balance).all()
    assert (borrowers.buffer >= 0).all()
    assert not ledger_error_cents(accounts).any()
    for name, values in (
        ("trust", accounts.trust),
        ("threat", accounts.threat),
        ("stress", borrowers.stress),
    ):
        assert ((values >= 0) & (values <= 1)).all(), name
    assert (accounts.pressure >= 0).all()
    open_ = accounts.status == ACTIVE
    assert (accounts.dpd[open_ & (accounts.arrears == 0)] == 0).all()


def check_day(before: dict[str, np.ndarray], model: CollectionMarket) -> int:
    """Check one day's transitions and the state after it.

    Rules: an open account in arrears that stays open and unpaid ages by exactly one day, unless
    a plan re-aged it (arrears 0, DPD 0, a plan in place) or a statutory moratorium froze it; a
    paid one ages at most a day and is
    at 0 DPD once cured; a current account is at most 1 DPD the next day; closed accounts stay
    closed; accounts opened during the day are left to :func:`check_state`; on a day whose
    contact window is empty, timed contact (calls and visits) happens only as recorded hours
    violations (messages and letters carry no hour, and the hours rules bind timed contact).

    Args:
        before: :func:`snapshot` taken before the step.
        model: The model after the step.

    Returns:
        How many accounts aged by the one-day rule (so callers can check it was exercised).
    """
    check_state(model)
    dpd, arrears = before["dpd"], before["arrears"]
    accounts = first_rows(model.accounts, len(dpd))
    stays_open = (before["status"] == ACTIVE) & (accounts.status == ACTIVE)
    in_arrears = stays_open & (arrears > 0)
    unpaid = accounts.paid == before["paid"]
    borrowers = model.borrowers.moratorium_until, model.borrowers.moratorium_start
    owner = accounts.borrower
    paused = (borrowers[0][owner] > model.day) & (borrowers[1][owner] < model.day)
    aged = in_arrears & unpaid & (accounts.arrears > 0) & ~paused
    replanned = in_arrears & unpaid & (accounts.arrears == 0)
    assert (accounts.plan[replanned] != 0).all()
    assert (accounts.dpd[replanned] == 0).all()
    assert (accounts.dpd[aged] == dpd[aged] + 1).all()
    frozen = in_arrears & unpaid & (accounts.arrears > 0) & paused
    assert (accounts.dpd[frozen] == dpd[frozen]).all()
    paid = in_arrears & ~unpaid
    assert (accounts.dpd[paid] <= dpd[paid] + 1).all()
    assert (accounts.dpd[paid & (accounts.arrears == 0)] == 0).all()
    current = stays_open & (arrears == 0)
    assert (accounts.dpd[current] <= 1).all()
    closed = before["status"] != ACTIVE
    assert (accounts.status[closed] == before["status"][closed]).all()
    if not model.regulator.allowed_hours(model.day).any():
        timed = [CHANNELS.index(name) for name in TIMED_CHANNELS]
        attempts = model.lender_events_today[:, LenderEvent.ATTEMPTS_BY_CHANNEL + np.array(timed)]
        assert attempts.sum() == 0 or model.record["violations_hours"] > 0
    return int(aged.sum())


def assert_runs_agree(fast: CollectionMarket, slow: CollectionMarket) -> None:
    """Two runs (of two engines, or thread counts) agree exactly: series, summary, every column."""
    pd.testing.assert_frame_equal(fast.series(), slow.series(), check_exact=True)
    assert fast.summary() == slow.summary()
    for name in fast.accounts._fields:
        np.testing.assert_array_equal(getattr(fast.accounts, name), getattr(slow.accounts, name))
    for name in fast.borrowers._fields:
        np.testing.assert_array_equal(getattr(fast.borrowers, name), getattr(slow.borrowers, name))
