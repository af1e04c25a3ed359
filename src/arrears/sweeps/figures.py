"""Figures of a sweep, drawn from its results table as its ``[[figures]]`` declare.

Every figure shows means over replicate runs with their 95% confidence interval (bands or error
bars; see :mod:`arrears.sweeps.aggregate`), one panel per metric, axes labelled with units; a
contrast figure shows paired relative changes, the geometric mean of the per-seed ratios (see
:mod:`arrears.sweeps.contrasts`). Values are averaged over any varied parameter a figure does not
show, so its interval then also spans those.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from arrears.atomic import write_atomically
from arrears.market.series import SERIES_UNITS
from arrears.market.summary import SUMMARY_UNITS
from arrears.sweeps.aggregate import CONFIDENCE, error_bars, mean_interval
from arrears.sweeps.contrasts import levels_label, relative_changes
from arrears.sweeps.definition import Sweep
from arrears.sweeps.designs import Axis, cell_value
from arrears.sweeps.figure_specs import FigureSpec
from arrears.sweeps.sensitivity import indices

_PANEL_INCHES = (4.4, 3.3)
_MAX_COLUMNS = 3
_DPI = 200
_BAND = f"mean ± {CONFIDENCE:.0%} CI across seeds"


def metric_label(metric: str, units: dict[str, str] = SUMMARY_UNITS) -> str:
    """An axis label for a metric: its name in words and its unit.

    Args:
        metric: Summary metric (or series column, with ``units=SERIES_UNITS``).
        units: Unit of each metric.

    Returns:
        E.g. ``recovery rate`` over ``(share of delinquent exposure)``, on two lines.
    """
    return f"{metric.replace('_', ' ')}\n({units[metric]})"


def _panels(n: int, rows: int | None = None) -> tuple[Figure, list[Axes]]:
    """A figure with ``n`` panels, at most three a row (or ``rows`` rows of ``n / rows``)."""
    columns = min(n, _MAX_COLUMNS) if rows is None else n // rows
    rows = math.ceil(n / columns) if rows is None else rows
    fig, grid = plt.subplots(
        rows,
        columns,
        figsize=(_PANEL_INCHES[0] * columns, _PANEL_INCHES[1] * rows),
        layout="constrained",
        squeeze=False,
    )
    axes = list(grid.flat)
    for unused in axes[n:]:
        unused.set_visible(False)
    return fig, axes[:n]


def _levels(axis: Axis, present: Iterable[Any]) -> list[Any]:
    """The cells of an axis's levels in sweep order (or sorted, for sampled axes)."""
    if axis.levels:
        return [cell_value(level) for level in axis.levels]
    return sorted(set(present))


def _groups(sweep: Sweep, path: str | None, frame: pd.DataFrame) -> list[tuple[str, Any]]:
    """(label, cell) of each level of a grouping parameter; one unnamed group for None."""
    if path is None:
        return [("", None)]
    axis = sweep.axis(path)
    return [(axis.label(cell), cell) for cell in _levels(axis, frame[path])]


def _subset(frame: pd.DataFrame, path: str | None, cell: Any) -> pd.DataFrame:
    return frame if path is None else frame[frame[path] == cell]


def _legend(fig: Figure, ax: Axes, title: str | None) -> None:
    """One legend per figure, in its first panel, when there is more than one line."""
    if ax is fig.axes[0] and ax.get_legend_handles_labels()[0]:
        ax.legend(title=title, fontsize="small", title_fontsize="small")


