"""Underwriting: the lenders' scorecard, a month's applicants and the new loans (mechanism 9).

The scorecard predicts a borrower's chance of falling behind (opening a delinquency episode)
within a year from what a lender sees at application: risk tier, income, employment and a credit
score (the borrower's willingness to pay, seen with error)::

    PD = sigmoid(scorecard_tier_logit[tier]
                 - scorecard_score_weight (credit_score - willingness_logit[tier])
                 - scorecard_income_weight ln(income / income_median[tier])
                 + scorecard_unemployed_logit (1 - employed))

A lender approves an applicant whose ``PD`` is below its cut-off (set monthly by
:class:`~arrears.agents.lender.Lender`). Approved applicants join the tables as new borrowers
with one new, current loan each. A renewal is underwritten the same way, scored again with the
borrower's employment on the day (see :func:`arrears.kernels.billing.renew_or_close`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.accounts import (
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
    Population,
    draw_borrower,
    open_loan,
)
from arrears.kernels.inputs import RunConstants
from arrears.mathx import log, sigmoid
from arrears.rng import Stream


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
def open_new_loans(
    day: int,
    lender: int,
    numbers: np.ndarray,
    first_borrower: int,
    first_account: int,
    pop: Population,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Give each approved applicant its first loan: one new, current account at ``lender``.

    Args:
        day: Today.
        lender: Lender index.
        numbers: int64[new borrower], each one's applicant number (the draw key of its loan).
        first_borrower: Table row the first new borrower will have.
        first_account: Table row the first new account will have.
        pop: Population parameters (loan terms).
        borrowers: The new borrowers' rows (traits set; account blocks are set here).
        accounts: The new accounts' rows (filled).
        lender_events: The lender's counters (originations and the current bucket, added to).
        borrower_events: Market counters (borrowers joining, added to).
    """
    for i in range(numbers.shape[0]):
        borrowers.first_account[i] = first_account + i
        borrowers.n_accounts[i] = 1
        open_loan(
            i,
            first_borrower + i,
            borrowers.willingness[i],
            lender,
            Stream.APPLICANT,
            day,
            lender,
            numbers[i],
            0,
            pop,
            accounts,
        )
        lender_events[LenderEvent.ORIGINATED] += accounts.originated[i]
        lender_events[LenderEvent.BALANCE_BUCKET_0] += accounts.balance[i]
        lender_events[LenderEvent.COUNT_BUCKET_0] += 1
        borrower_events[BorrowerEvent.JOINED] += 1
        borrower_events[BorrowerEvent.JOINED_UNEMPLOYED] += 1 - borrowers.employed[i]
        borrower_events[BorrowerEvent.JOINED_BUFFER] += borrowers.buffer[i]
