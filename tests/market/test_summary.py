"""The run summary's industry measures: flow rates, net charge-offs, recoveries, liquidation.

Each measure is checked against a computation of its own from a small run's series and from
what the agencies were handed and collected, not through the code that computes it.
"""

import numpy as np
import pandas as pd
import pytest

from arrears.market.agents.agency import Agency
from arrears.market.model import CollectionMarket
from arrears.market.series import SERIES_COLUMNS, SERIES_UNITS
from arrears.market.summary import SUMMARY_UNITS, flow_rates
from arrears.market.tables import ACTIVE, BUCKET_NAMES
from arrears.scenario.scenario import Scenario

SMALL = {"population.n_accounts": 3000, "run.warmup_days": 180, "run.days": 180, "run.seed": 1}
NO_COLLECTORS = {
    "collectors.staff_per_10k_accounts": 0,
    "agencies.n_agencies": 0,
    "agencies.n_platforms": 0,
}
ROLLS = [
    ("current", "dpd_1_29", "balance_dpd_1_29"),
    ("dpd_1_29", "dpd_30_59", "balance_dpd_30_59"),
    ("dpd_30_59", "dpd_60_89", "balance_dpd_60_89"),
    ("dpd_60_89", "dpd_90_plus", "balance_dpd_90_119"),
]
"""(from bucket, to bucket, the series column of the balance that rolled into it)."""


def run(overrides=None):
    model = CollectionMarket(Scenario.for_market("cn_consumer_finance", SMALL | (overrides or {})))
    model.run()
    return model


@pytest.fixture(scope="module")
def baseline():
    """A small run that also tallies, on the recorded days, the balance of every account
    handed to a firm (at the moment it is handed over) and the cash firms book at month ends."""
    tally = {"placed": 0, "collected": 0}
    take, close_month = Agency.take, Agency.close_month

    def counting_take(agency, rows):
        if agency.model.recording:
            tally["placed"] += int(agency.model.accounts.balance[rows].sum())
        take(agency, rows)

    def counting_close_month(agency, month):
        result = close_month(agency, month)
        if agency.model.recording:
            tally["collected"] += int(result.collected.sum())
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Agency, "take", counting_take)
        patch.setattr(Agency, "close_month", counting_close_month)
        model = run()
    return model, model.series(), model.summary(), tally


def frame(days, values):
    """A daily series over ``days`` with each column's value a function of the day."""
    columns = [f"balance_{name}" for name in BUCKET_NAMES] + ["balance_dpd_90_119", "written_off"]
    return pd.DataFrame({"day": list(days)} | {c: [values(c, d) for d in days] for c in columns})


def test_flow_rates_of_a_hand_made_series():
    """Month ends are days 29, 59 and 89; other days, and write-offs up to day 29, are ignored."""
    month_end = {
        29: {"current": 1000.0, "dpd_1_29": 100.0, "dpd_30_59": 50.0, "dpd_60_89": 20.0},
        59: {"current": 3000.0, "dpd_1_29": 300.0, "dpd_30_59": 150.0, "dpd_60_89": 60.0},
        89: {"current": 9.0, "dpd_1_29": 60.0, "dpd_30_59": 90.0, "dpd_60_89": 30.0},
    }
    for end, ninety in zip((29, 59, 89), (40.0, 80.0, 9.0), strict=True):
        month_end[end] |= {"dpd_90_plus": ninety + 1000.0, "dpd_90_119": ninety}

    def values(column, day):
        if column == "written_off":
            return 1000.0 if day <= 29 else float(day % 2)  # 15 on every later 30-day span
        return month_end[day][column.removeprefix("balance_")] if day in month_end else 1e6

    rates = flow_rates(frame(range(10, 90), values))
    assert rates["flow_rate_current_to_dpd_1_29"] == pytest.approx((300 + 60) / (1000 + 3000))
    assert rates["flow_rate_dpd_1_29_to_dpd_30_59"] == pytest.approx((150 + 90) / (100 + 300))
    assert rates["flow_rate_dpd_30_59_to_dpd_60_89"] == pytest.approx((60 + 30) / (50 + 150))
    assert rates["flow_rate_dpd_60_89_to_dpd_90_plus"] == pytest.approx((80 + 9) / (20 + 60))
    assert rates["flow_rate_dpd_90_plus_to_charge_off"] == pytest.approx((15 + 15) / (1040 + 1080))


