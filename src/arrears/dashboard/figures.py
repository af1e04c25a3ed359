"""The dashboard's live plots: each one a few columns of the daily series, drawn over time.

A plot is declared, not coded: :class:`SeriesPlot` names its columns of
:data:`~arrears.market.series.SERIES_COLUMNS` and takes their unit from
:data:`~arrears.market.series.SERIES_UNITS`, so a plot of a new series column is one line in
:data:`DASHBOARD_PLOTS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from arrears.market.series import SERIES_UNITS
from arrears.market.tables import BUCKET_NAMES, VIOLATION_TYPES
from arrears.outputs.figures import BUCKET_LABELS


@dataclass(frozen=True)
class SeriesPlot:
    """A plot of one or more daily series columns that share a unit.

    Attributes:
        title: Plot title.
        columns: Series columns drawn (see :data:`~arrears.market.series.SERIES_UNITS`).
        labels: Legend label of each column; defaults to the column name in words.
        stacked: Stack the columns (parts of a whole) instead of drawing lines.
        mean_days: Width of a trailing rolling mean, days (1 draws the daily values).

    Raises:
        ValueError: If a column is not a series column, the columns' units differ, the
            labels do not match the columns, or ``mean_days`` is below 1.
    """

    title: str
    columns: tuple[str, ...]
    labels: tuple[str, ...] = ()
    stacked: bool = False
    mean_days: int = 1

    def __post_init__(self) -> None:
        unknown = [c for c in self.columns if c not in SERIES_UNITS]
        if not self.columns or unknown:
            raise ValueError(
                f"plot {self.title!r}: columns must be series columns "
                f"({', '.join(SERIES_UNITS)}), got {list(self.columns)}"
            )
        units = {SERIES_UNITS[c] for c in self.columns}
        if len(units) > 1:
            raise ValueError(f"plot {self.title!r}: columns must share a unit, got {units}")
        if self.labels and len(self.labels) != len(self.columns):
            raise ValueError(
                f"plot {self.title!r}: {len(self.labels)} labels for {len(self.columns)} columns"
            )
        if self.mean_days < 1:
            raise ValueError(f"plot {self.title!r}: mean_days must be >= 1, got {self.mean_days}")

    @property
    def unit(self) -> str:
        """The unit of the plotted columns."""
        return SERIES_UNITS[self.columns[0]]

    def legend_labels(self) -> tuple[str, ...]:
        """The legend label of each column."""
        return self.labels or tuple(c.replace("_", " ") for c in self.columns)

    def draw(self, ax: Axes, series: pd.DataFrame) -> None:
        """Draw the plot on an axes.

        Args:
            ax: Where to draw.
            series: The daily series (one row per recorded day, with a ``day`` column); when
                it has no rows the axes say that no day has been recorded yet.
        """
        ax.set_title(self.title)
        ax.set_xlabel("day")
        mean = f" ({self.mean_days}-day mean)" if self.mean_days > 1 else ""
        ax.set_ylabel(f"{self.unit}{mean}")
        if series.empty:
            ax.text(
                0.5, 0.5, "no day recorded yet", ha="center", va="center", transform=ax.transAxes
            )
            return
        values = [
            series[c].rolling(self.mean_days, min_periods=1).mean().to_numpy() for c in self.columns
        ]
        labels = self.legend_labels()
        if self.stacked:
            ax.stackplot(series["day"], values, labels=labels, alpha=0.85)
        else:
            for value, label in zip(values, labels, strict=True):
                ax.plot(series["day"], value, label=label)
        if self.unit.startswith("currency units"):
            ax.set_ylim(bottom=0)  # a small change in money must not look like a collapse
        ax.yaxis.set_major_formatter(FuncFormatter(_tick_label))
        if len(self.columns) > 1:
            ax.legend(loc="upper left", fontsize="small")


def _tick_label(value: float, _position: int | None = None) -> str:
    """A value-axis tick in full with thousands separators (no ``1e6`` offset), or 3 digits."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


_DELINQUENT = [name for name in BUCKET_NAMES if name != "current"]

DASHBOARD_PLOTS: tuple[SeriesPlot, ...] = (
    SeriesPlot(
        "Delinquent balance by bucket",
        tuple(f"balance_{name}" for name in _DELINQUENT),
        labels=tuple(BUCKET_LABELS[name] for name in _DELINQUENT),
        stacked=True,
    ),
    SeriesPlot("Share of the open balance 30+ days past due", ("delinquency_30p_share",)),
    SeriesPlot("Right-party contact rate", ("rpc_rate",)),
    SeriesPlot(
        "Collections",
        ("collected", "collected_delinquent"),
        labels=("all accounts", "delinquent accounts"),
        mean_days=7,
    ),
    SeriesPlot("Cost of collection", ("collection_cost",), mean_days=7),
    SeriesPlot("Delinquency flows", ("new_delinquent", "cures", "charge_offs"), mean_days=7),
    SeriesPlot(
        "Stress of borrowers in arrears",
        ("stress_mean", "stress_p90"),
        labels=("mean", "90th percentile"),
    ),
    SeriesPlot(
        "Violations by type",
        tuple(f"violations_{kind}" for kind in VIOLATION_TYPES),
        labels=VIOLATION_TYPES,
        mean_days=7,
    ),
    SeriesPlot(
        "Complaints",
        ("complaints_to_firm", "complaints_to_regulator"),
        labels=("resolved by the firm", "to the regulator"),
        mean_days=7,
    ),
    SeriesPlot(
        "Conversation outcomes",
        ("pay_now", "promises", "plans_accepted", "refusals", "disputes"),
        mean_days=7,
    ),
    SeriesPlot(
        "Litigation",
        ("suits_filed", "default_judgments", "contested_judgments", "suits_lost"),
        labels=("filed", "default judgments", "judgments on the merits", "lost by the lender"),
        mean_days=30,
    ),
    SeriesPlot("Agencies active", ("agencies_active", "platforms_active")),
)
"""The live plots of the dashboard, in page order; a new series column gets its line here."""
