"""The interactive dashboard: a Mesa SolaraViz page to watch the market move while turning a rule.

Start it with ``arrears dashboard`` (or ``solara run arrears.dashboard.app``). The sidebar holds the
regime picker and sliders for the contact window, collection staffing, call attempts, the
effect of a conversation and unemployment; pressing *Reset* rebuilds the market from them
(Mesa's convention), *Step* and *▶* run it day by day. The page shows the market's state and
headline figures, and live plots of the daily series
(:data:`~arrears.dashboard.figures.DASHBOARD_PLOTS`). Settings that make no valid scenario are
reported on the page with the scenario's own error message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import solara
from matplotlib.figure import Figure
from mesa.visualization import Slider, SolaraViz
from mesa.visualization.utils import update_counter

from arrears.dashboard.figures import DASHBOARD_PLOTS, SeriesPlot
from arrears.dashboard.session import CONTACT_HOURS, DEFAULT_REGIME, MARKET, MarketSession
from arrears.market.model import CollectionMarket
from arrears.scenario.regimes import REGIMES

HEADLINE_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("recovery_rate", "recovery rate (cash / money resolved out of arrears)", "{:.1%}"),
    ("cost_to_collect", "cost to collect (per unit collected in arrears)", "{:.3f}"),
    ("delinquency_30p_share", "open balance 30+ days past due", "{:.1%}"),
    ("rpc_rate", "right-party contacts per call attempt", "{:.3f}"),
    ("collected_delinquent", "collected in arrears (currency units)", "{:,.0f}"),
    ("collection_cost", "collection cost (currency units)", "{:,.0f}"),
    ("charge_offs", "charge-offs (accounts)", "{:,.0f}"),
)
"""The run summary's figures shown on the page: summary key, label with unit, format."""

HOW_TO = (
    "Move the sliders, then press Reset to rebuild the market with them; Step runs Render "
    "Interval days, ▶ keeps running."
)


def model_params() -> dict[str, Any]:
    """The page's inputs, keyed by :class:`.MarketSession` keyword argument."""
    params: dict[str, Any] = {
        "regime": {
            "type": "Select",
            "label": "Regime",
            "value": DEFAULT_REGIME,
            "values": list(REGIMES),
        },
        "custom_hours": {
            "type": "Checkbox",
            "label": "Set the contact hours by hand",
            "value": False,
        },
    }
    for name, setting in (CONTACT_HOURS | MARKET).items():
        params[name] = Slider(
            setting.label,
            value=setting.default(),
            min=setting.low,
            max=setting.high,
            step=setting.step,
        )
    return params


def window_text(start: int, end: int) -> str:
    """A contact window in words, e.g. ``"08:00-22:00"`` or ``"no calls"``."""
    return f"{start:02d}:00-{end:02d}:00" if end > start else "no calls"


def status_lines(market: CollectionMarket, days_shown: int) -> list[str]:
    """The market's day, the regime in force and the settings it was built with.

    Args:
        market: The running market.
        days_shown: Days simulated since the warm-up (the days the plots show).

    Returns:
        Lines of text.
    """
    p = market.parameters
    regime = p.regime
    weekdays = window_text(regime.weekday_start_hour, regime.weekday_end_hour)
    weekends = window_text(regime.weekend_start_hour, regime.weekend_end_hour)
    return [
        f"Day {int(market.time)}: {days_shown} days shown after a {p.run.warmup_days}-day warm-up",
        f"Regime {regime.name}: calls on weekdays {weekdays}, on weekends {weekends}",
        f"{p.collectors.staff_per_10k_accounts:g} collectors per 10,000 accounts, "
        f"{p.collectors.attempts_per_account_per_day} call attempts per account per day, "
        f"tone {p.collectors.aggressiveness:.2f} (0 friendly, 1 aggressive), "
        f"unemployment {p.macro.unemployment_rate:.0%}, "
        f"{p.population.n_accounts:,} accounts, seed {p.run.seed}",
    ]


def headline_figures(market: CollectionMarket) -> list[tuple[str, str]]:
    """The run summary since the warm-up, as (label with unit, formatted value) rows."""
    summary = market.summary()
    return [(label, fmt.format(summary[key])) for key, label, fmt in HEADLINE_FIGURES]


@solara.component
def FigureTable(rows: list[tuple[str, str]]) -> None:
    """A compact two-column table of labelled values."""
    with solara.v.SimpleTable(dense=True):
        with solara.v.Html(tag="tbody"):
            for label, value in rows:
                with solara.v.Html(tag="tr"):
                    solara.v.Html(tag="td", children=[label])
                    solara.v.Html(tag="td", children=[value])


@solara.component
def MarketStatus(session: MarketSession) -> None:
    """The market's state and headline figures, or why the settings make no market."""
    update_counter.get()
    with solara.Card("Market", style={"max-height": "380px", "overflow-y": "auto"}):
        if session.market is None:
            solara.Error(
                f"These settings make no valid scenario: {session.error}. "
                "Change them and press Reset."
            )
        else:
            for line in status_lines(session.market, int(session.time)):
                solara.v.Html(tag="div", children=[line])
            FigureTable(headline_figures(session.market))
        solara.v.Html(tag="div", class_="text-caption", children=[HOW_TO])


@solara.component
def SeriesChart(session: MarketSession, plot: SeriesPlot) -> None:
    """One live plot of the market's daily series."""
    update_counter.get()
    fig = Figure(figsize=(6.4, 3.6), layout="constrained")
    plot.draw(fig.subplots(), session.series())
    solara.FigureMatplotlib(fig, format="png")


def chart(plot: SeriesPlot) -> Callable[[MarketSession], solara.Element]:
    """A page component drawing one plot of the session's market."""

    def component(session: MarketSession) -> solara.Element:
        return SeriesChart(session, plot)

    return component


page = SolaraViz(
    MarketSession(),
    components=[MarketStatus, *(chart(plot) for plot in DASHBOARD_PLOTS)],
    model_params=model_params(),
    name="arrears: a debt-collection market under regulation",
)
"""The page Solara serves."""
