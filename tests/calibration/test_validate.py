"""`arrears validate`: the targets and directions tables, their verdicts and the command."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from arrears.calibration.fitting import calibration_targets
from arrears.calibration.report import estimate_text, failure_lines, markdown
from arrears.calibration.steadiness import STEADY_FIGURES
from arrears.calibration.targets import (
    DIRECTIONS,
    MARKET_LEVELS,
    MEASURE_UNITS,
    Direction,
    Target,
    targets_for,
)
from arrears.calibration.validate import BASELINE, evaluate, plan_runs, run_validation
from arrears.cli import main
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS
from arrears.scenario.scenario import Scenario, load_scenario
from arrears.sweeps.backends import Backend

BASELINE_TOML = Path(__file__).parents[2] / "experiments" / "scenarios" / "baseline.toml"

POINT = Target("share", "share_measure", 0.04, 0.04, 0.01, True, "source")
FLOOR = Target("floor", "floor_measure", 0.7, None, 0.0, True, "source")
LATER = Target("later", "not_yet_a_measure", 0.1, 0.2, 0.0, True, "source")
UP = Direction("more x", {"run.days": 2}, "count", +1, "why")
DOWN = Direction("less y", {"run.days": 3}, "count", -1, "why")


def synthetic_runs(base, up, down, share=(0.035, 0.04, 0.045), floor=(0.8, 0.8, 0.8)):
    """Per-run measures of three arms (baseline, UP, DOWN) on three seeds."""
    rows = []
    for arm, counts in ((BASELINE, base), (UP.rule, up), (DOWN.rule, down)):
        for replicate, count in enumerate(counts):
            rows.append(
                {
                    "arm": arm,
                    "replicate": replicate,
                    "seed": replicate,
                    "count": count,
                    "share_measure": share[replicate],
                    "floor_measure": floor[replicate],
                }
            )
    return pd.DataFrame(rows)


def test_a_target_passes_within_its_figure_widened_by_the_tolerance():
    """Gap is the distance to the figure's range; the tolerance decides pass or fail."""
    assert POINT.gap(0.045) == pytest.approx(0.005) and POINT.accepted(0.045)
    assert POINT.gap(0.0299) < 0 and not POINT.accepted(0.0299)
    assert FLOOR.accepted(0.99) and FLOOR.gap(0.99) == 0 and not FLOOR.accepted(0.69)


def test_evaluate_judges_targets_and_paired_directions():
    """Means and t intervals across seeds; signs from the paired differences' interval."""
    runs = synthetic_runs(base=(10, 20, 30), up=(12, 23, 32.5), down=(9, 21, 29))
    validation = evaluate(runs, targets=(POINT, FLOOR, LATER), directions=(UP, DOWN))
    assert validation.seeds == 3
    point, floor, later = validation.targets
    assert point.status == "pass" and point.estimate.mean == pytest.approx(0.04)
    assert point.estimate.low < 0.04 < point.estimate.high
    assert floor.status == "pass"
    assert later.status == "not modelled yet" and later.estimate is None
    up, down = validation.directions
    assert up.difference.mean == pytest.approx(2.5) and up.difference.sign == 1 and up.passed
    assert down.difference.sign == 0 and not down.passed, "-1, +1, -1: the interval spans 0"
    assert not validation.passed
    difference = estimate_text(down.difference, False)
    assert failure_lines(validation) == [
        f"direction less y: count expected -, observed 0 ({difference})"
    ]


def test_a_missed_target_fails_the_validation_and_says_by_how_much():
    """A share far from its figure fails, and the failure line gives model and figure."""
    runs = synthetic_runs((1, 2, 3), (2, 3, 4), (0, 1, 2), share=(0.09, 0.1, 0.11))
    validation = evaluate(runs, targets=(POINT,), directions=(UP, DOWN))
    assert [r.status for r in validation.targets] == ["FAIL"]
    assert validation.passed is False
    assert failure_lines(validation)[0].startswith(
        "target share: model 10.00% (7.52% to 12.48%), figure 4.00% within 1.0 pp"
    )
    report = markdown(validation, "synthetic")
    assert "The calibration fails:" in report and "| share | 4.00% | 1.0 pp |" in report


@pytest.mark.parametrize("market", list(MARKETS))
def test_targets_and_directions_are_sound_data(market):
    """Every target of every market cites its source with a grade ([V] checked, [S]
    secondary, [U] uncertain), its levels first; direction measures exist now; each change is a
    valid scenario and a real change of the baseline."""
    targets = targets_for(market)
    assert all(re.search(r"\[(V|S|U)(/[VSU])?\]", target.source) for target in targets)
    assert targets[0].measure.startswith("delinquency_")
    assert {d.measure for d in DIRECTIONS} <= set(MEASURE_UNITS)
    assert len({d.rule for d in DIRECTIONS}) == len(DIRECTIONS), "rules label the arms"
    modelled = [t for t in targets if t.measure in MEASURE_UNITS]
    assert len([t for t in modelled if t.has_figure]) >= 6
    base = load_scenario(BASELINE_TOML)
    specs = plan_runs(base, seeds=2, master_seed=1)
    assert len(specs) == 2 * (len(DIRECTIONS) + 1)
    assert [s.seed for s in specs[:2]] == [s.seed for s in specs[-2:]], "paired by seed"
    assert all(spec.scenario != specs[0].scenario for spec in specs[2::2])


def markdown_table(text: str, heading: str) -> list[list[str]]:
    """The rows (cells) of the first markdown table under a heading."""
    lines = text.split(f"## {heading}\n", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[start:end]]


