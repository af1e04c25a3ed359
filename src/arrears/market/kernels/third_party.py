"""Third-party contact: what reaching a borrower's family, employer or contacts does.

A collector calls a borrower's third parties to find a borrower who has lost contact (失联), or,
as a pressure tactic, about any borrower in arrears (see ``kernels.contact``). When a third party
is reached the borrower hears of it (harm ``harm_third_party_contact``), and a lost-contact
borrower is found again with probability ``third_party_regain``. The message passed on nudges
the day's decision to pay like a message read.

The contact **discloses the debt** where the regime allows third-party contact outright, and
whenever it breaks the regime's rule (a ``third_party`` violation); a lawful contact under
``if_unreachable`` only asks where the borrower is. A disclosure shames: it adds the harm
``harm_disclosure`` and the channel's threat, in every regime; where it breaks the rule it is
also a violation.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.compliance import THIRD_PARTY_ALLOWED, THIRD_PARTY_BREACH
from arrears.market.kernels.harm import suffer
from arrears.market.kernels.inputs import RunConstants
from arrears.market.rng import Stream, uniform
from arrears.market.tables import BorrowerEvent, Borrowers, LenderEvent


@njit(cache=True, inline="always")
def discloses(bits: int, run: RunConstants) -> bool:
    """Whether a third-party contact with violation ``bits`` discloses the debt."""
    return run.regime_third_party_contact == THIRD_PARTY_ALLOWED or (bits & THIRD_PARTY_BREACH) != 0


@njit(cache=True, inline="always")
def third_party_reached(
    b: int,
    day: int,
    disclosed: bool,
    run: RunConstants,
    borrowers: Borrowers,
    events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """A collector reached one of borrower ``b``'s third parties today.

    Args:
        b: Borrower row.
        day: Today.
        disclosed: Whether the contact disclosed the debt.
        run: Run constants.
        borrowers: Borrower table (harm, stress and lost contact are updated).
        events: The account's lender's counters (disclosures are added).
        borrower_events: Market counters (contacts regained are added).
    """
    harm = run.harm_third_party_contact
    if disclosed:
        harm += run.harm_disclosure
        events[LenderEvent.DISCLOSURES] += 1
    suffer(b, day, harm, run, borrowers)
    if (
        borrowers.lost_contact[b]
        and uniform(run.seed, Stream.THIRD_PARTY_REGAIN, day, b, 0) < run.third_party_regain
    ):
        borrowers.lost_contact[b] = 0
        borrower_events[BorrowerEvent.CONTACT_REGAINED] += 1