def test_flow_rates_need_two_month_ends():
    """A series with a single month end has no 30-day step: every rate is 0."""
    rates = flow_rates(frame(range(0, 45), lambda column, day: 5.0))
    assert set(rates.values()) == {0.0}


def test_new_measures_are_in_the_summary_with_units(baseline):
    _, series, summary, _ = baseline
    names = [
        "net_charge_off_rate",
        "recovery_on_charged_off",
        "liquidation_rate",
        *(f"flow_rate_{a}_to_{b}" for a, b, _ in ROLLS),
        "flow_rate_dpd_90_plus_to_charge_off",
    ]
    assert set(names) <= set(summary) <= set(SUMMARY_UNITS)
    assert list(summary) == list(SUMMARY_UNITS)
    assert list(series.columns) == list(SERIES_COLUMNS)
    assert SERIES_UNITS["balance_dpd_90_119"] == "currency units"


def test_flow_rates_of_a_run_match_the_series(baseline):
    _, series, summary, _ = baseline
    ends = series[series["day"] % 30 == 29].reset_index(drop=True)
    assert (np.diff(ends["day"]) == 30).all() and len(ends) == 6
    for earlier, later, rolled_into in ROLLS:
        expected = ends[rolled_into][1:].sum() / ends[f"balance_{earlier}"][:-1].sum()
        assert summary[f"flow_rate_{earlier}_to_{later}"] == pytest.approx(expected)
        assert 0 < expected < 1
    written = sum(
        series.loc[(series["day"] > start) & (series["day"] <= start + 30), "written_off"].sum()
        for start in ends["day"][:-1]
    )
    expected = written / ends["balance_dpd_90_plus"][:-1].sum()
    assert summary["flow_rate_dpd_90_plus_to_charge_off"] == pytest.approx(expected)
    assert 0 < expected < 1


def test_the_90_119_balance_is_the_part_of_90_plus_that_entered_it_last_month(baseline):
    model, series, _, _ = baseline
    accounts = model.accounts
    rows = (accounts.status == ACTIVE) & (accounts.dpd >= 90) & (accounts.dpd < 120)
    assert series["balance_dpd_90_119"].iloc[-1] == pytest.approx(
        accounts.balance[rows].sum() / 100
    )
    assert (series["balance_dpd_90_119"] <= series["balance_dpd_90_plus"]).all()
    assert (series["balance_dpd_90_119"] > 0).all()


def test_charge_off_and_recovery_measures_match_the_series(baseline):
    """Gross and net charge-off rates and the recovery on charged-off balances, from the daily
    write-offs and debt-sale proceeds (the only recoveries on charged-off balances)."""
    _, series, summary, _ = baseline
    written, sold = series["written_off"].sum(), series["debt_sale_proceeds"].sum()
    open_balance = series[[f"balance_{name}" for name in BUCKET_NAMES]].sum(axis=1).mean()
    per_year = 365 / len(series)
    assert summary["charge_off_rate"] == pytest.approx(written * per_year / open_balance)
    assert summary["net_charge_off_rate"] == pytest.approx(
        (written - sold) * per_year / open_balance
    )
    assert summary["recovery_on_charged_off"] == pytest.approx(sold / written)
    assert 0 < summary["net_charge_off_rate"] < summary["charge_off_rate"]


def test_liquidation_rate_is_cash_over_the_balance_handed_to_firms(baseline):
    """Every account handed to a firm on a recorded day counts at its balance then."""
    _, _, summary, tally = baseline
    assert tally["placed"] > 0 and tally["collected"] > 0
    assert summary["liquidation_rate"] == pytest.approx(tally["collected"] / tally["placed"])
    assert 0 < summary["liquidation_rate"] < 1


def test_without_collectors_more_balance_rolls_from_30_59_to_60_89(baseline):
    """No staff and no firms: fewer accounts pay their way back, so more roll on."""
    _, _, worked, _ = baseline
    alone = run(NO_COLLECTORS).summary()
    assert alone["liquidation_rate"] == 0
    rate = "flow_rate_dpd_30_59_to_dpd_60_89"
    assert alone[rate] > worked[rate] + 0.05
