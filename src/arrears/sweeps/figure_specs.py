"""The figures a sweep declares (``[[figures]]``) and their checks.

A figure names its kind, the varied parameters on its axes and the metrics it draws, one panel
each. Figures are checked with the rest of the sweep, before anything runs; they are drawn by
:mod:`arrears.sweeps.figures`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from arrears.market.series import SERIES_UNITS
from arrears.market.summary import SUMMARY_UNITS
from arrears.scenario.fields import ScenarioError
from arrears.sweeps.designs import SENSITIVITY_DESIGNS, Axis, cell_value

if TYPE_CHECKING:
    from arrears.sweeps.definition import SweepSettings

FIGURE_KINDS = ("effects", "heatmap", "series", "indices", "frontier", "contrast")
"""Kinds of sweep figure (see :class:`FigureSpec`)."""

DEFAULT_METRICS = ("recovery_rate", "cost_to_collect", "delinquency_30p_share", "rpc_rate")
"""Summary metrics drawn and analysed when a sweep does not name its own."""
_FIGURE_KEYS = (
    "kind",
    "name",
    "x",
    "y",
    "hue",
    "facet",
    "along",
    "x_metric",
    "reference",
    "metrics",
)
_KIND_KEYS = {"along": "frontier", "x_metric": "frontier", "reference": "contrast"}
"""Keys that only one kind of figure takes."""
_GRID_KINDS = ("heatmap", "frontier", "contrast")
"""Kinds that need design 'grid' (their parameters' levels)."""


@dataclass(frozen=True)
class FigureSpec:
    """One figure a sweep draws from its results.

    Kinds: ``effects`` — each metric's mean over seeds with its 95% interval against parameter
    ``x`` (one line per level of ``hue``); ``heatmap`` — each metric's mean over an ``x`` × ``y``
    grid, one column per level of ``facet``; ``series`` — daily series metrics over time, mean
    and 95% band across runs, one line per level of ``hue``, one column per level of ``facet``;
    ``indices`` — Sobol or Morris indices of each metric (sensitivity designs only);
    ``frontier`` — each metric against the summary metric ``x_metric`` (e.g. recovery against
    borrower stress), one point per level of ``along`` (joined in order and labelled) with 95%
    intervals both ways, one line per level of ``hue``; ``contrast`` — each metric's relative
    change against a ``reference`` design point, paired by replicate (common random numbers),
    with its 95% interval, one row per compared combination of the reference parameters'
    levels, one marker per level of ``hue`` (see :mod:`arrears.sweeps.contrasts`).

    Attributes:
        kind: One of :data:`FIGURE_KINDS`.
        name: File stem of the figure.
        metrics: Summary metrics (series columns for ``series``) to draw, one panel each.
        x: Parameter on the horizontal axis, or None.
        y: Parameter on the vertical axis (heatmap), or None.
        hue: Parameter whose levels get their own line (or marker), or None.
        facet: Parameter whose levels get their own column of panels, or None.
        along: Parameter whose levels a frontier's points follow, or None.
        x_metric: Summary metric on a frontier's horizontal axis, or None.
        reference: A contrast's reference level of each parameter it compares, by path; or
            None.
    """

    kind: str
    name: str
    metrics: tuple[str, ...]
    x: str | None = None
    y: str | None = None
    hue: str | None = None
    facet: str | None = None
    along: str | None = None
    x_metric: str | None = None
    reference: Mapping[str, Any] | None = None


def figure_specs(
    table: Any, settings: SweepSettings, axes: tuple[Axis, ...]
) -> tuple[FigureSpec, ...]:
    """A sweep's ``[[figures]]``, checked; or the default figures of its design.

    Args:
        table: The ``figures`` array of tables as parsed, or None when the sweep has none.
        settings: The sweep's settings (design, kept series, common random numbers).
        axes: The varied parameters.

    Returns:
        The figures: by default an ``indices`` figure for a sensitivity design, else one
        ``effects`` figure per varied parameter.

    Raises:
        ScenarioError: On an unknown key or kind, a parameter that is not varied, a metric that
            does not exist, or a figure the design cannot draw.
    """
    if table is None:
        if settings.design in SENSITIVITY_DESIGNS:
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
        _figure(entry, f"figures[{i}]", f"{i + 1:02d}", settings, axes)
        for i, entry in enumerate(table)
    )


