"""The calibrated baseline holds still over five years after its warm-up, and the check sees
a market that does not."""

import numpy as np
import pandas as pd
import pytest

from arrears.accounts import BUCKET_NAMES
from arrears.model import CollectionMarket
from arrears.params import load_scenario
from arrears.steadiness import DAYS_PER_YEAR, STEADY_FIGURES, drift, yearly_figures
from tests.test_validate import BASELINE_TOML


def synthetic_series(days: int, accounts_growth_per_day: float = 0.0) -> pd.DataFrame:
    """Daily series with 1,000 current accounts (growing as asked) and constant other figures."""
    day = np.arange(100, 100 + days)
    columns = {"day": day}
    for name in BUCKET_NAMES:
        columns[f"accounts_{name}"] = 0.0
        columns[f"balance_{name}"] = 0.0
    columns["accounts_current"] = 1000.0 * (1 + accounts_growth_per_day) ** (day - 100)
    columns["balance_current"] = 2_000_000.0
    columns["delinquency_30p_share"] = 0.03
    columns["written_off"] = 200.0
    columns["approvals"] = 3.0
    columns["underwriting_cutoff"] = 0.6
    return pd.DataFrame(columns)


def test_yearly_figures_condense_whole_years():
    """Means of stocks, sums of flows, a last partial year left out; a flat market drifts 0."""
    years = yearly_figures(synthetic_series(2 * DAYS_PER_YEAR + 100))
    assert list(years.index) == [0, 1]
    assert list(years.columns) == list(STEADY_FIGURES)
    assert years["approvals"].tolist() == [3.0 * DAYS_PER_YEAR] * 2
    assert years["charge_off_rate"].iloc[0] == pytest.approx(200.0 * DAYS_PER_YEAR / 2_000_000.0)
    assert (drift(synthetic_series(3 * DAYS_PER_YEAR)) == 1.0).all().all()


def test_drift_reads_a_growing_book():
    """A book growing 10% a year reads about 1.1 in its second year."""
    growing = drift(synthetic_series(2 * DAYS_PER_YEAR, accounts_growth_per_day=0.1 / 360))
    assert growing.loc[1, "open_accounts"] == pytest.approx(1.105, abs=0.005)
    with pytest.raises(ValueError, match="360 recorded days"):
        drift(synthetic_series(300))


def baseline_drift(**changes) -> list[pd.DataFrame]:
    """Drift of the baseline (changed) over 5 years after its warm-up, 20,000 accounts, 2 seeds."""
    base = load_scenario(BASELINE_TOML).with_overrides(
        {"population.n_accounts": 20_000, "run.days": 5 * DAYS_PER_YEAR} | changes
    )
    drifts = []
    for seed in (41, 42):
        model = CollectionMarket(base.with_overrides({"run.seed": seed}))
        model.run()
        drifts.append(drift(model.series()))
    return drifts


STOCKS = ["open_accounts", "open_balance", "approvals", "underwriting_cutoff"]
RATES = ["delinquency_30p_share", "charge_off_rate"]


@pytest.mark.slow
def test_the_baseline_holds_still_and_a_drifting_market_does_not():
    """Every year of five, in every seed: the book, its balance, approvals and the cut-off
    within 10% of the first year's; the 30+ DPD share and charge-off rate within 30% (a
    20,000-account book writes off about 500 accounts a year, and one seed's first year runs
    high: its charge-off rate then reads 25% lower four years on, while the mean over seeds
    moves 5%). Twice the applicant flow grows the book past the bound."""
    for years in baseline_drift():
        assert years[STOCKS].sub(1).abs().max().max() < 0.10, years
        assert years[RATES].sub(1).abs().max().max() < 0.30, years
    for years in baseline_drift(**{"credit.applications_per_month": 0.07}):
        assert years["open_accounts"].max() > 1.10, years