@pytest.mark.slow
def test_validate_command_at_a_tiny_size(tmp_path, capsys):
    """`arrears validate` prints and writes its three tables and a figure; no direction is
    observed reversed, and most are observed as expected (at this size, a year's worth of
    effects on a steady book can hide in the noise: the default size, 20,000 accounts and 5
    seeds, observes every one); every steady figure is judged; the exit status is 1 exactly
    when a target, a direction or a steady figure fails."""
    out = tmp_path / "validate"
    args = ["validate", str(BASELINE_TOML), "--seeds", "4", "--accounts", "4000", "--days", "90"]
    args += ["--steady-years", "2"]
    targets = targets_for(DEFAULT_MARKET)
    status = main([*args, "--workers", "2", "--out", str(out), "--quiet"])
    printed = capsys.readouterr().out
    report = (out / "validation.md").read_text()
    assert f"Market `{DEFAULT_MARKET}`" in report
    table = markdown_table(report, "Targets")
    assert table[0] == [
        "target",
        "figure",
        "tolerance",
        "model (95% CI)",
        "gap",
        "result",
        "source",
    ]
    assert [row[0] for row in table[2:]] == [t.quantity for t in targets]
    results = {row[0]: row[5] for row in table[2:]}
    for target in targets:
        if target.measure not in MEASURE_UNITS:
            expected = {"not modelled yet"}
        else:
            expected = {"pass", "FAIL"} if target.has_figure else {"no figure"}
        assert results[target.quantity] in expected
    directions = markdown_table(report, "Direction of effect")
    assert len(directions) == 2 + len(DIRECTIONS)
    observed = {row[0]: (row[2], row[3], row[5]) for row in directions[2:]}
    assert all(seen in (expected, "0") for expected, seen, _ in observed.values()), observed
    assert sum(seen == expected for expected, seen, _ in observed.values()) >= 5, observed
    failed = [name for name, result in results.items() if result == "FAIL"]
    missed = [rule for rule, (_, _, result) in observed.items() if result == "FAIL"]
    steady = markdown_table(report, "Steadiness")
    assert [row[0] for row in steady[2:]] == list(STEADY_FIGURES)
    unsteady = [row[0] for row in steady[2:] if row[4].startswith("FAIL")]
    assert status == (1 if failed or missed or unsteady else 0)
    assert all(f"steadiness {name}:" in printed for name in unsteady)
    assert all(f"target {name}:" in printed for name in failed)
    assert "Direction of effect" in printed and "not modelled yet" in printed
    assert "Steadiness" in printed and "over 2 recorded years" in report
    runs = pd.read_csv(out / "runs.csv")
    assert len(runs) == 4 * (len(DIRECTIONS) + 1)
    assert runs.groupby("arm")["seed"].apply(tuple).nunique() == 1, "every arm on the same seeds"
    assert (out / "validation.png").stat().st_size > 50_000


def target_verdicts(market: str, **changes) -> dict[str, str]:
    """Each target's verdict on a named market (changed): 2 seeds run side by side, a year."""
    scenario = Scenario.for_market(market, changes)
    validation = run_validation(scenario, 2, 31, Backend("processes", 2), 0, directions=())
    return {result.target.quantity: result.status for result in validation.targets}


RPC = "right-party contacts per call attempt"
SMALL_AND_SHORT = {"population.n_accounts": 4000, "run.warmup_days": 360}
"""Enough for a broken market to show: it misses its targets by far."""
NO_STAFF = {
    "collectors.staff_per_10k_accounts": 0.0,
    "agencies.n_agencies": 0,
    "agencies.n_platforms": 0,
}


@pytest.mark.slow
@pytest.mark.parametrize("market", list(MARKETS))
def test_each_market_meets_its_targets_and_broken_variants_miss_them(market):
    """At its own size, a market meets the targets it is calibrated to (the others, noisier,
    are checked by `arrears validate` over 5 seeds); charge-off at 30 days past due misses its
    levels (no balance ever reaches 90 days, or too much is written off); collectors with no
    staff (and no agencies) miss right-party contacts per call attempt."""
    calibrated = target_verdicts(market)
    assert all(calibrated[target.quantity] == "pass" for target in calibration_targets(market)), (
        calibrated
    )
    early = target_verdicts(market, **SMALL_AND_SHORT, **{"lenders.charge_off_dpd": 30})
    assert all(early[level.quantity] == "FAIL" for level in MARKET_LEVELS[market]), early
    assert target_verdicts(market, **SMALL_AND_SHORT, **NO_STAFF)[RPC] == "FAIL"


@pytest.mark.parametrize(
    ("scenario", "options", "named"),
    [
        (BASELINE_TOML, ["--seeds", "1"], "--seeds must be an integer >= 2"),
        (BASELINE_TOML, ["--accounts", "0"], "population.n_accounts"),
        (BASELINE_TOML, ["--days", "-3"], "run.days"),
        (BASELINE_TOML, ["--workers", "0"], "--workers must be"),
        (BASELINE_TOML, ["--steady-years", "1"], "--steady-years must be 0"),
        (Path("no/such/scenario.toml"), [], "does not exist"),
    ],
)
def test_bad_validate_input_is_one_line_and_no_folder(tmp_path, capsys, scenario, options, named):
    """Bad options fail before any run with one line, exit 2, and no output folder."""
    out = tmp_path / "out"
    assert main(["validate", str(scenario), *options, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err
    assert not out.exists()
