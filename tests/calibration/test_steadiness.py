"""Every named market holds still over five years after its warm-up, and the check sees a
market that does not."""

import numpy as np
import pandas as pd
import pytest

from arrears.calibration.steadiness import (
    DAYS_PER_YEAR,
    STEADY_FIGURES,
    STEADY_YEARS,
    drift,
    judge,
    yearly_figures,
)
from arrears.calibration.validate import steady_runs
from arrears.market.tables import BUCKET_NAMES
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS
from arrears.scenario.scenario import Scenario
from arrears.sweeps.backends import Backend
from arrears.sweeps.runner import run_specs


def synthetic_series(days: int, accounts_growth_per_day: float = 0.0) -> pd.DataFrame:
    """Daily series with 1,000 current accounts (growing as asked) and constant other figures."""
    day = np.arange(100, 100 + days)
    columns = {"day": day}
    for name in BUCKET_NAMES:
        columns[f"accounts_{name}"] = 0.0
        columns[f"balance_{name}"] = 0.0
    columns["accounts_current"] = 1000.0 * (1 + accounts_growth_per_day) ** (day - 100)
    columns["balance_current"] = 2_000_000.0
    columns["balance_dpd_90_plus"] = 40_000.0
    columns["delinquency_30p_share"] = 0.03
    columns["written_off"] = 200.0
    columns["approvals"] = 3.0
    columns["underwriting_cutoff"] = 0.6
    columns["agencies_active"] = 2.0
    columns["platforms_active"] = 1.0
    return pd.DataFrame(columns)


def test_yearly_figures_condense_whole_years():
    """Means of stocks, sums of flows, a last partial year left out; a flat market drifts 0."""
    years = yearly_figures(synthetic_series(2 * DAYS_PER_YEAR + 100))
    assert list(years.index) == [0, 1]
    assert list(years.columns) == list(STEADY_FIGURES)
    assert years["approvals"].tolist() == [3.0 * DAYS_PER_YEAR] * 2
    assert years["charge_off_rate"].iloc[0] == pytest.approx(200.0 * DAYS_PER_YEAR / 2_040_000.0)
    assert years["delinquency_90p_share"].iloc[0] == pytest.approx(40_000 / 2_040_000)
    assert (drift(synthetic_series(3 * DAYS_PER_YEAR)) == 1.0).all().all()


def test_drift_reads_a_growing_book():
    """A book growing 10% a year reads about 1.1 in its second year."""
    growing = drift(synthetic_series(2 * DAYS_PER_YEAR, accounts_growth_per_day=0.1 / 360))
    assert growing.loc[1, "open_accounts"] == pytest.approx(1.105, abs=0.005)
    with pytest.raises(ValueError, match="360 recorded days"):
        drift(synthetic_series(300))


FLOW = "credit.applications_per_month"


def market_drifts(market: str, seeds: int, years: int, **changes) -> list[pd.DataFrame]:
    """Drift of a named market (changed) at its own size over some years after its warm-up, on
    the seeds `arrears validate` uses (derived from the market's seed), run side by side."""
    scenario = Scenario.for_market(market, changes)
    specs = steady_runs(scenario, seeds, scenario.run.seed, years)
    results = run_specs(specs, Backend("processes", 2), series_block_days=1)
    return [drift(result.series) for result in sorted(results, key=lambda r: r.run_id)]


def test_judge_holds_stocks_in_every_seed_and_rates_on_the_mean():
    """A stock that moves 12% in one seed fails; a rate that moves 12% in one seed and 4% on
    the mean passes; firm counts are reported, not judged."""
    flat = drift(synthetic_series(2 * DAYS_PER_YEAR))
    moved = flat.copy()
    moved.loc[1, ["open_accounts", "charge_off_rate", "agencies_active"]] = [1.12, 0.88, 0.5]
    calm = flat.copy()
    calm.loc[1, "charge_off_rate"] = 1.04
    verdicts = {v.figure: v for v in judge([moved, calm])}
    assert not verdicts["open_accounts"].passed
    assert verdicts["open_accounts"].worst_seed == pytest.approx(0.12)
    assert verdicts["charge_off_rate"].passed
    assert verdicts["charge_off_rate"].worst_mean == pytest.approx(0.04)
    assert verdicts["agencies_active"].judged_on is None and verdicts["agencies_active"].passed
    assert all(v.passed for v in judge([flat, calm]))


@pytest.mark.slow
@pytest.mark.parametrize("market", list(MARKETS))
def test_each_market_holds_still(market):
    """The steadiness `arrears validate` checks, 5 seeds x 5 years after the warm-up: in every
    seed, the book, its balance, approvals and the cut-off stay within 10% of the first
    year's, and the delinquency and charge-off rates on the mean over seeds."""
    verdicts = judge(market_drifts(market, 5, STEADY_YEARS))
    assert all(v.passed for v in verdicts), [v for v in verdicts if not v.passed]


@pytest.mark.slow
def test_twice_the_applicant_flow_grows_the_book_past_the_bound():
    """The check sees a market that does not hold still."""
    doubled = {"credit.applications_per_month": 2 * MARKETS[DEFAULT_MARKET].settings[FLOW]}
    grown = judge(market_drifts(DEFAULT_MARKET, 1, 3, **doubled))
    assert not next(v for v in grown if v.figure == "open_accounts").passed
