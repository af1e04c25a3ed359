"""What a calibration is checked against: public figures, and the sign of each mechanism.

Both tables are data, read by :mod:`arrears.calibration.validate`; adding a check is adding a row.

- :func:`targets_for`: each named market's targets, its own levels (:data:`MARKET_LEVELS`)
  and the collection practice every market shares (:data:`PRACTICE_TARGETS`). A target is a
  quantity the model reports, a public figure for it with its source (graded [V] checked
  against a primary text, [S] from a secondary summary, [U] uncertain), and a stated
  tolerance. A target whose measure the model does not produce
  yet (its mechanism is still to be built) names the measure it waits for, and is checked from
  the day the run summary gains that key.
- :data:`DIRECTIONS`: one rule changed against the baseline, the measure it should move and the
  sign the mechanism predicts.

A measure is a run-summary key (:data:`arrears.market.summary.SUMMARY_UNITS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from arrears.market.summary import SUMMARY_UNITS
from arrears.scenario.markets import DEFAULT_MARKET, named_market

REGULATOR_COMPLAINTS_PER_1000 = 207_800 / 64_000_000 * 1000
"""Debt-collection complaints to the US regulator a year per 1,000 consumers in collections."""


@dataclass(frozen=True)
class Target:
    """A public figure the baseline should reproduce.

    Attributes:
        quantity: What is compared, in words.
        measure: The model's measure: a run-summary key.
        low: Lower end of the public figure (a point figure has ``low == high``), or None.
        high: Upper end of the public figure, or None (open above, or no figure).
        tolerance: How far outside ``[low, high]`` the model may lie, in the measure's units.
        percent: Whether the measure is a share, shown in percent.
        source: The figure and where it comes from, with its grade.
        note: Why this figure, and how the model's definition differs from the source's.
    """

    quantity: str
    measure: str
    low: float | None
    high: float | None
    tolerance: float
    percent: bool
    source: str
    note: str = ""

    @property
    def has_figure(self) -> bool:
        """Whether there is a number to compare with."""
        return self.low is not None or self.high is not None

    def accepted(self, value: float) -> bool:
        """Whether a model value lies within the figure widened by the tolerance."""
        return abs(self.gap(value)) <= self.tolerance

    def gap(self, value: float) -> float:
        """Signed distance from a value to the figure's range (0 inside it)."""
        if self.low is not None and value < self.low:
            return value - self.low
        if self.high is not None and value > self.high:
            return value - self.high
        return 0.0


@dataclass(frozen=True)
class Direction:
    """A rule changed against the baseline and the sign its mechanism predicts.

    Attributes:
        rule: The change, in words.
        changes: The change as parameter paths and values (``Scenario.with_overrides``).
        measure: The measure that should move.
        expected: ``+1`` (up) or ``-1`` (down).
        mechanism: Why it should move so (the mechanism behind the sign).
    """

    rule: str
    changes: Mapping[str, Any]
    measure: str
    expected: int
    mechanism: str


MEASURE_UNITS: dict[str, str] = SUMMARY_UNITS
"""Unit of every measure the model produces (the run summary's)."""

RELATIVE_TOLERANCE = 0.15
"""How far a calibrated level (delinquency, charge-offs) may lie from its figure, relative to
it: narrow enough that a broken mechanism (no staff, charge-off at 90 days) misses it."""

US_CARD_LEVELS: tuple[Target, ...] = (
    Target(
        quantity="30+ DPD share of open balance",
        measure="delinquency_30p_share",
        low=0.0349,
        high=0.0349,
        tolerance=RELATIVE_TOLERANCE * 0.0349,
        percent=True,
        source="US card delinquency Q4 2024, share of balances 30+ DPD: 3.49% [V]",
        note="Measured at the end of the run; 15% relative tolerance.",
    ),
    Target(
        quantity="annual charge-off rate",
        measure="charge_off_rate",
        low=0.044,
        high=0.044,
        tolerance=RELATIVE_TOLERANCE * 0.044,
        percent=True,
        source="US card net charge-off rate, about 4.4% a year [S]",
        note="Balances written off per year / mean open balance (gross). The model's only "
        "recoveries after charge-off are debt sales (under 2% of the balances written off), so "
        "its gross rate stands for the net one; 15% relative tolerance.",
    ),
)
"""The levels of US card lending."""

