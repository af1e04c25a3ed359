import inspect

import pytest

from arrears.dashboard.session import (
    CONTACT_HOURS,
    DASHBOARD_SCENARIO,
    MARKET,
    MarketSession,
    dashboard_scenario,
)
from arrears.scenario.fields import ScenarioError
from arrears.scenario.regimes import REGIMES

SMALL = {"n_accounts": 1500, "warmup_days": 30, "seed": 3}


def test_every_setting_is_a_session_argument_with_the_scenario_default():
    """Each slider is a keyword of MarketSession whose default is the starting scenario's."""
    parameters = inspect.signature(MarketSession).parameters
    for name, setting in (CONTACT_HOURS | MARKET).items():
        assert parameters[name].default == setting.default()
    assert parameters["regime"].default == DASHBOARD_SCENARIO.regime.name
    assert set(parameters) == {"regime", "custom_hours", *CONTACT_HOURS, *MARKET}


def test_every_setting_default_lies_on_its_slider():
    """A slider starts inside its range."""
    for setting in (CONTACT_HOURS | MARKET).values():
        assert setting.low <= setting.default() <= setting.high


def test_sliders_set_the_scenario_and_hours_only_on_request():
    """Market sliders always apply; the hour sliders replace the regime's only when asked."""
    values = {"weekday_end_hour": 20, "aggressiveness": 0.25, "n_accounts": 3000}
    kept = dashboard_scenario("ru_230fz", custom_hours=False, values=values)
    assert kept.regime == REGIMES["ru_230fz"]
    assert kept.collectors.aggressiveness == 0.25
    assert kept.population.n_accounts == 3000
    custom = dashboard_scenario("ru_230fz", custom_hours=True, values=values)
    assert custom.regime.weekday_end_hour == 20
    assert custom.regime.weekend_start_hour == REGIMES["ru_230fz"].weekend_start_hour
    assert "weekday_end_hour=20" in custom.regime.sources


def test_unknown_setting_is_a_clear_error():
    """A name that is no slider is refused with the list of known settings."""
    with pytest.raises(ScenarioError, match=r"'staff' is not a dashboard setting; known .*seed"):
        dashboard_scenario("cn_2025", custom_hours=False, values={"staff": 3})


def test_session_runs_the_market_after_its_warm_up():
    """The session warms the market up, then steps it one day at a time."""
    session = MarketSession(**SMALL, regime="us_reg_f")
    assert session.error is None
    assert session.market is not None
    assert session.market.parameters.regime.name == "us_reg_f"
    assert session.market.day == 29
    assert session.series().empty
    for _ in range(5):
        session.step()
    series = session.series()
    assert series["day"].tolist() == [30, 31, 32, 33, 34]
    assert session.time == 5


def test_session_matches_a_plain_run_of_the_same_scenario():
    """The dashboard shows the very market `CollectionMarket` would simulate."""
    from arrears.market.model import CollectionMarket

    session = MarketSession(**SMALL)
    for _ in range(10):
        session.step()
    scenario = dashboard_scenario("cn_2025", custom_hours=False, values=SMALL)
    plain = CollectionMarket(scenario)
    plain.run(40)
    assert session.series().equals(plain.series())


def test_invalid_settings_keep_the_error_and_never_step():
    """A window that ends before it starts gives the scenario's message, not a crash."""
    session = MarketSession(**SMALL, custom_hours=True, weekend_start_hour=10, weekend_end_hour=9)
    assert session.market is None
    assert (
        session.error == "regime.weekend_end_hour must be >= regime.weekend_start_hour (10), got 9"
    )
    assert not session.running
    session.step()
    assert session.series().empty


def test_out_of_range_slider_value_names_the_field():
    """A value outside the scenario's range is reported with the field and range."""
    session = MarketSession(**SMALL | {"n_accounts": 0})
    assert session.error is not None
    assert "population.n_accounts" in session.error
