"""Calibration: search a few free parameters so the baseline meets its public figures.

The calibration targets are a market's targets (:func:`arrears.calibration.targets.targets_for`)
named in :data:`CALIBRATED_MEASURES` (stocks, flows and contact effort the free parameters move;
the others are inputs set from public figures or outputs left to validation). A candidate's
**loss** is the sum over those targets of ``(gap / tolerance)**2``, where ``gap`` is the distance
from the mean
across seeds to the figure's range (:meth:`~arrears.calibration.targets.Target.gap`): a loss
below 1 on every target is a pass on every target.

The search is Nelder–Mead (SciPy) on the unit cube of the free parameters' bounds, started at
the scenario's own values, on common random numbers (every candidate runs the same seeds, so a
difference between two candidates is the parameters' doing, not sampling noise). Every
evaluation is kept, and the best one wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from arrears.calibration.targets import Target, targets_for
from arrears.calibration.validate import Estimate, run_measures
from arrears.scenario.fields import ScenarioError
from arrears.scenario.overrides import resolve_path
from arrears.scenario.scenario import Scenario
from arrears.sweeps.definition import RunSpec, derive_seed
from arrears.sweeps.runner import Runner


@dataclass(frozen=True)
class FreeParameter:
    """A parameter the calibration may move, within bounds.

    Attributes:
        path: Scenario path (``section.field``).
        low: Lowest value tried.
        high: Highest value tried.
        moves: What it mainly moves, in words (documentation for the fit table).
    """

    path: str
    low: float
    high: float
    moves: str


FREE_PARAMETERS: tuple[FreeParameter, ...] = (
    FreeParameter(
        "population.essentials_share",
        0.45,
        0.75,
        "how many borrowers fall short of an instalment: the 30+ DPD stock",
    ),
    FreeParameter(
        "behaviour.plan_logit",
        -3.5,
        2.0,
        "how many short borrowers take a plan instead of rolling to charge-off",
    ),
    FreeParameter(
        "behaviour.lost_contact_logit",
        -14.0,
        -6.0,
        "how many delinquent borrowers stop answering: right-party contacts per attempt",
    ),
)
"""The free parameters: each has no public figure of its own, and moves a target.

