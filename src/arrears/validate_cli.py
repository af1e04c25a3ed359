"""The ``arrears validate`` command: the baseline against public figures and mechanisms.

See :mod:`arrears.validate` for the two tables, targets and directions of effect.

It prints both tables, writes them to ``validation.md`` with a figure (``validation.png``) and
the per-run measures (``runs.csv``) in ``--out``, lists what failed, and exits with status 0
when every checked target and direction passes, 1 otherwise (2 on bad input, before any run).
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path
from typing import Any

from arrears.backends import Backend
from arrears.validation import ScenarioError

DEFAULT_SCENARIO = Path("experiments/scenarios/baseline.toml")
"""The baseline scenario, relative to the repository root."""

OUTPUT_BYTES = 2 << 20
"""Disk space the report, figure and per-run table need at most, bytes."""


def _settings(args: argparse.Namespace) -> tuple[Any, Backend]:
    """The baseline scenario with the size asked for, and the backend; checked before any run."""
    from arrears.params import load_scenario

    if args.seeds < 2:
        raise ScenarioError(
            f"--seeds must be an integer >= 2 (an interval needs two seeds), got {args.seeds}"
        )
    overrides: dict[str, Any] = {"population.n_accounts": args.accounts}
    if args.days is not None:
        overrides["run.days"] = args.days
    scenario = load_scenario(args.scenario).with_overrides(overrides)
    backend = Backend("serial") if args.workers == 1 else Backend("processes", args.workers)
    backend.check()
    return scenario, backend


def command_validate(args: argparse.Namespace) -> int:
    """Run the validation, print and write its tables and figure; 0 if it passes, else 1."""
    import matplotlib.pyplot as plt
    from tqdm.auto import tqdm

    from arrears.experiment import run_specs
    from arrears.outputs import prepare_output_dir, write_atomically
    from arrears.report import text_table
    from arrears.validate import (
        arms,
        evaluate,
        needed_measures,
        per_run_table,
        plan_runs,
        run_measures,
    )
    from arrears.validate_plots import validation_figure
    from arrears.validate_report import (
        DIRECTION_COLUMNS,
        TARGET_COLUMNS,
        direction_rows,
        failure_lines,
        markdown,
        target_rows,
    )

    scenario, backend = _settings(args)
    master_seed = scenario.run.seed if args.seed is None else args.seed
    specs = plan_runs(scenario, args.seeds, master_seed)
    out = prepare_output_dir(args.out, OUTPUT_BYTES)
    labels = [label for label, _ in arms()]
    measures = needed_measures()
    collected = []
    with tqdm(total=len(specs), desc="validate", unit="run", disable=args.quiet) as bar:
        for result in run_specs(specs, backend):
            spec = specs[result.run_id]
            found = run_measures(result.row, measures)
            collected.append((labels[spec.point], spec, found))
            bar.update()
    validation = evaluate(per_run_table(collected))
    run = scenario.run
    description = (
        f"Scenario `{args.scenario}` ({scenario.regime.name}): "
        f"{scenario.population.n_accounts} accounts, {run.days} recorded days after "
        f"{run.warmup_days} warm-up days; {args.seeds} seeds per arm (master seed "
        f"{master_seed}), {len(specs)} runs."
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
        "validate", help="check the baseline against public figures and mechanism directions"
    )
    validate.add_argument(
        "scenario",
        nargs="?",
        type=Path,
        default=DEFAULT_SCENARIO,
        help=f"baseline scenario TOML (default: {DEFAULT_SCENARIO})",
    )
    validate.add_argument("--seeds", type=int, default=5, help="seeds per arm (default 5)")
    validate.add_argument(
        "--accounts",
        type=int,
        default=20_000,
        help="accounts per run (default 20000: enough suits for the default-judgment share)",
    )
    validate.add_argument("--days", type=int, help="recorded days (default: the scenario's)")
    validate.add_argument("--seed", type=int, help="master seed (default: the scenario's)")
    validate.add_argument(
        "--workers",
        type=int,
        default=default.workers,
        help=f"worker processes; 1 runs here (default {default.workers})",
    )
    validate.add_argument(
        "--out", type=Path, default=Path("results/validate"), help="output folder"
    )
    validate.add_argument("--quiet", action="store_true", help="no progress bar")
    validate.set_defaults(handler=command_validate)
