"""The report of a finished sweep, rebuilt from its store folder alone.

A report is the sweep's figures (``figures/*.png``, as its ``[[figures]]`` declare), a tidy table
of every summary metric's mean and 95% interval across replicates at each design point
(``by_point.csv``), for a Sobol or Morris sweep its sensitivity indices (``indices.csv``) and,
beside each ``contrast`` figure, its table of relative changes (``figures/<name>.csv``).
Everything is read from the store (``sweep.json``, ``results.parquet``, ``series.parquet``), so
``arrears plot DIR`` redraws a sweep's figures on any machine, without the sweep file.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from arrears.atomic import write_atomically
from arrears.market.summary import SUMMARY_UNITS
from arrears.sweeps.aggregate import summarise
from arrears.sweeps.contrasts import RATIO_OF_MEANS, levels_label, relative_changes
from arrears.sweeps.definition import Sweep, sweep_from_mapping
from arrears.sweeps.designs import SENSITIVITY_DESIGNS, cell_value
from arrears.sweeps.figure_specs import DEFAULT_METRICS, FigureSpec
from arrears.sweeps.figures import draw_figures
from arrears.sweeps.sensitivity import indices
from arrears.sweeps.store import FIGURES, SweepStore

BY_POINT = "by_point.csv"
INDICES = "indices.csv"


@dataclass(frozen=True)
class Report:
    """What :func:`render` produced.

    Attributes:
        sweep: The sweep, rebuilt from its stored definition.
        results: Its results table, one row per run.
        by_point: Mean and 95% interval of every summary metric at each design point (tidy:
            ``point``, the varied parameters, ``metric``, ``mean``, ``low``, ``high``, ``n``).
        indices: Sensitivity indices (see :func:`arrears.sweeps.sensitivity.indices`), or None.
        contrasts: The relative changes of each ``contrast`` figure, by figure name (see
            :func:`arrears.sweeps.contrasts.relative_changes`).
        files: Every file written, figures first.
    """

    sweep: Sweep
    results: pd.DataFrame
    by_point: pd.DataFrame
    indices: pd.DataFrame | None
    contrasts: dict[str, pd.DataFrame]
    files: list[Path]


def open_sweep(directory: str | Path) -> tuple[Sweep, SweepStore]:
    """The sweep stored in a folder, and the store.

    Args:
        directory: A sweep's store folder.

    Returns:
        The sweep (validated again from its definition) and its store.

    Raises:
        ScenarioError: If the folder holds no sweep.
    """
    store = SweepStore(directory)
    return sweep_from_mapping(store.definition()), store


def analysed_metrics(sweep: Sweep) -> tuple[str, ...]:
    """The summary metrics a sweep's sensitivity analysis covers by default.

    Args:
        sweep: The sweep.

    Returns:
        The metrics of its ``indices`` figures, or
        :data:`~arrears.sweeps.figure_specs.DEFAULT_METRICS`.
    """
    named = [m for spec in sweep.figures if spec.kind == "indices" for m in spec.metrics]
    return tuple(dict.fromkeys(named)) or DEFAULT_METRICS


def _write_csv(path: Path, frame: pd.DataFrame) -> None:
    write_atomically(path, lambda p: frame.to_csv(p, index=False))


def render(directory: str | Path) -> Report:
    """Draw a finished sweep's figures and write its summary tables.

    Args:
        directory: The sweep's store folder.

    Returns:
        The report.

    Raises:
        ScenarioError: If the folder holds no finished sweep.
    """
    sweep, store = open_sweep(directory)
    results = store.results()
    series = store.series() if sweep.settings.series_block_days else None
    files = draw_figures(sweep, results, series, store.directory / FIGURES)
    metrics = [m for m in SUMMARY_UNITS if m in results]
    by_point = summarise(results, ["point", *sweep.paths], metrics)
    _write_csv(store.directory / BY_POINT, by_point)
    files.append(store.directory / BY_POINT)
    found = None
    if sweep.settings.design in SENSITIVITY_DESIGNS:
        found = indices(sweep, results, analysed_metrics(sweep))
        _write_csv(store.directory / INDICES, found)
        files.append(store.directory / INDICES)
    contrasts = {}
    for spec in sweep.figures:
        if spec.reference is not None:
            contrasts[spec.name] = relative_changes(sweep, results, spec.reference, spec.metrics)
            path = store.directory / FIGURES / f"{spec.name}.csv"
            _write_csv(path, contrasts[spec.name])
            files.append(path)
    return Report(sweep, results, by_point, found, contrasts, files)


def wide_table(report: Report, metrics: tuple[str, ...], max_points: int = 40) -> str | None:
    """A text table of each point's mean ± 95% half-width for some metrics, for printing.

    Args:
        report: A rendered report.
        metrics: The metrics (columns).
        max_points: Largest number of design points worth printing.

    Returns:
        The table, or None if the sweep has more points than ``max_points``.
    """
    if len(report.sweep.points) > max_points:
        return None
    chosen = report.by_point[report.by_point["metric"].isin(metrics)]
    cells: dict[tuple[Any, ...], dict[str, str]] = {}
    for values in chosen.to_dict("records"):
        key = tuple(report.sweep.axis(p).label(values[p]) for p in report.sweep.paths)
        half = (values["high"] - values["low"]) / 2
        text = f"{values['mean']:.4g}" + ("" if pd.isna(half) else f" ± {half:.2g}")
        cells.setdefault(key, {})[values["metric"]] = text
    header = [*report.sweep.paths, *metrics]
    rows = [[*key, *(cell.get(m, "") for m in metrics)] for key, cell in cells.items()]
    return text_table(header, rows)


def contrast_table(report: Report, spec: FigureSpec) -> str:
    """A text table of a contrast figure's relative changes (%) with their 95% intervals.

    Args:
        report: A rendered report.
        spec: One of its ``contrast`` figures.

    Returns:
        The table: one row per compared point, one column per metric, cells like
        ``+23.4% [+19.8, +27.0]``: the geometric mean of the per-seed ratios less 1, marked
        ``*`` where a zero on some seed made it the ratio of the means (see
        :mod:`arrears.sweeps.contrasts`), ``n/a`` where there is none; under a line naming the
        figure, its reference, the estimator and the number of seeds.
    """
    assert spec.reference is not None
    sweep = report.sweep
    held = [path for path in sweep.paths if path not in spec.reference]
    cells: dict[tuple[str, ...], dict[str, str]] = {}
    contrasts = report.contrasts[spec.name]
    for row in contrasts.to_dict("records"):
        key = (
            *(sweep.axis(path).label(row[path]) for path in held),
            levels_label(sweep, {path: row[path] for path in spec.reference}),
        )
        cells.setdefault(key, {})[row["metric"]] = _change_text(row)
    rows = [[*key, *(cell.get(m, "") for m in spec.metrics)] for key, cell in cells.items()]
    reference = levels_label(sweep, {p: cell_value(v) for p, v in spec.reference.items()})
    title = (
        f"{spec.name}: relative change against {reference}, paired by seed; geometric mean "
        f"of the per-seed ratios [95% CI] across {sweep.settings.seeds} seed(s)"
    )
    if (contrasts["estimator"] == RATIO_OF_MEANS).any():
        title += "; * ratio of the means (a seed with a zero)"
    return f"{title}\n{text_table([*held, 'compared', *spec.metrics], rows)}"


def _change_text(row: Mapping[Hashable, Any]) -> str:
    """A relative change as a table cell: ``-12.5%* [-20.1, -4.3]`` (see :func:`contrast_table`)."""
    if pd.isna(row["change"]):
        return "n/a"
    text = f"{100 * row['change']:+.1f}%" + ("*" if row["estimator"] == RATIO_OF_MEANS else "")
    if not pd.isna(row["low"]):
        text += f" [{100 * row['low']:+.1f}, {100 * row['high']:+.1f}]"
    return text


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns of text, left-aligned under a header and a rule.

    Args:
        header: Column names.
        rows: Cells, one sequence per row.

    Returns:
        The table, lines joined by newlines.
    """
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )
