"""A borrower's state of mind: stress, trust, threat, pressure and willingness (mechanism 2).

Willingness to pay account ``a`` (log-odds) is the borrower's own disposition plus trust in the
creditor and its credible threat, minus stress past the resistance threshold (抵触心理):
``w = base + trust_weight (trust - 1/2) + threat_weight threat
- stress_weight max(0, stress - resistance_threshold)``. While a suit is pending on the account
its threat is at least ``litigation_filing_threat``.

Stress (per borrower), pressure and threat (per account) decay exponentially; they are stored
with the day they were set and decayed on reading (:func:`arrears.market.mathx.decayed`), never
rewritten just to decay, so both engines see the same values however often a row is visited.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.inputs import RunConstants
from arrears.market.mathx import decayed, sigmoid
from arrears.market.rng import Stream, uniform
from arrears.market.tables import SUED, Accounts, BorrowerEvent, Borrowers


@njit(cache=True, inline="always")
def clip01(x: float) -> float:
    """Clip to [0, 1]."""
    return min(max(x, 0.0), 1.0)


@njit(cache=True, inline="always")
def stress_now(b: int, day: int, run: RunConstants, borrowers: Borrowers) -> float:
    """Borrower ``b``'s stress today (0-1)."""
    return decayed(np.float64(borrowers.stress[b]), run.stress_decay, day - borrowers.stress_day[b])


@njit(cache=True, inline="always")
def set_stress(b: int, day: int, stress: float, borrowers: Borrowers) -> None:
    """Set borrower ``b``'s stress (clipped to 0-1) as of today."""
    borrowers.stress[b] = clip01(stress)
    borrowers.stress_day[b] = day


@njit(cache=True, inline="always")
def pressure_now(a: int, day: int, run: RunConstants, accounts: Accounts) -> float:
    """Collection pressure on account ``a`` today (decayed attempts weighted by tone)."""
    return decayed(
        np.float64(accounts.pressure[a]), run.pressure_decay, day - accounts.touched_day[a]
    )


@njit(cache=True, inline="always")
def threat_now(a: int, day: int, run: RunConstants, accounts: Accounts) -> float:
    """Credible threat attached to account ``a`` today (0-1)."""
    return decayed(np.float64(accounts.threat[a]), run.threat_decay, day - accounts.touched_day[a])


@njit(cache=True, inline="always")
def add_pressure(
    a: int, day: int, pressure: float, threat: float, run: RunConstants, accounts: Accounts
) -> None:
    """Add collection pressure and threat to account ``a`` today.

    Args:
        a: Account row.
        day: Today.
        pressure: Pressure added (attempts weighted by tone).
        threat: Threat added (capped at 1 in total).
        run: Run constants (decay rates).
        accounts: Account table (row ``a`` is updated).
    """
    new_pressure = pressure_now(a, day, run, accounts) + pressure
    new_threat = clip01(threat_now(a, day, run, accounts) + threat)
    accounts.pressure[a] = new_pressure
    accounts.threat[a] = new_threat
    accounts.touched_day[a] = day


@njit(cache=True, inline="always")
def willingness(
    a: int, b: int, day: int, run: RunConstants, borrowers: Borrowers, accounts: Accounts
) -> float:
    """Borrower ``b``'s willingness to pay account ``a`` today, in log-odds."""
    excess_stress = max(0.0, stress_now(b, day, run, borrowers) - run.resistance_threshold)
    threat = threat_now(a, day, run, accounts)
    if accounts.legal[a] == SUED:
        threat = max(threat, run.litigation_filing_threat)
    return (
        borrowers.willingness[b]
        + run.trust_weight * (np.float64(accounts.trust[a]) - 0.5)
        + run.threat_weight * threat
        - run.stress_weight * excess_stress
    )


@njit(cache=True, inline="always")
def lose_trust(a: int, amount: float, accounts: Accounts) -> None:
    """Lower the borrower's trust in account ``a``'s creditor by ``amount`` (floored at 0)."""
    accounts.trust[a] = clip01(np.float64(accounts.trust[a]) - amount)


@njit(cache=True, inline="always")
def update_lost_contact(
    b: int,
    day: int,
    max_dpd: int,
    run: RunConstants,
    borrowers: Borrowers,
    borrower_events: np.ndarray,
) -> None:
    """A delinquent borrower may stop answering (失联), or come back within reach.

    The daily chance of losing contact is ``sigmoid(lost_contact_logit + lost_contact_stress
    stress + lost_contact_per_30dpd dpd / 30)``; a lost-contact borrower comes back with chance
    ``contact_regain`` a day (and always once nothing is overdue; see ``borrower_day``).

    Args:
        b: Borrower row (with at least one account in arrears).
        day: Today.
        max_dpd: DPD of the borrower's most delinquent account.
        run: Run constants.
        borrowers: Borrower table (``lost_contact`` is updated).
        borrower_events: Market counters (added to).
    """
    u = uniform(run.seed, Stream.LOST_CONTACT, day, b, 0)
    if borrowers.lost_contact[b]:
        if u < run.contact_regain:
            borrowers.lost_contact[b] = 0
            borrower_events[BorrowerEvent.CONTACT_REGAINED] += 1
        return
    logit = (
        run.lost_contact_logit
        + run.lost_contact_stress * stress_now(b, day, run, borrowers)
        + run.lost_contact_per_30dpd * max_dpd / 30.0
    )
    if u < sigmoid(logit):
        borrowers.lost_contact[b] = 1
        borrower_events[BorrowerEvent.CONTACT_LOST] += 1
