"""The ``arrears validate`` command: a market against public figures and mechanisms.

See :mod:`arrears.calibration.validate` for the three tables: targets, directions of effect and
steadiness. The market is ``--market NAME``, or the market a scenario file names (default:
the default market), and its targets are :func:`arrears.calibration.targets.targets_for` that
market.

It prints the tables, writes them to ``validation.md`` with a figure (``validation.png``) and
the per-run measures (``runs.csv``) in ``--out`` (by default a new folder; see
:mod:`arrears.outputs.folders`), lists what failed, and exits with status 0
when every checked target, direction and steady figure passes, 1 otherwise (2 on bad input,
before any run).
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import Any

from arrears.calibration.steadiness import STEADY_YEARS
from arrears.outputs.folders import add_output_arguments, output_folder
from arrears.scenario.fields import ScenarioError
from arrears.sweeps.backends import Backend

OUTPUT_BYTES = 2 << 20
"""Disk space the report, figure and per-run table need at most, bytes."""


def _settings(args: argparse.Namespace) -> tuple[Any, Backend]:
    """The baseline scenario with the size asked for, and the backend; checked before any run."""
    from arrears.scenario.scenario import starting_scenario

    if args.seeds < 2:
        raise ScenarioError(
            f"--seeds must be an integer >= 2 (an interval needs two seeds), got {args.seeds}"
        )
    if args.steady_years not in (0, *range(2, 101)):
        raise ScenarioError(
            "--steady-years must be 0 (no check) or an integer in [2, 100] (a drift needs two "
            f"years), got {args.steady_years}"
        )
    overrides: dict[str, Any] = {}
    if args.accounts is not None:
        overrides["population.n_accounts"] = args.accounts
    if args.days is not None:
        overrides["run.days"] = args.days
    scenario = starting_scenario(args.scenario, args.market).with_overrides(overrides)
    backend = Backend("serial") if args.workers == 1 else Backend("processes", args.workers)
    backend.check()
    return scenario, backend


def command_validate(args: argparse.Namespace) -> int:
    """Run the validation, print and write its tables and figure; 0 if it passes, else 1."""
    import matplotlib.pyplot as plt

    from arrears.atomic import write_atomically
    from arrears.calibration.figures import validation_figure
    from arrears.calibration.report import (
        DIRECTION_COLUMNS,
        STEADINESS_COLUMNS,
        TARGET_COLUMNS,
        direction_rows,
        failure_lines,
        markdown,
        steadiness_rows,
        target_rows,
    )
    from arrears.calibration.validate import run_validation
    from arrears.scenario.markets import DEFAULT_MARKET
    from arrears.sweeps.report import text_table

    scenario, backend = _settings(args)
    master_seed = scenario.run.seed if args.seed is None else args.seed
    market = scenario.market or DEFAULT_MARKET
    out = output_folder(args, ("validate", market, f"seed{master_seed}"), OUTPUT_BYTES)
    validation = run_validation(
        scenario, args.seeds, master_seed, backend, args.steady_years, progress=not args.quiet
    )
    run = scenario.run
    description = (
        f"Market `{market}` (scenario "
        f"`{args.scenario or 'none'}`, regime {scenario.regime.name}): "
        f"{scenario.population.n_accounts} accounts, {run.days} recorded days after "
        f"{run.warmup_days} warm-up days; {args.seeds} seeds per arm (master seed "
        f"{master_seed}), {len(validation.runs)} runs"
        + (
            f", and the baseline over {args.steady_years} recorded years on the same seeds."
            if args.steady_years
            else "; steadiness not checked."
        )
    )
    write_atomically(
        out / "validation.md", lambda p: p.write_text(markdown(validation, description))
    )
    write_atomically(out / "runs.csv", lambda p: validation.runs.to_csv(p, index=False))
    figure = validation_figure(validation)
    write_atomically(out / "validation.png", partial(figure.savefig, format="png", dpi=150))
    plt.close(figure)
    print(f"{description}\n\nTargets\n{text_table(TARGET_COLUMNS, target_rows(validation))}")
    print(f"\nDirection of effect\n{text_table(DIRECTION_COLUMNS, direction_rows(validation))}")
    if validation.steadiness:
        print(f"\nSteadiness\n{text_table(STEADINESS_COLUMNS, steadiness_rows(validation))}")
    print(f"\nwrote {out}/validation.md, {out}/validation.png and {out}/runs.csv")
    if validation.passed:
        print("\nvalidation passed")
        return 0
    print("\nvalidation failed:\n" + "\n".join(f"  {line}" for line in failure_lines(validation)))
    return 1


def register(commands: Any) -> None:
    """Add the ``validate`` subcommand to the ``arrears`` command's subparsers.

    Args:
        commands: The object returned by ``ArgumentParser.add_subparsers``.
    """
    default = Backend()
    validate = commands.add_parser(
        "validate", help="check a market against public figures and mechanism directions"
    )
    validate.add_argument(
        "scenario", nargs="?", type=Path, help="scenario TOML (default: the default market)"
    )
    validate.add_argument(
        "--market", help="named market (see `arrears markets`); replaces the file's"
    )
    validate.add_argument("--seeds", type=int, default=5, help="seeds per arm (default 5)")
    validate.add_argument(
        "--accounts", type=int, help="accounts per run (default: the market's, 20000)"
    )
    validate.add_argument("--days", type=int, help="recorded days (default: the scenario's)")
    validate.add_argument(
        "--steady-years",
        type=int,
        default=STEADY_YEARS,
        help=f"recorded years of the steadiness runs (default {STEADY_YEARS}; 0 skips them)",
    )
    validate.add_argument("--seed", type=int, help="master seed (default: the scenario's)")
    validate.add_argument(
        "--workers",
        type=int,
        default=default.workers,
        help=f"worker processes; 1 runs here (default {default.workers})",
    )
    add_output_arguments(validate, "results/validate-<market>-seed<seed>")
    validate.add_argument("--quiet", action="store_true", help="no progress bar")
    validate.set_defaults(handler=command_validate)
