import json

import pytest

from arrears.cli import main
from arrears.scenario.fields import ScenarioError
from arrears.scenario.overrides import (
    keyword_overrides,
    keyword_path,
    parse_assignment,
    parse_assignments,
    path_value,
    resolve_path,
)
from arrears.scenario.scenario import Scenario


def test_resolve_path_gives_type_and_spec():
    """A dotted path resolves to its field's type, unit and range."""
    accounts = resolve_path("population.n_accounts")
    assert accounts.kind is int and accounts.numeric
    assert accounts.spec.unit == "accounts"
    assert resolve_path("regime.name").kind is str
    assert resolve_path("macro.unemployment_path").kind is tuple
    assert not resolve_path("macro.unemployment_path").numeric


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("n_accounts", "not a parameter path"),
        ("a.b.c", "not a parameter path"),
        (".days", "not a parameter path"),
        ("planet.days", "unknown section 'planet'"),
        ("run.dayz", "allowed fields of [run]: days"),
    ],
)
def test_bad_paths_name_what_is_allowed(path, message):
    """A malformed or unknown path fails with what is allowed."""
    with pytest.raises(ScenarioError, match=message.replace("[", r"\[").replace("]", r"\]")):
        resolve_path(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("run.days=30", ("run.days", 30)),
        ("collectors.aggressiveness = 0.5", ("collectors.aggressiveness", 0.5)),
        ('regime.name="us_reg_f"', ("regime.name", "us_reg_f")),
        ("regime.name=us_reg_f", ("regime.name", "us_reg_f")),
        ("macro.unemployment_path=[0.05, 0.1]", ("macro.unemployment_path", [0.05, 0.1])),
    ],
)
def test_assignments_parse_toml_values(text, expected):
    """Values are TOML; a bare word is a string."""
    assert parse_assignment(text) == expected


def test_malformed_assignments_fail():
    """No '=', an unknown path or a value that is not TOML each fail clearly."""
    with pytest.raises(ScenarioError, match="not an assignment"):
        parse_assignment("run.days")
    with pytest.raises(ScenarioError, match="not a known parameter"):
        parse_assignment("run.nights=3")
    with pytest.raises(ScenarioError, match="not a TOML value"):
        parse_assignment("macro.unemployment_path=[0.05,")
    assert parse_assignments(["run.days=3", "run.days=4"]) == {"run.days": 4}


def test_run_set_overrides_any_parameter(tmp_path):
    """`arrears run --set` reaches any field, including a regime rule on a named regime."""
    out = tmp_path / "out"
    status = main(
        [
            "run",
            "--accounts",
            "200",
            "--days",
            "10",
            "--regime",
            "us_reg_f",
            "--set",
            "regime.weekday_end_hour=20",
            "--set",
            "collectors.aggressiveness=0.4",
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert status == 0
    scenario = json.loads((out / "summary.json").read_text())["scenario"]
    assert scenario["regime"]["name"] == "us_reg_f"
    assert scenario["regime"]["weekday_end_hour"] == 20
    assert scenario["regime"]["weekday_start_hour"] == 8
    assert scenario["collectors"]["aggressiveness"] == 0.4


def test_run_bad_set_is_one_line_exit_2(tmp_path, capsys):
    """A bad --set value fails before the run, naming field, value and range."""
    out = tmp_path / "out"
    assert main(["run", "--set", "regime.weekday_end_hour=25", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "regime.weekday_end_hour" in err and "25" in err and "[0, 24]" in err
    assert not out.exists()


def test_path_value_reads_a_field_and_names_a_wrong_path():
    """A parameter's value by its path; an unknown path fails with what is allowed."""
    scenario = Scenario().with_overrides({"run.days": 123})
    assert path_value(scenario, "run.days") == 123
    with pytest.raises(ScenarioError, match="allowed fields of \\[run\\]"):
        path_value(scenario, "run.dayz")


@pytest.mark.parametrize(
    ("keyword", "path"),
    [
        ("n_accounts", "population.n_accounts"),
        ("days", "run.days"),
        ("weekday_end_hour", "regime.weekday_end_hour"),
        ("regime__weekday_end_hour", "regime.weekday_end_hour"),
        ("collectors__score_noise_sd", "collectors.score_noise_sd"),
        ("regime", "regime.name"),
        ("market", "market"),
    ],
)
def test_keywords_name_parameters(keyword, path):
    """A keyword is a unique field name, section__field, or a named market or regime."""
    assert keyword_path(keyword) == path


@pytest.mark.parametrize(
    ("keyword", "message"),
    [
        (
            "score_noise_sd",
            "'score_noise_sd' is ambiguous; write one of: credit__score_noise_sd, "
            "collectors__score_noise_sd, agencies__score_noise_sd",
        ),
        ("n_acounts", "'n_acounts' is not a scenario parameter .*did you mean n_accounts"),
        ("zzz", "'zzz' is not a scenario parameter .*see `arrears params`"),
        ("run__dayz", r"allowed fields of \[run\]: days"),
        ("planet__days", "unknown section 'planet'"),
    ],
)
def test_bad_keywords_list_the_candidates(keyword, message):
    """An ambiguous or unknown keyword fails naming what it could be."""
    with pytest.raises(ScenarioError, match=message):
        keyword_path(keyword)


def test_keyword_overrides_feed_with_overrides_and_refuse_a_parameter_twice():
    """Keywords become with_overrides paths; two keywords for one field are an error."""
    overrides = keyword_overrides({"regime": "us_reg_f", "run__days": 30, "n_accounts": 900})
    scenario = Scenario().with_overrides(overrides)
    assert (scenario.regime.name, scenario.run.days) == ("us_reg_f", 30)
    assert scenario.population.n_accounts == 900
    with pytest.raises(ScenarioError, match=r"population\.n_accounts is given twice"):
        keyword_overrides({"n_accounts": 900, "population__n_accounts": 800})
