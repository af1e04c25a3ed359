"""When borrowers answer, and when a call intrudes: hourly profiles by archetype (mechanism 4).

Each borrower follows one archetype: a 24-hour profile of the chance of answering a call placed
in each hour, on weekdays and on weekends, and the hours she sleeps or (weekdays) works. A
collector chooses the hours it calls by the answering chance of the borrowers it works (calls
in each hour cost the same), within what its regime and its own policy allow: unconstrained, it
calls late into the evening and at weekends, when people answer; a contact window that closes
the evening costs it right-party contacts. Each call attempt falls in one of its calling hours,
reaches the borrower with that hour's answering chance, and intrudes on her where the hour is
one she sleeps in (a full intrusion) or, for office workers, works in (half of one).

The profiles are documented modelling choices (no public hourly answer-rate data was found;
collection practice holds that evenings and weekends reach most people, which is why contact
rules bound them): ``day`` borrowers (at home or self-employed) answer through the day;
``evening`` borrowers (office workers) rarely answer during working hours on weekdays;
``shift`` workers sleep in the morning and answer afternoons and nights; ``hard_to_reach``
borrowers seldom answer at any hour. The CFPB's 2017 survey of consumers contacted about a debt
found 36% had been called before 08:00 or after 21:00 and 63% contacted too often [S].
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


def mean_reach(hours: np.ndarray, weekend: bool) -> np.ndarray:
    """Each archetype's mean answering chance over a set of calling hours.

    A collector spreads its calls evenly over the hours it calls, so the chance that a call
    finds the borrower willing to answer is, in expectation, the profile's mean over them.

    Args:
        hours: int64 hours of the day (0-23).
        weekend: Whether the day is a Saturday or Sunday.

    Returns:
        float64[archetype]; zeros when there are no hours.
    """
    if len(hours) == 0:
        return np.zeros(len(ARCHETYPES))
    return PROFILES[:, int(weekend), hours].mean(axis=1)


_ASLEEP = {"day": (23, 7), "evening": (0, 7), "shift": (4, 12), "hard_to_reach": (23, 7)}
"""Hours each archetype sleeps, ``(from, to)`` on the clock (wrapping past midnight)."""

_AT_WORK = {"evening": (9, 17)}
"""Weekday hours an archetype is at its workplace, where a collection call intrudes too."""

WORK_INTRUSION = 0.5
"""How much a call at work intrudes, against a call while asleep (1): a documented choice
(FDCPA §805(a)(3) bars calls at a workplace where the employer forbids them)."""


def _hours(span: tuple[int, int]) -> np.ndarray:
    start, end = span
    hours = np.arange(24)
    return (hours >= start) & (hours < end) if start <= end else (hours >= start) | (hours < end)


INTRUSION = np.array(
    [
        [
            np.maximum(
                _hours(_ASLEEP[archetype]).astype(np.float64),
                WORK_INTRUSION * (not weekend) * _hours(_AT_WORK.get(archetype, (0, 0))),
            )
            for weekend in (False, True)
        ]
        for archetype in ARCHETYPES
    ]
)
"""float64[archetype, weekday/weekend, hour]: how much a call in that hour intrudes on the
borrower (1 asleep, ``WORK_INTRUSION`` at work, 0 otherwise)."""


def allowed_hours(start_hour: int, end_hour: int) -> np.ndarray:
    """The hours of a window ``[start, end)`` as a mask over the day's 24 hours."""
    hours = np.arange(24)
    return (hours >= start_hour) & (hours < end_hour)


def best_hours(value: np.ndarray, allowed: np.ndarray, n_hours: int) -> np.ndarray:
    """The ``n_hours`` allowed hours of highest value (earlier hours first on a tie), ascending.

    Args:
        value: float64[hour], the value of a call in each hour.
        allowed: bool[hour], the hours that may be used.
        n_hours: How many hours are wanted (fewer are returned if fewer are allowed).

    Returns:
        int64 hours, ascending.
    """
    candidates = np.flatnonzero(allowed)
    ranked = candidates[np.argsort(-value[candidates], kind="stable")]
    return np.sort(ranked[:n_hours]).astype(np.int64)
