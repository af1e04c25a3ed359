"""Experimental designs: the varied parameters of a sweep and the points a design visits.

A ``grid`` crosses every parameter's levels; ``lhs`` (Latin hypercube), ``sobol`` (Saltelli's
scheme for Sobol indices) and ``morris`` (elementary-effect trajectories) sample numbers between
each parameter's bounds with SALib, seeded by the sweep's master seed, so a design is the same on
every machine. Integer parameters take the nearest integer to their sampled value.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from arrears.scenario.overrides import ParameterPath

DESIGNS = ("grid", "lhs", "sobol", "morris")
"""Names of the supported experimental designs."""

SENSITIVITY_DESIGNS = ("sobol", "morris")
"""Designs whose results support sensitivity indices (see :mod:`arrears.sweeps.sensitivity`)."""


def cell_value(value: Any) -> Any:
    """A parameter value as a results-table cell: scalars as they are, sequences as JSON text.

    Args:
        value: The parameter value at a design point.

    Returns:
        The cell: a number, string or boolean, or a JSON list for a sequence parameter.
    """
    return json.dumps(list(value)) if isinstance(value, list | tuple) else value


@dataclass(frozen=True)
class Axis:
    """One varied parameter: its levels (grid) or its bounds (sampling designs).

    Attributes:
        parameter: The resolved parameter.
        levels: The values a grid takes, in order; empty for a sampling design.
        labels: A name for each level (for figures), or empty to show the values.
        low: Lower bound of a sampling design, or None.
        high: Upper bound of a sampling design, or None.
    """

    parameter: ParameterPath
    levels: tuple[Any, ...] = ()
    labels: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    @property
    def path(self) -> str:
        """The parameter's dotted path."""
        return self.parameter.path

    @property
    def categorical(self) -> bool:
        """Whether the levels are drawn as categories rather than numbers on a scale.

        Names and sequences are categories; so are labelled numeric levels listed out of
        ascending order (e.g. an attempts cap ``[0, 14, 7, 3]`` labelled ``"no cap", ...``,
        where 0 means none): the sweep's order is then the meaningful one.
        """
        if not self.parameter.numeric:
            return True
        return bool(self.labels) and list(self.levels) != sorted(self.levels)

    def label(self, cell: Any) -> str:
        """How a value of this parameter, as stored in the results table, is shown.

        Args:
            cell: The value (see :func:`cell_value`).

        Returns:
            The level's label if the sweep names its levels, else the value as text.
        """
        names = dict(zip((cell_value(level) for level in self.levels), self.labels, strict=False))
        return names.get(cell, f"{cell:g}" if isinstance(cell, float) else str(cell))


def design_points(
    design: str, axes: tuple[Axis, ...], samples: int, morris_levels: int, seed: int
) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """The points of a design: its sample matrix and each point's parameter values.

    Args:
        design: One of :data:`DESIGNS`.
        axes: The varied parameters (levels for a grid, bounds otherwise).
        samples: LHS points; Sobol base sample N (a power of 2); Morris trajectories.
        morris_levels: Grid levels of a Morris design.
        seed: Seed of SALib's sampler.

    Returns:
        The sample matrix (points × axes, within the bounds; empty columns for a grid) and
        each point's values by path, integer fields rounded to the nearest integer.
    """
    if design == "grid":
        combinations = list(itertools.product(*(axis.levels for axis in axes)))
        return np.zeros((len(combinations), 0)), [
            dict(zip((axis.path for axis in axes), combo, strict=True)) for combo in combinations
        ]
    from SALib.sample import latin, morris, sobol

    problem = salib_problem(axes)
    if design == "lhs":
        matrix = latin.sample(problem, samples, seed=seed)
    elif design == "sobol":
        matrix = sobol.sample(problem, samples, calc_second_order=False, scramble=True, seed=seed)
    else:
        matrix = morris.sample(problem, samples, num_levels=morris_levels, seed=seed)
    points = [
        {
            axis.path: round(float(x)) if axis.parameter.kind is int else float(x)
            for axis, x in zip(axes, row, strict=True)
        }
        for row in matrix
    ]
    return matrix, points


def salib_problem(axes: tuple[Axis, ...]) -> dict[str, Any]:
    """The SALib problem definition of a sampling design's axes.

    Args:
        axes: Axes with bounds.

    Returns:
        ``{"num_vars", "names", "bounds"}`` as SALib's samplers and analysers take it.
    """
    return {
        "num_vars": len(axes),
        "names": [axis.path for axis in axes],
        "bounds": [[axis.low, axis.high] for axis in axes],
    }
