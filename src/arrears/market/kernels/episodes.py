"""Delinquency episodes: the unit in which recovery and cure are measured.

An episode opens the first day an account is past due and stays open until the account is
cured (its arrears paid with no plan running, or its plan completed), repaid, settled or charged
off. A plan's re-default does not open a new episode. Exposure is the balance when the episode
opens; every payment made while it is open counts as collected on delinquent accounts, including
the instalments of a plan that re-aged the account to current.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.tables import Accounts, LenderEvent


@njit(cache=True, inline="always")
def open_episode(a: int, accounts: Accounts, events: np.ndarray) -> None:
    """Open a delinquency episode on account ``a`` unless one is open."""
    if accounts.episode[a]:
        return
    accounts.episode[a] = 1
    events[LenderEvent.NEW_DELINQUENT] += 1
    events[LenderEvent.DELINQUENT_EXPOSURE] += accounts.balance[a]


@njit(cache=True, inline="always")
def close_episode(a: int, cured: bool, accounts: Accounts, events: np.ndarray) -> None:
    """Close account ``a``'s open episode, counting a cure if it ended well."""
    if not accounts.episode[a]:
        return
    accounts.episode[a] = 0
    events[LenderEvent.CURES if cured else LenderEvent.EPISODES_UNCURED] += 1
