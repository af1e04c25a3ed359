"""Compiled math helpers shared by both engines.

numpy's and LLVM's transcendental functions can differ in the last bit. Per-account logic calls
these compiled helpers (also from ``.py_func`` bodies in the agents engine), so both engines
evaluate every ``exp``, ``log`` and power with the same machine code and agree to the bit.
"""

from __future__ import annotations

import numpy as np
from numba import float64, int64, njit


@njit(float64(float64), cache=True)
def sigmoid(x: float) -> float:
    """The logistic function ``1 / (1 + exp(-x))``.

    Args:
        x: Log-odds.

    Returns:
        A probability in [0, 1].
    """
    return 1.0 / (1.0 + np.exp(-x))


@njit(float64(float64), cache=True)
def exp(x: float) -> float:
    """The exponential ``e ** x``.

    Args:
        x: Exponent.

    Returns:
        ``e ** x``.
    """
    return np.exp(x)


@njit(float64(float64), cache=True)
def log(x: float) -> float:
    """The natural logarithm.

    Args:
        x: A positive number.

    Returns:
        ``ln x``.
    """
    return np.log(x)


@njit(float64(float64, float64, int64), cache=True)
def decayed(value: float, daily_rate: float, days: int) -> float:
    """A quantity after ``days`` of exponential decay: ``value * (1 - daily_rate) ** days``.

    Args:
        value: The quantity when last set.
        daily_rate: Share lost per day, in [0, 1].
        days: Days elapsed (>= 0).

    Returns:
        The decayed quantity.
    """
    return value * (1.0 - daily_rate) ** days


@njit(int64(float64), cache=True)
def round_cents(amount_cents: float) -> int:
    """Round an amount in cents half-up to whole cents.

    Args:
        amount_cents: A non-negative amount in cents.

    Returns:
        The amount in whole cents.
    """
    return int(np.floor(amount_cents + 0.5))


NEGLIGIBLE_INTEREST = 1e-12
"""Interest over a loan's term (rate x months) below which it is treated as interest-free: it
is then less than a cent on any loan the tables hold, and the annuity formula would divide by a
number near 0."""


@njit(float64(float64, int64), cache=True)
def compound_interest(rate: float, periods: int) -> float:
    """Interest compounded over some periods per unit of principal: ``(1 + rate) ** periods - 1``.

    Computed as ``expm1(periods * log1p(rate))``, exact to rounding even for a tiny rate (where
    ``(1 + rate) ** periods - 1`` loses every digit, or is 0).

    Args:
        rate: Interest per period as a fraction (> -1).
        periods: Number of periods (>= 0).

    Returns:
        The compounded interest per unit.
    """
    return np.expm1(periods * np.log1p(rate))


@njit(int64(int64, float64, int64), cache=True)
def annuity_instalment_cents(principal_cents: int, monthly_rate: float, months: int) -> int:
    """The level monthly instalment that repays a loan in ``months`` payments.

    Args:
        principal_cents: Amount borrowed, in cents.
        monthly_rate: Interest per month as a fraction (APR / 12).
        months: Number of monthly instalments (>= 1).

    Returns:
        The instalment in cents, rounded up so the loan is repaid within the term.
    """
    if monthly_rate * months < NEGLIGIBLE_INTEREST:
        return int(np.ceil(principal_cents / months))
    interest = compound_interest(monthly_rate, months)
    return int(np.ceil(principal_cents * (monthly_rate / interest) * (1.0 + interest)))


@njit(int64(int64, float64, int64, int64), cache=True)
def annuity_balance_cents(
    principal_cents: int, monthly_rate: float, months: int, months_elapsed: int
) -> int:
    """The outstanding balance of a level-instalment loan after some instalments are paid.

    Args:
        principal_cents: Amount borrowed, in cents.
        monthly_rate: Interest per month as a fraction (APR / 12).
        months: Term in months.
        months_elapsed: Instalments already paid (0 <= months_elapsed < months).

    Returns:
        The remaining balance in cents.
    """
    if monthly_rate * months < NEGLIGIBLE_INTEREST:
        return principal_cents - principal_cents * months_elapsed // months
    total = compound_interest(monthly_rate, months)
    elapsed = compound_interest(monthly_rate, months_elapsed)
    return round_cents(principal_cents * (total - elapsed) / total)
