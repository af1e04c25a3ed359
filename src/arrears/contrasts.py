"""Paired contrasts: each design point's relative change against a reference design point.

With common random numbers, replicate ``r`` of every design point of a grid runs on the same
borrowers and draws (the same seed), so the ratio of a metric at a point to its value at the
reference point, replicate by replicate, measures the point's effect without the sampling noise
the two runs share. The change reported is the mean over replicates of
``value / reference value - 1`` with Student's t 95% interval
(:func:`arrears.aggregate.mean_interval`); a replicate whose reference value is 0 has no relative
change and is left out (``n`` counts the replicates used).

The reference of a point takes the reference's levels on the compared parameters and the point's
own levels on the others (e.g. the same staffing), so each comparison holds the rest fixed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from arrears.aggregate import mean_interval
from arrears.designs import cell_value
from arrears.sweep import Sweep

CONTRAST_COLUMNS = ("metric", "mean", "low", "high", "n")
"""Columns of a contrast table after the design point and its parameters."""


def relative_changes(
    sweep: Sweep, results: pd.DataFrame, reference: Mapping[str, Any], metrics: Sequence[str]
) -> pd.DataFrame:
    """Each design point's relative change in some metrics against its reference point.

    Args:
        sweep: A grid sweep (replicates paired by common random numbers).
        results: Its results table.
        reference: The reference level of each compared parameter, by path (levels as in the
            sweep file, e.g. ``{"collectors.strategy": "dpd_order"}``).
        metrics: Summary metrics.

    Returns:
        Columns ``point``, the sweep's paths, then :data:`CONTRAST_COLUMNS`: one row per metric
        and compared point (every point but the reference points), in design order; ``mean``,
        ``low`` and ``high`` are fractions (0.2 is +20%).
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
    tables = []
    for metric in metrics:
        before = paired[f"{metric}_reference"].astype(float)
        change = paired[metric] / before.where(before != 0) - 1
        table = mean_interval(paired[keys].assign(change=change), keys, "change")
        tables.append(table.assign(metric=metric))
    return pd.concat(tables, ignore_index=True).sort_values(["point"], kind="stable")[
        [*keys, *CONTRAST_COLUMNS]
    ]


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
