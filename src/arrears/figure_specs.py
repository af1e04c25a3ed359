"""The figures a sweep declares (``[[figures]]``) and their checks.

A figure names its kind, the varied parameters on its axes and the metrics it draws, one panel
each. Figures are checked with the rest of the sweep, before anything runs; they are drawn by
:mod:`arrears.sweep_plots`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from arrears.designs import SENSITIVITY_DESIGNS, Axis
from arrears.metrics import SERIES_UNITS, SUMMARY_UNITS
from arrears.validation import ScenarioError

FIGURE_KINDS = ("effects", "heatmap", "series", "indices")
"""Kinds of sweep figure (see :class:`FigureSpec`)."""

DEFAULT_METRICS = ("recovery_rate", "cost_to_collect", "delinquency_30p_share", "rpc_rate")
"""Summary metrics drawn and analysed when a sweep does not name its own."""
_FIGURE_KEYS = ("kind", "name", "x", "y", "hue", "facet", "metrics")


@dataclass(frozen=True)
class FigureSpec:
    """One figure a sweep draws from its results.

    Kinds: ``effects`` — each metric's mean over seeds with its 95% interval against parameter
    ``x`` (one line per level of ``hue``); ``heatmap`` — each metric's mean over an ``x`` × ``y``
    grid; ``series`` — daily series metrics over time, mean and 95% band across runs, one line
    per level of ``hue``, one column per level of ``facet``; ``indices`` — Sobol or Morris indices
    of each metric (sensitivity designs only).

    Attributes:
        kind: One of :data:`FIGURE_KINDS`.
        name: File stem of the figure.
        metrics: Summary metrics (series columns for ``series``) to draw, one panel each.
        x: Parameter on the horizontal axis, or None.
        y: Parameter on the vertical axis (heatmap), or None.
        hue: Parameter whose levels get their own line, or None.
        facet: Parameter whose levels get their own column of panels, or None.
    """

    kind: str
    name: str
    metrics: tuple[str, ...]
    x: str | None = None
    y: str | None = None
    hue: str | None = None
    facet: str | None = None


def figure_specs(
    table: Any, design: str, series_block_days: int, axes: tuple[Axis, ...]
) -> tuple[FigureSpec, ...]:
    """A sweep's ``[[figures]]``, checked; or the default figures of its design.

    Args:
        table: The ``figures`` array of tables as parsed, or None when the sweep has none.
        design: The sweep's design.
        series_block_days: Whether (and how) the sweep keeps daily series; 0 for not.
        axes: The varied parameters.

    Returns:
        The figures: by default an ``indices`` figure for a sensitivity design, else one
        ``effects`` figure per varied parameter.

    Raises:
        ScenarioError: On an unknown key or kind, a parameter that is not varied, a metric that
            does not exist, or a figure the design cannot draw.
    """
    if table is None:
        if design in SENSITIVITY_DESIGNS:
            return (FigureSpec(kind="indices", name="indices", metrics=DEFAULT_METRICS),)
        return tuple(
            FigureSpec(
                kind="effects", name=f"effects_{axis.path}", x=axis.path, metrics=DEFAULT_METRICS
            )
            for axis in axes
        )
    if not isinstance(table, list):
        raise ScenarioError(f"figures must be an array of tables ([[figures]]), got {table!r}")
    return tuple(
        _figure(entry, f"figures[{i}]", f"{i + 1:02d}", design, series_block_days, axes)
        for i, entry in enumerate(table)
    )


def _figure(
    entry: Any,
    where: str,
    number: str,
    design: str,
    series_block_days: int,
    axes: tuple[Axis, ...],
) -> FigureSpec:
    """One declared figure, checked (``where`` names it in errors)."""
    if not isinstance(entry, Mapping):
        raise ScenarioError(f"{where} must be a table, got {entry!r}")
    for key in entry:
        if key not in _FIGURE_KEYS:
            raise ScenarioError(
                f"{where}.{key} is not a known key; allowed keys: {', '.join(_FIGURE_KEYS)}"
            )
    kind = entry.get("kind")
    if kind not in FIGURE_KINDS:
        raise ScenarioError(
            f"{where}.kind must be one of {', '.join(map(repr, FIGURE_KINDS))}, got {kind!r}"
        )
    _check_parameters(entry, where, kind, [axis.path for axis in axes])
    if kind == "indices" and design not in SENSITIVITY_DESIGNS:
        raise ScenarioError(
            f"{where}: an 'indices' figure needs design 'sobol' or 'morris', not {design!r}"
        )
    if kind == "heatmap" and design != "grid":
        raise ScenarioError(f"{where}: a 'heatmap' figure needs design 'grid'")
    if kind == "series" and series_block_days == 0:
        raise ScenarioError(f"{where}: a 'series' figure needs sweep.series_block_days >= 1")
    metrics = _metrics(entry, where, kind)
    name = entry.get("name", f"{number}_{kind}")
    if not isinstance(name, str) or not name or "/" in name:
        raise ScenarioError(f"{where}.name must be a file stem (no '/'), got {name!r}")
    return FigureSpec(
        kind=kind,
        name=name,
        metrics=metrics,
        **{key: entry.get(key) for key in ("x", "y", "hue", "facet")},
    )


def _check_parameters(entry: Mapping[str, Any], where: str, kind: str, paths: list[str]) -> None:
    """The figure's x, y, hue and facet are varied parameters, and those its kind needs are set."""
    required = {"effects": ("x",), "heatmap": ("x", "y"), "series": (), "indices": ()}[kind]
    for key in ("x", "y", "hue", "facet"):
        value = entry.get(key)
        if value is None and key in required:
            raise ScenarioError(f"{where}: figure kind {kind!r} needs {key} (a varied parameter)")
        if value is not None and value not in paths:
            raise ScenarioError(
                f"{where}.{key} must be a varied parameter ({', '.join(paths) or 'none'}), "
                f"got {value!r}"
            )


def _metrics(entry: Mapping[str, Any], where: str, kind: str) -> tuple[str, ...]:
    """The figure's metrics: summary metrics, or series columns for a series figure."""
    known = SERIES_UNITS if kind == "series" else SUMMARY_UNITS
    metrics = entry.get("metrics", list(DEFAULT_METRICS) if kind != "series" else None)
    if not isinstance(metrics, list) or not metrics:
        raise ScenarioError(f"{where}.metrics must be a non-empty list of names, got {metrics!r}")
    for metric in metrics:
        if metric not in known:
            raise ScenarioError(
                f"{where}.metrics: {metric!r} is not a "
                f"{'series column' if kind == 'series' else 'summary metric'}; "
                f"allowed: {', '.join(known)}"
            )
    return tuple(metrics)
