"""Figures of a run's daily series (matplotlib; labelled axes with units)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from arrears.market.tables import BUCKET_NAMES

BUCKET_LABELS = {
    "current": "current",
    "dpd_1_29": "1-29 DPD",
    "dpd_30_59": "30-59 DPD",
    "dpd_60_89": "60-89 DPD",
    "dpd_90_plus": "90+ DPD",
}
"""Legend label of each delinquency bucket."""


def delinquency_figure(series: pd.DataFrame) -> Figure:
    """Delinquent balance by bucket, and the 30+ DPD share of the open balance, over time.

    Args:
        series: The daily series of a run.

    Returns:
        The figure.
    """
    fig, (stack, share) = plt.subplots(2, 1, figsize=(8, 6), sharex=True, layout="constrained")
    delinquent = [name for name in BUCKET_NAMES if name != "current"]
    stack.stackplot(
        series["day"],
        [series[f"balance_{name}"] / 1000 for name in delinquent],
        labels=[BUCKET_LABELS[name] for name in delinquent],
        alpha=0.85,
    )
    stack.set_ylabel("delinquent balance\n(thousand currency units)")
    stack.set_title("Delinquency by bucket")
    stack.legend(loc="upper left", fontsize="small")
    share.plot(series["day"], 100 * series["delinquency_30p_share"], color="C3")
    share.set_ylabel("30+ DPD share of\nopen balance (%)")
    share.set_xlabel("day")
    return fig


def collections_figure(series: pd.DataFrame, window_days: int = 7) -> Figure:
    """Cash collected and the cost of collection per day (rolling means).

    Args:
        series: The daily series of a run.
        window_days: Width of the rolling mean, days.

    Returns:
        The figure.
    """
    fig, (cash, contacts) = plt.subplots(2, 1, figsize=(8, 6), sharex=True, layout="constrained")
    for column, label in (
        ("collected_delinquent", "collected on delinquent accounts"),
        ("collection_cost", "collection cost"),
    ):
        cash.plot(
            series["day"], series[column].rolling(window_days, min_periods=1).mean(), label=label
        )
    cash.set_ylabel(f"currency units / day\n({window_days}-day mean)")
    cash.set_title("Collections and costs")
    cash.legend(loc="upper left", fontsize="small")
    contacts.plot(
        series["day"],
        series["call_attempts"].rolling(window_days, min_periods=1).mean(),
        label="call attempts",
    )
    contacts.plot(
        series["day"],
        series["right_party_contacts"].rolling(window_days, min_periods=1).mean(),
        label="right-party contacts",
    )
    contacts.set_ylabel(f"per day\n({window_days}-day mean)")
    contacts.set_xlabel("day")
    contacts.legend(loc="upper left", fontsize="small")
    return fig


RUN_FIGURES = {"delinquency": delinquency_figure, "collections": collections_figure}
"""The standard figures of a run, by file stem."""
