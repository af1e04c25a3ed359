"""Contact: collectors' worklists and whether a call reaches the right party (mechanism 4).

Each day every collector works its delinquent accounts in priority order (lowest DPD first:
fresh delinquencies cure most often) until its capacity is spent, placing a number of call
attempts on each. An attempt reaches the right party with the collector's probability for the
day, which the model derives from the regime's contact window and borrowers' answering hours.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.accounts import Accounts, LenderEvent
from arrears.kernels.inputs import DayInputs, RunConstants
from arrears.rng import Stream, uniform


@njit(cache=True)
def build_worklists(
    delinquent: np.ndarray, accounts: Accounts, n_collectors: int, max_dpd: int
) -> tuple[np.ndarray, np.ndarray]:
    """Order the delinquent accounts by collector, then by DPD (lowest first), then by row.

    A two-key counting sort, linear in the number of delinquent accounts.

    Args:
        delinquent: Rows of accounts with arrears, ascending.
        accounts: Account table (collector and DPD are read).
        n_collectors: Number of collectors.
        max_dpd: Largest DPD an open account can have.

    Returns:
        ``(order, starts)``: ``order[starts[c]:starts[c + 1]]`` is collector ``c``'s worklist.
    """
    width = max_dpd + 1
    counts = np.zeros(n_collectors * width + 1, np.int64)
    for a in delinquent:
        counts[accounts.collector[a] * width + min(accounts.dpd[a], max_dpd) + 1] += 1
    for key in range(1, counts.shape[0]):
        counts[key] += counts[key - 1]
    order = np.empty(delinquent.shape[0], np.int64)
    for a in delinquent:
        key = accounts.collector[a] * width + min(accounts.dpd[a], max_dpd)
        order[counts[key]] = a
        counts[key] += 1
    starts = np.zeros(n_collectors + 1, np.int64)
    for c in range(n_collectors):
        starts[c + 1] = counts[(c + 1) * width - 1]
    return order, starts


@njit(cache=True)
def right_party_contact(
    a: int, today: DayInputs, run: RunConstants, accounts: Accounts, events: np.ndarray
) -> bool:
    """Dial the attempts planned on account ``a`` today; did any reach the right party?

    Args:
        a: Account row.
        today: Today's inputs (RPC probability per attempt, by collector).
        run: Run constants (seed).
        accounts: Account table (today's planned attempts are read and cleared).
        events: The owning lender's counters (added to).

    Returns:
        True if at least one attempt was a right-party contact.
    """
    attempts = np.int64(accounts.attempts_today[a])
    if attempts == 0:
        return False
    accounts.attempts_today[a] = 0
    events[LenderEvent.CALL_ATTEMPTS] += attempts
    p_attempt = today.rpc_probability[accounts.collector[a]]
    for k in range(attempts):
        if uniform(run.seed, Stream.RIGHT_PARTY_CONTACT, today.day, a, k) < p_attempt:
            events[LenderEvent.RIGHT_PARTY_CONTACTS] += 1
            return True
    return False
