"""Tests of the counter-based random numbers in :mod:`arrears.market.rng`."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numba import njit, prange

from arrears.market.rng import (
    SEED_BOUND,
    Stream,
    integer_below,
    key_bits,
    lognormal,
    mix64,
    normal,
    seed_from_rng,
    uniform,
)
from arrears.scenario.fields import ScenarioError

N_DRAWS = 100_000

# Known answers computed once with the current code. uniform, integer_below, key_bits and mix64
# are pure integer arithmetic, so they are pinned exactly; normal and lognormal go through
# log/cos/exp, so they are pinned to 1e-12 relative (still far below any algorithmic change).
UNIFORM_PINS = [
    ((0, 1, 0, 0, 0), 0.3167341648206089),
    ((0, 1, 0, 0, 1), 0.20285367933765086),
    ((0, 1, 0, 1, 0), 0.6041864282756008),
    ((0, 1, 1, 0, 0), 0.39142549906150903),
    ((0, 2, 0, 0, 0), 0.03810611497492522),
    ((1, 1, 0, 0, 0), 0.6304043946137731),
    ((42, 21, 364, 4999, 3), 0.35054337032559946),
    ((2**63 - 1, 25, 36499, 19_999_999, 0), 0.41389840660479116),
]
NORMAL_PINS = [
    ((0, 1, 0, 0, 0), 0.4426527350854362),
    ((0, 1, 0, 0, 1), -0.9531620060286874),
    ((0, 2, 0, 0, 0), -2.2220034163723015),
    ((42, 21, 364, 4999, 3), 0.15121518231875677),
]
LOGNORMAL_PINS = [
    ((0, 1, 0, 0, 0), 3045.2137281295277),
    ((0, 2, 0, 0, 0), 803.5169593612295),
    ((42, 21, 364, 4999, 3), 2632.2850576511055),
]
INTEGER_PINS = [
    ((0, 1, 0, 0, 0), 7, 2),
    ((0, 1, 0, 0, 1), 7, 1),
    ((0, 2, 0, 0, 0), 7, 0),
    ((0, 1, 0, 1, 0), 1_000_003, 604188),
    ((42, 21, 364, 4999, 3), 1_000_003, 350544),
]


@njit
def _uniform_block(seed, stream, day, entity0, k0, n, axis):
    """Serial draws varying one key (0 day, 1 entity, 2 k) from its start value."""
    out = np.empty(n)
    for i in range(n):
        if axis == 0:
            out[i] = uniform(seed, stream, day + i, entity0, k0)
        elif axis == 1:
            out[i] = uniform(seed, stream, day, entity0 + i, k0)
        else:
            out[i] = uniform(seed, stream, day, entity0, k0 + i)
    return out


@njit
def _normal_block(seed, stream, day, n):
    out = np.empty(n)
    for i in range(n):
        out[i] = normal(seed, stream, day, i, 0)
    return out


@njit
def _lognormal_block(seed, stream, day, n, log_mean, log_sd):
    out = np.empty(n)
    for i in range(n):
        out[i] = lognormal(seed, stream, day, i, 0, log_mean, log_sd)
    return out


@njit
def _integer_block(seed, stream, day, n, outcomes):
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        out[i] = integer_below(seed, stream, day, i, 0, outcomes)
    return out


@njit
def _fill_serial(seed, stream, day, n):
    out = np.empty(n)
    for i in range(n):
        out[i] = uniform(seed, stream, day, i, 0)
    return out


@njit(parallel=True)
def _fill_parallel(seed, stream, day, n):
    out = np.empty(n)
    for i in prange(n):
        out[i] = uniform(seed, stream, day, i, 0)
    return out


def _entities(seed: int, stream: int, day: int = 0, n: int = N_DRAWS) -> np.ndarray:
    return _uniform_block(seed, stream, day, 0, 0, n, 1)


@pytest.mark.parametrize(("keys", "expected"), UNIFORM_PINS)
def test_uniform_known_answers(keys, expected):
    """Uniform draws for fixed keys equal the values pinned from this version."""
    assert uniform(*keys) == expected


@pytest.mark.parametrize(("keys", "expected"), NORMAL_PINS)
def test_normal_known_answers(keys, expected):
    """Normal draws for fixed keys match the pinned values."""
    assert math.isclose(normal(*keys), expected, rel_tol=1e-12)


@pytest.mark.parametrize(("keys", "expected"), LOGNORMAL_PINS)
def test_lognormal_known_answers(keys, expected):
    """Log-normal draws (log_mean 7.8, log_sd 0.5) for fixed keys match the pinned values."""
    assert math.isclose(lognormal(*keys, 7.8, 0.5), expected, rel_tol=1e-12)


@pytest.mark.parametrize(("keys", "n", "expected"), INTEGER_PINS)
def test_integer_below_known_answers(keys, n, expected):
    """Integer draws for fixed keys equal the pinned values."""
    assert integer_below(*keys, n) == expected


def test_key_bits_and_mix64_known_answers():
    """The raw hash bits equal the pinned values."""
    assert key_bits(1, 2, 3, 4, 5) == 17089743017402862545
    assert key_bits(0, 0, 0, 0, 0) == 6137703061587064917
    assert mix64(np.uint64(0)) == 0
    assert mix64(np.uint64(1)) == 6238072747940578789
    assert mix64(np.uint64(2**64 - 1)) == 13029008266876403067


def test_uniform_is_scaled_key_bits():
    """A uniform draw is the top 52 hash bits scaled to (0, 1) plus half a unit."""
    for keys in [k for k, _ in UNIFORM_PINS]:
        bits = int(key_bits(*keys))
        assert uniform(*keys) == (bits >> 12) * 2.0**-52 + 2.0**-53


def test_uniform_chi_square():
    """100k uniform draws spread evenly over 50 bins (chi-square below the 99.9% quantile)."""
    draws = _entities(seed=7, stream=int(Stream.PAY_DUE))
    counts, _ = np.histogram(draws, bins=50, range=(0.0, 1.0))
    expected = N_DRAWS / 50
    chi_square = float(np.sum((counts - expected) ** 2 / expected))
    assert chi_square < 85.35  # 99.9% quantile of chi-square with 49 degrees of freedom


@pytest.mark.parametrize("axis", [0, 1, 2])
def test_uniform_chi_square_along_each_key(axis):
    """Draws along days, entities or k are each uniform, not only along entities."""
    draws = _uniform_block(3, 22, 0, 0, 0, N_DRAWS, axis)
    counts, _ = np.histogram(draws, bins=50, range=(0.0, 1.0))
    expected = N_DRAWS / 50
    assert float(np.sum((counts - expected) ** 2 / expected)) < 85.35


def test_uniform_in_open_unit_interval():
    """Uniform draws lie strictly inside (0, 1) and have mean 1/2, variance 1/12."""
    draws = _entities(seed=11, stream=1)
    assert draws.min() > 0.0
    assert draws.max() < 1.0
    assert abs(draws.mean() - 0.5) < 0.005
    assert abs(draws.var() - 1 / 12) < 0.002


def test_uniform_smallest_value_is_positive():
    """Even the all-zero hash bits map to a positive draw (so log(u) is finite)."""
    # k chosen by inverting key_bits so that the hash bits are all zero for (0, 1, 0, 0).
    assert key_bits(0, 1, 0, 0, -8571311283815305987) == 0
    assert uniform(0, 1, 0, 0, -8571311283815305987) == 2.0**-53


def test_uniform_largest_value_is_below_one():
    """Even the all-one hash bits map to a draw strictly below 1."""
    # k chosen by inverting key_bits so that the hash bits are all one for (0, 1, 0, 0).
    assert key_bits(0, 1, 0, 0, -116848450962074691) == 2**64 - 1
    assert uniform(0, 1, 0, 0, -116848450962074691) == 1.0 - 2.0**-53


def test_normal_moments():
    """100k normal draws have mean ~0, sd ~1, no skew and normal tail mass."""
    z = _normal_block(5, int(Stream.INIT_INCOME), 0, N_DRAWS)
    assert np.all(np.isfinite(z))
    assert abs(z.mean()) < 0.015  # sd of the mean is 0.0032
    assert abs(z.std() - 1.0) < 0.01  # sd of the sd is 0.0022
    assert abs(np.mean(z**3)) < 0.04  # skewness, sd ~0.0077
    assert abs(np.mean(np.abs(z) > 1.96) - 0.05) < 0.004  # two-sided 5% tail


def test_lognormal_median_and_spread():
    """Log-normal draws are positive, their median is exp(log_mean) and log sd is log_sd."""
    log_mean, log_sd = 7.8, 0.5
    x = _lognormal_block(5, int(Stream.INIT_PRINCIPAL), 0, N_DRAWS, log_mean, log_sd)
    assert np.all(x > 0)
    assert abs(np.log(np.median(x)) - log_mean) < 0.01
    assert abs(np.log(x).std() - log_sd) < 0.01


def test_lognormal_zero_sd_is_the_median():
    """With log_sd = 0 a log-normal draw is exactly exp(log_mean)."""
    assert lognormal(3, 4, 5, 6, 7, 2.5, 0.0) == math.exp(2.5)


def test_lognormal_is_exp_of_normal():
    """lognormal(..., m, s) equals exp(m + s * normal(...)) for the same keys."""
    for keys in [k for k, _ in NORMAL_PINS]:
        assert math.isclose(lognormal(*keys, 1.0, 0.3), math.exp(1.0 + 0.3 * normal(*keys)))


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def test_streams_are_independent():
    """Draws of stream 1 and stream 2 for the same (day, entity, k) are uncorrelated."""
    assert abs(_correlation(_entities(0, 1), _entities(0, 2))) < 0.02


def test_adjacent_entities_are_independent():
    """Draws of entity i and entity i + 1 are uncorrelated."""
    draws = _uniform_block(0, 1, 0, 0, 0, N_DRAWS + 1, 1)
    assert abs(_correlation(draws[:-1], draws[1:])) < 0.02


def test_adjacent_days_are_independent():
    """Draws of the same entities on day d and day d + 1 are uncorrelated."""
    assert abs(_correlation(_entities(0, 1, day=10), _entities(0, 1, day=11))) < 0.02


def test_adjacent_k_are_independent():
    """Draws k and k + 1 for the same entity are uncorrelated."""
    first = _uniform_block(0, 1, 0, 0, 0, N_DRAWS, 1)
    second = _uniform_block(0, 1, 0, 0, 1, N_DRAWS, 1)
    assert abs(_correlation(first, second)) < 0.02


def test_adjacent_seeds_are_independent():
    """Seeds 0 and 1 give different, uncorrelated sequences."""
    seed0 = _entities(0, 1)
    seed1 = _entities(1, 1)
    assert not np.any(seed0 == seed1)
    assert abs(_correlation(seed0, seed1)) < 0.02


def test_key_positions_are_not_interchangeable():
    """Swapping the values of two keys gives a different draw (keys are not summed)."""
    assert uniform(0, 1, 2, 3, 4) != uniform(0, 2, 1, 3, 4)
    assert uniform(0, 1, 2, 3, 4) != uniform(0, 1, 3, 2, 4)
    assert uniform(0, 1, 2, 3, 4) != uniform(0, 1, 2, 4, 3)
    assert uniform(1, 0, 2, 3, 4) != uniform(0, 1, 2, 3, 4)


def test_serial_and_prange_draws_are_identical():
    """Filling an array under prange gives exactly the serial draws and the Python-loop draws."""
    n = 50_000
    serial = _fill_serial(9, int(Stream.RIGHT_PARTY_CONTACT), 17, n)
    parallel = _fill_parallel(9, int(Stream.RIGHT_PARTY_CONTACT), 17, n)
    assert np.array_equal(serial, parallel)
    for i in (0, 1, 2, 1234, n - 1):
        assert serial[i] == uniform(9, int(Stream.RIGHT_PARTY_CONTACT), 17, i, 0)


def test_integer_below_range_and_coverage():
    """integer_below(..., 7) stays in [0, 7) and hits every value over 10k draws."""
    values = _integer_block(2, int(Stream.INIT_DUE_DAY), 0, 10_000, 7)
    assert values.min() >= 0
    assert values.max() < 7
    counts = np.bincount(values, minlength=7)
    assert np.all(counts > 0)
    assert np.all(np.abs(counts - 10_000 / 7) < 150)  # ~4 sd of a binomial count


@pytest.mark.parametrize("n", [1, 2, 3, 28, 1000])
def test_integer_below_bounds(n):
    """integer_below stays in [0, n) for several n; n = 1 always gives 0."""
    values = _integer_block(4, int(Stream.INIT_PAYDAY), 3, 5_000, n)
    assert values.min() >= 0
    assert values.max() <= n - 1
    if n == 1:
        assert np.all(values == 0)


def test_integer_below_matches_uniform():
    """integer_below is floor(n * uniform) for the same keys."""
    for keys in [k for k, _ in UNIFORM_PINS]:
        assert integer_below(*keys, 28) == math.floor(28 * uniform(*keys))


def test_draws_are_deterministic():
    """The same keys give the same value on repeated calls, from Python and from compiled code."""
    keys = (123, int(Stream.RENEWAL), 40, 77, 2)
    assert uniform(*keys) == uniform(*keys)
    assert normal(*keys) == normal(*keys)
    assert lognormal(*keys, 1.0, 0.5) == lognormal(*keys, 1.0, 0.5)
    assert integer_below(*keys, 13) == integer_below(*keys, 13)
    assert key_bits(*keys) == key_bits(*keys)
    assert np.array_equal(_entities(123, 24, day=40), _entities(123, 24, day=40))
    assert _uniform_block(123, 24, 40, 77, 2, 1, 1)[0] == uniform(*keys)


def test_stream_numbers_are_distinct():
    """Every Stream member has its own number (no aliases), so no two decisions share draws."""
    values = [member.value for member in Stream.__members__.values()]
    assert len(values) == len(set(values))


def test_seed_from_rng_follows_numpy_seeding():
    """Seed sequences give a fixed seed, generators their next draw, None a fresh one."""
    assert seed_from_rng([1, 2]) == seed_from_rng(np.random.SeedSequence([1, 2]))
    assert seed_from_rng([1, 2]) != seed_from_rng([1, 3])
    generator = np.random.default_rng(5)
    first, second = seed_from_rng(generator), seed_from_rng(generator)
    assert first == int(np.random.default_rng(5).integers(SEED_BOUND)) and first != second
    assert seed_from_rng(None) != seed_from_rng(None)
    assert 0 <= seed_from_rng(None) < SEED_BOUND


def test_seed_from_rng_names_what_is_allowed():
    """Something numpy cannot seed from is a clear error."""
    with pytest.raises(ScenarioError, match=r"rng must be an integer seed >= 0.*got 'x'"):
        seed_from_rng("x")