CN_CONSUMER_FINANCE_LEVELS: tuple[Target, ...] = (
    Target(
        quantity="non-performing loans (90+ DPD) share of open balance",
        measure="delinquency_90p_share",
        low=0.020,
        high=0.026,
        tolerance=RELATIVE_TOLERANCE * 0.020,
        percent=True,
        source="China's consumer-finance companies: NPL ratio 2.6% (2019 average) [V]; "
        "individual firms 2.0-2.5% (2022-24) [S]",
        note="Chinese lenders classify loans 90+ days overdue as non-performing (many firms "
        "already at 60-90 DPD); the model's 90+ share of the open balance, measured at the "
        "end of the run. 15% relative tolerance on the range's low end.",
    ),
)
"""The level of Chinese consumer-finance lending (the sector publishes no charge-off rate in
the sources used)."""

MARKET_LEVELS: dict[str, tuple[Target, ...]] = {
    "cn_consumer_finance": CN_CONSUMER_FINANCE_LEVELS,
    "us_cards": US_CARD_LEVELS,
}
"""Each named market's calibrated levels (:mod:`arrears.scenario.markets`)."""

PRACTICE_TARGETS: tuple[Target, ...] = (
    Target(
        quantity="right-party contacts per call attempt",
        measure="rpc_rate",
        low=0.25,
        high=0.5,
        tolerance=0.05,
        percent=False,
        source="most agencies need 2-4 attempts per right-party contact [S]",
        note="2-4 attempts per contact is 0.25-0.5 contacts per attempt (calls and AI-bot calls).",
    ),
    Target(
        quantity="call attempts per account worked per day",
        measure="call_attempts_per_account_called",
        low=1.25,
        high=2.99,
        tolerance=0.25,
        percent=False,
        source="actual attempts averaged 1.25-2.99 per account per day (2021) [S]",
        note="Call attempts per account called on a day (the source counts accounts being "
        "worked). A collector stops dialling at the first right-party contact, so the measure "
        "lies between 1 and the planned attempts per account per day.",
    ),
    Target(
        quantity="agency contingency commission",
        measure="agency_commission_rate",
        low=0.15,
        high=0.50,
        tolerance=0.0,
        percent=True,
        source="28% on average (2005) [V]; 15-50% rising with account age [U]",
        note="Fees over the cash paid on the accounts agencies and platforms held. The fee "
        "schedule is an input (agencies.fee_rate, by DPD at placement, from this figure), so "
        "this checks the mix of placements the schedule is applied to.",
    ),
    Target(
        quantity="charged-off balances placed with agencies",
        measure="agency_placement_share",
        low=0.40,
        high=None,
        tolerance=0.0,
        percent=True,
        source="US charged-off card balances (2014): >40% placed with agencies [V]",
        note="Not tracked yet: the model places accounts with agencies from a DPD "
        "threshold before charge-off, sues before charge-off and sells a share of each month's "
        "charge-offs, but does not follow charged-off balances to their end (agency, in-house, "
        "court or buyer).",
    ),
    Target(
        quantity="charged-off balances kept in-house",
        measure="in_house_share",
        low=0.10,
        high=0.10,
        tolerance=0.05,
        percent=True,
        source="US charged-off card balances (2014): ~10% kept in-house [V]",
        note="Not tracked yet: the model places accounts with agencies from a DPD "
        "threshold before charge-off, sues before charge-off and sells a share of each month's "
        "charge-offs, but does not follow charged-off balances to their end (agency, in-house, "
        "court or buyer).",
    ),
    Target(
        quantity="charged-off balances sent to litigation",
        measure="litigation_share",
        low=0.05,
        high=0.05,
        tolerance=0.03,
        percent=True,
        source="US charged-off card balances (2014): ~5% sent to litigation [V]",
        note="Not tracked yet: the model places accounts with agencies from a DPD "
        "threshold before charge-off, sues before charge-off and sells a share of each month's "
        "charge-offs, but does not follow charged-off balances to their end (agency, in-house, "
        "court or buyer).",
    ),
    Target(
        quantity="debt sale price per unit of face value",
        measure="debt_sale_price",
        low=0.04,
        high=0.04,
        tolerance=0.02,
        percent=False,
        source="about 4 cents per dollar of face value on average (FTC 2013) [V]",
        note="An input (placement.debt_sale_price, set from this figure): a measure of "
        "it would only echo the parameter.",
    ),
    Target(
        quantity="debt lawsuits ending in default judgment",
        measure="default_judgment_share",
        low=0.70,
        high=None,
        tolerance=0.0,
        percent=True,
        source=">70% of debt claims end in default judgment [V]",
        note="Judgments by default over all judgments of the suits heard.",
    ),
    Target(
        quantity="complaints to the regulator per 1,000 accounts in arrears a year",
        measure="regulator_complaints_per_1000_delinquent",
        low=REGULATOR_COMPLAINTS_PER_1000 / 3,
        high=REGULATOR_COMPLAINTS_PER_1000 * 3,
        tolerance=0.0,
        percent=False,
        source="207,800 debt-collection complaints to the US consumer regulator in 2024 [S] over "
        "about 64 million US consumers with a debt in collections (Urban Institute, 2021) [S]: "
        "3.25 a year per 1,000",
        note="Within a factor of 3 of the figure: the denominator counts people with a "
        "collection record, the model's accounts in arrears (1+ DPD); the only public "
        "complaint rate in the sources, so every market is held to it.",
    ),
)
"""Collection practice every market is compared with: contact effort, fees, courts and
complaints (figures from US practice, the best documented)."""


