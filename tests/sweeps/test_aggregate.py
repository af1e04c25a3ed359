import math

import pandas as pd
import pytest

from arrears.sweeps.aggregate import error_bars, mean_interval, summarise


def test_mean_interval_is_students_t_interval_of_the_mean():
    """Three replicates 1, 2, 3: mean 2, half-width t(0.975, 2) x 1 / sqrt(3); one: no interval."""
    frame = pd.DataFrame({"g": ["a", "a", "a", "b"], "y": [1.0, 2.0, 3.0, 5.0]})
    table = mean_interval(frame, ["g"], "y").set_index("g")
    half = 4.302652729911275 / math.sqrt(3)
    assert table.loc["a", "mean"] == 2
    assert table.loc["a", "low"] == pytest.approx(2 - half)
    assert table.loc["a", "high"] == pytest.approx(2 + half)
    assert table.loc["a", "n"] == 3
    assert table.loc["b", "mean"] == 5 and math.isnan(table.loc["b", "low"])


def test_summarise_is_tidy():
    """One row per group and metric."""
    frame = pd.DataFrame({"g": [1, 1, 2, 2], "x": [1.0, 3.0, 5.0, 7.0], "z": [0.0, 0.0, 1.0, 1.0]})
    table = summarise(frame, ["g"], ["x", "z"])
    assert list(table.columns) == ["g", "metric", "mean", "low", "high", "n"]
    assert len(table) == 4
    assert table.set_index(["g", "metric"]).loc[(2, "x"), "mean"] == 6


def test_error_bars_reach_from_the_mean_to_the_interval_bounds():
    """Error bars are mean - low and high - mean; an undefined interval draws none."""
    table = pd.DataFrame({"mean": [2.0, 5.0], "low": [1.5, math.nan], "high": [3.0, math.nan]})
    assert error_bars(table).tolist() == [[0.5, 0.0], [1.0, 0.0]]
