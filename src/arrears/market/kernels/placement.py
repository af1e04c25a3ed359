"""Draws of the lenders' monthly placement of accounts with agencies.

Placement is agent logic (:mod:`arrears.market.agents.lender`); these compiled helpers make its
draws from the counter-based generator, keyed by account row and day, so both engines place the same
accounts with the same agencies.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.rng import Stream, normal, uniform


@njit(cache=True)
def retained_in_house(seed: int, rows: np.ndarray, retain_share: float) -> np.ndarray:
    """Which accounts their lender keeps in-house for good (one fixed draw per account row).

    Args:
        seed: Run seed.
        rows: Account rows.
        retain_share: Share of accounts the lender never places.

    Returns:
        bool[row].
    """
    kept = np.zeros(rows.shape[0], np.bool_)
    for i in range(rows.shape[0]):
        kept[i] = uniform(seed, Stream.PLACEMENT_RETAIN, 0, rows[i], 0) < retain_share
    return kept


@njit(cache=True)
def choose_agencies(
    seed: int, day: int, rows: np.ndarray, cumulative_shares: np.ndarray
) -> np.ndarray:
    """Pick an agency for each account placed today, in proportion to the lender's shares.

    Args:
        seed: Run seed.
        day: Today.
        rows: Account rows being placed.
        cumulative_shares: Cumulative placement shares of the lender's agencies (last = 1).

    Returns:
        int64[row], the position of the chosen agency in the shares.
    """
    chosen = np.empty(rows.shape[0], np.int64)
    last = cumulative_shares.shape[0] - 1
    for i in range(rows.shape[0]):
        u = uniform(seed, Stream.PLACEMENT, day, rows[i], 0)
        j = 0
        while j < last and u > cumulative_shares[j]:
            j += 1
        chosen[i] = j
    return chosen


@njit(cache=True)
def agency_scores(
    seed: int, rows: np.ndarray, collector: int, scores: np.ndarray, noise_sd: float
) -> np.ndarray:
    """An agency's behavioural scores of accounts placed with it: the lender's, plus noise.

    An agency knows less about the borrower than the lender's own team; its score error is
    fixed per account and agency.

    Args:
        seed: Run seed.
        rows: Account rows placed.
        collector: The agency's collector index.
        scores: The lender's scores of those rows (log-odds).
        noise_sd: Standard deviation of the agency's extra error (log-odds).

    Returns:
        float32[row], the agency's scores.
    """
    out = np.empty(rows.shape[0], np.float32)
    for i in range(rows.shape[0]):
        out[i] = np.float64(scores[i]) + noise_sd * normal(
            seed, Stream.AGENCY_SCORE, 0, rows[i], collector
        )
    return out
