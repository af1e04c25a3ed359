"""The delinquency life cycle: ageing, late fees, buckets and charge-off (mechanism 3).

An account with unpaid arrears ages one day past due (DPD) per day; each 30 days overdue adds a
late fee (not under a court judgment, which fixes the debt); crossing 30, 60 and 90 DPD is a
roll into the next bucket; at the lender's threshold the balance is charged off and the account
closes, unless a suit is pending or a judgment is being enforced on it (see
``kernels.litigation``).

The bucket stocks are kept from daily deltas: an account touched today leaves its bucket when
its day opens (:func:`leave_bucket`) and, if still open, joins its bucket when the day closes
(:func:`join_bucket`).
"""

from __future__ import annotations

import numpy as np
from numba import int64, njit

from arrears.market.kernels.episodes import close_episode, open_episode
from arrears.market.kernels.inputs import RunConstants
from arrears.market.kernels.plans import end_plan
from arrears.market.tables import (
    ACTIVE,
    CHARGED_OFF,
    JUDGMENT,
    N_BUCKETS,
    NO_PLAN,
    SUED,
    Accounts,
    LenderEvent,
)


@njit(int64(int64), cache=True)
def bucket_index(dpd: int) -> int:
    """The delinquency bucket of an open account (see ``tables.BUCKET_NAMES``).

    Args:
        dpd: Days past due.

    Returns:
        0 current, 1 for 1-29, 2 for 30-59, 3 for 60-89, 4 for 90+ DPD.
    """
    if dpd == 0:
        return 0
    if dpd < 30:
        return 1
    if dpd < 60:
        return 2
    if dpd < 90:
        return 3
    return 4


@njit(cache=True, inline="always")
def leave_bucket(a: int, accounts: Accounts, events: np.ndarray) -> None:
    """Take account ``a``'s balance and count out of its bucket's stock (its lender's events)."""
    bucket = bucket_index(accounts.dpd[a])
    events[LenderEvent.BALANCE_BUCKET_0 + bucket] -= accounts.balance[a]
    events[LenderEvent.COUNT_BUCKET_0 + bucket] -= 1


@njit(cache=True, inline="always")
def join_bucket(a: int, accounts: Accounts, events: np.ndarray) -> None:
    """Add account ``a``'s balance and count to its bucket's stock (its lender's events)."""
    bucket = bucket_index(accounts.dpd[a])
    events[LenderEvent.BALANCE_BUCKET_0 + bucket] += accounts.balance[a]
    events[LenderEvent.COUNT_BUCKET_0 + bucket] += 1


@njit(cache=True, inline="always")
def age_account(a: int, run: RunConstants, accounts: Accounts, events: np.ndarray) -> None:
    """Age an account with arrears by one day; charge a late fee each 30 days overdue.

    An account in a plan that falls behind to the lender's re-default DPD leaves its plan.

    The fee is added to the balance, not to the arrears: it falls due with the final
    instalment, so the arrears count whole missed instalments.

    Args:
        a: Account row.
        run: Run constants (late fee).
        accounts: Account table (row ``a`` is updated).
        events: The owning lender's counters (added to).
    """
    if accounts.arrears[a] == 0:
        return
    dpd = accounts.dpd[a] + 1
    accounts.dpd[a] = dpd
    if dpd == 1:
        open_episode(a, accounts, events)
    elif dpd == 30:
        events[LenderEvent.ROLLS_TO_30] += 1
    elif dpd == 60:
        events[LenderEvent.ROLLS_TO_60] += 1
    elif dpd == 90:
        events[LenderEvent.ROLLS_TO_90] += 1
    if accounts.plan[a] != NO_PLAN and dpd == run.plan_redefault_dpd[accounts.lender[a]]:
        end_plan(a, LenderEvent.PLANS_REDEFAULTED, accounts, events)
    if dpd % 30 == 1 and run.late_fee > 0 and accounts.legal[a] != JUDGMENT:
        accounts.fees[a] += run.late_fee
        accounts.balance[a] += run.late_fee
        events[LenderEvent.FEES] += run.late_fee


@njit(cache=True, inline="always")
def charge_off_if_due(a: int, run: RunConstants, accounts: Accounts, events: np.ndarray) -> None:
    """Write off the balance and close the account once DPD reaches the lender's threshold.

    An account with a suit pending or a judgment being enforced is held from charge-off unless
    its lender charges off in court too (``lenders.charge_off_in_court``).

    Args:
        a: Account row.
        run: Run constants (charge-off threshold by lender).
        accounts: Account table (row ``a`` is updated).
        events: The owning lender's counters (added to).
    """
    if accounts.dpd[a] < run.charge_off_dpd[accounts.lender[a]]:
        return
    in_court = accounts.legal[a] == SUED or accounts.legal[a] == JUDGMENT
    if in_court and not run.charge_off_in_court[accounts.lender[a]]:
        return
    balance = accounts.balance[a]
    accounts.written_off[a] += balance
    accounts.balance[a] = 0
    accounts.arrears[a] = 0
    accounts.status[a] = CHARGED_OFF
    if accounts.plan[a] != NO_PLAN:
        end_plan(a, LenderEvent.PLANS_REDEFAULTED, accounts, events)
    close_episode(a, False, accounts, events)
    events[LenderEvent.WRITTEN_OFF] += balance
    events[LenderEvent.CHARGE_OFFS] += 1


@njit(cache=True)
def bucket_stocks(accounts: Accounts, n_lenders: int) -> np.ndarray:
    """Balance (cents) and count of open accounts by lender and bucket, by a full pass.

    The model keeps these stocks up to date from daily deltas; this dense pass sets them at the
    start and checks them in tests.

    Args:
        accounts: Account table.
        n_lenders: Number of lenders.

    Returns:
        int64[lender, 2, bucket]: ``[:, 0]`` balances in cents, ``[:, 1]`` account counts.
    """
    stocks = np.zeros((n_lenders, 2, N_BUCKETS), np.int64)
    for a in range(accounts.status.shape[0]):
        if accounts.status[a] == ACTIVE:
            bucket = bucket_index(accounts.dpd[a])
            stocks[accounts.lender[a], 0, bucket] += accounts.balance[a]
            stocks[accounts.lender[a], 1, bucket] += 1
    return stocks