def effects_figure(spec: FigureSpec, sweep: Sweep, results: pd.DataFrame) -> Figure:
    """Each metric against parameter ``x``: mean and 95% interval, one line per ``hue`` level.

    Categorical ``x`` (names, sequences) gets points with error bars, numeric ``x`` a line with
    a band; points of a sampled design are drawn as the mean of each point.

    Args:
        spec: The figure (kind ``effects``).
        sweep: The sweep.
        results: Its results table.

    Returns:
        The figure.
    """
    assert spec.x is not None
    x_axis = sweep.axis(spec.x)
    fig, axes = _panels(len(spec.metrics))
    hues = _groups(sweep, spec.hue, results)
    by = ["point"] if not x_axis.levels else [spec.x]
    for ax, metric in zip(axes, spec.metrics, strict=True):
        for k, (label, cell) in enumerate(hues):
            rows = _subset(results, spec.hue, cell)
            if not x_axis.levels:
                table = mean_interval(rows, by, metric)
                xs = rows.groupby("point")[spec.x].first().loc[table["point"]].to_numpy()
                ax.plot(xs, table["mean"], "o", ms=3, alpha=0.7, label=label or None)
                continue
            order = _levels(x_axis, rows[spec.x])
            table = mean_interval(rows, by, metric).set_index(spec.x).reindex(order)
            mean, low, high = (table[c].to_numpy(float) for c in ("mean", "low", "high"))
            if x_axis.categorical:
                offset = (k - (len(hues) - 1) / 2) * 0.8 / max(len(hues), 1)
                positions = np.arange(len(order)) + offset
                ax.errorbar(
                    positions,
                    mean,
                    yerr=error_bars(table),
                    fmt="o",
                    capsize=3,
                    label=label or None,
                )
                ax.set_xticks(np.arange(len(order)), [x_axis.label(c) for c in order])
                ax.tick_params(axis="x", labelrotation=30)
            else:
                line = ax.plot(order, mean, marker="o", ms=3, label=label or None)[0]
                ax.fill_between(order, low, high, color=line.get_color(), alpha=0.2, lw=0)
        ax.set_xlabel(x_axis.parameter.label())
        ax.set_ylabel(metric_label(metric))
        _legend(fig, ax, spec.hue)
    seeds = sweep.settings.seeds
    note = _BAND if x_axis.levels else f"each design point's mean over {seeds} seed(s)"
    fig.suptitle(f"{sweep.settings.name}: {note}", fontsize="medium")
    return fig


def _compact(value: float) -> str:
    """A cell annotation of at most about four characters: ``0.246``, ``2.5k``, ``25k``."""
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    if abs(value) >= 1000:
        return f"{value / 1000:.1f}k"
    return f"{value:.3g}"


def heatmap_figure(spec: FigureSpec, sweep: Sweep, results: pd.DataFrame) -> Figure:
    """Each metric's mean over the ``x`` × ``y`` grid, cells annotated with their values.

    With a ``facet``, each metric gets one row of panels, one per level of the facet; each
    panel's colour scale is its own.

    Args:
        spec: The figure (kind ``heatmap``).
        sweep: The sweep (a grid).
        results: Its results table.

    Returns:
        The figure.
    """
    assert spec.x is not None and spec.y is not None
    x_axis, y_axis = sweep.axis(spec.x), sweep.axis(spec.y)
    xs, ys = _levels(x_axis, results[spec.x]), _levels(y_axis, results[spec.y])
    facets = _groups(sweep, spec.facet, results)
    rows = len(spec.metrics) if spec.facet is not None else None
    fig, axes = _panels(len(spec.metrics) * len(facets), rows=rows)
    panels = iter(axes)
    for metric in spec.metrics:
        for facet_label, facet_cell in facets:
            ax = next(panels)
            table = mean_interval(
                _subset(results, spec.facet, facet_cell), [spec.y, spec.x], metric
            )
            grid = table.pivot(index=spec.y, columns=spec.x, values="mean").reindex(
                index=ys, columns=xs
            )
            _draw_heatmap(ax, fig, grid.to_numpy(float), metric)
            ax.set_xticks(range(len(xs)), [x_axis.label(c) for c in xs], rotation=30, ha="right")
            ax.set_yticks(range(len(ys)), [y_axis.label(c) for c in ys])
            ax.set_xlabel(x_axis.parameter.label())
            ax.set_ylabel(y_axis.parameter.label())
            n = int(table["n"].min())
            title = f"mean of {n} seeds" if n > 1 else "one seed"
            if facet_label:
                title = f"{spec.facet} = {facet_label}; {title}"
            ax.set_title(title, fontsize="small")
    fig.suptitle(sweep.settings.name, fontsize="medium")
    return fig


def _draw_heatmap(ax: Axes, fig: Figure, values: np.ndarray, metric: str) -> None:
    """One heatmap panel: the grid of means, each cell annotated, with its colour bar."""
    image = ax.imshow(values, origin="lower", aspect="auto", cmap="viridis")
    middle = np.nanmean(values)
    for (i, j), value in np.ndenumerate(values):
        ax.text(
            j,
            i,
            _compact(value),
            ha="center",
            va="center",
            fontsize="x-small",
            color="white" if value < middle else "black",
        )
    fig.colorbar(image, ax=ax, label=metric_label(metric))


