"""Mesa's side of the model: what Mesa's tools pass to a CollectionMarket and read from it.

A :class:`~arrears.market.model.CollectionMarket` takes Mesa 3's constructor arguments (``rng``,
or ``seed`` as before, and parameters as keywords) and turns them into the scenario it runs
(:func:`scenario_to_run`); its ``DataCollector`` reports the day's series and, once the run has
ended, the run summary (:func:`model_reporters`), so ``mesa.batch_run`` gives one row per run.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from arrears.market.engines import Engine
from arrears.market.rng import seed_from_rng
from arrears.market.series import SERIES_COLUMNS
from arrears.market.summary import summary
from arrears.scenario.fields import ScenarioError
from arrears.scenario.overrides import keyword_overrides
from arrears.scenario.scenario import Scenario

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket

SeedArgument = (
    int
    | np.integer
    | Sequence[int]
    | np.random.SeedSequence
    | np.random.Generator
    | np.random.BitGenerator
    | None
)
"""What Mesa takes as a model's ``rng`` (or, formerly, ``seed``)."""


class ScenarioSeed(enum.Enum):
    """Marks a seed argument not given (``None`` means "a fresh seed", as in Mesa)."""

    SCENARIO_SEED = "the scenario's run.seed"


SCENARIO_SEED = ScenarioSeed.SCENARIO_SEED
"""Default of ``rng`` and ``seed``: the run uses the scenario's ``run.seed``."""

SUMMARY_PREFIX = "summary_"
"""Prefix of the DataCollector columns holding the run summary (the daily series has most of
the same names, each for one day)."""


def model_reporters(model: CollectionMarket) -> dict[str, Callable[[CollectionMarket], float]]:
    """The DataCollector's model reporters: the day's series, the summary, the seed.

    Args:
        model: The model (its summary's measure names are read off it before day 0).

    Returns:
        One reporter per series column (the day's value), per summary measure (as
        ``summary_<measure>``: NaN until the run has ended) and ``seed`` (the run seed).
    """
    measures = summary(model)
    return {
        **{name: _series_reporter(name) for name in SERIES_COLUMNS},
        **{SUMMARY_PREFIX + name: _summary_reporter(name) for name in measures},
        "seed": lambda model: model.parameters.run.seed,
    }


def scenario_to_run(
    scenario: Scenario | None,
    engine: Engine | None,
    rng: SeedArgument | ScenarioSeed,
    seed: SeedArgument | ScenarioSeed,
    fields: dict[str, Any],
) -> Scenario:
    """The scenario a :class:`~arrears.market.model.CollectionMarket` runs, from its arguments.

    Args:
        scenario: The scenario to start from; the parameter defaults if None.
        engine: ``run.engine``, if given.
        rng: The run seed as Mesa's ``rng`` takes it, or :data:`SCENARIO_SEED`.
        seed: The same under Mesa's former name (give one of ``rng`` and ``seed``).
        fields: Parameters by keyword (see :func:`arrears.scenario.overrides.keyword_overrides`).

    Returns:
        The validated scenario, with the run seed it will use.

    Raises:
        ScenarioError: If ``scenario`` is not a Scenario, on a bad keyword or value, or if the
            engine or the seed is given both as an argument and as a field, or if both ``rng``
            and ``seed`` are given.
    """
    if scenario is not None and not isinstance(scenario, Scenario):
        raise ScenarioError(
            f"scenario must be an arrears Scenario or None, got {type(scenario).__name__}; "
            "give parameters as keywords, e.g. CollectionMarket(n_accounts=2000)"
        )
    seed = _one_seed(rng, seed)
    overrides = keyword_overrides(fields)
    if engine is not None:
        _set_once(overrides, "run.engine", engine, "engine")
    if seed is not SCENARIO_SEED:
        _set_once(overrides, "run.seed", seed if _is_integer(seed) else seed_from_rng(seed), "rng")
    start = Scenario() if scenario is None else scenario
    return start.with_overrides(overrides) if overrides else start


def _one_seed(
    rng: SeedArgument | ScenarioSeed, seed: SeedArgument | ScenarioSeed
) -> SeedArgument | ScenarioSeed:
    """The seed argument given, ``rng`` or ``seed`` (not both, as in Mesa)."""
    if rng is not SCENARIO_SEED and seed is not SCENARIO_SEED:
        raise ScenarioError(f"give rng or seed, not both (got rng={rng!r}, seed={seed!r})")
    return seed if rng is SCENARIO_SEED else rng


def _set_once(overrides: dict[str, Any], path: str, value: Any, argument: str) -> None:
    """Add the override an argument gives, unless a keyword already gave that field."""
    if path in overrides:
        raise ScenarioError(
            f"{path} is given twice: as {argument}= and as {path.replace('.', '__')}="
        )
    overrides[path] = value


def _is_integer(value: object) -> bool:
    """Whether a seed argument is one integer (used as the run seed as it is)."""
    return isinstance(value, int | np.integer)


def _series_reporter(name: str) -> Callable[[CollectionMarket], float]:
    """A DataCollector model reporter for one series column of the day's record."""

    def report(model: CollectionMarket) -> float:
        return model.record[name]

    return report


def _summary_reporter(name: str) -> Callable[[CollectionMarket], float]:
    """A DataCollector model reporter for one summary measure: NaN until the run has ended."""

    def report(model: CollectionMarket) -> float:
        ended = model.ended_summary()
        return math.nan if ended is None else ended[name]

    return report