The charge-off target's tolerance leaves plan take-up weakly identified, and an unbounded fit
drove it to log-odds -4.9, where almost no borrower short of an instalment takes a plan and
offering none no longer changes charge-offs. The lower bound -3.5 keeps plans a live mechanism
(about 1,500 accepted a year per 20,000 accounts at -3), since the claims the framework tests
(forbearance, friendly collection) act through them."""

CALIBRATED_MEASURES: tuple[str, ...] = (
    "delinquency_30p_share",
    "delinquency_90p_share",
    "charge_off_rate",
    "rpc_rate",
    "call_attempts_per_account_called",
)
"""Measures of the targets the calibration fits."""


def calibration_targets(market: str) -> tuple[Target, ...]:
    """The targets a named market's calibration fits, each with a figure and a tolerance > 0.

    See :func:`arrears.calibration.targets.targets_for`.
    """
    return tuple(t for t in targets_for(market) if t.measure in CALIBRATED_MEASURES)


def check_free_parameters(base: Scenario, free: Sequence[FreeParameter]) -> None:
    """Fail before any run if a free parameter is not a number field or its bounds are invalid.

    Args:
        base: The baseline scenario.
        free: The free parameters.

    Raises:
        ScenarioError: Naming the parameter and what is wrong.
    """
    for parameter in free:
        if not resolve_path(parameter.path).numeric:
            raise ScenarioError(f"free parameter {parameter.path} must be a number field")
        if parameter.low >= parameter.high:
            raise ScenarioError(
                f"free parameter {parameter.path}: low must be < high, got "
                f"{parameter.low} >= {parameter.high}"
            )
        base.with_overrides({parameter.path: parameter.low})
        base.with_overrides({parameter.path: parameter.high})


def loss(means: Mapping[str, float], targets: Sequence[Target]) -> float:
    """Sum of squared gaps in tolerances: below 1 per target is a pass on it.

    Args:
        means: Mean across seeds of each measure.
        targets: The calibration targets (tolerance > 0).

    Returns:
        The loss (dimensionless).
    """
    return float(sum((t.gap(means[t.measure]) / t.tolerance) ** 2 for t in targets))


@dataclass(frozen=True)
class Evaluation:
    """One candidate.

    Attributes:
        values: Its free parameters' values, by path.
        means: The mean of each calibrated measure across seeds.
        loss: Its loss (see :func:`loss`).
    """

    values: dict[str, float]
    means: dict[str, float]
    loss: float


Evaluator = Callable[[dict[str, float]], dict[str, float]]
"""Maps parameter values to the mean of each calibrated measure across seeds."""


def model_evaluator(
    base: Scenario, seeds: int, master_seed: int, run: Runner
) -> tuple[Evaluator, Callable[[dict[str, float]], dict[str, Estimate]]]:
    """The model as an evaluator: run the baseline with given values on fixed seeds.

    Args:
        base: The baseline scenario.
        seeds: Replicates per candidate (the same seeds for every candidate).
        master_seed: Seed the run seeds derive from.
        run: Runs a batch of runs (:func:`arrears.sweeps.runner.runner`).

    Returns:
        ``(means, estimates)``: the evaluator, and a function giving the mean and 95% interval
        of each measure (for the fit table).
    """
    measures = [t.measure for t in calibration_targets(base.market)]

    def per_run(values: dict[str, float]) -> pd.DataFrame:
        scenario = base.with_overrides(values)
        specs = []
        for replicate in range(seeds):
            seed = derive_seed(master_seed, replicate)
            settings = dataclasses.replace(scenario.run, seed=seed)
            specs.append(
                RunSpec(
                    run_id=replicate,
                    point=0,
                    replicate=replicate,
                    seed=seed,
                    values=values,
                    scenario=dataclasses.replace(scenario, run=settings),
                )
            )
        return pd.DataFrame([run_measures(result.row, measures) for result in run(specs)])

    def means(values: dict[str, float]) -> dict[str, float]:
        return {str(name): float(value) for name, value in per_run(values).mean().items()}

    def estimates(values: dict[str, float]) -> dict[str, Estimate]:
        frame = per_run(values)
        return {name: Estimate.of(frame[name]) for name in measures}

    return means, estimates


def search(
    evaluate: Evaluator,
    targets: Sequence[Target],
    start: Mapping[str, float],
    free: Sequence[FreeParameter],
    budget: int,
    on_evaluation: Callable[[Evaluation], None] | None = None,
) -> list[Evaluation]:
    """Nelder–Mead on the unit cube of the free parameters, from a start point.

    Args:
        evaluate: Parameter values to mean measures.
        targets: The targets the loss sums over (see :func:`calibration_targets`).
        start: Starting values (clipped into the bounds).
        free: The free parameters.
        budget: Most evaluations of the model.
        on_evaluation: Called after each evaluation (e.g. a progress bar).

    Returns:
        Every evaluation, in the order made (the first is the start).
    """
    low = np.array([p.low for p in free])
    span = np.array([p.high - p.low for p in free])
    history: list[Evaluation] = []

    def values_at(unit: np.ndarray) -> dict[str, float]:
        point = low + span * np.clip(unit, 0.0, 1.0)
        return {p.path: round(float(x), 4) for p, x in zip(free, point, strict=True)}

    def objective(unit: np.ndarray) -> float:
        values = values_at(unit)
        for seen in history:
            if seen.values == values:
                return seen.loss
        if len(history) >= budget:
            return float("inf")
        means = evaluate(values)
        evaluation = Evaluation(values, means, loss(means, targets))
        history.append(evaluation)
        if on_evaluation is not None:
            on_evaluation(evaluation)
        return evaluation.loss

    start_unit = np.clip((np.array([start[p.path] for p in free]) - low) / span, 0.0, 1.0)
    # First steps a quarter of each range, toward the range's middle.
    steps = 0.25 * np.where(start_unit < 0.5, 1.0, -1.0)
    simplex = [
        start_unit,
        *(start_unit + steps[i] * np.eye(len(free))[i] for i in range(len(free))),
    ]
    minimize(
        objective,
        start_unit,
        method="Nelder-Mead",
        bounds=[(0.0, 1.0)] * len(free),
        options={"initial_simplex": np.array(simplex), "maxfev": budget, "xatol": 1e-3},
    )
    return history


def best(history: Sequence[Evaluation]) -> Evaluation:
    """The evaluation with the lowest loss (the earliest among ties)."""
    return min(history, key=lambda evaluation: evaluation.loss)


def history_table(history: Sequence[Evaluation]) -> pd.DataFrame:
    """Every evaluation as a row: its number, parameter values, mean measures and loss."""
    return pd.DataFrame(
        [
            {"evaluation": i, **evaluation.values, **evaluation.means, "loss": evaluation.loss}
            for i, evaluation in enumerate(history)
        ]
    )
