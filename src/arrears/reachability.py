"""When borrowers answer: hourly reachability profiles by archetype (mechanism 4).

Each borrower follows one archetype: a 24-hour profile of the chance of answering a call placed
in each hour, on weekdays and on weekends. A collector's chance of a right-party contact on a day
depends on how its allowed contact window overlaps the profile, so moving the window (09-18 on
workdays vs 08-21 every day) changes contact rates differently for each kind of borrower.

The profiles are documented modelling choices (no public hourly answer-rate data was found):
``day`` borrowers (at home or self-employed) answer through the day; ``evening`` borrowers
(office workers) rarely answer during working hours on weekdays; ``shift`` workers sleep in the
morning and answer afternoons and nights; ``hard_to_reach`` borrowers seldom answer at any hour.
"""

from __future__ import annotations

import numpy as np

ARCHETYPES = ("day", "evening", "shift", "hard_to_reach")
"""Reachability archetypes, in the order of ``population.archetype_shares``."""

_NIGHT = 0.02

# fmt: off
_PROFILES = {
    #           0      1      2      3      4      5      6      7      8      9     10     11
    #          12     13     14     15     16     17     18     19     20     21     22     23
    ("day", "weekday"): (
        _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, 0.05, 0.15, 0.45, 0.60, 0.60, 0.60,
        0.55, 0.55, 0.60, 0.60, 0.60, 0.60, 0.50, 0.50, 0.45, 0.35, 0.15, 0.05),
    ("day", "weekend"): (
        _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, 0.10, 0.35, 0.55, 0.55, 0.55,
        0.50, 0.50, 0.55, 0.55, 0.55, 0.55, 0.50, 0.50, 0.45, 0.35, 0.15, 0.05),
    ("evening", "weekday"): (
        _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, 0.05, 0.20, 0.15, 0.08, 0.08, 0.08,
        0.25, 0.20, 0.08, 0.08, 0.08, 0.10, 0.45, 0.65, 0.65, 0.55, 0.30, 0.08),
    ("evening", "weekend"): (
        _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, _NIGHT, 0.05, 0.20, 0.50, 0.55, 0.55,
        0.50, 0.50, 0.50, 0.50, 0.50, 0.50, 0.50, 0.55, 0.55, 0.45, 0.25, 0.08),
    ("shift", "weekday"): (
        0.30, 0.30, 0.25, 0.20, 0.10, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.10,
        0.20, 0.35, 0.55, 0.55, 0.55, 0.50, 0.45, 0.45, 0.45, 0.40, 0.40, 0.35),
    ("shift", "weekend"): (
        0.30, 0.30, 0.25, 0.20, 0.10, 0.05, 0.05, 0.05, 0.05, 0.05, 0.10, 0.20,
        0.30, 0.40, 0.55, 0.55, 0.55, 0.50, 0.45, 0.45, 0.45, 0.40, 0.40, 0.35),
    ("hard_to_reach", "weekday"): (
        0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.03, 0.06, 0.08, 0.08, 0.08,
        0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.10, 0.10, 0.08, 0.04, 0.02),
    ("hard_to_reach", "weekend"): (
        0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.08, 0.08, 0.08,
        0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.10, 0.10, 0.08, 0.04, 0.02),
}
# fmt: on

PROFILES = np.array(
    [[_PROFILES[archetype, kind] for kind in ("weekday", "weekend")] for archetype in ARCHETYPES]
)
"""float64[archetype, weekday/weekend, hour]: chance of answering a call placed in that hour."""


def window_reach(start_hour: int, end_hour: int, weekend: bool) -> np.ndarray:
    """Each archetype's mean answering chance over a contact window.

    A collector spreads its calls evenly over the hours it may call, so the chance that a call
    finds the borrower willing to answer is the profile's mean over the window.

    Args:
        start_hour: First hour of the window.
        end_hour: End (exclusive) of the window; equal to the start for no contact.
        weekend: Whether the day is a Saturday or Sunday.

    Returns:
        float64[archetype]; zeros when the window is empty.
    """
    if end_hour <= start_hour:
        return np.zeros(len(ARCHETYPES))
    return PROFILES[:, int(weekend), start_hour:end_hour].mean(axis=1)
