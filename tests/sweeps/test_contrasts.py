import math
import tomllib

import numpy as np
import pandas as pd
import pytest

from arrears.sweeps.contrasts import (
    GEOMETRIC,
    NO_ESTIMATE,
    RATIO_OF_MEANS,
    levels_label,
    paired_change,
    relative_changes,
)
from arrears.sweeps.definition import deep_merge, sweep_from_mapping
from tests.sweep_files import GRID

REFERENCE = {"regime.name": "us_reg_f"}


def synthetic(factors):
    """The tiny grid (regime x staff, two seeds) with made-up results.

    ``y`` is staff x (1, 3 by replicate) at the reference regime and that times
    ``factors[replicate]`` under firm_workday, so pairing within staff and replicate recovers the
    factors exactly; ``z`` is 0 at the reference on replicate 0.
    """
    sweep = sweep_from_mapping(tomllib.loads(GRID))
    rows = []
    for run in sweep.runs():
        staff = run.values["collectors.staff_per_10k_accounts"]
        treated = run.values["regime.name"] == "firm_workday"
        base = staff * (1 + 2 * run.replicate)
        factor = factors[run.replicate] if treated else 1.0
        rows.append(
            {
                "run_id": run.run_id,
                "point": run.point,
                "replicate": run.replicate,
                **run.values,
                "y": base * factor,
                "z": base * factor * (treated or run.replicate > 0),
            }
        )
    return sweep, pd.DataFrame(rows)


def test_changes_are_paired_by_replicate_within_the_other_parameters():
    """A constant 1.5x effect is +50% with no spread, at each staffing level, whatever the base."""
    sweep, results = synthetic([1.5, 1.5])
    table = relative_changes(sweep, results, REFERENCE, ["y"])
    assert list(table["point"]) == [2, 3]
    assert (table["regime.name"] == "firm_workday").all()
    assert list(table["collectors.staff_per_10k_accounts"]) == [2.0, 8.0]
    assert table["change"].tolist() == pytest.approx([0.5, 0.5])
    assert table["low"].tolist() == pytest.approx([0.5, 0.5])
    assert (table["n"] == 2).all()
    assert (table["estimator"] == GEOMETRIC).all()


def test_the_change_is_the_geometric_mean_of_the_ratios_with_a_log_scale_t_interval():
    """Ratios 1.4 and 1.6: sqrt(1.4 x 1.6) - 1, and exp(mean log ± t(0.975, 1) x sd / sqrt(2))."""
    sweep, results = synthetic([1.4, 1.6])
    row = relative_changes(sweep, results, REFERENCE, ["y"]).iloc[0]
    logs = [math.log(1.4), math.log(1.6)]
    half = 12.706204736174707 * abs(logs[1] - logs[0]) / 2  # sd x sqrt(2) / sqrt(2)
    assert row["change"] == pytest.approx(math.sqrt(1.4 * 1.6) - 1)
    assert row["low"] == pytest.approx(math.exp(sum(logs) / 2 - half) - 1)
    assert row["high"] == pytest.approx(math.exp(sum(logs) / 2 + half) - 1)


def test_a_large_cut_in_a_skewed_metric_never_reaches_minus_100_percent():
    """Ratios 0.02, 0.05 and 0.25 on three seeds (a large, uneven cut): the arithmetic mean's t
    interval, used before, reached -120%; the log-scale interval stays above -100%."""
    ratios = np.array([0.02, 0.05, 0.25])
    references = np.array([40.0, 30.0, 20.0])
    arithmetic = ratios.mean() - 1 - 4.302652729911275 * ratios.std(ddof=1) / math.sqrt(3)
    assert arithmetic < -1
    change = paired_change(ratios * references, references)
    assert -1 < change["low"] < change["change"] < change["high"]
    assert change["change"] == pytest.approx(np.prod(ratios) ** (1 / 3) - 1)
    sweep, results = synthetic([0.02, 0.25])
    assert (relative_changes(sweep, results, REFERENCE, ["y"])["low"] > -1).all()


def test_a_zero_on_some_seed_falls_back_to_the_ratio_of_means():
    """Where a seed's reference is 0 there is no ratio to log: the change is the ratio of the
    means over the seeds, marked so, with a delta-method interval that stays above -100%."""
    sweep, results = synthetic([1.5, 2.0])
    table = relative_changes(sweep, results, REFERENCE, ["y", "z"]).set_index("metric")
    z = table.loc["z"]
    assert (z["estimator"] == RATIO_OF_MEANS).all() and list(z["n"]) == [2, 2]
    # staff 2: z = (2 x 1.5, 6 x 2) against (0, 6): mean 7.5 against mean 3
    assert z["change"].iloc[0] == pytest.approx(7.5 / 3 - 1)
    assert (z["low"] > -1).all() and (z["low"] < z["change"]).all()
    assert (table.loc["y", "estimator"] == GEOMETRIC).all()


def test_the_delta_method_interval_of_a_ratio_of_means():
    """The fallback's interval: exp(log(v/r) ± t x se) - 1 with the paired delta-method se."""
    values = np.array([0.0, 4.0, 8.0])
    references = np.array([2.0, 4.0, 9.0])
    change = paired_change(values, references)
    v, r = values.mean(), references.mean()
    cov = np.cov(values, references)
    se = math.sqrt((cov[0, 0] / v**2 + cov[1, 1] / r**2 - 2 * cov[0, 1] / (v * r)) / 3)
    half = 4.302652729911275 * se
    assert change["change"] == pytest.approx(v / r - 1)
    assert change["low"] == pytest.approx(math.exp(math.log(v / r) - half) - 1)
    assert change["high"] == pytest.approx(math.exp(math.log(v / r) + half) - 1)


@pytest.mark.parametrize(
    ("values", "references", "change", "estimator"),
    [
        ([0.0, 0.0], [1.0, 2.0], -1.0, RATIO_OF_MEANS),
        ([1.0, 2.0], [0.0, 0.0], math.nan, NO_ESTIMATE),
        ([1.0, -2.0], [1.0, 2.0], math.nan, NO_ESTIMATE),
        ([], [], math.nan, NO_ESTIMATE),
    ],
    ids=["all-compared-zero", "all-reference-zero", "negative", "no-replicate"],
)
def test_changes_without_a_log_ratio(values, references, change, estimator):
    """Every compared value 0: -100% with no interval; every reference 0, a negative value or
    no replicate: no relative change."""
    found = paired_change(np.array(values), np.array(references))
    assert found["estimator"] == estimator
    assert found["change"] == pytest.approx(change, nan_ok=True)
    assert math.isnan(found["low"]) and math.isnan(found["high"])


def test_one_replicate_has_a_change_but_no_interval():
    """A single seed gives its own ratio and no interval."""
    found = paired_change(np.array([3.0]), np.array([2.0]))
    assert found["change"] == pytest.approx(0.5) and found["n"] == 1
    assert math.isnan(found["low"]) and math.isnan(found["high"])


def test_levels_label_names_unlabelled_levels_by_their_field():
    """Labelled levels show their label; others the field name and value."""
    sweep = sweep_from_mapping(
        deep_merge(
            tomllib.loads(GRID),
            {"parameters": {"regime.name": {"levels": ["us_reg_f"], "labels": ["US"]}}},
        )
    )
    values = {"regime.name": "us_reg_f", "collectors.staff_per_10k_accounts": 8.0}
    assert levels_label(sweep, values) == "US + staff per 10k accounts 8"
