"""Loan servicing: monthly interest and instalment billing, repayment and renewal.

On its due day an open account accrues a month's interest (net of an instalment plan's waiver)
and bills the next instalment into its arrears; during a deferral nothing is billed. A plan whose
months have run out completes. A loan paid down to zero is either renewed on the same line (a new
draw) or closed as repaid: the borrower asks for a renewal with ``renewal_probability``, and a
renewal is a new loan, so (with ``renewals_underwritten``) the lender grants it only if the
borrower's predicted default, scored again today, is below its cut-off; a loan that has been
sued is never renewed. Loan proceeds finance a
purchase and never reach the borrower's liquid buffer.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.episodes import close_episode
from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.kernels.plans import end_plan, plan_monthly_rate
from arrears.market.kernels.underwriting import predicted_default
from arrears.market.mathx import annuity_instalment_cents, round_cents
from arrears.market.rng import Stream, lognormal, uniform
from arrears.market.tables import (
    DEFERRAL,
    MAX_PRINCIPAL_CENTS,
    NO_PLAN,
    NO_SUIT,
    REPAID,
    Accounts,
    Borrowers,
    LenderEvent,
)


@njit(cache=True, inline="always")
def bill_instalment(
    a: int, day: int, accrue: bool, run: RunConstants, accounts: Accounts, events: np.ndarray
) -> None:
    """Accrue a month's interest and add the instalment due to the arrears.

    The last instalment (or any instalment after the term) bills the whole remaining balance.

    Args:
        a: Account row.
        day: Today.
        accrue: Whether interest accrues (not during a statutory moratorium).
        run: Run constants (monthly rate, plan waivers).
        accounts: Account table (row ``a`` is updated).
        events: The owning lender's counters (added to).
    """
    if accounts.plan[a] != NO_PLAN and day >= accounts.plan_end_day[a]:
        end_plan(a, LenderEvent.PLANS_COMPLETED, accounts, events)
    if accrue:
        interest = round_cents(accounts.balance[a] * plan_monthly_rate(a, run, accounts))
        accounts.interest[a] += interest
        accounts.balance[a] += interest
        events[LenderEvent.INTEREST] += interest
    if accounts.plan[a] == DEFERRAL:
        return
    unbilled = accounts.balance[a] - accounts.arrears[a]
    if accounts.months_remaining[a] <= 1:
        due = unbilled
    else:
        due = min(accounts.instalment[a], unbilled)
    accounts.arrears[a] += due
    accounts.months_remaining[a] = max(accounts.months_remaining[a] - 1, 0)


@njit(cache=True)
def renew_or_close(
    a: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
) -> None:
    """Renew a fully repaid loan on the same line, or close the account as repaid.

    A plan running on the loan completes with the repayment. A loan that was ever sued closes.

    Args:
        a: Account row (balance zero, status active).
        today: Today's inputs (the day keys the draws; the lenders' cut-offs).
        run: Run constants (renewal chance, the scorecard, new-loan size and term).
        borrowers: Borrower table (read by the scorecard).
        accounts: Account table (row ``a`` is updated).
        events: The owning lender's counters (added to).
    """
    day = today.day
    if accounts.plan[a] != NO_PLAN:
        end_plan(a, LenderEvent.PLANS_COMPLETED, accounts, events)
    close_episode(a, True, accounts, events)
    if (
        accounts.legal[a] != NO_SUIT
        or uniform(run.seed, Stream.RENEWAL, day, a, 0) >= run.renewal_probability
    ):
        accounts.status[a] = REPAID
        events[LenderEvent.REPAID_CLOSED] += 1
        return
    if (
        run.renewals_underwritten
        and predicted_default(accounts.borrower[a], run, borrowers)
        >= today.underwriting_cutoff[accounts.lender[a]]
    ):
        accounts.status[a] = REPAID
        events[LenderEvent.REPAID_CLOSED] += 1
        events[LenderEvent.RENEWALS_DECLINED] += 1
        return
    principal = round_cents(
        min(
            lognormal(
                run.seed,
                Stream.RENEWAL_PRINCIPAL,
                day,
                a,
                0,
                run.principal_log_median,
                run.principal_log_sd,
            ),
            MAX_PRINCIPAL_CENTS,
        )
    )
    accounts.originated[a] += principal
    accounts.balance[a] = principal
    accounts.instalment[a] = annuity_instalment_cents(principal, run.monthly_rate, run.term_months)
    accounts.months_remaining[a] = run.term_months
    accounts.plan_offered[a] = 0
    events[LenderEvent.ORIGINATED] += principal
    events[LenderEvent.RENEWALS] += 1
