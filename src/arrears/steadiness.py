"""Whether a market holds still: its yearly figures, each against its first recorded year.

A research question asked of a calibrated market is only answerable if the market stays where
it was calibrated: with the baseline macro path, a figure that drifts for years (a book that runs
off, a delinquency rate that falls as the first borrowers leave) lends its drift to every
comparison made on it. :func:`yearly_figures` condenses a run's daily series into one row per
recorded year, and :func:`drift` divides each year by the first, so a steady market reads close
to 1 everywhere.
"""

from __future__ import annotations

import pandas as pd

from arrears.accounts import BUCKET_NAMES, DAYS_PER_MONTH

DAYS_PER_YEAR = 12 * DAYS_PER_MONTH
"""A year of the model's calendar: twelve 30-day months, so each holds twelve monthly rounds
of lending and placement (a 365-day year holds 12 or 13, and its approvals jump by 8%)."""

STEADY_FIGURES: dict[str, str] = {
    "open_accounts": "accounts (yearly mean)",
    "open_balance": "currency units (yearly mean)",
    "delinquency_30p_share": "share of open balance (yearly mean)",
    "charge_off_rate": "balance written off / mean open balance, per year",
    "approvals": "applicants approved per year",
    "underwriting_cutoff": "predicted default (0-1, yearly mean)",
}
"""The figures a steady market holds, with their units."""


def yearly_figures(series: pd.DataFrame) -> pd.DataFrame:
    """One row per whole recorded year of a run's daily series.

    Args:
        series: The run's daily series (``CollectionMarket.series()``), recorded days only.

    Returns:
        A table indexed by ``year`` (0 = the first recorded year) with the columns of
        :data:`STEADY_FIGURES`; a last, incomplete year is left out.
    """
    days = series["day"] - series["day"].iloc[0]
    whole = days < (len(series) // DAYS_PER_YEAR) * DAYS_PER_YEAR
    frame = series.loc[whole].assign(
        year=days[whole] // DAYS_PER_YEAR,
        open_accounts=series[[f"accounts_{name}" for name in BUCKET_NAMES]].sum(axis=1),
        open_balance=series[[f"balance_{name}" for name in BUCKET_NAMES]].sum(axis=1),
    )
    years = frame.groupby("year").agg(
        open_accounts=("open_accounts", "mean"),
        open_balance=("open_balance", "mean"),
        delinquency_30p_share=("delinquency_30p_share", "mean"),
        written_off=("written_off", "sum"),
        approvals=("approvals", "sum"),
        underwriting_cutoff=("underwriting_cutoff", "mean"),
    )
    years["charge_off_rate"] = years["written_off"] / years["open_balance"]
    return years[list(STEADY_FIGURES)]


def drift(series: pd.DataFrame) -> pd.DataFrame:
    """Each recorded year's figures over the first year's (1 = unchanged).

    Args:
        series: The run's daily series, at least one whole recorded year.

    Returns:
        A table like :func:`yearly_figures`, each figure divided by its first-year value.

    Raises:
        ValueError: If the series holds no whole year.
    """
    years = yearly_figures(series)
    if years.empty:
        raise ValueError(f"steadiness needs at least {DAYS_PER_YEAR} recorded days")
    return years / years.iloc[0]
