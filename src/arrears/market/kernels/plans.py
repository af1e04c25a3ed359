"""Repayment plans: deferral, instalment re-plan and settlement (mechanism 5).

A collector that offers plans proposes, in a conversation, the lender's plan that fits the
account: a **settlement** (a discounted lump sum) once the account is old enough and the borrower
has the cash; otherwise a **deferral** (payment holiday) for an unemployed borrower; otherwise an
**instalment re-plan** of the whole balance over a number of months, with part of the interest
waived. Deferral and re-plan re-age the account to current (the arrears are folded into the
balance); a plan completes when its months run out or the loan is repaid, and re-defaults when
the account falls behind again to the lender's re-default DPD. Under a court judgment only a
settlement is offered.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.episodes import close_episode
from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.mathx import annuity_instalment_cents, round_cents
from arrears.market.tables import (
    DAYS_PER_MONTH,
    DEFERRAL,
    INSTALMENT_PLAN,
    JUDGMENT,
    NO_DAY,
    NO_PLAN,
    SETTLED,
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
)

SETTLEMENT = 3
"""Offer code of a settlement (it closes the account rather than running as a plan)."""


@njit(cache=True, inline="always")
def settlement_amount(a: int, run: RunConstants, accounts: Accounts) -> int:
    """The lump sum (cents) that settles account ``a`` under its lender's discount."""
    discount = run.settlement_discount[accounts.lender[a]]
    return round_cents(accounts.balance[a] * (1.0 - discount))


@njit(cache=True, inline="always")
def plan_on_offer(
    a: int, b: int, today: DayInputs, run: RunConstants, borrowers: Borrowers, accounts: Accounts
) -> int:
    """Which plan the collector offers on account ``a`` today, if any.

    Args:
        a: Account row.
        b: Borrower row.
        today: Today's inputs (whether each collector offers plans).
        run: Run constants (lender policies).
        borrowers: Borrower table (employment and cash are read).
        accounts: Account table (read).

    Returns:
        ``SETTLEMENT``, ``DEFERRAL``, ``INSTALMENT_PLAN`` or ``NO_PLAN``.
    """
    if not today.offers_plans[accounts.collector[a]] or accounts.plan[a] != NO_PLAN:
        return NO_PLAN
    lender = accounts.lender[a]
    if (
        run.settlement_discount[lender] > 0.0
        and accounts.dpd[a] >= run.settlement_min_dpd[lender]
        and borrowers.buffer[b] >= settlement_amount(a, run, accounts)
    ):
        return SETTLEMENT
    if accounts.legal[a] == JUDGMENT:
        return NO_PLAN
    if run.deferral_months[lender] > 0 and not borrowers.employed[b]:
        return DEFERRAL
    if run.instalment_plan_months[lender] > 0:
        return INSTALMENT_PLAN
    return NO_PLAN


@njit(cache=True, inline="always")
def accept_plan(
    a: int,
    b: int,
    offer: int,
    day: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Put an accepted plan into effect on account ``a``.

    Args:
        a: Account row.
        b: Borrower row.
        offer: The accepted offer (``SETTLEMENT``, ``DEFERRAL`` or ``INSTALMENT_PLAN``).
        day: Today.
        run: Run constants (lender policies, interest rate).
        borrowers: Borrower table (the buffer pays a settlement).
        accounts: Account table (row ``a`` is updated).
        events: The owning lender's counters (added to).
        borrower_events: Market counters (added to).
    """
    events[LenderEvent.PLANS_ACCEPTED] += 1
    lender = accounts.lender[a]
    if offer == SETTLEMENT:
        amount = settlement_amount(a, run, accounts)
        discount = accounts.balance[a] - amount
        accounts.paid[a] += amount
        accounts.discounts[a] += discount
        accounts.balance[a] = 0
        accounts.arrears[a] = 0
        accounts.status[a] = SETTLED
        accounts.promise_day[a] = NO_DAY
        borrowers.buffer[b] -= amount
        events[LenderEvent.COLLECTED] += amount
        if accounts.episode[a]:
            events[LenderEvent.COLLECTED_DELINQUENT] += amount
        close_episode(a, False, accounts, events)
        events[LenderEvent.DISCOUNTS] += discount
        events[LenderEvent.SETTLEMENTS] += 1
        borrower_events[BorrowerEvent.PAID] += amount
        return
    accounts.arrears[a] = 0
    accounts.dpd[a] = 0
    accounts.promise_day[a] = NO_DAY
    accounts.plan[a] = offer
    if offer == DEFERRAL:
        months = run.deferral_months[lender]
    else:
        months = run.instalment_plan_months[lender]
        accounts.months_remaining[a] = months
        accounts.instalment[a] = annuity_instalment_cents(
            accounts.balance[a], plan_monthly_rate(a, run, accounts), months
        )
    accounts.plan_end_day[a] = day + DAYS_PER_MONTH * months


@njit(cache=True, inline="always")
def plan_monthly_rate(a: int, run: RunConstants, accounts: Accounts) -> float:
    """Interest per month on account ``a``, net of an instalment plan's waiver."""
    if accounts.plan[a] == INSTALMENT_PLAN:
        return run.monthly_rate * (1.0 - run.plan_interest_waiver[accounts.lender[a]])
    return run.monthly_rate


@njit(cache=True, inline="always")
def end_plan(a: int, outcome: int, accounts: Accounts, events: np.ndarray) -> None:
    """Close account ``a``'s plan with an outcome event (completed or re-defaulted).

    A completed plan on a current account ends its delinquency episode as a cure.
    """
    accounts.plan[a] = NO_PLAN
    accounts.plan_end_day[a] = NO_DAY
    events[outcome] += 1
    if outcome == LenderEvent.PLANS_COMPLETED and accounts.arrears[a] == 0:
        close_episode(a, True, accounts, events)
