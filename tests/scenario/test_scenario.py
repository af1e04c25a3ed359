"""Tests of scenario parameters, their validation and the named regimes."""

from __future__ import annotations

import dataclasses
import math
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arrears.scenario.fields import ScenarioError
from arrears.scenario.regimes import REGIMES, Regime, named_regime
from arrears.scenario.scenario import Scenario, describe_parameters, load_scenario
from arrears.scenario.sections.lenders import LenderParams
from arrears.scenario.sections.population import TIER_NAMES, PopulationParams
from arrears.scenario.sections.run import RunParams
from tests.toml_text import to_toml

SECTION_NAMES = tuple(f.name for f in dataclasses.fields(Scenario) if f.name != "market")
REGIME_NAMES = (
    "laissez_faire",
    "us_reg_f",
    "uk_conc",
    "eu_ccd2",
    "cn_2025",
    "ru_230fz",
    "firm_workday",
)


def _allowed(path: str) -> str:
    """The 'allowed' text of a field, as describe_parameters reports it."""
    rows = {row["field"]: row for row in describe_parameters()}
    return rows[path]["allowed"]


def _error(data: dict[str, Any]) -> str:
    """The message of the ScenarioError raised when building a scenario from ``data``."""
    with pytest.raises(ScenarioError) as info:
        Scenario.from_mapping(data)
    return str(info.value)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults ------------------------------------------------------------------------------------


def test_default_scenario_is_valid():
    """The default scenario builds and has the documented defaults."""
    scenario = Scenario()
    assert scenario.population.n_accounts == 5000
    assert len(scenario.population.tier_shares) == len(TIER_NAMES)
    assert math.isclose(sum(scenario.population.tier_shares), 1.0)
    assert len(scenario.population.archetype_shares) == 4
    assert scenario.run.engine == "numba"
    assert scenario.regime.name == "laissez_faire"


def test_empty_mapping_equals_default_scenario():
    """Scenario.from_mapping({}) is the default scenario."""
    assert Scenario.from_mapping({}) == Scenario()


def test_from_mapping_of_to_dict_round_trips():
    """Building a scenario from its own to_dict gives the same scenario."""
    scenario = Scenario.from_mapping({"regime": {"name": "ru_230fz"}, "run": {"days": 30}})
    assert Scenario.from_mapping(scenario.to_dict()) == scenario


def test_int_is_accepted_for_float_field():
    """An integer given for a float field is accepted and stored as a float."""
    scenario = Scenario.from_mapping({"loans": {"apr_annual": 1}})
    assert scenario.loans.apr_annual == 1.0
    assert isinstance(scenario.loans.apr_annual, float)


@pytest.mark.parametrize(
    "value", [np.int64(19), np.int32(19), np.float64(19.0), 19.0, np.uint8(19)]
)
def test_numpy_scalars_and_whole_floats_fill_integer_fields(value):
    """Values from numpy samplers (SALib, EMA) are accepted and stored as Python numbers."""
    regime = Scenario().with_overrides({"regime.weekday_end_hour": value}).regime
    assert regime.weekday_end_hour == 19 and type(regime.weekday_end_hour) is int
    loans = Scenario().with_overrides({"loans.apr_annual": np.float32(0.25)}).loans
    assert loans.apr_annual == pytest.approx(0.25) and type(loans.apr_annual) is float
    tiers = Scenario().with_overrides({"population.tier_shares": np.array([0.5, 0.3, 0.2])})
    assert tiers.population.tier_shares == (0.5, 0.3, 0.2)
    assert Scenario().with_overrides({"collectors.offers_plans": np.bool_(False)}).collectors
    with pytest.raises(ScenarioError, match=r"regime.weekday_end_hour must be an integer"):
        Scenario().with_overrides({"regime.weekday_end_hour": np.float64(19.5)})


