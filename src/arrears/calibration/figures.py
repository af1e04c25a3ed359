"""The figure of ``arrears validate``: targets, rule effects and the market's steadiness."""

from __future__ import annotations

import math
import textwrap

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from arrears.calibration.report import SIGNS
from arrears.calibration.steadiness import STEADY_BOUND
from arrears.calibration.targets import MEASURE_UNITS
from arrears.calibration.validate import DirectionResult, TargetResult, Validation

_COLOURS = {True: "tab:green", False: "tab:red"}


def _target_panel(ax: Axes, result: TargetResult) -> None:
    """One target: the public figure (dark), widened by the tolerance (light), and the model."""
    target, estimate = result.target, result.estimate
    assert estimate is not None
    scale = 100.0 if target.percent else 1.0
    low = target.low if target.low is not None else -math.inf
    high = target.high if target.high is not None else math.inf
    values = [v for v in (low, high, estimate.low, estimate.high) if math.isfinite(v)]
    span = (max(values) - min(values)) or abs(values[0]) or 1.0
    left, right = min(values) - 0.3 * span, max(values) + 0.3 * span
    accepted = (max(low - target.tolerance, left), min(high + target.tolerance, right))
    ax.axvspan(*(scale * x for x in accepted), color="tab:blue", alpha=0.15, label="accepted")
    figure = (max(low, left), min(high, right))
    if figure[0] == figure[1]:
        ax.axvline(scale * figure[0], color="tab:blue", linewidth=2, label="public figure")
    else:
        ax.axvspan(
            *(scale * x for x in figure), color="tab:blue", alpha=0.35, label="public figure"
        )
    ax.errorbar(
        [scale * estimate.mean],
        [0],
        xerr=[[scale * (estimate.mean - estimate.low)], [scale * (estimate.high - estimate.mean)]],
        fmt="o",
        color=_COLOURS[result.status == "pass"],
        capsize=4,
        label="model (95% CI)",
    )
    ax.set_xlim(scale * left, scale * right)
    ax.set_yticks([])
    ax.set_title(f"{target.quantity}: {result.status}", loc="left", fontsize=9)
    unit = MEASURE_UNITS[target.measure]
    ax.set_xlabel(f"% ({unit})" if target.percent else unit, fontsize=8)


def _direction_panel(ax: Axes, result: DirectionResult) -> None:
    """One rule changed: the paired difference in its measure, with its interval and zero."""
    direction, difference = result.direction, result.difference
    ax.errorbar(
        [difference.mean],
        [0],
        xerr=[[difference.mean - difference.low], [difference.high - difference.mean]],
        fmt="o",
        color=_COLOURS[result.passed],
        capsize=4,
    )
    ax.axvline(0, color="grey", linewidth=1)
    reach = max(abs(difference.low), abs(difference.high)) * 1.2 or 1.0
    ax.set_xlim(-reach, reach)
    ax.set_yticks([])
    verdict = "pass" if result.passed else "FAIL"
    ax.set_title(
        textwrap.shorten(f"{verdict} (expected {SIGNS[direction.expected]}): {direction.rule}", 80),
        loc="left",
        fontsize=9,
    )
    ax.set_xlabel(f"change in {direction.measure} ({MEASURE_UNITS[direction.measure]})", fontsize=8)


def _steadiness_panel(ax: Axes, validation: Validation) -> None:
    """Each judged figure's yearly value over its first year's (mean over seeds), in the band."""
    ax.axhspan(100 * (1 - STEADY_BOUND), 100 * (1 + STEADY_BOUND), color="tab:blue", alpha=0.15)
    for figure in validation.steadiness:
        if figure.judged_on is None:
            continue
        style = "-" if figure.judged_on == "every seed" else "--"
        years = range(1, len(figure.mean_by_year) + 1)
        values = [100 * x for x in figure.mean_by_year]
        ax.plot(years, values, style, marker="o", markersize=3, label=figure.figure)
    ax.set_xticks(range(1, max(len(f.mean_by_year) for f in validation.steadiness) + 1))
    ax.set_xlabel("recorded year")
    ax.set_ylabel("% of the first year's value (mean over seeds)")
    ax.legend(fontsize=7, loc="best")


def validation_figure(validation: Validation) -> Figure:
    """Targets (left, one panel each), directions (middle, one panel each) and steadiness.

    Args:
        validation: The validation.

    Returns:
        The figure; the steadiness column only when it was checked.
    """
    checked = [r for r in validation.targets if r.estimate is not None and r.target.has_figure]
    directions = validation.directions
    rows = max(len(checked), len(directions), 1)
    columns = 3 if validation.steadiness else 2
    fig = plt.figure(figsize=(6.5 * columns, 1.15 * rows + 1.0), layout="constrained")
    grid = fig.add_gridspec(1, columns)
    left, right = fig.add_subfigure(grid[0, 0]), fig.add_subfigure(grid[0, 1])
    if validation.steadiness:
        steady = fig.add_subfigure(grid[0, 2])
        steady.suptitle(f"Steadiness: within {STEADY_BOUND:.0%} of the first year (band)")
        _steadiness_panel(steady.add_subplot(1, 1, 1), validation)
    left.suptitle(f"Targets: the model's mean and 95% CI across {validation.seeds} seeds")
    for i, result in enumerate(checked):
        ax = left.add_subplot(len(checked), 1, i + 1)
        _target_panel(ax, result)
        if i == 0:
            ax.legend(fontsize=7, loc="upper right", ncols=3)
    right.suptitle("Directions: change against the baseline, paired by seed (95% CI)")
    for j, effect in enumerate(directions):
        _direction_panel(right.add_subplot(len(directions), 1, j + 1), effect)
    return fig