def _figure(
    entry: Any, where: str, number: str, settings: SweepSettings, axes: tuple[Axis, ...]
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
    for key, owner in _KIND_KEYS.items():
        if key in entry and kind != owner:
            raise ScenarioError(f"{where}.{key} applies to figure kind {owner!r} only")
    _check_parameters(entry, where, kind, [axis.path for axis in axes])
    design = settings.design
    if kind == "indices" and design not in SENSITIVITY_DESIGNS:
        raise ScenarioError(
            f"{where}: an 'indices' figure needs design 'sobol' or 'morris', not {design!r}"
        )
    if kind in _GRID_KINDS and design != "grid":
        raise ScenarioError(f"{where}: a {kind!r} figure needs design 'grid'")
    if kind == "series" and settings.series_block_days == 0:
        raise ScenarioError(f"{where}: a 'series' figure needs sweep.series_block_days >= 1")
    metrics = _metrics(entry, where, kind)
    name = entry.get("name", f"{number}_{kind}")
    if not isinstance(name, str) or not name or "/" in name:
        raise ScenarioError(f"{where}.name must be a file stem (no '/'), got {name!r}")
    x_metric = entry.get("x_metric")
    if kind == "frontier" and x_metric not in SUMMARY_UNITS:
        raise ScenarioError(
            f"{where}.x_metric must be a summary metric (the horizontal axis); allowed: "
            f"{', '.join(SUMMARY_UNITS)}; got {x_metric!r}"
        )
    reference = None
    if kind == "contrast":
        reference = _reference(entry, where, settings, axes)
    return FigureSpec(
        kind=kind,
        name=name,
        metrics=metrics,
        x_metric=x_metric,
        reference=reference,
        **{key: entry.get(key) for key in ("x", "y", "hue", "facet", "along")},
    )


def _reference(
    entry: Mapping[str, Any], where: str, settings: SweepSettings, axes: tuple[Axis, ...]
) -> dict[str, Any]:
    """A contrast's reference levels, checked: levels of grid parameters, the rest its hue."""
    reference = entry.get("reference")
    if not isinstance(reference, Mapping) or not reference:
        raise ScenarioError(
            f"{where}.reference must be a table of the compared parameters' reference levels, "
            f'e.g. {{ "collectors.strategy" = "dpd_order" }}; got {reference!r}'
        )
    levels = {axis.path: [cell_value(level) for level in axis.levels] for axis in axes}
    for path, level in reference.items():
        if path not in levels:
            raise ScenarioError(
                f"{where}.reference: {path!r} is not a varied parameter "
                f"({', '.join(levels) or 'none'})"
            )
        if cell_value(level) not in levels[path]:
            raise ScenarioError(
                f"{where}.reference: {level!r} is not a level of {path} "
                f"({', '.join(map(repr, levels[path]))})"
            )
    if entry.get("hue") in reference:
        raise ScenarioError(f"{where}.hue must not be a parameter of the reference")
    unmatched = [path for path in levels if path not in reference and path != entry.get("hue")]
    if unmatched:
        raise ScenarioError(
            f"{where}: every varied parameter of a contrast is in its reference or is its hue; "
            f"{', '.join(unmatched)} is neither"
        )
    if not settings.common_random_numbers:
        raise ScenarioError(
            f"{where}: a 'contrast' figure pairs each run with the reference run of the same "
            "replicate, so it needs sweep.common_random_numbers = true"
        )
    return dict(reference)


def _check_parameters(entry: Mapping[str, Any], where: str, kind: str, paths: list[str]) -> None:
    """The figure's x, y, hue, facet and along are varied parameters; its kind's are set."""
    required = {"effects": ("x",), "heatmap": ("x", "y")}.get(kind, ())
    for key in ("x", "y", "hue", "facet", "along"):
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
