"""Whether a market holds still: its yearly figures, each against its first recorded year.

A research question asked of a calibrated market is only answerable if the market stays where
it was calibrated: with the baseline macro path, a figure that drifts for years (a book that runs
off, a delinquency rate that falls as the first borrowers leave) lends its drift to every
comparison made on it. :func:`yearly_figures` condenses a run's daily series into one row per
recorded year, and :func:`drift` divides each year by the first, so a steady market reads close
to 1 everywhere. :func:`judge` holds a market's runs to :data:`STEADY_BOUND`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from arrears.market.tables import BUCKET_NAMES, DAYS_PER_MONTH

DAYS_PER_YEAR = 12 * DAYS_PER_MONTH
"""A year of the model's calendar: twelve 30-day months, so each holds twelve monthly rounds
of lending and placement (a 365-day year holds 12 or 13, and its approvals jump by 8%)."""

STEADY_FIGURES: dict[str, str] = {
    "open_accounts": "accounts (yearly mean)",
    "open_balance": "currency units (yearly mean)",
    "approvals": "applicants approved per year",
    "underwriting_cutoff": "predicted default (0-1, yearly mean)",
    "delinquency_30p_share": "share of open balance (yearly mean)",
    "delinquency_90p_share": "share of open balance (yearly mean)",
    "charge_off_rate": "balance written off / mean open balance, per year",
    "agencies_active": "firms (yearly mean)",
    "platforms_active": "firms (yearly mean)",
}
"""The figures a steady market holds, with their units."""

STOCKS = ("open_accounts", "open_balance", "approvals", "underwriting_cutoff")
"""Figures held in every seed: the book and the credit supply."""

RATES = ("delinquency_30p_share", "delinquency_90p_share", "charge_off_rate")
"""Figures held on the mean over seeds: a 20,000-account book writes off a few hundred accounts
a year, so one seed's yearly rate moves by 10-20% by chance alone."""

STEADY_BOUND = 0.10
"""How far a yearly figure may move from the first recorded year's, relative to it."""

STEADY_YEARS = 5
"""Recorded years a steadiness check runs."""


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
    open_balance = series[[f"balance_{name}" for name in BUCKET_NAMES]].sum(axis=1)
    frame = series.loc[whole].assign(
        year=days[whole] // DAYS_PER_YEAR,
        open_accounts=series[[f"accounts_{name}" for name in BUCKET_NAMES]].sum(axis=1),
        open_balance=open_balance,
        delinquency_90p_share=series[f"balance_{BUCKET_NAMES[-1]}"] / open_balance,
    )
    years = frame.groupby("year").agg(
        open_accounts=("open_accounts", "mean"),
        open_balance=("open_balance", "mean"),
        approvals=("approvals", "sum"),
        underwriting_cutoff=("underwriting_cutoff", "mean"),
        delinquency_30p_share=("delinquency_30p_share", "mean"),
        delinquency_90p_share=("delinquency_90p_share", "mean"),
        written_off=("written_off", "sum"),
        agencies_active=("agencies_active", "mean"),
        platforms_active=("platforms_active", "mean"),
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


@dataclass(frozen=True)
class FigureSteadiness:
    """How far one figure moved over a market's recorded years.

    Attributes:
        figure: A key of :data:`STEADY_FIGURES`.
        worst_seed: The largest ``|year / first year - 1|`` over years and seeds.
        worst_mean: The largest ``|mean over seeds of (year / first year) - 1|`` over years.
        judged_on: ``"every seed"`` (:data:`STOCKS`), ``"mean over seeds"`` (:data:`RATES`),
            or None for a figure reported but not judged (the number of firms: one or two
            agencies entering or leaving move a small count by far more than 10%).
        mean_by_year: The mean over seeds of ``year / first year``, year by year (the first
            is 1).
    """

    figure: str
    worst_seed: float
    worst_mean: float
    judged_on: str | None
    mean_by_year: tuple[float, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether the judged deviation lies within :data:`STEADY_BOUND` (reported: always)."""
        if self.judged_on is None:
            return True
        worst = self.worst_seed if self.judged_on == "every seed" else self.worst_mean
        return worst <= STEADY_BOUND


def judge(drifts: Sequence[pd.DataFrame]) -> tuple[FigureSteadiness, ...]:
    """Each figure's largest drift over the seeds' runs, judged against :data:`STEADY_BOUND`.

    Args:
        drifts: One :func:`drift` table per seed, over the same years.

    Returns:
        One verdict per figure of :data:`STEADY_FIGURES`, in its order.
    """
    stacked = pd.concat(drifts, keys=range(len(drifts)), names=["seed", "year"])
    deviation = (stacked - 1).abs()
    mean_by_year = stacked.groupby(level="year").mean()
    mean_deviation = (mean_by_year - 1).abs()
    verdicts = []
    for figure in STEADY_FIGURES:
        judged_on = "every seed" if figure in STOCKS else "mean over seeds"
        verdicts.append(
            FigureSteadiness(
                figure,
                float(deviation[figure].max()),
                float(mean_deviation[figure].max()),
                judged_on if figure in (*STOCKS, *RATES) else None,
                tuple(float(x) for x in mean_by_year[figure]),
            )
        )
    return tuple(verdicts)
