"""Named markets: calibrated starting points, as the named regimes are for the rules.

A market preset names a credit product, the lenders and collectors that serve it, the regime
they work under, the values its calibration fitted, and a warm-up long enough for the book to
settle before anything is recorded. Its settings are applied on top of the parameter defaults
(``arrears params``) and any of them can be overridden, in a scenario file (``market = "..."``
beside the tables that change it), on the command line (``--market``, ``--set``) or in Python
(:meth:`arrears.scenario.scenario.Scenario.for_market`). The public figures each market is checked
against, with sources and tolerances, are :func:`arrears.calibration.targets.targets_for`.

This module holds data only (no model imports), so the scenario loader can read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from arrears.scenario.fields import ScenarioError


@dataclass(frozen=True)
class MarketPreset:
    """A named market: settings on top of the parameter defaults.

    Attributes:
        name: Identifier (a key of :data:`MARKETS`).
        summary: One line: product, firms and regime.
        description: What the market is, where its figures come from, and what it leaves out.
        settings: ``{"section.field": value}`` applied to the parameter defaults.
    """

    name: str
    summary: str
    description: str
    settings: Mapping[str, Any]

    def tables(self) -> dict[str, dict[str, Any]]:
        """The settings as scenario tables (``{section: {field: value}}``)."""
        tables: dict[str, dict[str, Any]] = {}
        for path, value in self.settings.items():
            section, _, name = path.partition(".")
            tables.setdefault(section, {})[name] = value
        return tables


WARMUP_DAYS = 720
"""Two years simulated before recording: delinquency buckets fill, the lenders' loss estimates
and cut-offs settle on their own book's losses, and the agencies' market finds its size."""

COLLECTION_PRACTICE: dict[str, Any] = {
    "collectors.staff_per_10k_accounts": 4.0,
    "collectors.attempts_per_account_per_day": 2,
    "agencies.n_agencies": 1,
    "agencies.n_platforms": 1,
    "agencies.fee_from_dpd": (0, 90, 120, 150),
    "agencies.fee_rate": (0.25, 0.30, 0.35, 0.40),
    "placement.placement_dpd": 60,
    "placement.debt_sale_share": 0.4,
}
"""How both markets collect: in-house teams of 4 per 10,000 accounts dialling up to twice a day,
placing accounts from 60 days past due with one agency (contingency fees 25-40% rising with the
account's age at placement; 28% on average, 15-50% [V/U]) and one digital platform, and selling
40% of each month's charge-offs (a documented choice)."""

CN_CONSUMER_FINANCE = MarketPreset(
    name="cn_consumer_finance",
    summary="small instalment loans (RMB 2,500, 20% APR, 12 months) from three lenders with "
    "in-house teams, an agency and a digital platform, under cn_2025",
    description=(
        "The world the framework was built to study: Chinese consumer-finance companies "
        "lending small instalment loans (typical loan RMB 2,000-3,000 at about 20% APR over "
        "9-12 months [S]), borrowers often holding loans at several of them. Each lender "
        "collects with its own team and places accounts from 60 days past due with a "
        "collection agency (contingency fees rising with the account's age, 25-40%) and a "
        "digital platform (AI-bot calls and messages, lower fee), under China's 2025 contact "
        "rules. Accounts are charged off at 180 days past due. Its essential spending, plan "
        "take-up and losing contact were fitted to contact practice (right-party contacts per "
        "call attempt, call attempts per account worked) and to delinquency and charge-off "
        "levels of card lending; at these values its non-performing-loan ratio (90+ days past "
        "due) lies in the sector's 2.0-2.6%, the level it is held to. Left out: China's "
        "sector publishes no charge-off rate in the sources used, so the write-off level is an "
        "outcome, not a target."
    ),
    settings={
        "population.n_accounts": 20_000,
        "population.tier_shares": (0.5, 0.35, 0.15),
        "population.income_median": (8000.0, 6000.0, 4500.0),
        "population.essentials_share": 0.5548,
        "population.willingness_logit": (4.0, 3.0, 1.5),
        "population.accounts_per_borrower_shares": (0.7, 0.2, 0.1),
        "loans.principal_median": 2500.0,
        "loans.apr_annual": 0.20,
        "loans.term_months": 12,
        "loans.late_fee": 20.0,
        "lenders.n_lenders": 3,
        "lenders.charge_off_dpd": 180,
        "credit.applications_per_month": 0.035,
        "behaviour.plan_logit": -3.5,
        "behaviour.lost_contact_logit": -13.363,
        **COLLECTION_PRACTICE,
        "regime.name": "cn_2025",
        "run.warmup_days": WARMUP_DAYS,
    },
)

CARD_MINIMUM_PAYMENT_TERM_MONTHS = 58
"""The months in which a card's usual minimum payment (the month's interest plus 1% of the
balance, about 2.8% of the balance at 21.5% APR [U]) repays a balance: ``n = -ln(1 - r/p) /
ln(1 + r)`` with monthly rate ``r = 0.215 / 12`` and payment share ``p = r + 0.01``."""

US_CARDS = MarketPreset(
    name="us_cards",
    summary="US credit-card balances (USD 6,000 at 21.5% APR, minimum payments) from three "
    "issuers with in-house teams, an agency and a digital platform, under us_reg_f",
    description=(
        "US card lending: balances of about USD 6,000 [U] at 21.5% APR [U] repaid by the usual "
        "minimum payment (the month's interest plus 1% of the balance), a USD 32 late fee "
        "[U], charged off at 180 days past due whether or not the account is in court (the "
        "open-end rule [V]), so issuers sue from 90 days past due, in time for a hearing "
        "before charge-off. A payment short of the arrears is credited on its own, one of at "
        "least 90% of the minimum counting as a full payment (one of the two methods US "
        "supervisors allow [S]; which one issuers use is not published [U]): under the other, "
        "aggregating payments, borrowers who pay most of their minimum each month keep the "
        "account 90+ days past due for more than a year (about 80% of the 90+ balance was "
        "owed by employed borrowers saving a median 0.82 of what falls due), and the market "
        "wrote off 0.78 times its 30+ DPD stock a year where US cards write off about 1.26 "
        "times; crediting payments one by one it writes off about 1.1 times. Repayment plans "
        "are card workout plans: the balance re-amortised over 60 months [U]. Three issuers "
        "collect with their own teams and place accounts from 60 days past due with an agency "
        "and a digital platform, under Regulation F. Calibrated at its own size (essential "
        "spending, losing contact) to the 30+ DPD share of card balances (3.49%, Q4 2024 [V]), "
        "the net charge-off rate (about 4.4% a year [S]) and contact practice; the applicant "
        "flow holds the book at its size. Left out: the model has no credit line drawn again, "
        "so a card is a balance repaid by its "
        f"minimum payment over {CARD_MINIMUM_PAYMENT_TERM_MONTHS} months, and new spending is "
        "a new account (renewal) once a balance is repaid; charged-off balances are not "
        "collected on, so the charge-off rate is gross. Long balances and 60-month plans turn "
        "over slowly, so the warm-up is eight years (after five, its delinquency rates still "
        "drifted 10-14% over the next five)."
    ),
    settings={
        "population.n_accounts": 20_000,
        "population.income_median": (6000.0, 4500.0, 3400.0),
        "population.essentials_share": 0.64,
        "loans.principal_median": 6000.0,
        "loans.apr_annual": 0.215,
        "loans.term_months": CARD_MINIMUM_PAYMENT_TERM_MONTHS,
        "loans.late_fee": 32.0,
        "lenders.n_lenders": 3,
        "lenders.charge_off_dpd": 180,
        "lenders.charge_off_in_court": True,
        "lenders.full_payment_share": 0.9,
        "lenders.instalment_plan_months": 60,
        "litigation.min_dpd": 90,
        "credit.applications_per_month": 0.006,
        "behaviour.plan_logit": -3.5,
        "behaviour.lost_contact_logit": -11.44,
        **COLLECTION_PRACTICE,
        "regime.name": "us_reg_f",
        "run.warmup_days": 8 * 360,
    },
)

MARKETS: dict[str, MarketPreset] = {
    market.name: market for market in (CN_CONSUMER_FINANCE, US_CARDS)
}
"""Every named market, by name."""

DEFAULT_MARKET = CN_CONSUMER_FINANCE.name
"""The market ``arrears run`` simulates when given no scenario."""


def named_market(name: object) -> MarketPreset:
    """The named market.

    Args:
        name: A key of :data:`MARKETS`.

    Returns:
        The market preset.

    Raises:
        ScenarioError: If the name is unknown; the message lists the valid names.
    """
    if isinstance(name, str) and name in MARKETS:
        return MARKETS[name]
    raise ScenarioError(f"market must be one of {', '.join(sorted(MARKETS))}, got {name!r}")


def merge_tables(
    base: Mapping[str, Mapping[str, Any]], overlay: Mapping[str, Any]
) -> dict[str, Any]:
    """Scenario tables with ``overlay``'s fields replacing ``base``'s, table by table.

    Args:
        base: ``{section: {field: value}}``, e.g. a market's :meth:`MarketPreset.tables`.
        overlay: Tables (and top-level keys) that win over ``base``'s.

    Returns:
        The merged tables; a non-table value in ``overlay`` replaces its key whole.
    """
    merged: dict[str, Any] = {section: dict(fields) for section, fields in base.items()}
    for key, value in overlay.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] |= value
        else:
            merged[key] = value
    return merged
