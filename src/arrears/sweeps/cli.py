"""The sweep commands of the ``arrears`` command line: ``sweep``, ``plot`` and ``analyze``.

``arrears sweep SWEEP.toml`` validates the whole sweep, then runs it into a store folder with a
progress bar (runs done / total, rate, ETA) and draws its figures; ``arrears plot DIR`` redraws a
finished sweep's figures from its folder; ``arrears analyze DIR`` prints the Sobol or Morris
indices of a sensitivity sweep. Bad input is one line on stderr and exit status 2, before
anything runs (see :mod:`arrears.cli`). The model, Dask and SALib are imported only by the
commands that need them, so the rest of the command line starts fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from arrears.sweeps.backends import BACKENDS, Backend

if TYPE_CHECKING:
    from arrears.sweeps.report import Report


def add_backend_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--backend``, ``--workers``, ``--scheduler``, ``--out`` and ``--resume``.

    Args:
        parser: A command's parser (``arrears sweep``, or an experiment script's).
    """
    default = Backend()
    parser.add_argument(
        "--backend", choices=BACKENDS, default=default.name, help="where runs execute"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=default.workers,
        help=f"worker processes (processes, local dask; default {default.workers})",
    )
    parser.add_argument(
        "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (with --backend dask)"
    )
    parser.add_argument("--out", type=Path, help="output folder (default: results/<sweep name>)")
    parser.add_argument(
        "--resume", action="store_true", help="finish a sweep stored in --out, skipping done runs"
    )


def backend_from_args(args: argparse.Namespace) -> Backend:
    """The backend chosen on the command line.

    Args:
        args: Parsed arguments (see :func:`add_backend_arguments`).

    Returns:
        The backend (checked when the sweep starts).
    """
    return Backend(name=args.backend, workers=args.workers, scheduler=args.scheduler)


def command_sweep(args: argparse.Namespace) -> int:
    """Run a sweep file into its store folder, then draw its figures."""
    from arrears.sweeps.definition import load_sweep
    from arrears.sweeps.figure_specs import DEFAULT_METRICS
    from arrears.sweeps.report import render
    from arrears.sweeps.runner import run_sweep

    sweep = load_sweep(args.sweep)
    out = args.out or Path("results") / sweep.settings.name
    run_sweep(sweep, out, backend_from_args(args), resume=args.resume, progress=not args.quiet)
    report = render(out)
    if not args.quiet:
        print_report(report, out, DEFAULT_METRICS)
    return 0


def print_report(report: Report, out: Path, metrics: Sequence[str]) -> None:
    """Print a finished sweep's tables and the files written.

    The tables: each design point's mean ± 95% half-width of some metrics (if the sweep is
    small enough to print), and the relative changes of each ``contrast`` figure.

    Args:
        report: The rendered report.
        out: The sweep's folder.
        metrics: Summary metrics of the per-point table; none for no such table.
    """
    from arrears.sweeps.report import contrast_table, wide_table

    table = wide_table(report, tuple(metrics)) if metrics else None
    if table is not None:
        seeds = report.sweep.settings.seeds
        print(f"\nmean ± 95% CI half-width across {seeds} seed(s)\n{table}")
    for spec in report.sweep.figures:
        if spec.reference is not None:
            print(f"\n{contrast_table(report, spec)}")
    print(f"\n{report.sweep.n_runs} runs in {out}/results.parquet; figures and tables:")
    for path in report.files:
        print(f"  {path}")


def command_plot(args: argparse.Namespace) -> int:
    """Redraw a finished sweep's figures and summary tables from its folder."""
    from arrears.sweeps.report import render

    for path in render(args.directory).files:
        print(path)
    return 0


def command_analyze(args: argparse.Namespace) -> int:
    """Print the Sobol or Morris indices of a finished sensitivity sweep."""
    from arrears.sweeps.report import analysed_metrics, open_sweep, text_table
    from arrears.sweeps.sensitivity import indices

    sweep, store = open_sweep(args.directory)
    metrics = tuple(args.metric) if args.metric else analysed_metrics(sweep)
    table = indices(sweep, store.results(), metrics)
    rows = [
        [r["metric"], r["parameter"], r["index"], f"{r['value']:.4f}", f"{r['conf']:.4f}"]
        for r in table.to_dict("records")
    ]
    print(
        f"{sweep.settings.design} indices of {sweep.settings.name} ({len(sweep.points)} points "
        f"x {sweep.settings.seeds} seed(s); conf = 95% bootstrap interval half-width, "
        f"bootstrap seed {sweep.settings.seed})"
    )
    print(text_table(["metric", "parameter", "index", "value", "conf"], rows))
    skipped = [m for m in metrics if m not in set(table["metric"])]
    if skipped:
        print(f"\nconstant over the design (no indices): {', '.join(skipped)}")
    return 0


def register(commands: Any) -> None:
    """Add the sweep commands to the ``arrears`` command's subparsers.

    Args:
        commands: The object ``ArgumentParser.add_subparsers`` returned.
    """
    sweep = commands.add_parser("sweep", help="run a sweep of many scenarios and seeds")
    sweep.add_argument("sweep", type=Path, help="sweep TOML file")
    add_backend_arguments(sweep)
    sweep.add_argument("--quiet", action="store_true", help="no progress bar or table")
    sweep.set_defaults(handler=command_sweep)

    plot = commands.add_parser("plot", help="redraw a finished sweep's figures")
    plot.add_argument("directory", type=Path, help="the sweep's output folder")
    plot.set_defaults(handler=command_plot)

    analyze = commands.add_parser("analyze", help="print a sensitivity sweep's indices")
    analyze.add_argument("directory", type=Path, help="the sweep's output folder")
    analyze.add_argument("--metric", action="append", help="summary metric to analyse (repeatable)")
    analyze.set_defaults(handler=command_analyze)
