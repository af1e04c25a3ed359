"""Sensitivity indices of a finished Sobol or Morris sweep (via SALib).

Each design point's output is the mean of a metric over its replicates. A Sobol sweep gives
first-order (``S1``) and total (``ST``) indices — the share of the output's variance due to a
parameter alone, and with all its interactions — with 95% bootstrap intervals; second-order
indices are not computed (the design has ``N × (parameters + 2)`` points). A Morris sweep gives
``mu_star`` (mean absolute elementary effect, in the metric's units per unit of the parameter's
range; with its 95% bootstrap interval) and ``sigma`` (their spread: non-linearity and
interactions).

A metric that takes the same value at every point has no variance to apportion; it is reported
as skipped rather than analysed.

The mapping onto SALib, for anyone repeating an analysis with it directly: the ``problem`` has the
varied paths as ``names`` and their ranges as ``bounds``; the design is SALib's sampler with
``N = samples`` (Sobol: ``calc_second_order=False, scramble=True``; Morris: ``num_levels =
morris_levels``) and ``seed`` = the sweep's master seed; design point ``k`` (the results'
``point``) is row ``k`` of the sample matrix; ``Y`` is each point's mean over its replicates in
point order; ``analyze`` gets the same seed for its bootstrap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from SALib.analyze import morris, sobol

from arrears.scenario.fields import ScenarioError
from arrears.sweeps.definition import Sweep
from arrears.sweeps.designs import SENSITIVITY_DESIGNS, cell_value, salib_problem

INDEX_COLUMNS = ("metric", "parameter", "index", "value", "conf", "bootstrap_seed")
"""Columns of the tidy indices table."""


def point_means(sweep: Sweep, results: pd.DataFrame, metric: str) -> np.ndarray:
    """A metric's mean over replicates at each design point, in design order.

    Args:
        sweep: The sweep.
        results: Its results table.
        metric: A summary metric.

    Returns:
        float64[point].

    Raises:
        ScenarioError: If the results do not hold every point of this sweep's design, with the
            parameter values the design gives (e.g. a store sampled by another SALib version).
    """
    if metric not in results:
        raise ScenarioError(
            f"metric {metric!r} is not in the results; allowed: "
            f"{', '.join(c for c in results.columns if c not in ('run_id', 'point'))}"
        )
    first = results.sort_values("run_id").groupby("point").first()
    if len(first) != len(sweep.points):
        raise ScenarioError(
            f"the results hold {len(first)} design points, the sweep has {len(sweep.points)}"
        )
    for path in sweep.paths:
        expected = [cell_value(values[path]) for values in sweep.points]
        if list(first[path]) != expected:
            raise ScenarioError(
                f"the stored values of {path} differ from this sweep's design; the results were "
                "sampled differently (another SALib version?) and cannot be analysed with it"
            )
    means = results.groupby("point")[metric].mean().sort_index()
    return means.to_numpy(np.float64)


def indices(sweep: Sweep, results: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """Sobol or Morris indices of several metrics, as one tidy table.

    Args:
        sweep: A sweep with design ``sobol`` or ``morris``.
        results: Its results table.
        metrics: Summary metrics to analyse.

    Returns:
        Columns :data:`INDEX_COLUMNS`: one row per metric, parameter and index (``S1``, ``ST``
        for Sobol; ``mu_star``, ``sigma`` for Morris); ``conf`` is the half-width of the 95%
        bootstrap interval (NaN for ``sigma``; SALib's default 100 resamples);
        ``bootstrap_seed`` is the seed of those resamples, the sweep's master seed (the one its
        sampler used too), so the intervals can be recomputed exactly. Metrics that are constant
        over the design are left out.

    Raises:
        ScenarioError: If the design is not a sensitivity design, or a metric is unknown.
    """
    design = sweep.settings.design
    if design not in SENSITIVITY_DESIGNS:
        raise ScenarioError(
            f"sensitivity indices need design 'sobol' or 'morris'; this sweep's is {design!r}"
        )
    problem = salib_problem(sweep.axes)
    seed = sweep.settings.seed
    rows = []
    for metric in metrics:
        y = point_means(sweep, results, metric)
        if np.ptp(y) == 0:
            continue
        if design == "sobol":
            found = sobol.analyze(problem, y, calc_second_order=False, seed=seed)
            pairs = (("S1", "S1_conf"), ("ST", "ST_conf"))
        else:
            found = morris.analyze(
                problem, sweep.samples, y, num_levels=sweep.settings.morris_levels, seed=seed
            )
            pairs = (("mu_star", "mu_star_conf"), ("sigma", ""))
        for i, parameter in enumerate(sweep.paths):
            for index, conf in pairs:
                rows.append(
                    {
                        "metric": metric,
                        "parameter": parameter,
                        "index": index,
                        "value": float(found[index][i]),
                        "conf": float(found[conf][i]) if conf else float("nan"),
                        "bootstrap_seed": seed,
                    }
                )
    return pd.DataFrame(rows, columns=list(INDEX_COLUMNS))
