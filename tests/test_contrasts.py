import math
import tomllib

import pandas as pd
import pytest

from arrears.contrasts import levels_label, relative_changes
from arrears.sweep import deep_merge, sweep_from_mapping
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
    assert table["mean"].tolist() == pytest.approx([0.5, 0.5])
    assert table["low"].tolist() == pytest.approx([0.5, 0.5])
    assert (table["n"] == 2).all()


def test_interval_is_the_t_interval_of_the_paired_changes():
    """Changes of +40% and +60% on the two seeds: mean +50%, t(0.975, 1) x sd / sqrt(2)."""
    sweep, results = synthetic([1.4, 1.6])
    row = relative_changes(sweep, results, REFERENCE, ["y"]).iloc[0]
    half = 12.706204736174707 * 0.1  # sd of (0.4, 0.6) is 0.1 x sqrt(2)
    assert row["mean"] == pytest.approx(0.5)
    assert row["high"] - row["mean"] == pytest.approx(half)


def test_a_zero_reference_leaves_its_replicate_out():
    """Where the reference value is 0 there is no relative change; n counts the others."""
    sweep, results = synthetic([1.5, 2.0])
    table = relative_changes(sweep, results, REFERENCE, ["y", "z"]).set_index("metric")
    assert list(table.loc["z", "n"]) == [1, 1]
    assert table.loc["z", "mean"].tolist() == pytest.approx([1.0, 1.0])
    assert math.isnan(table.loc["z", "low"].iloc[0])


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
