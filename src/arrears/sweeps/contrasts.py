"""Paired contrasts: each design point's relative change against a reference design point.

With common random numbers, replicate ``r`` of every design point of a grid runs on the same
borrowers and draws (the same seed), so the ratio of a metric at a point to its value at the
reference point, replicate by replicate, measures the point's effect without the sampling noise
the two runs share.

Ratios are averaged on the log scale, where a halving and a doubling are the same size: the
change reported is the geometric mean of the per-replicate ratios less 1,
``exp(mean(log ratio)) - 1``, with Student's t 95% interval of the mean log ratio, back-
transformed the same way. A ratio cannot fall below 0, so neither can the change nor its
interval fall to -100%: the arithmetic mean of the ratios with a t interval, used before, gave
intervals below -100% for a skewed metric on few replicates (a large cut in complaints: -90.5%
[-107.7, -73.4] on 3 seeds).

A replicate with a zero on either side has no log ratio. Where some do, the point's change is
the ratio of the means over its replicates less 1, ``mean(value) / mean(reference) - 1``, with
the delta method's interval for the log of that ratio (the paired replicates' variances and
covariance), back-transformed; the ``estimator`` column says which was used. Where every
reference value is 0 there is no relative change (NaN; ``n/a`` in printed tables), and where
every compared value is 0 the change is -100% with no interval. A relative change is defined for
metrics that are never negative: a point with a negative value has none (NaN). Replicates with a
missing value on either side are left out; ``n`` counts those used.

The reference of a point takes the reference's levels on the compared parameters and the point's
own levels on the others (e.g. the same staffing), so each comparison holds the rest fixed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from arrears.sweeps.aggregate import CONFIDENCE
from arrears.sweeps.definition import Sweep
from arrears.sweeps.designs import cell_value

CONTRAST_COLUMNS = ("metric", "change", "low", "high", "n", "estimator")
"""Columns of a contrast table after the design point and its parameters."""

GEOMETRIC = "geometric mean of ratios"
RATIO_OF_MEANS = "ratio of means"
NO_ESTIMATE = "undefined"
"""The values of the ``estimator`` column (see the module docstring)."""


def relative_changes(
    sweep: Sweep, results: pd.DataFrame, reference: Mapping[str, Any], metrics: Sequence[str]
) -> pd.DataFrame:
    """Each design point's relative change in some metrics against its reference point.

    Args:
        sweep: A grid sweep (replicates paired by common random numbers).
        results: Its results table.
        reference: The reference level of each compared parameter, by path (levels as in the
            sweep file, e.g. ``{"collectors.strategy": "dpd_order"}``).
        metrics: Summary metrics (never negative).

    Returns:
        Columns ``point``, the sweep's paths, then :data:`CONTRAST_COLUMNS`: one row per metric
        and compared point (every point but the reference points), in design order; ``change``,
        ``low`` and ``high`` are fractions (0.2 is +20%), estimated as the module docstring
        says.
    """
    held = [path for path in sweep.paths if path not in reference]
    at_reference = np.logical_and.reduce(
        [results[path] == cell_value(level) for path, level in reference.items()]
    )
    base = results.loc[at_reference, [*held, "replicate", *metrics]]
    paired = results.loc[~at_reference].merge(
        base, on=[*held, "replicate"], suffixes=("", "_reference"), validate="many_to_one"
    )
    keys = ["point", *sweep.paths]
    rows = []
    for point_keys, pairs in paired.groupby(keys, sort=True):
        for metric in metrics:
            both = pairs[[metric, f"{metric}_reference"]].astype(float).dropna()
            change = paired_change(both[metric].to_numpy(), both[f"{metric}_reference"].to_numpy())
            rows.append({**dict(zip(keys, point_keys, strict=True)), "metric": metric, **change})
    return pd.DataFrame(rows, columns=[*keys, *CONTRAST_COLUMNS])


def paired_change(values: np.ndarray, references: np.ndarray) -> dict[str, Any]:
    """The relative change of paired replicates and its 95% interval (see the module docstring).

    Args:
        values: float64[replicate]: the metric at the compared point (never negative).
        references: float64[replicate]: the metric at the reference point, on the same seeds.

    Returns:
        ``change``, ``low`` and ``high`` (fractions: -0.25 is -25%; an interval is NaN on one
        replicate), ``n`` (replicates) and ``estimator``.
    """
    n = len(values)
    undefined = {"change": math.nan, "low": math.nan, "high": math.nan, "n": n}
    if n == 0 or (values < 0).any() or (references < 0).any():
        return undefined | {"estimator": NO_ESTIMATE}
    if (values > 0).all() and (references > 0).all():
        centre, half = _t_interval(np.log(values) - np.log(references))
        estimator = GEOMETRIC
    else:
        mean_value, mean_reference = values.mean(), references.mean()
        if mean_reference == 0:
            return undefined | {"estimator": NO_ESTIMATE}
        if mean_value == 0:
            return undefined | {"change": -1.0, "estimator": RATIO_OF_MEANS}
        centre = math.log(mean_value / mean_reference)
        half = _t_quantile(n) * _log_ratio_of_means_se(values, references)
        estimator = RATIO_OF_MEANS
    return {
        "change": math.expm1(centre),
        "low": math.expm1(centre - half),
        "high": math.expm1(centre + half),
        "n": n,
        "estimator": estimator,
    }


def _t_quantile(n: int) -> float:
    """Student's t quantile of a two-sided 95% interval on ``n`` replicates (NaN below 2)."""
    return float(stats.t.ppf(0.5 + CONFIDENCE / 2, n - 1)) if n > 1 else math.nan


def _t_interval(samples: np.ndarray) -> tuple[float, float]:
    """The mean of some samples and the half-width of its t interval (NaN for one sample)."""
    n = len(samples)
    spread = float(samples.std(ddof=1)) if n > 1 else math.nan
    return float(samples.mean()), _t_quantile(n) * spread / math.sqrt(n)


def _log_ratio_of_means_se(values: np.ndarray, references: np.ndarray) -> float:
    """The delta method's standard error of ``log(mean(values) / mean(references))``.

    Paired replicates: ``var = (s_v² / v̄² + s_r² / r̄² - 2 s_vr / (v̄ r̄)) / n``, with the sample
    variances and covariance; NaN for one replicate.
    """
    n = len(values)
    if n < 2:
        return math.nan
    covariance = np.cov(values, references, ddof=1)
    v, r = values.mean(), references.mean()
    variance = covariance[0, 0] / v**2 + covariance[1, 1] / r**2 - 2 * covariance[0, 1] / (v * r)
    return math.sqrt(max(variance, 0.0) / n)


def levels_label(sweep: Sweep, values: Mapping[str, Any]) -> str:
    """A short name of some parameters' levels, e.g. ``segmented + 6-month instalment plans``.

    Args:
        sweep: The sweep.
        values: Results-table cells of some varied parameters, by path.

    Returns:
        Each level's label, joined by `` + ``; a number or switch the sweep does not name is
        prefixed by its field's name (``aggressiveness 0.5``).
    """
    parts = []
    for path, cell in values.items():
        axis = sweep.axis(path)
        label = axis.label(cell)
        named = axis.labels or axis.parameter.kind is str
        parts.append(label if named else f"{path.split('.')[-1].replace('_', ' ')} {label}")
    return " + ".join(parts)
