"""CollectionMarket in Mesa's idiom: keywords, rng, running, batch_run, DataCollector."""

import math
from pathlib import Path

import mesa
import numpy as np
import pandas as pd
import pytest

from arrears.market.mesa_api import SUMMARY_PREFIX
from arrears.market.model import CollectionMarket
from arrears.scenario.fields import ScenarioError
from arrears.scenario.scenario import Scenario
from tests.conftest import small_scenario

SMALL = {"n_accounts": 400, "warmup_days": 40, "days": 50}
"""A small run by keywords: the parameter defaults, 400 accounts, 40 + 50 days."""


def summary_columns(row: dict) -> dict:
    """The summary measures of a batch_run row (or DataCollector row), without the prefix."""
    return {
        name.removeprefix(SUMMARY_PREFIX): value
        for name, value in row.items()
        if name.startswith(SUMMARY_PREFIX)
    }


def test_keywords_change_the_scenario_given_or_the_defaults():
    """Short names, section__field, market and regime build the scenario with_overrides would."""
    model = CollectionMarket(
        market="us_cards", regime="us_reg_f", n_accounts=500, regime__weekday_end_hour=19
    )
    expected = Scenario.for_market(
        "us_cards",
        {
            "regime.name": "us_reg_f",
            "population.n_accounts": 500,
            "regime.weekday_end_hour": 19,
        },
    )
    assert model.parameters == expected
    scenario = small_scenario()
    assert CollectionMarket(scenario, days=30).parameters == scenario.with_overrides(
        {"run.days": 30}
    )
    assert CollectionMarket(**SMALL).parameters == Scenario().with_overrides(
        {"population.n_accounts": 400, "run.warmup_days": 40, "run.days": 50}
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"score_noise_sd": 0.1}, "'score_noise_sd' is ambiguous; write one of: credit__"),
        ({"n_acount": 10}, "did you mean n_accounts"),
        ({"n_accounts": -5}, "population.n_accounts must be .*got -5"),
        ({"rng": 1, "seed": 2}, "give rng or seed, not both"),
        ({"rng": 1, "run__seed": 2}, r"run\.seed is given twice: as rng= and as run__seed="),
        ({"engine": "agents", "run__engine": "numba"}, r"run\.engine is given twice"),
        ({"rng": -1}, r"run.seed must be an integer in \[0, .*got -1"),
        ({"rng": "abc"}, "rng must be an integer seed >= 0.*got 'abc'"),
    ],
)
def test_bad_arguments_fail_before_the_run(arguments, message):
    """Each bad argument is a ScenarioError naming the field, the value and what is allowed."""
    with pytest.raises(ScenarioError, match=message):
        CollectionMarket(**arguments)


def test_a_scenario_given_by_keyword_or_dict_is_refused_clearly():
    """Only an arrears Scenario is taken as the scenario."""
    with pytest.raises(
        ScenarioError, match="scenario must be an arrears Scenario or None, got dict"
    ):
        CollectionMarket({"run": {"days": 3}})  # type: ignore[arg-type]


def test_rng_is_the_run_seed_and_wins_over_the_scenarios():
    """An integer rng (or seed) is run.seed; model.rng is numpy's generator of that seed."""
    scenario = small_scenario()
    model = CollectionMarket(scenario, rng=11)
    assert model.parameters == scenario.with_overrides({"run.seed": 11})
    assert CollectionMarket(scenario, seed=11).parameters == model.parameters
    assert CollectionMarket(scenario).parameters.run.seed == scenario.run.seed
    np.testing.assert_array_equal(model.rng.random(4), np.random.default_rng(11).random(4))
    sequence = CollectionMarket(scenario, rng=[3, 4]).parameters.run.seed
    assert (
        sequence
        == CollectionMarket(scenario, rng=np.random.SeedSequence([3, 4])).parameters.run.seed
    )


def test_rng_none_draws_a_seed_that_is_recorded_and_repeats_the_run():
    """rng=None is a fresh seed, kept in parameters.run.seed: the run can be repeated from it."""
    first = CollectionMarket(rng=None, **SMALL)
    other = CollectionMarket(rng=None, **SMALL)
    assert first.parameters.run.seed != other.parameters.run.seed
    first.run_model()
    again = CollectionMarket(first.parameters)
    again.run_model()
    pd.testing.assert_frame_equal(first.series(), again.series(), check_exact=True)
    assert first.summary() == again.summary()


def test_reseeding_model_rng_does_not_change_the_market():
    """The market draws only from its counter-based streams, never from Mesa's generators."""
    plain, reseeded = CollectionMarket(**SMALL), CollectionMarket(**SMALL)
    reseeded.reset_rng(12345)
    reseeded.random.seed(12345)
    plain.run_model()
    reseeded.run_model()
    assert plain.summary() == reseeded.summary()


def test_run_model_stops_after_the_warm_up_and_the_recorded_days():
    """running turns False after warmup_days + days; the summary is reported on the last day."""
    model = CollectionMarket(**SMALL)
    model.run_model()
    assert not model.running and model.steps == 90 and model.day == 89
    assert len(model.series()) == 50
    collected = model.datacollector.get_model_vars_dataframe()
    assert len(collected) == 50
    before_end = collected.iloc[-2]
    assert math.isnan(before_end[f"{SUMMARY_PREFIX}recovery_rate"])
    assert summary_columns(collected.iloc[-1].to_dict()) == model.summary()
    assert collected["seed"].iloc[-1] == model.parameters.run.seed


