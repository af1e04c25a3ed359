"""The model behind the dashboard: a market built from the page's slider values.

Mesa's SolaraViz rebuilds its model from the sliders with keyword arguments when the user
presses *Reset*. :class:`MarketSession` is that model: its keyword arguments are the slider
values, it turns them into a validated :class:`~arrears.scenario.scenario.Scenario` and runs a
:class:`~arrears.market.model.CollectionMarket` one day per step. A slider combination that makes no
valid scenario (a contact window that ends before it starts, say) does not crash the page: the
session keeps the :class:`~arrears.scenario.fields.ScenarioError` message for the page to show and
does not step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import mesa
import pandas as pd

from arrears.market.model import CollectionMarket
from arrears.scenario.fields import ScenarioError
from arrears.scenario.markets import DEFAULT_MARKET
from arrears.scenario.overrides import path_value
from arrears.scenario.scenario import Scenario

DASHBOARD_DEFAULTS: dict[str, Any] = {"market": DEFAULT_MARKET}
"""The dashboard opens on the default market (:mod:`arrears.scenario.markets`): 20,000 accounts,
about 2 ms a day to step, warmed up for two years to its working level of delinquency."""


@dataclass(frozen=True)
class Setting:
    """A scenario parameter that a dashboard slider sets.

    Attributes:
        path: Dotted scenario path, e.g. ``"collectors.aggressiveness"``.
        label: Slider label, with the unit.
        low: Smallest slider value.
        high: Largest slider value.
        step: Slider increment (an int for integer parameters).
    """

    path: str
    label: str
    low: float
    high: float
    step: float

    def default(self) -> Any:
        """The parameter's value in the dashboard's starting scenario."""
        return path_value(DASHBOARD_SCENARIO, self.path)


DASHBOARD_SCENARIO = Scenario().with_overrides(DASHBOARD_DEFAULTS)
"""The scenario the page opens with (its sliders start at these values)."""

DEFAULT_REGIME = DASHBOARD_SCENARIO.regime.name
"""The regime the page opens with: the default market's."""

CONTACT_HOURS: dict[str, Setting] = {
    "weekday_start_hour": Setting("regime.weekday_start_hour", "Weekday calls from (h)", 0, 24, 1),
    "weekday_end_hour": Setting("regime.weekday_end_hour", "Weekday calls until (h)", 0, 24, 1),
    "weekend_start_hour": Setting("regime.weekend_start_hour", "Weekend calls from (h)", 0, 24, 1),
    "weekend_end_hour": Setting("regime.weekend_end_hour", "Weekend calls until (h)", 0, 24, 1),
}
"""The contact-window sliders; they replace the regime's hours only when asked to."""

MARKET: dict[str, Setting] = {
    "staff_per_10k_accounts": Setting(
        "collectors.staff_per_10k_accounts",
        "Staff per 10k accounts",
        0.0,
        20.0,
        0.5,
    ),
    "attempts_per_account_per_day": Setting(
        "collectors.attempts_per_account_per_day", "Attempts / account / day", 1, 15, 1
    ),
    "aggressiveness": Setting(
        "collectors.aggressiveness", "Collector tone (0 friendly, 1 aggressive)", 0.0, 1.0, 0.05
    ),
    "unemployment_rate": Setting("macro.unemployment_rate", "Unemployment (share)", 0.0, 0.3, 0.01),
    "n_accounts": Setting("population.n_accounts", "Accounts", 1000, 100_000, 1000),
    "warmup_days": Setting("run.warmup_days", "Warm-up (days)", 0, 720, 30),
    "seed": Setting("run.seed", "Random seed", 0, 99, 1),
}
"""The other sliders: collection effort and tone, the economy, size, warm-up and seed."""


