"""One payment, many creditors: how a borrower's cash is split (mechanism 5).

At the end of the day the borrower pays what it means to pay from its liquid buffer: current
instalments due today first, in account order; then the delinquent accounts it means to pay.
When the cash does not cover them all, it is split in proportion to
``arrears_i (1 + pressure_weight pressure_i) (1 + trust_allocation_weight trust_i)``: the
squeaky wheel gets paid. The cash each creditor gains or loses against a split by arrears alone
(no pressure, no trust) is recorded, so experiments can show one collector's pressure taking
money from another creditor.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import pressure_now
from arrears.market.kernels.inputs import RunConstants
from arrears.market.kernels.payment import settle_payment
from arrears.market.tables import INTENDS_TO_PAY, Accounts, Borrowers, LenderEvent


@njit(cache=True, inline="always")
def claim_weight(a: int, day: int, run: RunConstants, accounts: Accounts) -> float:
    """How hard account ``a`` pulls on a short budget (arrears x pressure x trust)."""
    return (
        accounts.arrears[a]
        * (1.0 + run.pressure_weight * pressure_now(a, day, run, accounts))
        * (1.0 + run.trust_allocation_weight * np.float64(accounts.trust[a]))
    )


@njit(cache=True, inline="always")
def allocate_payments(
    b: int,
    day: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Pay the accounts borrower ``b`` means to pay today, within its buffer.

    Args:
        b: Borrower row.
        day: Today.
        run: Run constants (allocation weights).
        borrowers: Borrower table (the buffer is debited).
        accounts: Account table (``intent_today`` is read; payments are settled).
        lender_events: int64[lender, event] counters (added to).
        borrower_events: Market counters (added to).
    """
    first = borrowers.first_account[b]
    end = first + borrowers.n_accounts[b]
    for a in range(first, end):
        if accounts.intent_today[a] & INTENDS_TO_PAY and accounts.dpd[a] == 0:
            amount = min(accounts.arrears[a], max(borrowers.buffer[b], 0))
            if amount > 0:
                settle_payment(
                    a,
                    b,
                    amount,
                    run,
                    borrowers,
                    accounts,
                    lender_events[accounts.lender[a]],
                    borrower_events,
                )

    claimed = 0
    total_weight = 0.0
    for a in range(first, end):
        if accounts.intent_today[a] & INTENDS_TO_PAY and accounts.dpd[a] > 0:
            claimed += accounts.arrears[a]
            total_weight += claim_weight(a, day, run, accounts)
    budget = max(borrowers.buffer[b], 0)
    if claimed == 0 or budget == 0:
        return
    short = budget < claimed
    left = budget
    for a in range(first, end):
        if not (accounts.intent_today[a] & INTENDS_TO_PAY and accounts.dpd[a] > 0):
            continue
        events = lender_events[accounts.lender[a]]
        amount = accounts.arrears[a]
        if short:
            weighted = budget * claim_weight(a, day, run, accounts) / total_weight
            amount = min(amount, np.int64(weighted))
            neutral = np.int64(budget * (accounts.arrears[a] / claimed))
            if amount > neutral:
                events[LenderEvent.CASH_GAINED] += amount - neutral
            else:
                events[LenderEvent.CASH_LOST] += neutral - amount
        amount = min(amount, left)
        if amount > 0:
            settle_payment(a, b, amount, run, borrowers, accounts, events, borrower_events)
            left -= amount
