import pandas as pd
import pytest
from matplotlib.figure import Figure

from arrears.dashboard.figures import DASHBOARD_PLOTS, SeriesPlot
from arrears.market.series import SERIES_COLUMNS, SERIES_UNITS


def series(days=10):
    """A synthetic daily series with every column."""
    return pd.DataFrame(
        {column: [float(day + i) for day in range(days)] for i, column in enumerate(SERIES_COLUMNS)}
        | {"day": list(range(100, 100 + days))}
    )


def drawn(plot, data):
    ax = Figure().subplots()
    plot.draw(ax, data)
    return ax


def test_every_dashboard_plot_draws_its_columns_with_units():
    """Each plot has a title, a day axis and its columns' unit on the value axis."""
    for plot in DASHBOARD_PLOTS:
        ax = drawn(plot, series())
        assert ax.get_title() == plot.title
        assert ax.get_xlabel() == "day"
        assert ax.get_ylabel().startswith(SERIES_UNITS[plot.columns[0]])
        drawn_items = ax.collections if plot.stacked else ax.lines
        assert len(drawn_items) == len(plot.columns)
        assert ax.yaxis.get_major_formatter()(1_750_000.0) == "1,750,000"


def test_rolling_mean_is_applied_and_named():
    """A plot with a rolling mean draws the trailing mean and says so on its axis."""
    plot = SeriesPlot("Cost", ("collection_cost",), mean_days=3)
    data = series(5)
    ax = drawn(plot, data)
    expected = data["collection_cost"].rolling(3, min_periods=1).mean().to_numpy()
    assert list(ax.lines[0].get_ydata()) == list(expected)
    assert ax.get_ylabel() == "currency units / day (3-day mean)"


def test_money_axes_start_at_zero():
    """A 0.4% wiggle in the cost of collection is drawn on an axis from zero, not as a collapse;
    a share is drawn on its own range."""
    data = series(30).assign(collection_cost=[3060.0 + (day % 3) * 6 for day in range(30)])
    assert drawn(SeriesPlot("Cost", ("collection_cost",)), data).get_ylim()[0] == 0
    share = drawn(
        SeriesPlot("30+", ("delinquency_30p_share",)), data.assign(delinquency_30p_share=0.5)
    )
    assert share.get_ylim()[0] > 0


def test_empty_series_says_no_day_is_recorded():
    """Before the first recorded day the axes carry a note, not a blank."""
    ax = drawn(DASHBOARD_PLOTS[0], pd.DataFrame())
    assert [t.get_text() for t in ax.texts] == ["no day recorded yet"]


def test_a_plot_of_a_new_column_is_one_line():
    """Any series column can be plotted by naming it; labels default to its words."""
    plot = SeriesPlot("Cures", ("cures",))
    assert plot.unit == "accounts / day"
    assert plot.legend_labels() == ("cures",)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"columns": ("complaints",)}, "columns must be series columns"),
        ({"columns": ()}, "columns must be series columns"),
        ({"columns": ("cures", "collected")}, "must share a unit"),
        ({"columns": ("cures",), "labels": ("a", "b")}, "2 labels for 1 columns"),
        ({"columns": ("cures",), "mean_days": 0}, "mean_days must be >= 1, got 0"),
    ],
)
def test_bad_plot_declarations_are_clear_errors(kwargs, message):
    """A plot of an unknown column, mixed units or mismatched labels fails when declared."""
    with pytest.raises(ValueError, match=message):
        SeriesPlot("Bad", **kwargs)
