"""Underwriting: the lenders' scorecard, a month's applicants and the new loans (mechanism 9).

The scorecard predicts a borrower's chance of falling behind (opening a delinquency episode)
within a year from what a lender sees at application: risk tier, income, employment and a credit
score (the borrower's willingness to pay, seen with error)::

    PD = sigmoid(scorecard_tier_logit[tier]
                 - scorecard_score_weight (credit_score - willingness_logit[tier])
                 - scorecard_income_weight ln(income / income_median[tier])
                 + scorecard_unemployed_logit (1 - employed))

The day-0 book is what the lenders' underwriting would have booked: each day-0 borrower is drawn
until her ``PD`` is below the lenders' starting cut-off (:func:`draw_book`), so the book does
not drift safer as unscreened borrowers run off. A lender approves an applicant whose ``PD`` is
below its cut-off (set monthly by :class:`~arrears.market.agents.lender.Lender`). Approved
applicants join the tables as new borrowers and borrow as the day-0 borrowers do: each wants ``k``
loans (``k`` drawn from ``population.accounts_per_borrower_shares``), the first at the lender that
approved her and the others at the next lenders in turn, each of which grants its loan only if her
``PD`` is below its own cut-off too. Without that, new borrowers would hold one loan each and a book
that starts with multiple borrowing would drift safer as its day-0 borrowers run off. A renewal is
underwritten the same way, scored again with the borrower's employment on the day (see
:func:`arrears.market.kernels.billing.renew_or_close`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.inputs import RunConstants
from arrears.market.mathx import log, sigmoid
from arrears.market.rng import Stream, integer_below, uniform
from arrears.market.tables import (
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
    Population,
    draw_borrower,
    open_loan,
    pick_category,
)


@njit(cache=True, inline="always")
def predicted_default(b: int, run: RunConstants, borrowers: Borrowers) -> float:
    """The scorecard's chance that borrower ``b`` falls behind within a year (0-1).

    Args:
        b: Borrower row.
        run: Run constants (scorecard coefficients and tier norms).
        borrowers: Borrower table (tier, income, employment and credit score are read).

    Returns:
        The predicted default probability.
    """
    tier = borrowers.tier[b]
    logit = (
        run.scorecard_tier_logit[tier]
        - run.scorecard_score_weight
        * (np.float64(borrowers.credit_score[b]) - run.tier_willingness_logit[tier])
        - run.scorecard_income_weight
        * (log(max(np.float64(borrowers.income[b]), 1.0)) - run.tier_log_income_median[tier])
        + run.scorecard_unemployed_logit * (1 - borrowers.employed[b])
    )
    return sigmoid(logit)


MAX_DRAWS = 100
"""Draws of a day-0 borrower before the last one is kept even if it misses the cut-off."""


@njit(cache=True)
def draw_book(
    pop: Population, run: RunConstants, cutoff: float, borrowers: Borrowers, accounts: Accounts
) -> None:
    """Draw the day-0 book: underwritten borrowers whose accounts are current, at random ages.

    Borrower ``b`` is drawn with keys ``(0, b, attempt)`` for attempt 0, 1, ... until her
    predicted default is below ``cutoff`` (at most :data:`MAX_DRAWS` draws; a cut-off nobody
    passes keeps the last). ``borrowers.first_account`` and ``borrowers.n_accounts`` must be
    set. Every draw is keyed by the borrower's or account's row. Serial: the run constants the
    scorecard reads are too large a tuple for a ``prange`` region.

    Args:
        pop: Population parameters.
        run: Run constants (the scorecard).
        cutoff: The lenders' starting cut-off (predicted default, 0-1).
        borrowers: Borrower table to fill (account blocks set, the rest zeroed).
        accounts: Account table to fill (zeroed).
    """
    seed = pop.seed
    for b in range(borrowers.tier.shape[0]):
        for attempt in range(MAX_DRAWS):
            draw_borrower(b, 0, 0, b, attempt, pop, borrowers)
            if predicted_default(b, run, borrowers) < cutoff:
                break
        first_lender = integer_below(seed, Stream.INIT_LENDER, 0, b, 0, pop.n_lenders)
        first = borrowers.first_account[b]
        for j in range(borrowers.n_accounts[b]):
            a = first + j
            open_loan(
                a,
                b,
                borrowers.willingness[b],
                (first_lender + j) % pop.n_lenders,
                0,
                0,
                a,
                0,
                integer_below(seed, Stream.INIT_TERM_ELAPSED, 0, a, 0, pop.term_months),
                pop,
                accounts,
            )


@njit(cache=True)
def score_applicants(
    day: int, lender: int, pop: Population, run: RunConstants, applicants: Borrowers
) -> np.ndarray:
    """Draw a lender's applicants of the month and score them.

    Applicant ``j`` is drawn with keys ``(Stream.APPLICANT, day, lender, j)``, so the same
    applicants come forward in every scenario; fewer applications mean the first ones only.

    Args:
        day: Today (the first day of a month).
        lender: Lender index.
        pop: Population the applicants come from (this month's unemployment and tier mix).
        run: Run constants (the scorecard).
        applicants: Borrower table with one row per applicant (filled).

    Returns:
        float64[applicant], each applicant's predicted default.
    """
    n = applicants.tier.shape[0]
    pd = np.empty(n)
    for j in range(n):
        draw_borrower(j, Stream.APPLICANT, day, lender, j, pop, applicants)
        pd[j] = predicted_default(j, run, applicants)
    return pd


@njit(cache=True)
def grant_loans(
    day: int,
    lender: int,
    numbers: np.ndarray,
    pd: np.ndarray,
    cutoffs: np.ndarray,
    pop: Population,
) -> np.ndarray:
    """Which loans each approved applicant of ``lender`` is granted.

    Applicant ``i`` wants ``k`` loans (drawn with keys ``(Stream.APPLICANT +
    Stream.INIT_ACCOUNT_COUNT, day, lender, numbers[i])``); loan ``j < k`` is asked of lender
    ``(lender + j) % n_lenders`` and granted if ``pd[i]`` is below that lender's cut-off. The
    approving lender's own loan (``j = 0``) is always granted.

    Args:
        day: Today (the first day of a month).
        lender: The approving lender.
        numbers: int64[applicant], the approved applicants' numbers.
        pd: float64[applicant], their predicted default.
        cutoffs: float64[lender], every lender's cut-off.
        pop: Population parameters (loans per borrower, lenders).

    Returns:
        uint8[applicant, most loans a borrower holds]: 1 where the loan is granted.
    """
    most = pop.accounts_cumulative_share.shape[0]
    granted = np.zeros((numbers.shape[0], most), np.uint8)
    stream = Stream.APPLICANT + Stream.INIT_ACCOUNT_COUNT
    for i in range(numbers.shape[0]):
        u = uniform(pop.seed, stream, day, lender, numbers[i])
        wanted = pick_category(pop.accounts_cumulative_share, u) + 1
        granted[i, 0] = 1
        for j in range(1, wanted):
            granted[i, j] = pd[i] < cutoffs[(lender + j) % pop.n_lenders]
    return granted


@njit(cache=True)
def open_new_loans(
    day: int,
    lender: int,
    numbers: np.ndarray,
    granted: np.ndarray,
    first_borrower: int,
    first_account: int,
    pop: Population,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Open each approved applicant's granted loans: new, current accounts, one block each.

    Loan ``j`` of applicant number ``n`` is drawn with key ``n x most + j`` (``most`` the most
    loans a borrower holds), so its terms do not depend on which other loans were granted.

    Args:
        day: Today.
        lender: The approving lender.
        numbers: int64[new borrower], each one's applicant number (the draw key of its loans).
        granted: uint8[new borrower, loan], the loans granted (see :func:`grant_loans`).
        first_borrower: Table row the first new borrower will have.
        first_account: Table row the first new account will have.
        pop: Population parameters (loan terms).
        borrowers: The new borrowers' rows (traits set; account blocks are set here).
        accounts: The new accounts' rows (filled; one row per granted loan).
        lender_events: int64[lender, event], every lender's counters (originations and the
            current bucket, added to).
        borrower_events: Market counters (borrowers joining, added to).
    """
    most = granted.shape[1]
    a = 0
    for i in range(numbers.shape[0]):
        borrowers.first_account[i] = first_account + a
        borrowers.n_accounts[i] = 0
        for j in range(most):
            if not granted[i, j]:
                continue
            at = (lender + j) % pop.n_lenders
            open_loan(
                a,
                first_borrower + i,
                borrowers.willingness[i],
                at,
                Stream.APPLICANT,
                day,
                lender,
                numbers[i] * most + j,
                0,
                pop,
                accounts,
            )
            borrowers.n_accounts[i] += 1
            events = lender_events[at]
            events[LenderEvent.ORIGINATED] += accounts.originated[a]
            events[LenderEvent.BALANCE_BUCKET_0] += accounts.balance[a]
            events[LenderEvent.COUNT_BUCKET_0] += 1
            a += 1
        borrower_events[BorrowerEvent.JOINED] += 1
        borrower_events[BorrowerEvent.JOINED_UNEMPLOYED] += 1 - borrowers.employed[i]
        borrower_events[BorrowerEvent.JOINED_BUFFER] += borrowers.buffer[i]
