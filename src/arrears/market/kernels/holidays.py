"""A general payment moratorium: the pandemic-style payment holiday policy (``[macro]``).

While a borrower's holiday lasts (``borrowers.holiday_until``) its accounts are billed nothing
(the term stretches by the months skipped), charged no interest or fees, do not age and are
not contacted. It reuses the statutory moratorium (breathing space) machinery: a holiday also
sets ``moratorium_until``, which pauses ageing, fees, interest and contact; the holiday adds the
pause in billing. Unlike a breathing space it does not count toward the once-a-year limit.

With scope ``all`` every borrower with an open account is granted the holiday when the policy
opens; with scope ``on_request`` a borrower in difficulty (unemployed, or with an account in
arrears) asks on a payday while the policy is open, with chance ``moratorium_take_up``, and
keeps the holiday to the policy's end.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.rng import Stream, uniform
from arrears.market.tables import ACTIVE, Accounts, BorrowerEvent, Borrowers


@njit(cache=True, inline="always")
def grant_payment_holiday(
    b: int, end: int, borrowers: Borrowers, borrower_events: np.ndarray
) -> None:
    """Put borrower ``b`` on a payment holiday until day ``end``."""
    borrowers.holiday_until[b] = end
    borrowers.moratorium_until[b] = max(borrowers.moratorium_until[b], end)
    borrower_events[BorrowerEvent.PAYMENT_HOLIDAYS] += 1


@njit(cache=True)
def maybe_request_payment_holiday(
    b: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    borrower_events: np.ndarray,
) -> None:
    """On its payday while the policy is open, a borrower in difficulty may ask for a holiday.

    Args:
        b: Borrower row.
        today: Today's inputs (the policy's end day).
        run: Run constants (take-up).
        borrowers: Borrower table (employment read; the holiday set).
        accounts: Account table (arrears read).
        borrower_events: Market counters (added to).
    """
    if borrowers.holiday_until[b] > today.day:
        return
    first = borrowers.first_account[b]
    in_arrears = False
    has_open = False
    for a in range(first, first + borrowers.n_accounts[b]):
        if accounts.status[a] == ACTIVE:
            has_open = True
            in_arrears |= accounts.arrears[a] > 0
    if not has_open or (borrowers.employed[b] and not in_arrears):
        return
    if uniform(run.seed, Stream.PAYMENT_HOLIDAY, today.day, b, 0) < run.moratorium_take_up:
        grant_payment_holiday(b, today.payment_holiday_end, borrowers, borrower_events)


@njit(cache=True)
def grant_payment_holiday_to_all(
    end: int, borrowers: Borrowers, accounts: Accounts, borrower_events: np.ndarray
) -> None:
    """Open a general moratorium: every borrower with an open account is on holiday to ``end``.

    A dense pass over the tables, run once, on the day the policy opens.

    Args:
        end: The day the moratorium ends.
        borrowers: Borrower table (holidays set).
        accounts: Account table (status read).
        borrower_events: Market counters (added to).
    """
    for b in range(borrowers.tier.shape[0]):
        first = borrowers.first_account[b]
        for a in range(first, first + borrowers.n_accounts[b]):
            if accounts.status[a] == ACTIVE:
                grant_payment_holiday(b, end, borrowers, borrower_events)
                break
