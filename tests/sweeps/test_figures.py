import dataclasses
import tomllib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from arrears.sweeps.aggregate import mean_interval
from arrears.sweeps.definition import deep_merge, sweep_from_mapping
from arrears.sweeps.figures import contrast_figure, frontier_figure, heatmap_figure
from tests.sweep_files import GRID

FIGURES = {
    "figures": [
        {
            "kind": "frontier",
            "x_metric": "stress_mean",
            "along": "collectors.staff_per_10k_accounts",
            "hue": "regime.name",
            "metrics": ["recovery_rate"],
        },
        {
            "kind": "contrast",
            "reference": {"regime.name": "us_reg_f"},
            "hue": "collectors.staff_per_10k_accounts",
            "metrics": ["recovery_rate", "stress_mean"],
        },
    ]
}


@pytest.fixture
def swept():
    """The tiny grid with a frontier and a contrast figure, and made-up noisy results."""
    sweep = sweep_from_mapping(deep_merge(tomllib.loads(GRID), FIGURES))
    rng = np.random.default_rng(3)
    rows = [
        {
            "run_id": run.run_id,
            "point": run.point,
            "replicate": run.replicate,
            **run.values,
            "stress_mean": run.point / 10 + rng.normal(0, 0.01),
            "recovery_rate": 0.5 + run.point / 20 + rng.normal(0, 0.02),
        }
        for run in sweep.runs()
    ]
    yield sweep, pd.DataFrame(rows)
    plt.close("all")


def test_frontier_has_95_percent_intervals_both_ways_and_labels_its_points(swept):
    """Each hue's points sit at the per-point means, with the t intervals of both metrics."""
    sweep, results = swept
    fig = frontier_figure(sweep.figures[0], sweep, results)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "stress mean\n(stress (0-1))"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["us_reg_f", "firm_workday"]
    assert [t.get_text() for t in ax.texts] == ["2", "8", "2", "8"]
    rows = results[results["regime.name"] == "firm_workday"]
    by = ["collectors.staff_per_10k_accounts"]
    xs, ys = mean_interval(rows, by, "stress_mean"), mean_interval(rows, by, "recovery_rate")
    line, _, (x_bars, y_bars) = ax.containers[1]
    np.testing.assert_allclose(line.get_xdata(), xs["mean"])
    np.testing.assert_allclose(line.get_ydata(), ys["mean"])
    x_segments = np.array([segment[:, 0] for segment in x_bars.get_segments()])
    y_segments = np.array([segment[:, 1] for segment in y_bars.get_segments()])
    np.testing.assert_allclose(x_segments, xs[["low", "high"]])
    np.testing.assert_allclose(y_segments, ys[["low", "high"]])


def test_contrast_draws_each_compared_level_per_hue_in_percent(swept):
    """One row per compared level, one marker per hue level, changes (geometric means of the
    paired ratios) in percent of the reference."""
    sweep, results = swept
    fig = contrast_figure(sweep.figures[1], sweep, results)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["firm_workday"]
    assert len(ax.containers) == 2
    paired = results.pivot_table(
        index=["collectors.staff_per_10k_accounts", "replicate"],
        columns="regime.name",
        values="recovery_rate",
    )
    log_ratios = np.log(paired["firm_workday"] / paired["us_reg_f"])
    expected = np.expm1(log_ratios.groupby(level=0).mean())
    drawn = [container[0].get_xdata()[0] for container in ax.containers]
    np.testing.assert_allclose(drawn, 100 * expected.to_numpy())
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["2", "8"]
    assert "paired by seed" in fig.texts[0].get_text()


def test_faceted_heatmap_draws_each_facet_level_from_its_own_runs(swept):
    """With a facet, each panel holds only that facet level's means (one panel per level)."""
    sweep, results = swept
    spec = dataclasses.replace(
        sweep.figures[0],
        kind="heatmap",
        x="collectors.staff_per_10k_accounts",
        y="regime.name",
        facet="regime.name",
        metrics=("recovery_rate",),
    )
    fig = heatmap_figure(spec, sweep, results)
    panels = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in panels] == [
        "regime.name = us_reg_f; mean of 2 seeds",
        "regime.name = firm_workday; mean of 2 seeds",
    ]
    for ax, row, regime in zip(panels, [0, 1], ["us_reg_f", "firm_workday"], strict=True):
        drawn = np.ma.filled(ax.images[0].get_array(), np.nan)
        means = (
            results[results["regime.name"] == regime]
            .groupby("collectors.staff_per_10k_accounts")["recovery_rate"]
            .mean()
        )
        np.testing.assert_allclose(drawn[row], means.to_numpy())
        assert np.isnan(drawn[1 - row]).all()