def test_step_documents_the_day():
    """model.step (Mesa's time-advancing wrapper) shows the model's own docstring."""
    model = CollectionMarket(**SMALL)
    assert model.step.__doc__ == CollectionMarket.step.__doc__
    assert "one day of the market" in (model.step.__doc__ or "")


def test_replacing_the_datacollector_keeps_series_and_summary():
    """The usual Mesa idiom: a user's own DataCollector; the model's records stay its own."""
    plain = CollectionMarket(**SMALL)
    plain.run_model()
    custom = CollectionMarket(**SMALL)
    custom.datacollector = mesa.DataCollector(model_reporters={"day": lambda m: m.day})
    custom.run_model()
    assert custom.summary() == plain.summary()
    pd.testing.assert_frame_equal(custom.series(), plain.series(), check_exact=True)
    assert custom.datacollector.get_model_vars_dataframe()["day"].tolist() == list(range(40, 90))


def test_batch_run_gives_one_summary_row_per_run():
    """Mesa 3.5's batch_run: replicates by rng differ, the same rng repeats the run exactly."""
    rows = mesa.batch_run(
        CollectionMarket,
        parameters={"regime": ["laissez_faire", "us_reg_f"], **SMALL},
        rng=[1, 2, 1],
        number_processes=1,
        data_collection_period=-1,
        display_progress=False,
    )
    assert len(rows) == 6
    by_run = {(row["regime"], row["iteration"]): row for row in rows}
    for regime in ("laissez_faire", "us_reg_f"):
        first, second, third = (summary_columns(by_run[regime, i]) for i in range(3))
        assert first != second and first == third
        assert [by_run[regime, i]["seed"] for i in range(3)] == [1, 2, 1]
    alone = CollectionMarket(regime="us_reg_f", rng=2, **SMALL)
    alone.run_model()
    assert summary_columns(by_run["us_reg_f", 1]) == alone.summary()
    assert all(row["Step"] == 90 for row in rows)


def test_batch_run_iterations_record_the_seeds_they_drew():
    """The deprecated iterations= passes rng None: each run draws a seed and reports it."""
    with pytest.warns(DeprecationWarning, match="iterations"):
        rows = mesa.batch_run(
            CollectionMarket, parameters=SMALL, iterations=2, display_progress=False
        )
    seeds = [row["seed"] for row in rows]
    assert seeds[0] != seeds[1]
    again = CollectionMarket(rng=seeds[1], **SMALL)
    again.run_model()
    assert summary_columns(rows[1]) == again.summary()


@pytest.mark.slow
def test_batch_run_in_two_processes_matches_one():
    """Runs spawned in worker processes give exactly the rows of runs in this one."""
    common = {"parameters": SMALL, "rng": [1, 2], "display_progress": False}
    serial = mesa.batch_run(CollectionMarket, number_processes=1, **common)
    parallel = mesa.batch_run(CollectionMarket, number_processes=2, **common)
    pd.testing.assert_frame_equal(
        pd.DataFrame(serial).sort_values("RunId", ignore_index=True),
        pd.DataFrame(parallel).sort_values("RunId", ignore_index=True),
        check_exact=True,
    )


def readme_example(heading: str) -> str:
    """The first Python code block under a README heading."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n{heading}\n", 1)[1]
    return section.split("```python\n", 1)[1].split("\n```", 1)[0]


def test_the_readme_batch_run_example_runs():
    """The README's batch_run example runs as written: one row per regime and seed."""
    namespace: dict = {}
    exec(readme_example("### Using arrears from Mesa"), namespace)
    runs = namespace["runs"]
    assert len(runs) == 6 and sorted(runs["seed"]) == [1, 1, 2, 2, 3, 3]
    assert runs["summary_recovery_rate"].between(0, 1).all()
    assert (runs.groupby("regime")["summary_recovery_rate"].nunique() == 3).all()
    violations = runs.groupby("regime")["summary_violations"].sum()
    assert violations["laissez_faire"] == 0 < violations["us_reg_f"]


def test_agents_show_money_in_currency_units():
    """Money on every agent reads in currency units, like Borrower.arrears; cents are booked."""
    scenario = small_scenario(**{"agencies.n_agencies": 1, "placement.placement_dpd": 20})
    model = CollectionMarket(scenario, regime="us_reg_f")
    model.run_model()
    collector, agency = model.collectors[0], model.market.agencies[0]
    assert collector.cost_total == collector.cents.cost_total / 100 > 0
    assert collector.cost_today == collector.cents.cost_today / 100
    assert agency.cash == agency.cents.cash / 100 and agency.fees == agency.cents.fees / 100 > 0
    assert agency.profits == [profit / 100 for profit in agency.cents.profits]
    assert sum(lender.fees_paid for lender in model.lenders) == pytest.approx(
        sum(a.fees for a in model.market.agencies)
    )
    assert model.regulator.fines == model.regulator.cents.fines / 100
    borrower = model.borrower(int(model.accounts.borrower[model.delinquent[0]]))
    assert borrower.arrears == model.accounts.arrears[list(borrower.accounts)].sum() / 100 > 0
    with pytest.raises(AttributeError, match="cost_today is read-only"):
        collector.cost_today = 5.0  # type: ignore[misc]
