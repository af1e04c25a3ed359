"""What a borrower lives through in collection: harm, the same in every regime (mechanism 7).

Harm is what a borrower experiences, whatever the rules say: calls beyond what she tolerates in
a week (over all her debts and collectors), calls in hours she sleeps or works, aggressive
conversations (in proportion to the tone), threats, contact with her family, employer or
contacts and the disclosure of her debt to them, and home visits. Each act adds its weight
(``behaviour.harm_*``, in harm units) to her remembered harm, which decays at ``harm_decay`` a
day, and adds ``harm_stress`` stress per unit.

On a day with contact she may complain (:func:`maybe_complain`), with probability
``sigmoid(complaint_logit + complaint_stress stress + complaint_harm ln(1 + harm) +
complaint_rights awareness + complaint_breach_awareness awareness ln(1 + breaches seen))``:
each doubling of ``1 + harm`` multiplies the odds by the same factor (a diminishing response,
so the few borrowers with the most harm do not make up all complaints). A *violation* is a
different thing: what the regime forbids (:mod:`arrears.market.kernels.compliance`). It drives
enforcement, and reaches her complaint only through the last term: a breach she saw counts in
proportion to her awareness of her rights. The firm's feedback channel resolves a share of
complaints before they reach the regulator.

Like stress, remembered harm is stored with the day it was last set and decayed on reading.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import set_stress, stress_now
from arrears.market.kernels.compliance import WEEK, ring_total, violations_seen
from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.mathx import decayed, log, sigmoid
from arrears.market.rng import Stream, uniform
from arrears.market.tables import TEST_ARM, Accounts, Borrowers, CollectorEvent


@njit(cache=True, inline="always")
def harm_now(b: int, day: int, run: RunConstants, borrowers: Borrowers) -> float:
    """Borrower ``b``'s remembered harm today (harm units, decayed)."""
    return decayed(np.float64(borrowers.harm[b]), run.harm_decay, day - borrowers.harm_day[b])


@njit(cache=True, inline="always")
def suffer(b: int, day: int, amount: float, run: RunConstants, borrowers: Borrowers) -> None:
    """Borrower ``b`` lives through ``amount`` harm units today: memory and stress rise.

    Args:
        b: Borrower row.
        day: Today.
        amount: Harm units (>= 0).
        run: Run constants (harm decay, stress per unit of harm).
        borrowers: Borrower table (harm and stress are updated).
    """
    if amount <= 0.0:
        return
    borrowers.harm[b] = harm_now(b, day, run, borrowers) + amount
    borrowers.harm_day[b] = day
    set_stress(b, day, stress_now(b, day, run, borrowers) + run.harm_stress * amount, borrowers)


@njit(cache=True, inline="always")
def calls_this_week(b: int, day: int, borrowers: Borrowers, accounts: Accounts) -> int:
    """Call attempts borrower ``b`` received in the 7 days ending today, over all her debts."""
    total = 0
    first = borrowers.first_account[b]
    for a in range(first, first + borrowers.n_accounts[b]):
        total += ring_total(int(accounts.attempts_ring[a]), int(accounts.ring_day[a]), day, 4, WEEK)
    return total


@njit(cache=True, inline="always")
def excess_calls(calls_before: int, calls: int, run: RunConstants) -> int:
    """How many of today's calls take her week past what she tolerates.

    Args:
        calls_before: Calls in the 7 days ending today before these.
        calls: Calls just made.
        run: Run constants (``tolerated_calls_per_7d``).

    Returns:
        The calls beyond the tolerated number.
    """
    tolerated = run.tolerated_calls_per_7d
    return max(0, calls_before + calls - tolerated) - max(0, calls_before - tolerated)


@njit(cache=True, inline="always")
def maybe_complain(
    b: int,
    collector: int,
    arm: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    collector_events: np.ndarray,
) -> bool:
    """After a day with contact, borrower ``b`` may complain about ``collector``.

    Args:
        b: Borrower row.
        collector: The collector that contacted the borrower today.
        arm: The tone arm of the account it contacted about (``TEST_ARM`` complaints are
            also counted in ``COMPLAINTS_IN_TEST``).
        today: Today's inputs (each collector's complaint channel).
        run: Run constants (complaint log-odds).
        borrowers: Borrower table (read).
        collector_events: int64[collector, event] counters (added to).

    Returns:
        Whether a complaint reached the regulator.
    """
    day = today.day
    awareness = np.float64(borrowers.rights_awareness[b])
    logit = (
        run.complaint_logit
        + run.complaint_stress * stress_now(b, day, run, borrowers)
        + run.complaint_harm * log(1.0 + harm_now(b, day, run, borrowers))
        + run.complaint_rights * awareness
        + run.complaint_breach_awareness
        * awareness
        * log(1.0 + violations_seen(b, day, run, borrowers))
    )
    if uniform(run.seed, Stream.COMPLAINT, day, b, 0) >= sigmoid(logit):
        return False
    resolved = (
        uniform(run.seed, Stream.COMPLAINT_ROUTE, day, b, 0)
        < (today.complaint_resolution[collector])
    )
    event = (
        CollectorEvent.COMPLAINTS_TO_FIRM if resolved else CollectorEvent.COMPLAINTS_TO_REGULATOR
    )
    collector_events[collector, event] += 1
    if arm == TEST_ARM:
        collector_events[collector, CollectorEvent.COMPLAINTS_IN_TEST] += 1
    return not resolved


@njit(cache=True)
def distress_in_arrears(
    day: int, delinquent: np.ndarray, run: RunConstants, borrowers: Borrowers, accounts: Accounts
) -> tuple[np.ndarray, np.ndarray, int]:
    """Stress and harm of each borrower with an account in arrears; how many lost contact.

    Args:
        day: Today.
        delinquent: Rows of accounts in arrears, ascending (so their borrowers are sorted).
        run: Run constants (decay rates).
        borrowers: Borrower table (read).
        accounts: Account table (read).

    Returns:
        ``(stress, harm, lost)``: float64[borrower in arrears] stress and remembered harm
        today, and the count of those borrowers who have lost contact.
    """
    stress = np.empty(delinquent.shape[0])
    harm = np.empty(delinquent.shape[0])
    n = 0
    lost = 0
    previous = -1
    for a in delinquent:
        b = accounts.borrower[a]
        if b != previous:
            stress[n] = stress_now(b, day, run, borrowers)
            harm[n] = harm_now(b, day, run, borrowers)
            lost += borrowers.lost_contact[b]
            n += 1
            previous = b
    return stress[:n], harm[:n], lost
