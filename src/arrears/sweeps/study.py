"""The shared driver of the research-question scripts under ``experiments/``.

Each script is a docstring (the question, what is varied, how to read the figures), a sweep TOML
beside it and its sizes; :func:`main` gives every script the same command line::

    python experiments/<script>.py [--full | --tiny] [--backend ...] [--workers N]
                                   [--scheduler ADDR] [--out DIR] [--resume]

The sweep file is the default (small) size, a few minutes on two cores; ``--full`` lays the
script's full size over it and ``--tiny`` a size for the test suite (seconds). Each size writes to
its own folder, ``results/<sweep name>`` (small) or ``results/<sweep name>-<size>``, holding the
results table, the per-point summary and the figures (see :mod:`arrears.sweeps.report`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from arrears.interrupts import stop_on_interrupt
from arrears.scenario.fields import ScenarioError
from arrears.sweeps.cli import add_backend_arguments, backend_from_args, print_report
from arrears.sweeps.definition import deep_merge, load_sweep
from arrears.sweeps.report import render
from arrears.sweeps.runner import run_sweep

TINY: Mapping[str, Any] = {
    "sweep": {"seeds": 2},
    "scenario": {
        "population": {"n_accounts": 300},
        "run": {"days": 60, "warmup_days": 30},
    },
}
"""The test-suite size shared by every script: a few hundred accounts over a few months."""


def main(
    doc: str | None,
    sweep_file: Path,
    full: Mapping[str, Any],
    tiny: Mapping[str, Any] | None = None,
    table_metrics: Sequence[str] = (),
    argv: Sequence[str] | None = None,
) -> int:
    """Run a script's sweep at the chosen size, write its report and print where it is.

    Args:
        doc: The script's docstring (the command's description).
        sweep_file: The script's sweep TOML (default size).
        full: Tables laid over the sweep file for ``--full``.
        tiny: Tables laid over :data:`TINY` for ``--tiny`` (e.g. fewer samples).
        table_metrics: Summary metrics of the printed table (mean ± 95% half-width by point).
        argv: Command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0, 2 on bad input (one line on stderr, nothing run), or 130 when
        interrupted (one line on stderr; ``--resume`` carries on).
    """
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--full", action="store_true", help="the full-size study")
    size.add_argument("--tiny", action="store_true", help="a seconds-long size, for tests")
    add_backend_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar or table")
    args = parser.parse_args(argv)
    label = "full" if args.full else "tiny" if args.tiny else ""
    changes = {"full": full, "tiny": deep_merge(TINY, tiny or {}), "": {}}[label]

    def study() -> int:
        sweep = load_sweep(sweep_file, changes)
        out = args.out or Path("results") / "-".join(filter(None, (sweep.settings.name, label)))
        run_sweep(sweep, out, backend_from_args(args), resume=args.resume, progress=not args.quiet)
        report = render(out)
        if not args.quiet:
            print_report(report, out, table_metrics)
        return 0

    try:
        return stop_on_interrupt(study)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
