"""Calibrate a named market: fit the free parameters to the public figures they move.

Searches :data:`arrears.calibration.fitting.FREE_PARAMETERS` (essential spending, plan take-up,
losing contact) so that a market (``--market NAME``, or the market a scenario file names; by default
experiments/scenarios/baseline.toml) reproduces its calibration targets
(:func:`arrears.calibration.fitting.calibration_targets`: its delinquency and charge-off levels,
right-party contacts per call attempt, call attempts per account worked per day), by Nelder–Mead on
common random numbers (see :mod:`arrears.calibration.fitting`). Small by default (minutes on 2
cores); ``--full`` uses more seeds, accounts and evaluations.

Outputs (in results/calibrate/, or ``--out``; a folder holding an earlier fit is refused unless
``--overwrite`` is given): ``fit.md`` — each target's figure and tolerance, the model's
value at the start and at the fit (mean and 95% interval across seeds), and pass/fail;
``fitted.toml`` — the fitted values as scenario tables, to copy into the market's settings
(``src/arrears/scenario/markets.py``);
``search.csv`` — every evaluation (values, mean measures, loss).

Exit status: 0 when the fit passes every calibration target, 1 when it does not, 2 on bad input
(before any run).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm.auto import tqdm

from arrears.calibration import fitting
from arrears.calibration.report import estimate_text, figure_text, format_gap, tolerance_text
from arrears.calibration.targets import Target
from arrears.calibration.validate import Estimate
from arrears.outputs.run_files import prepare_output_dir, write_atomically
from arrears.scenario.fields import ScenarioError
from arrears.scenario.overrides import path_value
from arrears.scenario.scenario import Scenario, load_scenario
from arrears.sweeps.backends import Backend
from arrears.sweeps.report import text_table
from arrears.sweeps.runner import runner

BASELINE = Path(__file__).parent / "scenarios" / "baseline.toml"
SMALL = {"seeds": 3, "accounts": 3000, "budget": 40}
FULL = {"seeds": 6, "accounts": 20_000, "budget": 80}
COLUMNS = ("target", "figure", "tolerance", "start (95% CI)", "fit (95% CI)", "gap", "result")


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (see ``--help``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", nargs="?", type=Path, default=BASELINE, help="scenario TOML")
    parser.add_argument("--market", help="calibrate this named market instead of a scenario file")
    parser.add_argument("--full", action="store_true", help="full size (see the module doc)")
    parser.add_argument("--seeds", type=int, help=f"seeds per candidate ({SMALL['seeds']})")
    parser.add_argument("--accounts", type=int, help=f"accounts per run ({SMALL['accounts']})")
    parser.add_argument("--budget", type=int, help=f"most evaluations ({SMALL['budget']})")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--out", type=Path, default=Path("results/calibrate"), help="folder")
    parser.add_argument("--overwrite", action="store_true", help="replace the fit in --out")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    size = FULL if args.full else SMALL
    for name, default in size.items():
        if getattr(args, name) is None:
            setattr(args, name, default)
        if getattr(args, name) < 2:
            raise ScenarioError(f"--{name} must be an integer >= 2, got {getattr(args, name)}")
    return args


def fit_rows(
    targets: Sequence[Target], start: dict[str, Estimate], fit: dict[str, Estimate]
) -> list[list[str]]:
    """One row per calibration target: figure, tolerance, start, fit, gap and result."""
    rows = []
    for target in targets:
        before, after = start[target.measure], fit[target.measure]
        rows.append(
            [
                target.quantity,
                figure_text(target),
                tolerance_text(target),
                estimate_text(before, target.percent),
                estimate_text(after, target.percent),
                format_gap(target.gap(after.mean), target.percent),
                "pass" if target.accepted(after.mean) else "FAIL",
            ]
        )
    return rows


def fitted_toml(values: dict[str, float]) -> str:
    """The fitted values as TOML tables, one per section."""
    sections: dict[str, list[str]] = {}
    for path, value in values.items():
        section, _, name = path.partition(".")
        sections.setdefault(section, []).append(f"{name} = {value!r}")
    return "\n".join(
        f"[{section}]\n" + "\n".join(lines) + "\n" for section, lines in sections.items()
    )


def markdown(description: str, rows: list[list[str]], free: list[list[str]]) -> str:
    """The fit report: what was run, the fitted values and the fit table."""

    def table(header: Sequence[str], body: list[list[str]]) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in body)])

    return (
        f"# Calibration\n\n{description}\n\n## Free parameters\n\n"
        f"{table(('parameter', 'bounds', 'start', 'fit', 'moves'), free)}\n\n"
        f"## Targets\n\nMeans across seeds with 95% t intervals; a target passes when the mean "
        f"lies within the figure widened by the tolerance.\n\n{table(COLUMNS, rows)}\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the calibration (see the module docstring)."""
    try:
        args = parse(argv)
        size = {"population.n_accounts": args.accounts}
        if args.market is not None:
            base = Scenario.for_market(args.market, size)
        else:
            base = load_scenario(args.scenario).with_overrides(size)
        free = fitting.FREE_PARAMETERS
        fitting.check_free_parameters(base, free)
        backend = Backend("serial") if args.workers == 1 else Backend("processes", args.workers)
        backend.check()
        out = prepare_output_dir(args.out, 1 << 20, args.overwrite)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    start = {p.path: float(path_value(base, p.path)) for p in free}
    targets = fitting.calibration_targets(base.market)
    with runner(backend) as run:
        means, estimates = fitting.model_evaluator(base, args.seeds, base.run.seed, run)
        bar = tqdm(total=args.budget, desc="calibrate", unit="candidate", disable=args.quiet)
        with bar:
            history = fitting.search(
                means, targets, start, free, args.budget, lambda _: bar.update()
            )
        fit = fitting.best(history)
        rows = fit_rows(targets, estimates(start), estimates(fit.values))
    free_rows = [
        [
            p.path,
            f"{p.low:g} to {p.high:g}",
            f"{start[p.path]:g}",
            f"{fit.values[p.path]:g}",
            p.moves,
        ]
        for p in free
    ]
    description = (
        f"Market {base.market or 'none'} (scenario `{args.market or args.scenario}`) at "
        f"{args.accounts} accounts, {args.seeds} seeds per "
        f"candidate (master seed {base.run.seed}), {len(history)} candidates; best loss "
        f"{fit.loss:.3g} (start {history[0].loss:.3g})."
    )
    write_atomically(out / "fit.md", lambda p: p.write_text(markdown(description, rows, free_rows)))
    write_atomically(out / "fitted.toml", lambda p: p.write_text(fitted_toml(fit.values)))
    table = fitting.history_table(history)
    write_atomically(out / "search.csv", lambda p: table.to_csv(p, index=False))
    print(f"{description}\n\n{text_table(COLUMNS, rows)}\n\nfitted values:\n")
    print(fitted_toml(fit.values))
    print(f"wrote {out}/fit.md, {out}/fitted.toml and {out}/search.csv")
    return 0 if all(row[-1] == "pass" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
