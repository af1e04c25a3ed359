"""Named markets: listed, shown and overridden from the CLI, TOML and Python, with the errors
every other field gives."""

from __future__ import annotations

import json
import re

import pytest

from arrears.calibration.targets import targets_for
from arrears.cli import main
from arrears.scenario.fields import ScenarioError
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS, merge_tables, named_market
from arrears.scenario.overrides import path_value
from arrears.scenario.scenario import Scenario, load_scenario, starting_scenario

UNKNOWN = "market must be one of cn_consumer_finance, us_cards, got 'mars'"


@pytest.mark.parametrize("name", list(MARKETS))
def test_a_market_is_its_settings_on_the_defaults(name):
    """Every setting lands on its field; every other field keeps its default; the scenario
    records its market and survives a round trip through plain data."""
    market = named_market(name)
    scenario = Scenario.for_market(name)
    assert scenario.market == name
    for path, value in market.settings.items():
        expected = value if path != "regime.name" else scenario.regime.name
        assert path_value(scenario, path) == expected, path
    assert scenario.channels == Scenario().channels
    assert Scenario.from_mapping(scenario.to_dict()) == scenario
    assert scenario.run.warmup_days >= 720


def test_the_markets_differ_where_their_worlds_do():
    """The card market lends larger, longer balances under US rules; China's small loans under
    China's."""
    cards, china = Scenario.for_market("us_cards"), Scenario.for_market("cn_consumer_finance")
    assert cards.regime.name == "us_reg_f" and china.regime.name == "cn_2025"
    assert cards.loans.principal_median > china.loans.principal_median
    assert cards.loans.term_months > china.loans.term_months
    assert {t.measure for t in targets_for("us_cards")[:2]} == {
        "delinquency_30p_share",
        "charge_off_rate",
    }
    assert targets_for("cn_consumer_finance")[0].measure == "delinquency_90p_share"
    assert targets_for("") == targets_for(DEFAULT_MARKET)


def test_a_scenario_file_names_a_market_and_changes_it(tmp_path):
    """The file's tables win field by field; a regime rule changes the market's regime."""
    path = tmp_path / "cards.toml"
    path.write_text(
        'market = "us_cards"\n[population]\nn_accounts = 3000\n'
        "[regime]\nweekday_end_hour = 20\n[run]\nseed = 9\n"
    )
    scenario = load_scenario(path)
    assert scenario.market == "us_cards" and scenario.population.n_accounts == 3000
    assert scenario.loans.term_months == MARKETS["us_cards"].settings["loans.term_months"]
    assert scenario.regime.name == "us_reg_f" and scenario.regime.weekday_end_hour == 20
    assert scenario.regime.weekday_start_hour == 8
    assert starting_scenario(path, "cn_consumer_finance").loans.principal_median == 2500.0
    assert starting_scenario(path, "cn_consumer_finance").population.n_accounts == 3000
    assert starting_scenario().market == DEFAULT_MARKET


def test_python_overrides_and_rebasing():
    """``for_market`` and ``with_overrides({"market": ...})`` start from the market, then apply
    the other fields."""
    scenario = Scenario.for_market("us_cards", {"population.n_accounts": 1234})
    assert scenario.population.n_accounts == 1234
    rebased = Scenario().with_overrides({"market": "cn_consumer_finance", "run.days": 9})
    assert rebased == Scenario.for_market("cn_consumer_finance", {"run.days": 9})
    assert merge_tables({"a": {"x": 1, "y": 2}}, {"a": {"y": 3}, "b": 4}) == {
        "a": {"x": 1, "y": 3},
        "b": 4,
    }


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: Scenario.for_market("mars"),
        lambda tmp: Scenario().with_overrides({"market": "mars"}),
        lambda tmp: Scenario.from_mapping({"market": "mars"}),
        lambda tmp: starting_scenario(None, "mars"),
    ],
    ids=["for_market", "with_overrides", "from_mapping", "starting_scenario"],
)
def test_an_unknown_market_names_the_allowed_ones(make, tmp_path):
    with pytest.raises(ScenarioError, match=re.escape(UNKNOWN)):
        make(tmp_path)


def test_a_bad_value_on_a_market_is_the_same_error_as_on_the_defaults():
    bad = {"loans.apr_annual": -1}
    with pytest.raises(ScenarioError) as on_defaults:
        Scenario().with_overrides(bad)
    with pytest.raises(ScenarioError) as on_market:
        Scenario.for_market("us_cards", bad)
    assert str(on_market.value) == str(on_defaults.value)
    assert "loans.apr_annual" in str(on_market.value)
    with pytest.raises(ScenarioError, match="unknown section 'market'"):
        Scenario.for_market("us_cards", {"market.name": "x"})


def test_markets_command_lists_and_shows(capsys):
    """`arrears markets` marks the default; `show` prints the description, settings and the
    targets with their sources."""
    assert main(["markets"]) == 0
    listing = capsys.readouterr().out
    assert f"{DEFAULT_MARKET} (default)" in listing and "us_cards" in listing
    assert main(["markets", "show", "us_cards"]) == 0
    shown = capsys.readouterr().out
    assert "loans.term_months" in shown and "us_reg_f" in shown
    assert "3.49%" in shown and "[V]" in shown


@pytest.mark.parametrize(
    "argv",
    [
        ["markets", "show", "mars"],
        ["run", "--market", "mars"],
        ["validate", "--market", "mars"],
    ],
)
def test_a_bad_market_on_the_command_line_is_one_line_and_exit_2(argv, tmp_path, capsys):
    out = tmp_path / "out"
    args = argv if argv[0] == "markets" else [*argv, "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and UNKNOWN in err
    assert not out.exists()


def test_run_market_replaces_the_files_market(tmp_path):
    """`arrears run FILE --market NAME` starts from NAME and applies the file's tables."""
    path = tmp_path / "small.toml"
    path.write_text('market = "cn_consumer_finance"\n[run]\nwarmup_days = 0\ndays = 5\n')
    out = tmp_path / "out"
    args = ["run", str(path), "--market", "us_cards", "--accounts", "300", "--quiet"]
    assert main([*args, "--out", str(out)]) == 0
    scenario = json.loads((out / "summary.json").read_text())["scenario"]
    assert scenario["market"] == "us_cards" and scenario["regime"]["name"] == "us_reg_f"
    assert scenario["run"]["warmup_days"] == 0 and scenario["run"]["days"] == 5