def series_figure(
    spec: FigureSpec, sweep: Sweep, results: pd.DataFrame, series: pd.DataFrame
) -> Figure:
    """Daily series over time: mean and 95% band across runs, by ``hue``, one column per ``facet``.

    Args:
        spec: The figure (kind ``series``).
        sweep: The sweep (it keeps series).
        results: Its results table (for the runs' parameter values).
        series: Its kept daily series.

    Returns:
        The figure.
    """
    columns = [c for c in dict.fromkeys(("run_id", spec.hue, spec.facet)) if c is not None]
    frame = series.merge(results[columns], on="run_id", validate="many_to_one")
    facets = _groups(sweep, spec.facet, frame)
    hues = _groups(sweep, spec.hue, frame)
    rows = len(spec.metrics) if spec.facet is not None else None
    fig, axes = _panels(len(spec.metrics) * len(facets), rows=rows)
    panels = iter(axes)
    for metric in spec.metrics:
        for facet_label, facet_cell in facets:
            ax = next(panels)
            panel = _subset(frame, spec.facet, facet_cell)
            for hue_label, hue_cell in hues:
                table = mean_interval(_subset(panel, spec.hue, hue_cell), ["day"], metric)
                line = ax.plot(table["day"], table["mean"], lw=1.2, label=hue_label or None)[0]
                ax.fill_between(
                    table["day"], table["low"], table["high"], color=line.get_color(), alpha=0.2
                )
            ax.set_xlabel("simulation day")
            ax.set_ylabel(metric_label(metric, SERIES_UNITS))
            if facet_label:
                ax.set_title(f"{spec.facet} = {facet_label}", fontsize="small")
            _legend(fig, ax, spec.hue)
    fig.suptitle(f"{sweep.settings.name}: {_BAND}", fontsize="medium")
    return fig


def indices_figure(spec: FigureSpec, sweep: Sweep, results: pd.DataFrame) -> Figure:
    """Sobol (S1, ST) or Morris (mu*, sigma) indices of each metric, with 95% intervals.

    Args:
        spec: The figure (kind ``indices``).
        sweep: The sweep (design ``sobol`` or ``morris``).
        results: Its results table.

    Returns:
        The figure.
    """
    table = indices(sweep, results, spec.metrics)
    fig, axes = _panels(len(spec.metrics))
    sobol = sweep.settings.design == "sobol"
    for ax, metric in zip(axes, spec.metrics, strict=True):
        rows = table[table["metric"] == metric]
        if rows.empty:
            ax.text(0.5, 0.5, "constant over the design", ha="center", transform=ax.transAxes)
        kinds = list(dict.fromkeys(rows["index"]))
        positions = np.arange(len(sweep.paths))
        for k, kind in enumerate(kinds):
            values = rows[rows["index"] == kind].set_index("parameter").reindex(sweep.paths)
            ax.bar(
                positions + (k - (len(kinds) - 1) / 2) * 0.4,
                values["value"],
                width=0.4,
                yerr=np.nan_to_num(values["conf"].to_numpy(float)),
                capsize=2,
                label=kind,
            )
        ax.set_xticks(positions, sweep.paths, rotation=35, ha="right", fontsize="x-small")
        unit = SUMMARY_UNITS[metric]
        ax.set_ylabel(
            "Sobol index (share of variance)" if sobol else f"Morris index ({unit} per range)"
        )
        ax.set_title(metric.replace("_", " "), fontsize="small")
        _legend(fig, ax, None)
    fig.suptitle(
        f"{sweep.settings.name}: {sweep.settings.design} indices "
        f"({CONFIDENCE:.0%} bootstrap intervals)",
        fontsize="medium",
    )
    return fig


def frontier_figure(spec: FigureSpec, sweep: Sweep, results: pd.DataFrame) -> Figure:
    """Each metric against ``x_metric``, one point per ``along`` level, 95% intervals both ways.

    The points of each ``hue`` level are joined in the order of ``along``'s levels and labelled
    with them, tracing a frontier (e.g. recovery against borrower stress as the tone changes);
    without ``along`` every design point is its own unjoined point.

    Args:
        spec: The figure (kind ``frontier``).
        sweep: The sweep (a grid).
        results: Its results table.

    Returns:
        The figure.
    """
    assert spec.x_metric is not None
    along = sweep.axis(spec.along) if spec.along is not None else None
    by = [spec.along] if spec.along is not None else ["point"]
    fig, axes = _panels(len(spec.metrics))
    hues = _groups(sweep, spec.hue, results)
    for ax, metric in zip(axes, spec.metrics, strict=True):
        for label, cell in hues:
            rows = _subset(results, spec.hue, cell)
            xs = mean_interval(rows, by, spec.x_metric).set_index(by[0])
            ys = mean_interval(rows, by, metric).set_index(by[0])
            if along is not None:
                order = _levels(along, rows[spec.along])
                xs, ys = xs.reindex(order), ys.reindex(order)
            ax.errorbar(
                xs["mean"].to_numpy(float),
                ys["mean"].to_numpy(float),
                xerr=error_bars(xs),
                yerr=error_bars(ys),
                fmt="o-" if along is not None else "o",
                ms=4,
                capsize=2,
                label=label or None,
            )
            if along is not None:
                for level, x, y in zip(xs.index, xs["mean"], ys["mean"], strict=True):
                    ax.annotate(
                        along.label(level),
                        (x, y),
                        xytext=(4, 4),
                        textcoords="offset points",
                        fontsize="x-small",
                    )
        ax.set_xlabel(metric_label(spec.x_metric))
        ax.set_ylabel(metric_label(metric))
        _legend(fig, ax, spec.hue)
    points = f"; points labelled by {spec.along}" if spec.along is not None else ""
    fig.suptitle(f"{sweep.settings.name}: {_BAND}, both axes{points}", fontsize="medium", wrap=True)
    return fig


