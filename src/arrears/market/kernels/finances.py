"""A borrower's month: employment, income, essentials and saving (mechanism 1).

Runs on the borrower's payday. Employment is a two-state monthly Markov chain whose job-loss
hazard follows the macro path (scaled by the borrower's risk tier); income arrives, a court
garnishes its share of the wage for any judgment debt, essentials are paid, and a share of what
is left over is saved into the liquid buffer from which debts are paid.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.kernels.litigation import garnish_wages, owes_judgment
from arrears.market.mathx import round_cents
from arrears.market.rng import Stream, uniform
from arrears.market.tables import Accounts, BorrowerEvent, Borrowers


@njit(cache=True, inline="always")
def borrower_month(
    b: int,
    enforce: bool,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """Update employment and the liquid buffer of borrower ``b`` on its payday.

    Args:
        b: Borrower row.
        enforce: Whether judgments may be enforced today (not during a statutory moratorium).
        today: Today's inputs (the macro separation rate).
        run: Run constants.
        borrowers: Borrower table (row ``b`` is updated).
        accounts: Account table (judgment accounts are paid from garnished wages).
        lender_events: int64[lender, event] counters (garnishments are added).
        borrower_events: Market counters, cents and counts (added to).
    """
    u = uniform(run.seed, Stream.EMPLOYMENT, today.day, b, 0)
    if borrowers.employed[b]:
        if u < today.separation_rate * run.job_loss_multiplier[borrowers.tier[b]]:
            borrowers.employed[b] = 0
            borrower_events[BorrowerEvent.JOB_LOSSES] += 1
    elif u < run.job_finding_rate:
        borrowers.employed[b] = 1
        borrower_events[BorrowerEvent.JOB_FINDS] += 1

    income = borrowers.income[b]
    if not borrowers.employed[b]:
        income = round_cents(income * run.benefit_replacement)
    borrowers.buffer[b] += income
    withheld = 0
    if (
        enforce
        and borrowers.employed[b]
        and run.regime_garnishment_share > 0.0
        and owes_judgment(b, borrowers, accounts)
    ):
        withheld = garnish_wages(
            b, income, today, run, borrowers, accounts, lender_events, borrower_events
        )
    buffer = borrowers.buffer[b]
    essentials = min(borrowers.essentials[b], buffer)
    buffer -= essentials
    surplus = income - withheld - borrowers.essentials[b]
    consumption = 0
    if surplus > 0:
        consumption = min(round_cents(surplus * (1.0 - run.saving_rate)), buffer)
        buffer -= consumption
    borrowers.buffer[b] = buffer
    borrower_events[BorrowerEvent.INCOME] += income
    borrower_events[BorrowerEvent.ESSENTIALS] += essentials
    borrower_events[BorrowerEvent.CONSUMPTION] += consumption
