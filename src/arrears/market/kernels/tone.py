"""Which tone a contact carries: its collector's own, or the neighbouring tone under test.

An agency learns its tone by a monthly two-armed test: each month a random share
of the accounts it holds is worked at a neighbouring tone (``accounts.tone_arm == TEST_ARM``),
the rest at its own. Every place the tone acts — the pressure of an attempt, the conversation,
the chance of breaking a rule — reads it through these helpers, so the two arms differ in
nothing but tone. In-house teams run no test: their accounts are always in the base arm.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.inputs import DayInputs
from arrears.market.rng import Stream, uniform
from arrears.market.tables import BASE_ARM, TEST_ARM, Accounts


@njit(cache=True, inline="always")
def contact_tone(a: int, today: DayInputs, accounts: Accounts) -> float:
    """The tone (0 friendly ... 1 aggressive) of today's contact on account ``a``."""
    collector = accounts.collector[a]
    if accounts.tone_arm[a] == TEST_ARM:
        return today.test_aggressiveness[collector]
    return today.aggressiveness[collector]


@njit(cache=True, inline="always")
def contact_breach_probability(a: int, today: DayInputs, accounts: Accounts) -> float:
    """The chance that today's contact on account ``a`` goes ahead though it breaks a rule."""
    collector = accounts.collector[a]
    if accounts.tone_arm[a] == TEST_ARM:
        return today.test_breach_probability[collector]
    return today.breach_probability[collector]


@njit(cache=True)
def draw_tone_arms(
    seed: int, day: int, rows: np.ndarray, collector: int, test_share: float
) -> np.ndarray:
    """Assign an agency's accounts to the arms of this month's tone test.

    Args:
        seed: Run seed.
        day: The day the test starts (a month's end).
        rows: Account rows the agency holds.
        collector: The agency's collector index (a key of the draws).
        test_share: Chance each account is worked at the tone under test.

    Returns:
        uint8[row], ``TEST_ARM`` with probability ``test_share``, else ``BASE_ARM``.
    """
    arms = np.full(rows.shape[0], BASE_ARM, np.uint8)
    for i in range(rows.shape[0]):
        if uniform(seed, Stream.TONE_ARM, day, rows[i], collector) < test_share:
            arms[i] = TEST_ARM
    return arms
