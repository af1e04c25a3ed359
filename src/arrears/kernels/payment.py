"""Whether a borrower pays an account today, and how a payment settles (mechanisms 2 and 5).

Willingness is the borrower's own log-odds of paying an affordable instalment on its due day.
On a delinquent day the log-odds shift by ``self_cure_logit`` (most overdue borrowers do not pay
on any given day unprompted) or, after a right-party conversation, by ``contact_pay_logit``.
A willing borrower pays the arrears, or as much of them as the liquid buffer allows.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.accounts import Accounts, BorrowerEvent, Borrowers, LenderEvent
from arrears.kernels.inputs import RunConstants
from arrears.mathx import sigmoid
from arrears.rng import Stream, uniform


@njit(cache=True)
def payment_offer(
    a: int,
    b: int,
    day: int,
    spoke_today: bool,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
) -> int:
    """How much borrower ``b`` pays on account ``a`` today (cents; 0 for nothing).

    A current account with an instalment due today is paid with probability
    ``sigmoid(willingness)``; a delinquent one with probability
    ``sigmoid(willingness + shift)``, the shift depending on whether a collector spoke with the
    borrower today. Delinquent and due-day decisions use separate streams; the delinquent draw
    is shared by both branches, so a conversation never turns a payment into none.

    Args:
        a: Account row (with arrears > 0).
        b: Borrower row.
        day: Simulation day.
        spoke_today: Whether a collector reached the right party today.
        run: Run constants (payment log-odds shifts).
        borrowers: Borrower table (read).
        accounts: Account table (read).

    Returns:
        The payment in cents: the arrears, capped by the buffer, or 0.
    """
    logit = borrowers.willingness[b]
    if accounts.dpd[a] == 0:
        u = uniform(run.seed, Stream.PAY_DUE, day, a, 0)
    else:
        u = uniform(run.seed, Stream.PAY_DELINQUENT, day, a, 0)
        logit += run.contact_pay_logit if spoke_today else run.self_cure_logit
    if u >= sigmoid(logit):
        return 0
    return min(accounts.arrears[a], max(borrowers.buffer[b], 0))


@njit(cache=True)
def settle_payment(
    a: int,
    b: int,
    amount: int,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Move a payment from the borrower's buffer to the account and roll DPD back.

    Paying all arrears cures the account (DPD 0). A partial payment clears whole missed
    instalments oldest first, and DPD falls by 30 days per instalment cleared (never below 1
    while arrears remain).

    Args:
        a: Account row.
        b: Borrower row.
        amount: Payment in cents, 0 < amount <= arrears.
        borrowers: Borrower table (buffer is debited).
        accounts: Account table (row ``a`` is updated).
        events: The owning lender's counters (added to).
        borrower_events: Market counters (added to).
    """
    arrears_before = accounts.arrears[a]
    dpd_before = accounts.dpd[a]
    arrears_after = arrears_before - amount
    accounts.arrears[a] = arrears_after
    accounts.paid[a] += amount
    accounts.balance[a] -= amount
    borrowers.buffer[b] -= amount
    events[LenderEvent.COLLECTED] += amount
    borrower_events[BorrowerEvent.PAID] += amount
    if dpd_before == 0:
        return
    events[LenderEvent.COLLECTED_DELINQUENT] += amount
    if arrears_after == 0:
        accounts.dpd[a] = 0
        events[LenderEvent.CURES] += 1
        return
    instalment = max(accounts.instalment[a], 1)
    missed_before = (arrears_before + instalment - 1) // instalment
    missed_after = (arrears_after + instalment - 1) // instalment
    accounts.dpd[a] = max(dpd_before - 30 * (missed_before - missed_after), 1)
