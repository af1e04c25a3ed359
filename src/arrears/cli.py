"""The ``arrears`` command line: run a scenario, list markets, regimes and parameters.

Bad input (a wrong parameter, regime name, file or range) is reported as one line naming the
field, the value and what is allowed, without a traceback, and the command exits with status 2
before any simulation starts. An interrupt (Ctrl-C, SIGINT) stops the command with one line and
status 130; every file is written atomically, so what it leaves is complete.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from arrears.calibration import cli as calibration_cli
from arrears.calibration.targets import targets_for
from arrears.dashboard import cli as dashboard_cli
from arrears.interrupts import stop_on_interrupt
from arrears.outputs.folders import add_output_arguments, output_folder
from arrears.scenario import cli as scenario_cli
from arrears.scenario.fields import ScenarioError
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS, named_market
from arrears.scenario.overrides import parse_assignments
from arrears.scenario.regimes import REGIMES, named_regime
from arrears.scenario.scenario import Scenario, starting_scenario
from arrears.sweeps import cli as sweeps_cli

EXIT_BAD_INPUT = 2
EXIT_CLOSED_PIPE = 128 + signal.SIGPIPE
"""The status of a command whose reader closed the pipe (``arrears params | head``), as Unix
tools killed by SIGPIPE report it."""


def _scenario_from_args(args: argparse.Namespace) -> Scenario:
    scenario = starting_scenario(args.scenario, args.market)
    overrides: dict[str, Any] = {}
    if args.regime is not None:
        overrides["regime.name"] = args.regime
    for flag, path in (
        ("accounts", "population.n_accounts"),
        ("days", "run.days"),
        ("seed", "run.seed"),
        ("engine", "run.engine"),
    ):
        value = getattr(args, flag)
        if value is not None:
            overrides[path] = value
    overrides |= parse_assignments(args.set)
    return scenario.with_overrides(overrides) if overrides else scenario


def _print_table(rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    widths = {c: max(len(c), *(len(str(row[c])) for row in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    print("  ".join("-" * widths[c] for c in columns))
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns))


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def command_run(args: argparse.Namespace) -> int:
    """Run one scenario and write its series, summary and figures."""
    from arrears.market.first_compile import compile_kernels
    from arrears.market.model import CollectionMarket
    from arrears.outputs.run_files import run_output_bytes, save_run

    scenario = _scenario_from_args(args)
    words = (scenario.market or "defaults", scenario.regime.name, f"seed{scenario.run.seed}")
    out = output_folder(args, words, run_output_bytes(scenario.run.days))
    if not args.quiet:
        print(
            f"market {scenario.market or 'none (parameter defaults)'}, regime "
            f"{scenario.regime.name}: {scenario.population.n_accounts:,} accounts, "
            f"{scenario.run.days} recorded days after a {scenario.run.warmup_days}-day warm-up "
            "(not in the series or summary)"
        )
        compile_kernels()
    model = CollectionMarket(scenario)
    model.run(progress=not args.quiet)
    record = save_run(model, out)
    if not args.quiet:
        rows = [{"metric": k, "value": _format(v)} for k, v in record["summary"].items()]
        _print_table(rows, ("metric", "value"))
        print(f"\nwrote {out}/series.parquet, {out}/summary.json and {out}/figures/")
    return 0


def command_regimes(args: argparse.Namespace) -> int:
    """List the named regimes, or show one with its rules and sources."""
    if args.name:
        regime = named_regime(args.name)
        print(f"{regime.name}\n\nsources: {regime.sources}\n")
        rows = [
            {
                "rule": row["field"].removeprefix("regime."),
                "value": getattr(regime, row["field"].removeprefix("regime.")),
                "unit": row["unit"],
            }
            for row in regime.describe()
            if row["field"] not in ("regime.name", "regime.sources")
        ]
        _print_table(rows, ("rule", "value", "unit"))
        return 0
    rows = [
        {
            "name": r.name,
            "weekdays": f"{r.weekday_start_hour:02d}-{r.weekday_end_hour:02d}",
            "weekends": (
                f"{r.weekend_start_hour:02d}-{r.weekend_end_hour:02d}"
                if r.weekend_end_hour > r.weekend_start_hour
                else "none"
            ),
            "third parties": r.third_party_contact,
            "garnishment": f"{r.garnishment_share:.0%}" if r.litigation_allowed else "no suits",
            "sources": r.sources[:70] + ("..." if len(r.sources) > 70 else ""),
        }
        for r in REGIMES.values()
    ]
    _print_table(rows, ("name", "weekdays", "weekends", "third parties", "garnishment", "sources"))
    return 0


def command_markets(args: argparse.Namespace) -> int:
    """List the named markets, or show one with its settings and targets."""
    from arrears.calibration.report import figure_text, tolerance_text

    if args.name is None:
        rows = [
            {"name": m.name + (" (default)" * (m.name == DEFAULT_MARKET)), "market": m.summary}
            for m in MARKETS.values()
        ]
        _print_table(rows, ("name", "market"))
        return 0
    market = named_market(args.name)
    print(f"{market.name}\n\n{market.description}\n")
    rows = [{"field": path, "value": _format(value)} for path, value in market.settings.items()]
    _print_table(rows, ("field", "value"))
    print("\ntargets (arrears validate --market NAME):")
    targets = [
        {
            "quantity": t.quantity,
            "figure": figure_text(t),
            "tolerance": tolerance_text(t),
            "source": t.source,
        }
        for t in targets_for(market.name)
    ]
    _print_table(targets, ("quantity", "figure", "tolerance", "source"))
    return 0


class _VersionAction(argparse.Action):
    """``--version``: print the version the results' provenance records, and exit."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        """Print the version (see :func:`arrears.provenance.version_text`) and exit with 0."""
        from arrears.provenance import version_text

        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``arrears`` command."""
    parser = argparse.ArgumentParser(
        prog="arrears",
        description="Agent-based simulation of debt-collection markets under regulation.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print the version and git revision, and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run one scenario")
    run.add_argument(
        "scenario", nargs="?", type=Path, help=f"scenario TOML (default: market {DEFAULT_MARKET})"
    )
    run.add_argument("--market", help="named market (see `arrears markets`); replaces the file's")
    run.add_argument("--accounts", type=int, help="number of accounts")
    run.add_argument("--days", type=int, help="days to simulate")
    run.add_argument("--seed", type=int, help="random seed")
    run.add_argument("--engine", help="numba or agents")
    run.add_argument("--regime", help="named regime (see `arrears regimes`)")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.FIELD=VALUE",
        help="set any parameter, value as TOML (repeatable), e.g. regime.weekday_end_hour=20",
    )
    add_output_arguments(run, "results/<market>-<regime>-seed<seed>")
    run.add_argument("--quiet", action="store_true", help="no progress bar or table")
    run.set_defaults(handler=command_run)

    regimes = commands.add_parser("regimes", help="list named regimes, or show one")
    regimes.add_argument("action", nargs="?", choices=("show",), help="show one regime")
    regimes.add_argument("name", nargs="?", help="regime name")
    regimes.set_defaults(handler=command_regimes)

    markets = commands.add_parser("markets", help="list named markets, or show one")
    markets.add_argument("action", nargs="?", choices=("show",), help="show one market")
    markets.add_argument("name", nargs="?", help="market name")
    markets.set_defaults(handler=command_markets)

    scenario_cli.register(commands)
    sweeps_cli.register(commands)
    calibration_cli.register(commands)
    dashboard_cli.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``arrears`` command.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 2 on bad input, 130 when interrupted.
    """
    args = build_parser().parse_args(argv)
    for listing in ("regimes", "markets"):
        if args.command == listing and args.action == "show" and not args.name:
            print(f"error: arrears {listing} show NAME needs a name", file=sys.stderr)
            return EXIT_BAD_INPUT
    try:
        return stop_on_interrupt(lambda: int(args.handler(args)))
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def console_main() -> NoReturn:
    """The installed ``arrears`` script: :func:`main`, then exit without a last sweep of the heap.

    At exit the interpreter collects garbage through every object alive, and the imports of
    numba, mesa and matplotlib leave a few million: ~0.5 s of a ~3 s ``arrears run``, to free
    nothing that matters (every file is already written and closed, and the memory goes back
    with the process). ``gc.freeze`` puts them out of the collector's sight. A reader that
    closes the pipe early (``arrears params | head``) ends the command quietly, with status
    :data:`EXIT_CLOSED_PIPE`.
    """
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        status = _quiet_after_closed_pipe()
    gc.freeze()
    sys.exit(status)


def _quiet_after_closed_pipe() -> int:
    """Stop quietly once the reader of the output has gone.

    Stdout is pointed at /dev/null, so the interpreter's last flush at exit raises no second
    error.

    Returns:
        :data:`EXIT_CLOSED_PIPE`.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_CLOSED_PIPE


if __name__ == "__main__":
    console_main()
