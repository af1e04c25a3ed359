"""Every contact cap of every named regime, pinned at its boundary from both sides.

A collector that wants more than a cap allows is driven day by day through the rule check the
model uses (``lawful_attempts``, then ``record_contact``). The test keeps its own log of the
contacts made each day and recomputes from it, with plain sums over windows that end today and
include it, how many contacts each day's caps leave: the model must allow exactly that many
(never more: the cap is never exceeded; never fewer: the cap is reached, not undercut).
"""

import numpy as np
import pytest

from arrears.market.kernels.channels import AI_BOT, CALL, SMS, VISIT
from arrears.market.kernels.compliance import lawful_attempts, record_contact
from arrears.market.kernels.inputs import run_constants
from arrears.market.model import CollectionMarket
from arrears.market.tables import NO_DAY, empty_accounts, empty_borrowers
from arrears.scenario.regimes import REGIMES
from arrears.scenario.scenario import Scenario
from tests.conftest import small_scenario

CAPS = {
    "max_attempts_per_day": (CALL, 1),
    "max_attempts_per_7d": (CALL, 7),
    "max_attempts_per_30d": (CALL, 30),
    "max_messages_per_day": (SMS, 1),
    "max_messages_per_7d": (SMS, 7),
    "max_messages_per_30d": (SMS, 30),
    "max_visits_per_7d": (VISIT, 7),
}
"""Each rolling cap: the channel it bounds and its window in days, today included."""

WANTED = {CALL: 15, SMS: 3, VISIT: 1}
"""Contacts a day the driven collector wants: more than any daily cap allows."""

NAMED_CAPS = [
    (name, cap)
    for name, regime in sorted(REGIMES.items())
    for cap in CAPS
    if getattr(regime, cap) > 0
]


def drive(regime_name, channel, days, overrides=None):
    """Contacts the rule check allows a collector who always wants more, day by day."""
    scenario = Scenario().with_overrides({"regime.name": regime_name} | (overrides or {}))
    run = run_constants(scenario)
    borrowers, accounts = empty_borrowers(1), empty_accounts(1)
    accounts.last_conversation_day[0] = NO_DAY
    made = []
    for day in range(days):
        allowed, _ = lawful_attempts(0, day, channel, WANTED[channel], run, borrowers, accounts)
        record_contact(0, day, channel, allowed, accounts)
        made.append(allowed)
    return scenario.regime, np.array(made)


def left_by_caps(regime, channel, made, day):
    """What every cap of ``channel`` leaves for ``day``, from the log of earlier days alone."""
    left = WANTED[channel]
    for cap, (cap_channel, window) in CAPS.items():
        limit = getattr(regime, cap)
        if cap_channel == channel and limit > 0:
            left = min(left, limit - int(made[max(0, day - window + 1) : day].sum()))
    return max(left, 0)


def test_every_named_regime_has_its_caps_pinned():
    """The named regimes set the caps their sources give (the list below is the test's)."""
    assert sorted(NAMED_CAPS) == sorted(
        [
            ("cn_2025", "max_attempts_per_day"),
            ("ru_230fz", "max_attempts_per_day"),
            ("ru_230fz", "max_attempts_per_7d"),
            ("ru_230fz", "max_attempts_per_30d"),
            ("ru_230fz", "max_messages_per_day"),
            ("ru_230fz", "max_messages_per_7d"),
            ("ru_230fz", "max_messages_per_30d"),
            ("ru_230fz", "max_visits_per_7d"),
            ("us_reg_f", "max_attempts_per_7d"),
        ]
    )


@pytest.mark.parametrize(("regime_name", "cap"), NAMED_CAPS)
def test_named_cap_is_reached_and_never_exceeded(regime_name, cap):
    """Each day the collector gets exactly what the regime's caps leave it, so every window
    of the cap's length holds at most the cap, and some window holds exactly the cap."""
    channel, window = CAPS[cap]
    regime, made = drive(regime_name, channel, days=95)
    expected = [left_by_caps(regime, channel, made, day) for day in range(len(made))]
    assert made.tolist() == expected
    totals = np.convolve(made, np.ones(window, np.int64))[: len(made)]
    assert totals.max() == getattr(regime, cap)


@pytest.mark.parametrize("cap", CAPS)
def test_cap_alone_is_met_in_every_full_window(cap):
    """A cap set alone on laissez-faire is met in every full window: exactly the cap,
    never one more, never one fewer (a window of 8 days would leave some 7-day windows short)."""
    channel, window = CAPS[cap]
    limit = {1: 2, 7: 5, 30: 20}[window]
    overrides = {f"regime.{cap}": limit}
    if window == 30:
        overrides[f"regime.{cap.replace('30d', 'day')}"] = 3
    _, made = drive("laissez_faire", channel, days=95, overrides=overrides)
    totals = np.convolve(made, np.ones(window, np.int64))[window - 1 : len(made)]
    if channel == VISIT:
        limit = min(limit, window)
    assert (totals == limit).all()


def test_cooldown_counts_the_conversation_day_as_its_first():
    """Regulation F: no call within 7 days of a conversation, its day the first of them: a
    conversation on day 10 bars calls on days 10-16 and allows them again on day 17."""
    run = run_constants(Scenario().with_overrides({"regime.name": "us_reg_f"}))
    borrowers, accounts = empty_borrowers(1), empty_accounts(1)
    accounts.last_conversation_day[0] = 10
    allowed = {
        day: lawful_attempts(0, day, CALL, 1, run, borrowers, accounts)[0] for day in range(10, 19)
    }
    assert allowed == {**dict.fromkeys(range(10, 17), 0), 17: 1, 18: 1}


def connected_calls_per_borrower_day(model, days):
    """The most calls that reached one borrower in one day, over ``days`` days (from each
    day's conversations and channels, not from the model's own count)."""
    worst = []
    for _ in range(days):
        model.step()
        accounts = model.accounts
        called = (accounts.last_conversation_day == model.day) & np.isin(
            accounts.channel_today, [CALL, AI_BOT]
        )
        worst.append(int(np.bincount(accounts.borrower[called]).max(initial=0)))
    return max(worst)


MANY_DEBTS = {
    "regime.name": "cn_2025",
    "lenders.n_lenders": 6,
    "population.accounts_per_borrower_shares": [0, 0, 0, 0, 0, 1.0],
    "population.n_accounts": 3000,
    "collectors.staff_per_10k_accounts": 200.0,
    "run.warmup_days": 0,
}
"""Borrowers with six debts at six lenders, every team calling every account in arrears."""


def test_connected_calls_cap_is_reached_and_never_exceeded():
    """China: at most 3 calls reach a debtor a day; compliant collectors reach the cap and
    stop there, reckless ones go past it, each extra call a recorded violation."""
    compliant = CollectionMarket(small_scenario(**MANY_DEBTS, **{"collectors.breach_logit": -20}))
    assert connected_calls_per_borrower_day(compliant, 120) == 3
    assert compliant.summary()["violations_connected_calls"] == 0
    reckless = CollectionMarket(small_scenario(**MANY_DEBTS, **{"collectors.breach_logit": 5}))
    assert connected_calls_per_borrower_day(reckless, 120) > 3
    assert reckless.summary()["violations_connected_calls"] > 0
