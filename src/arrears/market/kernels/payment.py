"""Whether a borrower means to pay an account today, and how a payment settles (mechanism 2).

A current account with an instalment due today is paid with probability ``sigmoid(w)``, where
``w`` is the borrower's willingness for that creditor. On a delinquent day without a conversation
the borrower pays unprompted with probability ``sigmoid(w + self_cure_logit + nudge)``, the nudge
being the effect of a message read today. A promise falling due is kept with probability
``sigmoid(promise_keep_logit + promise_keep_willingness w + promise_keep_cash cash_share)``; a
broken promise costs trust. Intentions are paid from the buffer by
:func:`arrears.market.kernels.allocation.allocate_payments`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import lose_trust, willingness
from arrears.market.kernels.episodes import close_episode
from arrears.market.kernels.inputs import RunConstants
from arrears.market.mathx import round_cents, sigmoid
from arrears.market.rng import Stream, uniform
from arrears.market.tables import (
    INTENDS_TO_PAY,
    NO_DAY,
    NO_PLAN,
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
)


@njit(cache=True, inline="always")
def intend_due_payment(
    a: int, b: int, day: int, run: RunConstants, borrowers: Borrowers, accounts: Accounts
) -> None:
    """Decide whether the instalment billed today on a current account is paid today."""
    w = willingness(a, b, day, run, borrowers, accounts)
    if uniform(run.seed, Stream.PAY_DUE, day, a, 0) < sigmoid(w):
        accounts.intent_today[a] |= INTENDS_TO_PAY


@njit(cache=True, inline="always")
def intend_unprompted_payment(
    a: int,
    b: int,
    day: int,
    nudge: float,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
) -> None:
    """Decide whether a delinquent account is paid today without a conversation.

    Args:
        a: Account row (in arrears).
        b: Borrower row.
        day: Today.
        nudge: Log-odds effect of a message read today (0 without one).
        run: Run constants.
        borrowers: Borrower table (read).
        accounts: Account table (the intention flag is set).
    """
    w = willingness(a, b, day, run, borrowers, accounts)
    p = sigmoid(w + run.self_cure_logit + nudge)
    if uniform(run.seed, Stream.PAY_DELINQUENT, day, a, 0) < p:
        accounts.intent_today[a] |= INTENDS_TO_PAY


@njit(cache=True)
def promise_falls_due(
    a: int,
    b: int,
    day: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
) -> None:
    """Keep or break the promise on account ``a`` that falls due today.

    Args:
        a: Account row (in arrears, with a promise due today).
        b: Borrower row.
        day: Today.
        run: Run constants.
        borrowers: Borrower table (read).
        accounts: Account table (promise cleared; intention or trust updated).
        events: The owning lender's counters (added to).
    """
    accounts.promise_day[a] = NO_DAY
    cash_share = min(1.0, max(borrowers.buffer[b], 0) / accounts.arrears[a])
    logit = (
        run.promise_keep_logit
        + run.promise_keep_willingness * willingness(a, b, day, run, borrowers, accounts)
        + run.promise_keep_cash * cash_share
    )
    if uniform(run.seed, Stream.PROMISE_KEPT, day, a, 0) < sigmoid(logit):
        events[LenderEvent.PROMISES_KEPT] += 1
        accounts.intent_today[a] |= INTENDS_TO_PAY
    else:
        events[LenderEvent.PROMISES_BROKEN] += 1
        lose_trust(a, run.trust_loss_broken_promise, accounts)


@njit(cache=True, inline="always")
def instalments_credited(
    a: int, amount: int, arrears_before: int, run: RunConstants, accounts: Accounts
) -> int:
    """Missed instalments a payment short of the arrears clears, by the lender's method.

    The two methods of the FFIEC Uniform Retail Credit Classification and Account Management
    Policy (2000, "partial payments"): aggregated (``full_payment_share`` 0), payments fill the
    oldest missed instalment first and count once they have cleared whole instalments; or each
    payment on its own, one of at least ``full_payment_share`` instalments counting as a full
    payment (the policy's 90%), so that smaller payments do not move the account's age.

    Args:
        a: Account row.
        amount: Payment in cents, 0 < amount < arrears.
        arrears_before: Arrears before the payment, cents.
        run: Run constants (each lender's ``full_payment_share``).
        accounts: Account table (read).

    Returns:
        Instalments credited (0 or more).
    """
    instalment = max(accounts.instalment[a], 1)
    share = run.full_payment_share[accounts.lender[a]]
    if share > 0.0:
        threshold = max(round_cents(instalment * share), 1)
        return (amount + instalment - threshold) // instalment
    missed_before = (arrears_before + instalment - 1) // instalment
    missed_after = (arrears_before - amount + instalment - 1) // instalment
    return missed_before - missed_after


@njit(cache=True, inline="always")
def settle_payment(
    a: int,
    b: int,
    amount: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Move a payment from the borrower's buffer to the account and roll DPD back.

    Paying all arrears brings the account current (DPD 0), clears a pending promise and, with
    no plan running, closes its delinquency episode as cured. A partial payment reduces the
    arrears, and DPD falls by 30 days per missed instalment it is credited with (see
    :func:`instalments_credited`; never below 1 while arrears remain).

    Args:
        a: Account row.
        b: Borrower row.
        amount: Payment in cents, 0 < amount <= arrears.
        run: Run constants (the lenders' partial-payment method).
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
    if accounts.episode[a]:
        events[LenderEvent.COLLECTED_DELINQUENT] += amount
    if dpd_before == 0:
        return
    if arrears_after == 0:
        accounts.dpd[a] = 0
        accounts.promise_day[a] = NO_DAY
        if accounts.plan[a] == NO_PLAN:
            close_episode(a, True, accounts, events)
        return
    events[LenderEvent.PARTIAL_PAYMENTS] += 1
    credited = instalments_credited(a, amount, arrears_before, run, accounts)
    accounts.dpd[a] = max(dpd_before - 30 * credited, 1)