def dashboard_scenario(
    regime: str, custom_hours: bool, values: Mapping[str, float | int]
) -> Scenario:
    """The scenario a set of slider values describes.

    Args:
        regime: Name of the regime in force (a key of :data:`~arrears.scenario.regimes.REGIMES`).
        custom_hours: Whether the contact-hour sliders replace the regime's window.
        values: Slider values by setting name (keys of :data:`CONTACT_HOURS` and
            :data:`MARKET`).

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: If a name is not a dashboard setting, or the values make no valid
            scenario (the message names the field, the value and what is allowed).
    """
    overrides: dict[str, Any] = DASHBOARD_DEFAULTS | {"regime.name": regime}
    for name, value in values.items():
        if name in CONTACT_HOURS:
            if custom_hours:
                overrides[CONTACT_HOURS[name].path] = value
        elif name in MARKET:
            overrides[MARKET[name].path] = value
        else:
            known = ", ".join([*CONTACT_HOURS, *MARKET])
            raise ScenarioError(f"{name!r} is not a dashboard setting; known settings: {known}")
    return Scenario().with_overrides(overrides)


class MarketSession(mesa.Model):
    """The dashboard's Mesa model: a collection market built from slider values.

    Each keyword argument is one slider (see :data:`CONTACT_HOURS` and :data:`MARKET` for
    units and ranges). The market is warmed up when the session is created, so the page's
    series start at the portfolio's working level of delinquency.

    Args:
        regime: Name of the regime in force.
        custom_hours: Replace the regime's contact window by the four hour settings.
        weekday_start_hour: First hour of weekday calls (used with ``custom_hours``).
        weekday_end_hour: End hour (exclusive) of weekday calls (used with ``custom_hours``).
        weekend_start_hour: First hour of weekend calls (used with ``custom_hours``).
        weekend_end_hour: End hour (exclusive) of weekend calls; equal to the start for none.
        staff_per_10k_accounts: Collection staff per 10,000 accounts.
        attempts_per_account_per_day: Call attempts on each worked account per day.
        aggressiveness: Tone of collectors' conversations, 0 friendly ... 1 aggressive.
        unemployment_rate: Baseline unemployment rate, share.
        n_accounts: Number of loan accounts.
        warmup_days: Days simulated before the page's series start.
        seed: Random seed.

    Attributes:
        market: The running market, or None when the settings make no valid scenario.
        error: Why the settings make no valid scenario, or None.
    """

    def __init__(
        self,
        regime: str = DEFAULT_REGIME,
        custom_hours: bool = False,
        weekday_start_hour: int = CONTACT_HOURS["weekday_start_hour"].default(),
        weekday_end_hour: int = CONTACT_HOURS["weekday_end_hour"].default(),
        weekend_start_hour: int = CONTACT_HOURS["weekend_start_hour"].default(),
        weekend_end_hour: int = CONTACT_HOURS["weekend_end_hour"].default(),
        staff_per_10k_accounts: float = MARKET["staff_per_10k_accounts"].default(),
        attempts_per_account_per_day: int = MARKET["attempts_per_account_per_day"].default(),
        aggressiveness: float = MARKET["aggressiveness"].default(),
        unemployment_rate: float = MARKET["unemployment_rate"].default(),
        n_accounts: int = MARKET["n_accounts"].default(),
        warmup_days: int = MARKET["warmup_days"].default(),
        seed: int = MARKET["seed"].default(),
    ) -> None:
        super().__init__(rng=0)  # the session draws nothing; the market seeds its own draws
        values = {
            "weekday_start_hour": weekday_start_hour,
            "weekday_end_hour": weekday_end_hour,
            "weekend_start_hour": weekend_start_hour,
            "weekend_end_hour": weekend_end_hour,
            "staff_per_10k_accounts": staff_per_10k_accounts,
            "attempts_per_account_per_day": attempts_per_account_per_day,
            "aggressiveness": aggressiveness,
            "unemployment_rate": unemployment_rate,
            "n_accounts": n_accounts,
            "warmup_days": warmup_days,
            "seed": seed,
        }
        self.market: CollectionMarket | None = None
        self.error: str | None = None
        try:
            scenario = dashboard_scenario(regime, custom_hours, values)
        except ScenarioError as error:
            self.error = str(error)
            self.running = False
            return
        self.market = CollectionMarket(scenario)
        self.market.run(scenario.run.warmup_days)

    def step(self) -> None:
        """Simulate one day of the market (nothing when the settings are invalid)."""
        if self.market is None:
            self.running = False
            return
        self.market.step()

    def series(self) -> pd.DataFrame:
        """The market's daily series since the warm-up (empty when there is no market)."""
        if self.market is None:
            return pd.DataFrame()
        return self.market.series()