def targets_for(market: str) -> tuple[Target, ...]:
    """The public figures a market is checked against: its levels, then collection practice.

    Args:
        market: A named market; "" (a scenario from the parameter defaults) is checked against
            the default market's figures.

    Returns:
        The targets.

    Raises:
        ScenarioError: If the market is unknown.
    """
    return (*MARKET_LEVELS[named_market(market or DEFAULT_MARKET).name], *PRACTICE_TARGETS)


DIRECTIONS: tuple[Direction, ...] = (
    Direction(
        rule="narrower contact window: workdays 09-18 only",
        changes={
            "regime.weekday_start_hour": 9,
            "regime.weekday_end_hour": 18,
            "regime.weekend_start_hour": 9,
            "regime.weekend_end_hour": 9,
        },
        measure="right_party_contacts",
        expected=-1,
        mechanism="fewer and worse calling hours reach fewer borrowers (capacity is staff x "
        "attempts per hour x hours in the window, mechanism 4); the market's other rules stay. "
        "Call attempts are no measure of it in a steady market: the accounts left in arrears "
        "are called again, so attempts can rise",
    ),
    Direction(
        rule="contact window closing at 18:00 every day instead of 22:00",
        changes={"regime.weekday_end_hour": 18, "regime.weekend_end_hour": 18},
        measure="rpc_rate",
        expected=-1,
        mechanism="collectors call in the hours people answer, and many answer only in the "
        "evening: they lose their best hours (reachability profiles by hour)",
    ),
    Direction(
        rule="no collection staff",
        changes={"collectors.staff_per_10k_accounts": 0.0},
        measure="delinquency_30p_share",
        expected=+1,
        mechanism="without calls, conversations, promises and plans, fewer accounts cure",
    ),
    Direction(
        rule="fully aggressive tone",
        changes={"collectors.aggressiveness": 1.0},
        measure="stress_mean",
        expected=+1,
        mechanism="an aggressive conversation adds stress (mechanism 5)",
    ),
    Direction(
        rule="risk-based segmentation instead of DPD order",
        changes={"collectors.strategy": "segmented"},
        measure="collected_per_call_attempt",
        expected=+1,
        mechanism="likely self-curers get a message; calls go where they recover most",
    ),
    Direction(
        rule="no repayment plans offered",
        changes={"collectors.offers_plans": False},
        measure="loss_rate",
        expected=+1,
        mechanism="instalment plans and deferrals keep short borrowers out of charge-off: more "
        "of the balance falling behind is lost. A rate, not a count of charge-offs: lenders "
        "that lose more lend less, and agencies enter and leave, so counts are noisy",
    ),
    Direction(
        rule="unemployment 10% instead of 5%",
        changes={"macro.unemployment_rate": 0.10},
        measure="charge_off_rate",
        expected=+1,
        mechanism="job loss cuts income below the instalment (mechanism 1). A rate, not a count: "
        "over the warm-up lenders lower their cut-offs and lend less, so the count of new "
        "delinquencies can fall while the share of the book lost rises",
    ),
    Direction(
        rule="charge-off at 90 DPD instead of 180",
        changes={"lenders.charge_off_dpd": 90},
        measure="charge_offs",
        expected=+1,
        mechanism="accounts reach an earlier threshold before they cure",
    ),
)
"""The direction-of-effect checks of the mechanisms that exist."""