def test_a_seed_that_went_through_a_float_is_refused_not_rounded():
    """A 63-bit seed read back from a row of floats is no longer the seed: refused, with the
    fix named; a float seed below 2**53 holds its integer exactly and is accepted."""
    seed = 2**62 + 1
    row = pd.DataFrame({"seed": [seed], "recovery_rate": [0.5]}).iloc[0]
    assert int(row["seed"]) != seed
    with pytest.raises(ScenarioError, match=r"run.seed = .* float beyond 2\*\*53.*int\("):
        Scenario().with_overrides({"run.seed": row["seed"]})
    assert Scenario().with_overrides({"run.seed": float(2**53)}).run.seed == 2**53
    assert Scenario().with_overrides({"run.seed": np.int64(seed)}).run.seed == seed


def test_lists_are_stored_as_tuples():
    """Sequence fields given as lists are stored as tuples, keeping sections immutable."""
    scenario = Scenario.from_mapping({"population": {"tier_shares": [0.2, 0.3, 0.5]}})
    assert scenario.population.tier_shares == (0.2, 0.3, 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        scenario.population.n_accounts = 3  # type: ignore[misc]


# --- bad values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "value", "shown"),
    [
        ("population", "n_accounts", "10", "'10'"),
        ("population", "n_accounts", True, "True"),
        ("population", "n_accounts", 10.5, "10.5"),
        ("population", "n_accounts", np.float64(10.5), "10.5"),
        ("population", "n_accounts", -5, "-5"),
        ("population", "n_accounts", 0, "0"),
        ("population", "n_accounts", 20_000_001, "20000001"),
        ("run", "days", 0, "0"),
        ("run", "days", 36_501, "36501"),
        ("run", "seed", -1, "-1"),
        ("lenders", "charge_off_dpd", 29, "29"),
        ("loans", "apr_annual", -0.1, "-0.1"),
        ("loans", "apr_annual", "high", "'high'"),
        ("loans", "term_months", 12.5, "12.5"),
        ("collectors", "aggressiveness", 1.5, "1.5"),
        ("behaviour", "stress_decay", 2.0, "2.0"),
        ("collectors", "attempts_per_account_per_day", False, "False"),
        ("macro", "unemployment_rate", 0.95, "0.95"),
        ("macro", "job_finding_rate", 0.0, "0.0"),
        ("regime", "weekday_start_hour", 25, "25"),
        ("regime", "weekend_end_hour", -1, "-1"),
    ],
)
def test_bad_scalar_names_field_value_and_rule(section, key, value, shown):
    """A wrong type or out-of-range scalar fails naming the field, the value and the range."""
    message = _error({section: {key: value}})
    path = f"{section}.{key}"
    assert path in message
    assert shown in message
    assert _allowed(path) in message


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("loans", "apr_annual"),
        ("population", "income_log_sd"),
        ("collectors", "staff_cost_per_hour"),
    ],
)
def test_non_finite_float_is_rejected(section, key, value):
    """NaN and infinities fail naming the field and the value."""
    message = _error({section: {key: value}})
    assert f"{section}.{key}" in message
    assert repr(value) in message
    assert "finite" in message


def test_non_finite_list_element_is_rejected():
    """A NaN inside a list fails naming the element's index."""
    message = _error({"population": {"income_median": [1.0, math.nan, 2.0]}})
    assert "population.income_median[1]" in message
    assert "nan" in message


def test_bad_list_element_names_its_index():
    """A wrong-typed or out-of-range element names field[index], value and rule."""
    message = _error({"population": {"income_median": [1.0, "x", 2.0]}})
    assert "population.income_median[1]" in message
    assert "'x'" in message
    message = _error({"macro": {"unemployment_path": [0.1, 0.95]}})
    assert "macro.unemployment_path[1]" in message
    assert "0.95" in message
    assert "a number in [0, 0.9]" in message
    assert _allowed("macro.unemployment_path") in _error({"macro": {"unemployment_path": 0.1}})


def test_scalar_for_list_field_is_rejected():
    """A string where a list is expected fails naming the field."""
    message = _error({"population": {"tier_shares": "abc"}})
    assert "population.tier_shares" in message
    assert "'abc'" in message
    assert "list" in message


def test_unknown_key_lists_allowed_keys():
    """An unknown key in a section fails naming it and listing the section's keys."""
    message = _error({"population": {"bogus": 1}})
    assert "population.bogus" in message
    assert "allowed keys" in message
    for field in dataclasses.fields(PopulationParams):
        assert field.name in message


