"""Aggregating replicate runs: the mean of a metric and its 95% confidence interval.

Replicates of a design point differ only in their seed, so their spread is the model's sampling
noise. The interval reported is Student's t interval for the mean over replicates,
``mean ± t(0.975, n - 1) · sd / √n``; with one replicate it is undefined (NaN), and figures then
draw the mean alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95
"""Coverage of the intervals drawn and reported across seeds."""


def mean_interval(frame: pd.DataFrame, by: Sequence[str], value: str) -> pd.DataFrame:
    """The mean of a column and its 95% confidence interval within each group.

    Args:
        frame: Tidy rows (runs, or days of runs).
        by: Grouping columns (e.g. the varied parameters, or ``day``).
        value: The column to aggregate.

    Returns:
        One row per group, sorted by the group keys: the keys, then ``mean``, ``low``,
        ``high`` (the interval; NaN for a single replicate) and ``n``.
    """
    keys = list(by)
    grouped = frame.groupby(keys, sort=True)[value]
    table = pd.DataFrame({"mean": grouped.mean(), "sd": grouped.std(), "n": grouped.count()})
    table = table.reset_index()
    n = table["n"].to_numpy()
    t = np.where(n > 1, stats.t.ppf(0.5 + CONFIDENCE / 2, np.maximum(n - 1, 1)), np.nan)
    half = t * table["sd"].to_numpy() / np.sqrt(n)
    table["low"] = table["mean"] - half
    table["high"] = table["mean"] + half
    return table[[*keys, "mean", "low", "high", "n"]]


def error_bars(table: pd.DataFrame, centre: str = "mean") -> np.ndarray:
    """How far each interval reaches below and above its centre, as error bars take it.

    Args:
        table: Rows with the centre, ``low`` and ``high`` (e.g. from :func:`mean_interval`).
        centre: The column of the estimate the interval is around.

    Returns:
        float64[2, row]: ``centre - low`` and ``high - centre``; 0 where the interval is
        undefined.
    """
    mean = table[centre].to_numpy(float)
    reach = [mean - table["low"].to_numpy(float), table["high"].to_numpy(float) - mean]
    return np.nan_to_num(np.vstack(reach))


def summarise(results: pd.DataFrame, by: Sequence[str], metrics: Sequence[str]) -> pd.DataFrame:
    """Mean and 95% interval of several metrics by group, as one tidy table.

    Args:
        results: A sweep's results table.
        by: Grouping columns, e.g. the varied parameters.
        metrics: Summary metrics to aggregate.

    Returns:
        Columns ``*by, metric, mean, low, high, n``; one row per group and metric.
    """
    return pd.concat(
        [mean_interval(results, by, metric).assign(metric=metric) for metric in metrics],
        ignore_index=True,
    )[[*by, "metric", "mean", "low", "high", "n"]]
