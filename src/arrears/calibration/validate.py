"""Validation of a calibration: the baseline against public figures, and each mechanism's sign.

``arrears validate`` runs the baseline scenario and one scenario per direction check (see
:mod:`arrears.calibration.targets`) on the same seeds, then checks:

- **targets**: the model value is the baseline's mean across seeds with its 95% t interval; a
  target passes when the mean lies within the public figure widened by the tolerance, and is
  *not modelled yet* when the model lacks its measure;
- **directions**: the observed sign is that of the 95% interval of the paired differences
  (changed minus baseline, seed by seed): ``+`` or ``-`` when it excludes zero, ``0``
  (inconclusive) when it does not; a direction passes when that is the expected sign;
- **steadiness**: the baseline run for several recorded years on the same seeds; each yearly
  figure stays within :data:`arrears.calibration.steadiness.STEADY_BOUND` of the first year's
  (:func:`arrears.calibration.steadiness.judge`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from arrears.calibration.steadiness import (
    DAYS_PER_YEAR,
    STEADY_YEARS,
    FigureSteadiness,
    drift,
    judge,
)
from arrears.calibration.targets import DIRECTIONS, Direction, Target, targets_for
from arrears.scenario.scenario import Scenario
from arrears.sweeps.aggregate import mean_interval
from arrears.sweeps.backends import Backend
from arrears.sweeps.definition import RunSpec, derive_seed
from arrears.sweeps.runner import run_specs

BASELINE = "baseline"
"""Label of the baseline arm (the unchanged scenario)."""


def arms(directions: Sequence[Direction] = DIRECTIONS) -> list[tuple[str, Mapping[str, Any]]]:
    """The scenarios to run: the baseline, then each direction's change.

    Args:
        directions: The direction checks.

    Returns:
        ``(label, changes)`` per arm.
    """
    return [(BASELINE, {}), *((d.rule, d.changes) for d in directions)]


def plan_runs(
    base: Scenario, seeds: int, master_seed: int, directions: Sequence[Direction] = DIRECTIONS
) -> list[RunSpec]:
    """Every run of a validation: each arm on the same seeds (paired by replicate).

    Args:
        base: The baseline scenario.
        seeds: Replicates per arm.
        master_seed: Seed the run seeds derive from (see
            :func:`arrears.sweeps.definition.derive_seed`).
        directions: The direction checks.

    Returns:
        The runs; ``point`` is the arm's index in :func:`arms`.

    Raises:
        ScenarioError: If a direction's change is not a valid scenario; before anything runs.
    """
    specs = []
    for arm, (_, changes) in enumerate(arms(directions)):
        scenario = base.with_overrides(changes)
        for replicate in range(seeds):
            seed = derive_seed(master_seed, replicate)
            specs.append(
                RunSpec(
                    run_id=arm * seeds + replicate,
                    point=arm,
                    replicate=replicate,
                    seed=seed,
                    values={},
                    scenario=dataclasses.replace(
                        scenario, run=dataclasses.replace(scenario.run, seed=seed)
                    ),
                )
            )
    return specs


def steady_runs(base: Scenario, seeds: int, master_seed: int, years: int) -> list[RunSpec]:
    """The baseline run for ``years`` recorded years, on the seeds of :func:`plan_runs`.

    Args:
        base: The baseline scenario.
        seeds: Replicates.
        master_seed: Seed the run seeds derive from.
        years: Recorded years of :data:`arrears.calibration.steadiness.DAYS_PER_YEAR` days.

    Returns:
        The runs; ``point`` is 0.
    """
    long_run = base.with_overrides({"run.days": years * DAYS_PER_YEAR})
    return plan_runs(long_run, seeds, master_seed, directions=())


def needed_measures(
    targets: Iterable[Target], directions: Iterable[Direction] = DIRECTIONS
) -> list[str]:
    """The measures the tables compare, without repeats."""
    return list(dict.fromkeys([*(t.measure for t in targets), *(d.measure for d in directions)]))


def run_measures(row: Mapping[str, Any], measures: Iterable[str]) -> dict[str, float]:
    """The measures one run produces.

    Args:
        row: The run's results row (run-summary keys and values).
        measures: The measures wanted; those the model does not produce are left out.

    Returns:
        ``{measure: value}``.
    """
    return {name: float(row[name]) for name in measures if name in row}


@dataclass(frozen=True)
class Estimate:
    """A mean across seeds and its 95% t interval.

    Attributes:
        mean: The mean.
        low: Lower end of the interval.
        high: Upper end of the interval.
    """

    mean: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Estimate:
        """The estimate from per-seed values (see :func:`.aggregate.mean_interval`)."""
        frame = pd.DataFrame({"group": 0, "value": list(values)})
        row = mean_interval(frame, ["group"], "value").iloc[0]
        return cls(float(row["mean"]), float(row["low"]), float(row["high"]))

    @property
    def sign(self) -> int:
        """``+1`` or ``-1`` if the interval excludes zero on that side, else 0."""
        return 1 if self.low > 0 else -1 if self.high < 0 else 0


@dataclass(frozen=True)
class TargetResult:
    """A target checked.

    Attributes:
        target: The target.
        estimate: The model's value across seeds, or None if the model lacks the measure.
        status: ``pass``, ``FAIL``, ``not modelled yet`` or ``no figure``.
    """

    target: Target
    estimate: Estimate | None
    status: str


@dataclass(frozen=True)
class DirectionResult:
    """A direction checked.

    Attributes:
        direction: The direction.
        baseline: The measure in the baseline arm.
        changed: The measure with the rule changed.
        difference: Changed minus baseline, paired by seed.
    """

    direction: Direction
    baseline: Estimate
    changed: Estimate
    difference: Estimate

    @property
    def passed(self) -> bool:
        """Whether the paired difference has the expected sign, beyond noise."""
        return self.difference.sign == self.direction.expected


@dataclass(frozen=True)
class Validation:
    """The outcome of a validation.

    Attributes:
        targets: Every target, checked or listed as not modelled yet.
        directions: Every direction, checked.
        seeds: Replicates per arm.
        runs: One row per run: ``arm``, ``replicate``, ``seed`` and every measure produced.
        steadiness: Every figure's drift over the baseline's recorded years; empty when not
            checked.
    """

    targets: tuple[TargetResult, ...]
    directions: tuple[DirectionResult, ...]
    seeds: int
    runs: pd.DataFrame
    steadiness: tuple[FigureSteadiness, ...] = ()

    @property
    def failed_targets(self) -> list[TargetResult]:
        """The targets the model misses."""
        return [result for result in self.targets if result.status == "FAIL"]

    @property
    def failed_directions(self) -> list[DirectionResult]:
        """The directions not observed as expected."""
        return [result for result in self.directions if not result.passed]

    @property
    def unsteady(self) -> list[FigureSteadiness]:
        """The figures that moved further than the steadiness bound."""
        return [figure for figure in self.steadiness if not figure.passed]

    @property
    def passed(self) -> bool:
        """Whether every checked target, every direction and every steady figure passed."""
        return not self.failed_targets and not self.failed_directions and not self.unsteady


def evaluate(
    runs: pd.DataFrame,
    targets: Sequence[Target],
    directions: Sequence[Direction] = DIRECTIONS,
    steadiness: Sequence[FigureSteadiness] = (),
) -> Validation:
    """Check the targets and the directions against the runs' measures.

    Args:
        runs: One row per run: ``arm`` (label), ``replicate``, ``seed`` and the measures.
        targets: The targets (the market's, :func:`arrears.calibration.targets.targets_for`).
        directions: The directions (their rules label the arms).
        steadiness: The baseline's steadiness (:func:`arrears.calibration.steadiness.judge`), if
            checked.

    Returns:
        The validation.
    """
    by_arm = {arm: frame.set_index("replicate").sort_index() for arm, frame in runs.groupby("arm")}
    baseline = by_arm[BASELINE]
    target_results = []
    for target in targets:
        if target.measure not in baseline:
            target_results.append(TargetResult(target, None, "not modelled yet"))
            continue
        estimate = Estimate.of(baseline[target.measure])
        if not target.has_figure:
            status = "no figure"
        else:
            status = "pass" if target.accepted(estimate.mean) else "FAIL"
        target_results.append(TargetResult(target, estimate, status))
    direction_results = []
    for direction in directions:
        before = baseline[direction.measure]
        after = by_arm[direction.rule][direction.measure]
        direction_results.append(
            DirectionResult(
                direction,
                Estimate.of(before),
                Estimate.of(after),
                Estimate.of((after - before).to_numpy()),
            )
        )
    seeds = int(runs["replicate"].nunique())
    return Validation(
        tuple(target_results), tuple(direction_results), seeds, runs, tuple(steadiness)
    )


def per_run_table(results: Iterable[tuple[str, RunSpec, dict[str, float]]]) -> pd.DataFrame:
    """The per-run measures as a table, sorted by arm order and replicate.

    Args:
        results: ``(arm label, run, measures)`` per run.

    Returns:
        Columns ``arm``, ``replicate``, ``seed`` and one per measure.
    """
    rows = [
        {"run_id": spec.run_id, "arm": arm, "replicate": spec.replicate, "seed": spec.seed} | found
        for arm, spec, found in results
    ]
    return pd.DataFrame(rows).sort_values("run_id").drop(columns="run_id").reset_index(drop=True)


def run_validation(
    scenario: Scenario,
    seeds: int,
    master_seed: int,
    backend: Backend,
    steady_years: int = STEADY_YEARS,
    directions: Sequence[Direction] = DIRECTIONS,
    progress: bool = False,
) -> Validation:
    """Run a market's validation: its targets, the directions and its steadiness.

    Args:
        scenario: The baseline scenario; its market names the targets
            (:func:`arrears.calibration.targets.targets_for`).
        seeds: Replicates per arm (at least 2).
        master_seed: Seed the run seeds derive from.
        backend: Where the runs run.
        steady_years: Recorded years of the steadiness runs; 0 skips them.
        directions: The direction checks.
        progress: Whether to show progress bars.

    Returns:
        The validation.

    Raises:
        ScenarioError: If a direction's change is not a valid scenario; before anything runs.
    """
    specs = plan_runs(scenario, seeds, master_seed, directions)
    labels = [label for label, _ in arms(directions)]
    targets = targets_for(scenario.market)
    measures = needed_measures(targets, directions)
    collected = []
    with tqdm(total=len(specs), desc="validate", unit="run", disable=not progress) as bar:
        for result in run_specs(specs, backend):
            spec = specs[result.run_id]
            collected.append((labels[spec.point], spec, run_measures(result.row, measures)))
            bar.update()
    drifts = []
    if steady_years:
        long_runs = steady_runs(scenario, seeds, master_seed, steady_years)
        with tqdm(total=len(long_runs), desc="steadiness", unit="run", disable=not progress) as bar:
            for result in run_specs(long_runs, backend, series_block_days=1):
                assert result.series is not None
                drifts.append(drift(result.series))
                bar.update()
    steadiness = judge(drifts) if drifts else ()
    return evaluate(per_run_table(collected), targets, directions, steadiness)