def test_unknown_regime_key_lists_allowed_keys():
    """An unknown key in [regime] fails like any other section."""
    message = _error({"regime": {"name": "us_reg_f", "quiet_hours": 3}})
    assert "regime.quiet_hours" in message
    assert "weekday_start_hour" in message


def test_unknown_section_lists_allowed_sections():
    """An unknown section fails naming it and listing the sections."""
    message = _error({"bogus": {}})
    assert "bogus" in message
    for name in SECTION_NAMES:
        assert name in message


def test_section_that_is_not_a_table_is_rejected():
    """A section given as a scalar fails naming the section."""
    message = _error({"lenders": 5})
    assert "lenders" in message
    assert "5" in message


@pytest.mark.parametrize("value", [5, "cn_2025"])
def test_regime_that_is_not_a_table_is_rejected(value):
    """A [regime] given as a scalar fails with a ScenarioError naming the section."""
    assert "regime" in _error({"regime": value})


def test_regime_name_that_is_a_list_is_rejected():
    """A list given as regime.name fails with a ScenarioError."""
    assert "regime.name" in _error({"regime": {"name": ["cn_2025"]}})


def test_unknown_regime_lists_valid_names():
    """An unknown regime name fails naming it and listing every named regime."""
    message = _error({"regime": {"name": "mars"}})
    assert "regime.name" in message
    assert "'mars'" in message
    for name in REGIME_NAMES:
        assert name in message
    with pytest.raises(ScenarioError, match="us_reg_f"):
        named_regime("mars")


@pytest.mark.parametrize(
    "name",
    ["tier_shares", "income_median", "buffer_months", "job_loss_multiplier", "willingness_logit"],
)
@pytest.mark.parametrize("length", [2, 4])
def test_tier_lists_must_have_one_value_per_tier(name, length):
    """Every per-tier list must have exactly three values."""
    value = [1.0] * length
    message = _error({"population": {name: value}})
    assert f"population.{name}" in message
    assert "3 values" in message
    assert repr(tuple(value)) in message


@pytest.mark.parametrize("shares", [[0.5, 0.3, 0.1], [0.5, 0.4, 0.2], [0.0, 0.0, 0.0]])
def test_tier_shares_must_sum_to_one(shares):
    """Tier shares that do not sum to one are rejected."""
    message = _error({"population": {"tier_shares": shares}})
    assert "population.tier_shares" in message
    assert "sum to 1" in message
    assert repr(tuple(shares)) in message


def test_tier_shares_summing_to_one_within_rounding_are_accepted():
    """Shares that sum to one up to float rounding are accepted."""
    assert Scenario.from_mapping({"population": {"tier_shares": [0.7, 0.2, 0.1]}})


@pytest.mark.parametrize("length", [0, 3, 5])
def test_archetype_shares_must_have_one_value_per_archetype(length):
    """The reachability archetype shares list one value per archetype."""
    message = _error({"population": {"archetype_shares": [1.0 / max(length, 1)] * length}})
    assert "population.archetype_shares" in message
    assert "4 values" in message


@pytest.mark.parametrize("length", [0, 6, 8])
def test_channel_lists_must_have_one_value_per_channel(length):
    """Every channel parameter lists one value per channel."""
    message = _error({"channels": {"cost": [1.0] * length}})
    assert "channels.cost" in message
    assert "7 values" in message


def test_unknown_strategy_names_the_choices():
    """A collector strategy outside the choices is rejected with the choices listed."""
    message = _error({"collectors": {"strategy": "random"}})
    assert "collectors.strategy" in message
    assert "'segmented'" in message


@pytest.mark.parametrize("days", ["weekday", "weekend"])
def test_regime_window_must_not_end_before_start(days):
    """A regime window whose end hour is before its start hour is rejected."""
    table = {"name": "us_reg_f", f"{days}_start_hour": 10, f"{days}_end_hour": 9}
    message = _error({"regime": table})
    assert f"regime.{days}_end_hour" in message
    assert f"regime.{days}_start_hour (10)" in message
    assert "got 9" in message


def test_empty_regime_window_is_allowed():
    """A window with start == end (no contact) is valid."""
    regime = Regime(weekday_start_hour=12, weekday_end_hour=12)
    assert regime.window(0) == (12, 12)