def contrast_figure(spec: FigureSpec, sweep: Sweep, results: pd.DataFrame) -> Figure:
    """Each metric's relative change against the reference point, paired by seed, 95% interval.

    One row per compared combination of the reference parameters' levels, one marker per
    ``hue`` level (compared within that level), a line at no change.

    Args:
        spec: The figure (kind ``contrast``).
        sweep: The sweep (a grid with common random numbers).
        results: Its results table.

    Returns:
        The figure.
    """
    assert spec.reference is not None
    table = relative_changes(sweep, results, spec.reference, spec.metrics)
    table["arm"] = [
        levels_label(sweep, {path: row[path] for path in spec.reference})
        for row in table.to_dict("records")
    ]
    arms = list(dict.fromkeys(table["arm"]))
    hues = _groups(sweep, spec.hue, results)
    fig, axes = _panels(len(spec.metrics))
    for ax, metric in zip(axes, spec.metrics, strict=True):
        rows = table[table["metric"] == metric]
        for k, (label, cell) in enumerate(hues):
            changes = _subset(rows, spec.hue, cell).set_index("arm").reindex(arms)
            offset = (k - (len(hues) - 1) / 2) * 0.6 / len(hues)
            ax.errorbar(
                100 * changes["change"].to_numpy(float),
                np.arange(len(arms)) + offset,
                xerr=100 * error_bars(changes, centre="change"),
                fmt="o",
                capsize=3,
                label=label or None,
            )
        ax.axvline(0, color="grey", lw=0.8)
        grid_cell = ax.get_subplotspec()
        first_column = grid_cell is None or grid_cell.is_first_col()
        ax.set_yticks(range(len(arms)), arms if first_column else [])
        ax.invert_yaxis()
        ax.set_xlabel(f"change in {metric.replace('_', ' ')}\n(% of the reference)")
    if spec.hue is not None:
        fig.legend(
            *axes[0].get_legend_handles_labels(),
            title=spec.hue,
            loc="outside lower center",
            ncols=len(hues),
            fontsize="small",
            title_fontsize="small",
        )
    baseline = levels_label(sweep, {p: cell_value(v) for p, v in spec.reference.items()})
    seeds = sweep.settings.seeds
    fig.suptitle(
        f"{sweep.settings.name}: change against {baseline}, paired by seed "
        f"(geometric mean of the ratios, {CONFIDENCE:.0%} CI, across {seeds} seeds)",
        fontsize="medium",
        wrap=True,
    )
    return fig


def figure(
    spec: FigureSpec, sweep: Sweep, results: pd.DataFrame, series: pd.DataFrame | None
) -> Figure:
    """Draw one declared figure.

    Args:
        spec: The figure.
        sweep: The sweep.
        results: Its results table.
        series: Its kept daily series, or None when it keeps none.

    Returns:
        The figure.
    """
    if spec.kind == "series":
        assert series is not None
        return series_figure(spec, sweep, results, series)
    draw: dict[str, Callable[[FigureSpec, Sweep, pd.DataFrame], Figure]] = {
        "effects": effects_figure,
        "heatmap": heatmap_figure,
        "indices": indices_figure,
        "frontier": frontier_figure,
        "contrast": contrast_figure,
    }
    return draw[spec.kind](spec, sweep, results)


def draw_figures(
    sweep: Sweep, results: pd.DataFrame, series: pd.DataFrame | None, directory: Path
) -> list[Path]:
    """Draw every figure of a sweep into a folder, as PNG files written atomically.

    Args:
        sweep: The sweep.
        results: Its results table.
        series: Its kept daily series, or None.
        directory: The folder (created if needed).

    Returns:
        The paths written, in declaration order.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in sweep.figures:
        drawn = figure(spec, sweep, results, series)
        path = directory / f"{spec.name}.png"
        write_atomically(path, partial(drawn.savefig, format="png", dpi=_DPI))
        plt.close(drawn)
        written.append(path)
    return written
