"""Calibration: the loss, the search, bad free parameters, and the script at a tiny size."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from arrears.calibration import fitting
from arrears.calibration.fitting import (
    FREE_PARAMETERS,
    FreeParameter,
    calibration_targets,
    loss,
    search,
)
from arrears.calibration.targets import targets_for
from arrears.scenario.fields import ScenarioError
from arrears.scenario.markets import MARKETS
from arrears.scenario.scenario import Scenario

SCRIPT = Path(__file__).parents[2] / "experiments" / "calibrate.py"
_spec = importlib.util.spec_from_file_location("experiments_calibrate", SCRIPT)
assert _spec is not None and _spec.loader is not None
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)

START = {"population.essentials_share": 0.55, "behaviour.plan_logit": 0.0}
START |= {"behaviour.lost_contact_logit": -8.0}


def synthetic(values: dict[str, float]) -> dict[str, float]:
    """Measures that meet every calibration target at (0.62, -3, -11) and only near it."""
    return {
        "delinquency_30p_share": 0.0349 + 0.2 * (values["population.essentials_share"] - 0.62),
        "charge_off_rate": 0.044 - 0.01 * (values["behaviour.plan_logit"] + 3.0),
        "rpc_rate": 0.3 - 0.05 * (values["behaviour.lost_contact_logit"] + 11.0),
        "call_attempts_per_account_called": 2.0
        - 0.5 * (values["behaviour.lost_contact_logit"] + 11.0),
    }


CARDS = calibration_targets("us_cards")
"""The synthetic model's targets: the card market's levels and contact practice."""


@pytest.mark.parametrize("market", list(MARKETS))
def test_calibration_fits_each_markets_measured_targets_with_a_tolerance(market):
    """A market's level and contact-effort targets, each with a figure and a tolerance."""
    targets = calibration_targets(market)
    assert {t.measure for t in targets} <= set(fitting.CALIBRATED_MEASURES)
    assert {"rpc_rate", "call_attempts_per_account_called"} <= {t.measure for t in targets}
    assert len(targets) >= 3
    assert all(t in targets_for(market) and t.has_figure and t.tolerance > 0 for t in targets)


def test_loss_is_zero_inside_a_figure_and_one_at_its_tolerance():
    """Squared gaps in tolerances: a loss below 1 on a target is a pass on it."""
    share = next(t for t in CARDS if t.measure == "delinquency_30p_share")
    assert loss({share.measure: share.low}, [share]) == 0
    at_edge = share.low - share.tolerance
    assert loss({share.measure: at_edge}, [share]) == pytest.approx(1.0)
    assert loss({share.measure: share.low - 2 * share.tolerance}, [share]) == pytest.approx(4.0)


def test_search_finds_the_fit_within_bounds_and_budget():
    """From the defaults, Nelder-Mead reaches every target of a synthetic model; the first
    evaluation is the start, values stay within bounds, no candidate is run twice."""
    seen = []
    history = search(synthetic, CARDS, START, FREE_PARAMETERS, budget=60, on_evaluation=seen.append)
    assert history == seen and len(history) <= 60
    assert history[0].values == START
    assert len({tuple(e.values.values()) for e in history}) == len(history)
    for evaluation in history:
        for parameter in FREE_PARAMETERS:
            assert parameter.low <= evaluation.values[parameter.path] <= parameter.high
    fit = fitting.best(history)
    assert fit.loss < 1.0 < history[0].loss
    for target in CARDS:
        assert target.accepted(fit.means[target.measure]), target.quantity


def test_search_stops_at_its_budget():
    assert len(search(synthetic, CARDS, START, FREE_PARAMETERS, budget=5)) == 5


@pytest.mark.parametrize(
    ("free", "named"),
    [
        (FreeParameter("regime.name", 0, 1, "-"), "regime.name must be a number field"),
        (FreeParameter("behaviour.plan_logit", 2, 1, "-"), "low must be < high"),
        (FreeParameter("behaviour.plan_logit", -50, 1, "-"), "behaviour.plan_logit"),
        (FreeParameter("behaviour.no_such_field", 0, 1, "-"), "behaviour.no_such_field"),
    ],
)
def test_bad_free_parameters_fail_before_any_run(free, named):
    with pytest.raises(ScenarioError, match=re.escape(named)):
        fitting.check_free_parameters(Scenario(), [free])


def test_script_at_a_tiny_size_writes_the_fit(tmp_path: Path, capsys):
    """The script searches the market a scenario names, writes the fit table against that
    market's targets, the fitted values and every evaluation."""
    scenario = tmp_path / "cards.toml"
    scenario.write_text('market = "us_cards"\n[run]\nwarmup_days = 90\n')
    out = tmp_path / "calibrate"
    args = [str(scenario), "--seeds", "2", "--accounts", "400", "--budget", "3"]
    status = script.main([*args, "--workers", "1", "--out", str(out), "--quiet"])
    assert status in (0, 1)
    report = (out / "fit.md").read_text()
    assert "Market us_cards" in report and all(t.quantity in report for t in CARDS)
    fitted = (out / "fitted.toml").read_text()
    assert "[population]\nessentials_share = " in fitted and "[behaviour]" in fitted
    assert len((out / "search.csv").read_text().splitlines()) == 1 + 3
    assert "fitted values" in capsys.readouterr().out


def test_script_refuses_bad_sizes_before_writing(tmp_path: Path, capsys):
    out = tmp_path / "calibrate"
    assert script.main(["--seeds", "1", "--out", str(out)]) == 2
    assert "--seeds must be an integer >= 2, got 1" in capsys.readouterr().err
    assert not out.exists()


def test_script_refuses_an_unknown_market(tmp_path: Path, capsys):
    out = tmp_path / "calibrate"
    assert script.main(["--market", "mars", "--out", str(out)]) == 2
    assert "market must be one of" in capsys.readouterr().err and not out.exists()