@pytest.mark.parametrize("engine", ["gpu", "Numba", ""])
def test_engine_must_be_a_choice(engine):
    """run.engine outside its choices fails naming the field, value and choices."""
    message = _error({"run": {"engine": engine}})
    assert "run.engine" in message
    assert repr(engine) in message
    assert "'numba'" in message
    assert "'agents'" in message


def test_engine_must_be_a_string():
    """A non-string engine fails naming the field."""
    message = _error({"run": {"engine": 3}})
    assert "run.engine" in message
    assert "got 3" in message


def test_sections_validate_when_built_in_code():
    """Sections built directly in code are validated like those read from TOML."""
    with pytest.raises(ScenarioError, match=r"lenders\.n_lenders"):
        LenderParams(n_lenders=0)
    with pytest.raises(ScenarioError, match=r"run\.engine"):
        RunParams(engine="gpu")


# --- load_scenario -------------------------------------------------------------------------------


def test_load_missing_file_names_the_path(tmp_path):
    """A missing scenario file fails naming its path."""
    path = tmp_path / "nope.toml"
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(path) in str(info.value)
    assert "does not exist" in str(info.value)


def test_load_malformed_toml(tmp_path):
    """A file that is not TOML fails naming the path and saying it is not valid TOML."""
    path = _write(tmp_path, "[population\nn_accounts = = 3\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert "not valid TOML" in str(info.value)
    assert str(path) in str(info.value)


def test_load_valid_toml(tmp_path):
    """Values written to a TOML file are read back into the scenario."""
    path = _write(
        tmp_path,
        """
[population]
n_accounts = 1234
tier_shares = [0.2, 0.3, 0.5]

[loans]
apr_annual = 0.36
term_months = 9

[lenders]
n_lenders = 3

[regime]
name = "us_reg_f"

[macro]
unemployment_path = [0.05, 0.08, 0.1]

[run]
days = 90
seed = 42
engine = "agents"
""",
    )
    scenario = load_scenario(str(path))
    assert scenario.population.n_accounts == 1234
    assert scenario.population.tier_shares == (0.2, 0.3, 0.5)
    assert scenario.loans.apr_annual == 0.36
    assert scenario.loans.term_months == 9
    assert scenario.lenders.n_lenders == 3
    assert scenario.regime == REGIMES["us_reg_f"]
    assert scenario.macro.unemployment_path == (0.05, 0.08, 0.1)
    assert scenario.run.days == 90
    assert scenario.run.seed == 42
    assert scenario.run.engine == "agents"
    assert scenario.collectors == Scenario().collectors


def test_load_bad_value_in_toml(tmp_path):
    """A bad value in a TOML file fails naming the field."""
    path = _write(tmp_path, "[run]\ndays = 0\n")
    with pytest.raises(ScenarioError, match=r"run\.days"):
        load_scenario(path)


@pytest.mark.parametrize("regime_name", REGIME_NAMES)
def test_full_scenario_round_trips_through_toml(tmp_path, regime_name):
    """A whole scenario written as TOML (every field) loads back equal."""
    scenario = Scenario().with_overrides(
        {"regime.name": regime_name, "run.seed": 7, "macro.unemployment_path": [0.05, 0.07]}
    )
    path = _write(tmp_path, to_toml(scenario.to_dict()))
    assert load_scenario(path) == scenario


def test_named_regime_with_override_from_toml(tmp_path):
    """[regime] name = "cn_2025" with weekday_end_hour = 21 changes only that field."""
    path = _write(tmp_path, '[regime]\nname = "cn_2025"\nweekday_end_hour = 21\n')
    regime = load_scenario(path).regime
    expected = dataclasses.replace(REGIMES["cn_2025"], weekday_end_hour=21)
    assert dataclasses.replace(regime, sources=expected.sources) == expected
    assert regime.sources.endswith("Changed here: weekday_end_hour=21.")
    assert regime.name == "cn_2025"
    assert regime.window(0) == (8, 21)
    assert regime.window(5) == (8, 22)


# --- with_overrides ------------------------------------------------------------------------------


def test_with_overrides():
    """Dotted-path overrides replace fields, and regime.name selects a named regime."""
    scenario = Scenario().with_overrides(
        {"population.n_accounts": 10, "regime.name": "firm_workday"}
    )
    assert scenario.population.n_accounts == 10
    assert scenario.regime == REGIMES["firm_workday"]
    assert scenario.loans == Scenario().loans


def test_with_overrides_leaves_original_unchanged():
    """with_overrides returns a new scenario and does not change the original."""
    original = Scenario()
    changed = original.with_overrides({"run.days": 30})
    assert changed.run.days == 30
    assert original.run.days == 365


def test_with_overrides_applies_regime_fields_on_top_of_name():
    """Regime fields given with regime.name apply on top of the named regime, in any order."""
    for overrides in (
        {"regime.name": "cn_2025", "regime.weekday_end_hour": 21},
        {"regime.weekday_end_hour": 21, "regime.name": "cn_2025"},
    ):
        regime = Scenario().with_overrides(overrides).regime
        expected = dataclasses.replace(REGIMES["cn_2025"], weekday_end_hour=21)
        assert dataclasses.replace(regime, sources=expected.sources) == expected
        assert "weekday_end_hour=21" in regime.sources


def test_with_overrides_keeps_current_named_regime():
    """A regime-field override without regime.name modifies the current regime."""
    scenario = Scenario().with_overrides({"regime.name": "ru_230fz"})
    regime = scenario.with_overrides({"regime.weekend_end_hour": 19}).regime
    assert regime == dataclasses.replace(REGIMES["ru_230fz"], weekend_end_hour=19)


def test_with_overrides_keeps_custom_regime():
    """A scenario with a custom-named regime accepts overrides of other sections."""
    custom = Regime(name="night_ban", weekday_start_hour=7, weekday_end_hour=23)
    scenario = Scenario(regime=custom).with_overrides({"run.days": 10})
    assert scenario.regime == custom


@pytest.mark.parametrize("path", ["nosuchsection.x", "population", "population.a.b", ".x"])
def test_with_overrides_bad_path(path):
    """A malformed or unknown dotted path fails naming the path."""
    with pytest.raises(ScenarioError) as info:
        Scenario().with_overrides({path: 1})
    assert repr(path) in str(info.value)


def test_with_overrides_unknown_field():
    """An unknown field in a known section fails naming it and listing the section's keys."""
    with pytest.raises(ScenarioError, match=r"population\.zz.*allowed keys"):
        Scenario().with_overrides({"population.zz": 1})


def test_with_overrides_bad_value():
    """An override with a bad value fails naming the field."""
    with pytest.raises(ScenarioError, match=r"run\.days"):
        Scenario().with_overrides({"run.days": -1})
    with pytest.raises(ScenarioError, match="us_reg_f"):
        Scenario().with_overrides({"regime.name": "mars"})


# --- regimes -------------------------------------------------------------------------------------


def test_all_named_regimes_exist_with_sources():
    """The seven named regimes exist, are keyed by their own name and cite their sources."""
    assert set(REGIMES) == set(REGIME_NAMES)
    for name in REGIME_NAMES:
        regime = named_regime(name)
        assert regime is REGIMES[name]
        assert regime.name == name
        assert regime.sources.strip()


@pytest.mark.parametrize(
    ("name", "weekday", "weekend"),
    [
        ("laissez_faire", (0, 24), (0, 24)),
        ("us_reg_f", (8, 21), (8, 21)),
        ("uk_conc", (8, 21), (8, 21)),
        ("eu_ccd2", (8, 20), (8, 20)),
        ("cn_2025", (8, 22), (8, 22)),
        ("ru_230fz", (8, 22), (9, 20)),
        ("firm_workday", (9, 18), (0, 0)),
    ],
)
def test_regime_windows(name, weekday, weekend):
    """Days 0-4 (Mon-Fri) use the weekday window and days 5-6 the weekend window, weekly."""
    regime = REGIMES[name]
    for week in range(3):
        for day_of_week in range(7):
            expected = weekday if day_of_week < 5 else weekend
            assert regime.window(7 * week + day_of_week) == expected


def test_firm_workday_has_no_weekend_contact():
    """firm_workday allows no contact on Saturday and Sunday."""
    for day in (5, 6, 12, 13):
        start, end = REGIMES["firm_workday"].window(day)
        assert start == end


# --- describe_parameters -------------------------------------------------------------------------


def test_describe_parameters_lists_every_field():
    """describe_parameters has one row per field of every section, with unit and allowed text."""
    rows = describe_parameters()
    scenario = Scenario()
    expected = {
        f"{section}.{field.name}"
        for section in SECTION_NAMES
        for field in dataclasses.fields(getattr(scenario, section))
    } | {"market"}
    fields = [row["field"] for row in rows]
    assert len(fields) == len(set(fields))
    assert set(fields) == expected
    for row in rows:
        assert set(row) == {"field", "default", "unit", "allowed", "meaning"}
        assert row["unit"]
        assert row["allowed"]
        assert row["meaning"]


def test_describe_parameters_allowed_text():
    """The allowed text gives ranges for bounded fields and choices for categorical ones."""
    rows = {row["field"]: row for row in describe_parameters()}
    assert rows["run.engine"]["allowed"] == "one of 'numba', 'agents'"
    assert rows["population.saving_rate"]["allowed"] == "in [0, 1]"
    assert rows["loans.late_fee"]["allowed"] == ">= 0"
    assert rows["regime.name"]["allowed"] == (
        "one of 'laissez_faire', 'us_reg_f', 'uk_conc', 'eu_ccd2', 'cn_2025', 'ru_230fz', "
        "'firm_workday', or another name with every rule set (a custom regime)"
    )
    assert rows["regime.sources"]["allowed"] == "any text"
    assert rows["collectors.offers_plans"]["allowed"] == "true or false"
    assert rows["macro.unemployment_path"]["allowed"] == "a list of numbers in [0, 0.9]"
    assert "any value" not in {row["allowed"] for row in rows.values()}
    assert rows["population.n_accounts"]["default"] == "5000"
    assert rows["population.n_accounts"]["unit"] == "accounts"


def test_describe_parameters_defaults_are_toml_that_set_them():
    """Every section field's default is written in TOML, and setting the field to it changes
    nothing (but the regime's sources: the default regime, laissez_faire, cites its own)."""
    scenario = Scenario()
    for row in describe_parameters():
        if row["field"] in ("market", "regime.sources"):
            continue
        value = tomllib.loads(f"value = {row['default']}")["value"]
        assert scenario.with_overrides({row["field"]: value}) == scenario, row["field"]


# --- property tests ------------------------------------------------------------------------------

_FIELD_BOUNDS = {"population.n_accounts": (1, 20_000_000), "run.days": (1, 36_500)}


@st.composite
def _out_of_range(draw: st.DrawFn) -> tuple[str, int]:
    path = draw(st.sampled_from(sorted(_FIELD_BOUNDS)))
    low, high = _FIELD_BOUNDS[path]
    value = draw(st.one_of(st.integers(max_value=low - 1), st.integers(min_value=high + 1)))
    return path, value


@settings(max_examples=50, deadline=None, database=None)
@given(_out_of_range())
def test_out_of_range_integers_are_rejected(case):
    """Any integer outside a field's [low, high] fails naming the field and the value."""
    path, value = case
    section, key = path.split(".")
    with pytest.raises(ScenarioError) as info:
        Scenario.from_mapping({section: {key: value}})
    assert path in str(info.value)
    assert repr(value) in str(info.value)
    with pytest.raises(ScenarioError, match=path.replace(".", r"\.")):
        Scenario().with_overrides({path: value})


@settings(max_examples=50, deadline=None, database=None)
@given(
    n_accounts=st.integers(min_value=1, max_value=20_000_000),
    days=st.integers(min_value=1, max_value=36_500),
)
def test_in_range_integers_are_accepted(n_accounts, days):
    """Any integer inside a field's [low, high] is accepted and kept."""
    scenario = Scenario.from_mapping(
        {"population": {"n_accounts": n_accounts}, "run": {"days": days}}
    )
    assert scenario.population.n_accounts == n_accounts
    assert scenario.run.days == days
