"""Counter-based random numbers keyed by what is being drawn.

Every draw is a pure function ``u(seed, stream, day, entity, k)``: the five keys are mixed by a
SplitMix64-style hash into 64 random bits, and those bits into a float. Nothing is carried between
draws, so results do not depend on the order in which accounts are processed, on the number of
threads, on the process or on the machine.

The helpers here are compiled with explicit signatures and ``cache=True``. Code that runs in both
engines calls these compiled functions (even from a ``.py_func`` body): the uint64 hashing would
overflow, and the transcendental functions would round differently, if executed as numpy scalars.

Streams name the purpose of a draw; every random decision in the model has its own stream number
(listed in :class:`Stream`), so adding a mechanism never shifts the draws of another.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from numba import float64, int64, njit, uint64

from arrears.scenario.fields import ScenarioError

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_SHIFT_30 = np.uint64(30)
_SHIFT_27 = np.uint64(27)
_SHIFT_31 = np.uint64(31)
_SHIFT_12 = np.uint64(12)
_TWO_POW_MINUS_52 = 1.0 / 4503599627370496.0
_TWO_POW_MINUS_53 = 0.5 * _TWO_POW_MINUS_52
_TWO_PI = 6.283185307179586


class Stream(IntEnum):
    """Stream numbers: one per kind of random decision in the model."""

    INIT_TIER = 1
    INIT_INCOME = 2
    INIT_EMPLOYED = 3
    INIT_BUFFER = 4
    INIT_PRINCIPAL = 5
    INIT_TERM_ELAPSED = 6
    INIT_DUE_DAY = 7
    INIT_PAYDAY = 8
    INIT_WILLINGNESS = 9
    INIT_LENDER = 10
    INIT_ACCOUNT_COUNT = 11
    INIT_ARCHETYPE = 12
    INIT_SCORE = 13
    INIT_RIGHTS = 14
    INIT_CREDIT_SCORE = 15
    EMPLOYMENT = 20
    PAY_DUE = 21
    RIGHT_PARTY_CONTACT = 22
    PAY_DELINQUENT = 23
    RENEWAL = 24
    RENEWAL_PRINCIPAL = 25
    LOST_CONTACT = 26
    CONVERSATION = 27
    PROMISE_KEPT = 28
    COLLECTOR_BREACH = 29
    RULE_BREACH = 30
    CALL_HOUR = 31
    THREAT = 32
    COMPLAINT = 33
    COMPLAINT_ROUTE = 34
    BREATHING_SPACE = 35
    AUDIT = 36
    DETECTION = 37
    THIRD_PARTY_REGAIN = 38
    LEGAL_AID = 39
    CONTEST = 40
    MERITS = 41
    PLACEMENT = 50
    PLACEMENT_RETAIN = 51
    TONE_ARM = 52
    TONE_DIRECTION = 53
    AGENCY_SCORE = 54
    APPLICATIONS = 60
    PAYMENT_HOLIDAY = 61
    APPLICANT = 100
    """Not a stream but an offset: an applicant's traits and loan are drawn from stream
    ``APPLICANT + INIT_<trait>`` (see :func:`arrears.market.tables.draw_borrower`)."""


@njit(uint64(uint64), cache=True)
def mix64(z: np.uint64) -> np.uint64:
    """SplitMix64 finaliser: a bijective avalanche of 64 bits.

    Args:
        z: Input bits.

    Returns:
        Mixed bits; flipping one input bit flips each output bit with probability ~1/2.
    """
    z = (z ^ (z >> _SHIFT_30)) * _MIX_1
    z = (z ^ (z >> _SHIFT_27)) * _MIX_2
    return z ^ (z >> _SHIFT_31)


@njit(uint64(int64, int64, int64, int64, int64), cache=True)
def key_bits(seed: int, stream: int, day: int, entity: int, k: int) -> np.uint64:
    """Hash the five draw keys into 64 random bits.

    Each key is absorbed by adding it to the running state and re-mixing (a sponge over
    SplitMix64), so distinct key tuples give unrelated bit patterns.

    Args:
        seed: Run seed.
        stream: Purpose of the draw (a :class:`Stream` value).
        day: Simulation day (0-based), or 0 for set-up draws.
        entity: Row index of the account, borrower or agent drawing.
        k: Draw number within (stream, day, entity), for several draws at once.

    Returns:
        64 random bits.
    """
    h = mix64(np.uint64(seed) + _GOLDEN)
    h = mix64(h + np.uint64(stream) * _GOLDEN)
    h = mix64(h + np.uint64(day) * _GOLDEN)
    h = mix64(h + np.uint64(entity) * _GOLDEN)
    return mix64(h + np.uint64(k) * _GOLDEN)


@njit(float64(int64, int64, int64, int64, int64), cache=True)
def uniform(seed: int, stream: int, day: int, entity: int, k: int) -> float:
    """A uniform draw on the open interval (0, 1): 52 random bits, centred in their cell.

    The result is ``(j + 1/2) / 2**52`` for a random 52-bit ``j``: every value is exactly
    representable, so rounding can never produce 0 or 1.

    Args:
        seed: Run seed.
        stream: Purpose of the draw.
        day: Simulation day.
        entity: Row index of the drawing entity.
        k: Draw number within (stream, day, entity).

    Returns:
        A float in (0, 1); never exactly 0 or 1, so ``log(u)`` is always finite.
    """
    return (
        np.float64(key_bits(seed, stream, day, entity, k) >> _SHIFT_12) * _TWO_POW_MINUS_52
        + _TWO_POW_MINUS_53
    )


@njit(float64(int64, int64, int64, int64, int64), cache=True)
def normal(seed: int, stream: int, day: int, entity: int, k: int) -> float:
    """A standard normal draw (Box–Muller on draws ``2k`` and ``2k + 1``).

    Args:
        seed: Run seed.
        stream: Purpose of the draw.
        day: Simulation day.
        entity: Row index of the drawing entity.
        k: Draw number within (stream, day, entity).

    Returns:
        A draw from N(0, 1).
    """
    u1 = uniform(seed, stream, day, entity, 2 * k)
    u2 = uniform(seed, stream, day, entity, 2 * k + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(_TWO_PI * u2)


@njit(float64(int64, int64, int64, int64, int64, float64, float64), cache=True)
def lognormal(
    seed: int, stream: int, day: int, entity: int, k: int, log_mean: float, log_sd: float
) -> float:
    """A log-normal draw ``exp(log_mean + log_sd * z)`` with ``z ~ N(0, 1)``.

    Args:
        seed: Run seed.
        stream: Purpose of the draw.
        day: Simulation day.
        entity: Row index of the drawing entity.
        k: Draw number within (stream, day, entity).
        log_mean: Mean of the logarithm (so ``exp(log_mean)`` is the median).
        log_sd: Standard deviation of the logarithm (>= 0).

    Returns:
        A positive draw.
    """
    return np.exp(log_mean + log_sd * normal(seed, stream, day, entity, k))


@njit(int64(int64, int64, int64, int64, int64, int64), cache=True)
def integer_below(seed: int, stream: int, day: int, entity: int, k: int, n: int) -> int:
    """A uniform integer in ``[0, n)`` (``n >= 1``).

    Args:
        seed: Run seed.
        stream: Purpose of the draw.
        day: Simulation day.
        entity: Row index of the drawing entity.
        k: Draw number within (stream, day, entity).
        n: Number of outcomes.

    Returns:
        An integer in ``[0, n)``.
    """
    return min(int(uniform(seed, stream, day, entity, k) * n), n - 1)


SEED_BOUND = 2**53
"""Seeds drawn for a run lie in ``[0, SEED_BOUND)``: within ``run.seed``'s range, and small
enough that a float64 holds them exactly, so a drawn seed survives a pandas row of numbers (as
in Mesa's ``batch_run`` table) or a JSON reader and reproduces its run."""


def seed_from_rng(rng: object) -> int:
    """A run seed drawn from something Mesa takes as ``rng`` that is not itself an integer.

    The draw comes from ``numpy.random.default_rng(rng)``: a sequence of integers or a
    ``SeedSequence`` always gives the same seed, a ``Generator`` or ``BitGenerator`` gives the
    next one from its state (and advances it), and ``None`` gives a fresh seed from the operating
    system's entropy.

    Args:
        rng: ``None``, a sequence of integers, a ``SeedSequence``, a ``Generator`` or a
            ``BitGenerator``.

    Returns:
        A seed in ``[0, SEED_BOUND)``.

    Raises:
        ScenarioError: If numpy cannot seed a generator from ``rng``; the message names what
            is allowed.
    """
    try:
        generator = np.random.default_rng(rng)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError(
            "rng must be an integer seed >= 0, a sequence of them, a numpy SeedSequence, "
            f"Generator or BitGenerator, or None (a fresh seed); got {rng!r}"
        ) from None
    return int(generator.integers(SEED_BOUND))
