"""The daily series: what a market records at the end of each day, with units.

Money is reported in currency units (the tables hold cents). :func:`day_record` is what the model
keeps each day (and what Mesa's ``DataCollector`` reports); :data:`SERIES_COLUMNS` and
:data:`SERIES_UNITS` name and measure its columns.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from arrears.market.kernels.harm import distress_in_arrears
from arrears.market.tables import (
    BUCKET_NAMES,
    VIOLATION_TYPES,
    BorrowerEvent,
    CollectorEvent,
    LenderEvent,
)
from arrears.scenario.sections.channels import CHANNELS
from arrears.scenario.sections.collectors import COLLECTOR_KINDS

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket

COUNT_SERIES = {
    "accounts_called": (LenderEvent.ACCOUNTS_CALLED, "accounts / day"),
    "conversations": (LenderEvent.CONVERSATIONS, "conversations / day"),
    "pay_now": (LenderEvent.PAY_NOW, "conversations / day"),
    "partial_payments": (LenderEvent.PARTIAL_PAYMENTS, "payments / day"),
    "promises": (LenderEvent.PROMISES, "conversations / day"),
    "promises_kept": (LenderEvent.PROMISES_KEPT, "promises / day"),
    "promises_broken": (LenderEvent.PROMISES_BROKEN, "promises / day"),
    "plans_offered": (LenderEvent.PLANS_OFFERED, "conversations / day"),
    "plans_accepted": (LenderEvent.PLANS_ACCEPTED, "conversations / day"),
    "plans_completed": (LenderEvent.PLANS_COMPLETED, "plans / day"),
    "plans_redefaulted": (LenderEvent.PLANS_REDEFAULTED, "plans / day"),
    "settlements": (LenderEvent.SETTLEMENTS, "accounts / day"),
    "refusals": (LenderEvent.REFUSALS, "conversations / day"),
    "disputes": (LenderEvent.DISPUTES, "conversations / day"),
    "new_delinquent": (LenderEvent.NEW_DELINQUENT, "accounts / day"),
    "cures": (LenderEvent.CURES, "accounts / day"),
    "charge_offs": (LenderEvent.CHARGE_OFFS, "accounts / day"),
    "suits_filed": (LenderEvent.SUITS_FILED, "suits / day"),
    "default_judgments": (LenderEvent.DEFAULT_JUDGMENTS, "suits / day"),
    "contested_judgments": (LenderEvent.CONTESTED_JUDGMENTS, "suits / day"),
    "suits_lost": (LenderEvent.SUITS_LOST, "suits / day"),
    "suits_withdrawn": (LenderEvent.SUITS_WITHDRAWN, "suits / day"),
    "disclosures": (LenderEvent.DISCLOSURES, "contacts / day"),
    "applications": (LenderEvent.APPLICATIONS, "applicants / day"),
    "approvals": (LenderEvent.APPROVALS, "applicants / day"),
    "renewals": (LenderEvent.RENEWALS, "loans / day"),
    "renewals_declined": (LenderEvent.RENEWALS_DECLINED, "loans / day"),
}
"""Count series taken straight from a lender event, with their units."""

_MONEY = {
    "collected": LenderEvent.COLLECTED,
    "collected_delinquent": LenderEvent.COLLECTED_DELINQUENT,
    "written_off": LenderEvent.WRITTEN_OFF,
    "discounts": LenderEvent.DISCOUNTS,
    "cash_shifted": LenderEvent.CASH_GAINED,
    "interest": LenderEvent.INTEREST,
    "fees": LenderEvent.FEES,
    "originated": LenderEvent.ORIGINATED,
    "garnished": LenderEvent.GARNISHED,
    "litigation_cost": LenderEvent.LITIGATION_COST,
}
"""Money series taken straight from a lender event (currency units per day)."""

_CALLS = (CHANNELS.index("call"), CHANNELS.index("ai_bot"))
THIRD_PARTY_CHANNEL = CHANNELS.index("third_party")

VIOLATION_SERIES = {
    f"violations_{kind}": CollectorEvent.VIOLATIONS_BY_TYPE + i
    for i, kind in enumerate(VIOLATION_TYPES)
}
COMPLAINT_SERIES = {
    "complaints_to_firm": CollectorEvent.COMPLAINTS_TO_FIRM,
    "complaints_to_regulator": CollectorEvent.COMPLAINTS_TO_REGULATOR,
}
HARM_SERIES = {
    "calls_beyond_tolerance": BorrowerEvent.CALLS_BEYOND_TOLERANCE,
    "intrusive_contacts": BorrowerEvent.INTRUSIVE_CONTACTS,
    "threats": BorrowerEvent.THREATS,
}
"""Harmful acts borrowers lived through, counted in every regime (see ``kernels.harm``)."""
_ENFORCEMENT = ("audits", "fines", "suspensions", "revocations")
SHARE_SERIES = tuple(f"share_{kind}" for kind in COLLECTOR_KINDS)
TONE_SERIES = tuple(f"tone_{kind}" for kind in COLLECTOR_KINDS)
_MARKET = {
    "agencies_active": "firms",
    "platforms_active": "firms",
    "agency_entries": "firms / day",
    "agency_exits": "firms / day",
    **dict.fromkeys(SHARE_SERIES, "share of accounts in arrears"),
    **dict.fromkeys(TONE_SERIES, "tone (0 friendly - 1 aggressive)"),
    "agency_fees": "currency units / day",
    "agency_profit": "currency units / day",
    "debt_sale_proceeds": "currency units / day",
}
"""Market-structure series and their units (fees, profit and sales are booked at month ends)."""
_CREDIT_UNITS = {
    "approval_rate": "share of applicants",
    "new_borrower_pd": "predicted default (0-1)",
    "new_borrower_score": "credit score (log-odds)",
    "underwriting_cutoff": "predicted default (0-1)",
    "loss_given_delinquency": "share of the balance falling behind",
    "reputation": "reputation (0-1)",
    "published_complaints_per_1000": "complaints / 1,000 open accounts / month",
}
"""Credit-supply state series: the latest monthly round (approval rate, mean predicted default
and credit score of the approved), and lenders' means (cut-off, estimated loss given
delinquency, reputation, published complaints), held between rounds."""


ROLLS = tuple(pairwise(BUCKET_NAMES))
"""Pairs of adjacent delinquency buckets, earlier first: the steps a balance rolls through."""
_ROLLED_INTO_90_PLUS = (90, 120)
"""Days past due (from, to excluded) of the part of the open-ended 90+ bucket an account can
reach from 60-89 in 30 days: the 90+ balance that entered it within the last 30 days."""
_ROLLED_INTO_90_PLUS_COLUMN = "balance_dpd_90_119"
ROLLED_INTO_COLUMN = {
    **{bucket: f"balance_{bucket}" for bucket in BUCKET_NAMES[1:-1]},
    BUCKET_NAMES[-1]: _ROLLED_INTO_90_PLUS_COLUMN,
}
"""Series column of the balance that counts as having rolled into each bucket (from the
bucket before it, 30 days earlier): the whole bucket, but only 90-119 DPD of the 90+ one."""


SERIES_COLUMNS: tuple[str, ...] = (
    "day",
    *(f"balance_{name}" for name in BUCKET_NAMES),
    _ROLLED_INTO_90_PLUS_COLUMN,
    *(f"accounts_{name}" for name in BUCKET_NAMES),
    "delinquency_30p_share",
    *_MONEY,
    "collection_cost",
    "compliance_cost",
    *(f"attempts_{name}" for name in CHANNELS),
    *(f"contacts_{name}" for name in CHANNELS),
    "call_attempts",
    "right_party_contacts",
    "rpc_rate",
    *COUNT_SERIES,
    "stress_mean",
    "stress_p90",
    "harm_mean",
    *HARM_SERIES,
    "lost_contact_share",
    *VIOLATION_SERIES,
    *COMPLAINT_SERIES,
    *_ENFORCEMENT,
    "moratoria",
    "payment_holidays",
    "unemployment_rate",
    *_MARKET,
    *_CREDIT_UNITS,
    "lender_profit",
    "borrowers",
)
"""Columns of the daily series, in order. Balances and account counts are end-of-day stocks of open
accounts (``balance_dpd_90_119`` is the part of ``balance_dpd_90_plus`` 90-119 days past due,
the balance that rolled into 90+ within the last 30 days); the other money and count columns
are the day's flows. ``collection_cost`` is every collector's channel costs, wages, overheads
and regulatory obligations, ``compliance_cost`` the obligations alone (compliance functions,
call recording, agencies' licences). ``cash_shifted`` is the cash creditors gained through
pressure and trust over a split by arrears alone;
``right_party_contacts``, ``rpc_rate`` and ``accounts_called`` count calls and AI-bot calls;
stress, remembered harm (``harm_mean``) and lost contact are over borrowers with an account in
arrears; ``calls_beyond_tolerance``, ``intrusive_contacts`` and ``threats`` count the harmful
acts they lived through (the same in every regime; ``violations_*`` count what the regime
forbids). Litigation:
``suits_filed``; the hearings' outcomes ``default_judgments``, ``contested_judgments`` (won by
the creditor on the merits) and ``suits_lost``; ``suits_withdrawn`` (arrears cleared before the
hearing); ``garnished`` (wages paid to judgment accounts, part of ``collected``);
``litigation_cost`` (lenders' filing costs). ``attempts_third_party`` and
``contacts_third_party`` count contacts with borrowers' third parties, ``disclosures`` those
that disclosed the debt. ``share_<kind>`` is the share of accounts in arrears worked by each
kind of collector; ``tone_<kind>`` the mean tone of that kind's active collectors (NaN while
there are none); ``agency_fees``, ``agency_profit`` (of agencies and platforms) and
``debt_sale_proceeds`` are booked at month ends. ``lender_profit`` is interest + fees -
write-offs - settlement discounts - in-house collection cost and fines - agency fees -
litigation cost + debt-sale proceeds; ``borrowers`` counts every borrower, new ones included."""

SERIES_UNITS: dict[str, str] = {
    "day": "day",
    **{f"balance_{name}": "currency units" for name in BUCKET_NAMES},
    _ROLLED_INTO_90_PLUS_COLUMN: "currency units",
    **{f"accounts_{name}": "accounts" for name in BUCKET_NAMES},
    "delinquency_30p_share": "share of open balance",
    **dict.fromkeys(_MONEY, "currency units / day"),
    "collection_cost": "currency units / day",
    "compliance_cost": "currency units / day",
    **{f"attempts_{name}": "attempts / day" for name in CHANNELS},
    **{f"contacts_{name}": "right-party contacts / day" for name in CHANNELS},
    "call_attempts": "attempts / day",
    "right_party_contacts": "contacts / day",
    "rpc_rate": "contacts / attempt",
    **{name: unit for name, (_, unit) in COUNT_SERIES.items()},
    "stress_mean": "stress (0-1)",
    "stress_p90": "stress (0-1)",
    "harm_mean": "harm units",
    "calls_beyond_tolerance": "call attempts / day",
    "intrusive_contacts": "attempts / day",
    "threats": "threats / day",
    "lost_contact_share": "share of borrowers in arrears",
    **dict.fromkeys(VIOLATION_SERIES, "violations / day"),
    **dict.fromkeys(COMPLAINT_SERIES, "complaints / day"),
    "audits": "audits / day",
    "fines": "currency units / day",
    "suspensions": "collectors / day",
    "revocations": "collectors / day",
    "moratoria": "borrowers / day",
    "payment_holidays": "borrowers / day",
    "unemployment_rate": "share of borrowers",
    **_MARKET,
    **_CREDIT_UNITS,
    "lender_profit": "currency units / day",
    "borrowers": "borrowers",
}
"""Unit of each series column."""


def share_of(part: float, whole: float) -> float:
    """``part / whole`` as a float, or 0 when ``whole`` is not positive (an empty denominator)."""
    return float(part / whole) if whole > 0 else 0.0


def call_counts(events: np.ndarray) -> tuple[int, int]:
    """Call attempts and right-party contacts (calls and AI-bot calls) in an event vector."""
    attempts = sum(int(events[LenderEvent.ATTEMPTS_BY_CHANNEL + c]) for c in _CALLS)
    contacts = sum(int(events[LenderEvent.CONTACTS_BY_CHANNEL + c]) for c in _CALLS)
    return attempts, contacts


def lender_profit_cents(
    events: np.ndarray,
    in_house_cost_cents: int,
    fines_cents: int,
    fees_cents: int,
    sales_cents: int,
) -> int:
    """Lender profit, cents: income - losses - collection and litigation cost + debt sales.

    Args:
        events: A vector of lender events (the day's or the recorded days' totals).
        in_house_cost_cents: Cost of the lenders' own collection teams.
        fines_cents: Fines imposed on those teams.
        fees_cents: Contingency fees paid to agencies and platforms.
        sales_cents: Proceeds of charged-off debt sold.

    Returns:
        Interest + fees - write-offs - settlement discounts - in-house cost and fines - agency
        fees - litigation cost + debt-sale proceeds.
    """
    income = int(events[LenderEvent.INTEREST] + events[LenderEvent.FEES]) + sales_cents
    losses = int(events[LenderEvent.WRITTEN_OFF] + events[LenderEvent.DISCOUNTS])
    costs = (
        in_house_cost_cents + fines_cents + fees_cents + int(events[LenderEvent.LITIGATION_COST])
    )
    return income - losses - costs


def _credit_record(model: CollectionMarket) -> dict[str, float]:
    """The credit-supply state series of the day (see :data:`_CREDIT_UNITS`)."""
    lenders = model.lenders
    applications = sum(lender.applications for lender in lenders)
    approvals = sum(lender.approvals for lender in lenders)
    return {
        "approval_rate": share_of(approvals, applications),
        "new_borrower_pd": share_of(sum(x.approvals * x.approved_pd for x in lenders), approvals),
        "new_borrower_score": share_of(
            sum(x.approvals * x.approved_score for x in lenders), approvals
        ),
        "underwriting_cutoff": float(np.mean([x.cutoff for x in lenders])),
        "loss_given_delinquency": float(np.mean([x.loss_given_delinquency for x in lenders])),
        "reputation": float(np.mean([x.reputation for x in lenders])),
        "published_complaints_per_1000": float(
            model.regulator.published_complaints_per_1000.mean()
        ),
    }


def _balance_in_arrears_cents(model: CollectionMarket, low: int, high: int) -> int:
    """Balance of the open accounts ``low`` to ``high - 1`` days past due (``low`` >= 1), cents."""
    rows = model.delinquent
    dpd = model.accounts.dpd[rows]
    return int(model.accounts.balance[rows][(dpd >= low) & (dpd < high)].sum())


def day_record(model: CollectionMarket) -> dict[str, float]:
    """The series values of the day just simulated.

    Args:
        model: The model at the end of a day.

    Returns:
        One value per column of :data:`SERIES_COLUMNS`.
    """
    today = model.lender_events_today.sum(axis=0)
    balances = model.stocks[:, 0].sum(axis=0)
    counts = model.stocks[:, 1].sum(axis=0)
    stress, harm, lost = distress_in_arrears(
        model.day, model.delinquent, model.run_constants, model.borrowers, model.accounts
    )
    attempts, contacts = call_counts(today)
    record: dict[str, float] = {"day": model.day}
    for i, name in enumerate(BUCKET_NAMES):
        record[f"balance_{name}"] = balances[i] / 100
        record[f"accounts_{name}"] = int(counts[i])
    record[_ROLLED_INTO_90_PLUS_COLUMN] = (
        _balance_in_arrears_cents(model, *_ROLLED_INTO_90_PLUS) / 100
    )
    record["delinquency_30p_share"] = share_of(float(balances[2:].sum()), float(balances.sum()))
    record |= {name: today[event] / 100 for name, event in _MONEY.items()}
    cost_cents = sum(c.cents.cost_today for c in model.collectors)
    record["collection_cost"] = cost_cents / 100
    record["compliance_cost"] = sum(c.cents.obligations_today for c in model.collectors) / 100
    for c, name in enumerate(CHANNELS):
        record[f"attempts_{name}"] = int(today[LenderEvent.ATTEMPTS_BY_CHANNEL + c])
        record[f"contacts_{name}"] = int(today[LenderEvent.CONTACTS_BY_CHANNEL + c])
    record |= {
        "call_attempts": attempts,
        "right_party_contacts": contacts,
        "rpc_rate": share_of(contacts, attempts),
    }
    record |= {name: int(today[event]) for name, (event, _) in COUNT_SERIES.items()}
    collectors = model.collector_events_today.sum(axis=0)
    regulator = model.regulator
    record |= {
        "stress_mean": float(stress.mean()) if len(stress) else 0.0,
        "stress_p90": float(np.percentile(stress, 90)) if len(stress) else 0.0,
        "harm_mean": float(harm.mean()) if len(harm) else 0.0,
        **{name: int(model.borrower_events_today[event]) for name, event in HARM_SERIES.items()},
        "lost_contact_share": share_of(lost, len(stress)),
        **{name: int(collectors[event]) for name, event in VIOLATION_SERIES.items()},
        **{name: int(collectors[event]) for name, event in COMPLAINT_SERIES.items()},
        "audits": regulator.audits_today,
        "fines": regulator.cents.fines_today / 100,
        "suspensions": regulator.suspensions_today,
        "revocations": regulator.revocations_today,
        "moratoria": int(model.borrower_events_today[BorrowerEvent.MORATORIA]),
        "payment_holidays": int(model.borrower_events_today[BorrowerEvent.PAYMENT_HOLIDAYS]),
        "unemployment_rate": model.unemployed_share(),
        **_credit_record(model),
        "lender_profit": lender_profit_cents(
            today,
            sum(c.cents.cost_today for c in model.collectors if c.kind == "in_house"),
            regulator.cents.in_house_fines_today,
            model.market.fees_today_cents,
            model.market.sale_proceeds_today_cents,
        )
        / 100,
        "borrowers": len(model.borrowers.tier),
    }
    return record | _market_record(model)


def _market_record(model: CollectionMarket) -> dict[str, float]:
    """The day's market-structure values: firms, entries and exits, shares, tones, fees."""
    market = model.market
    active = market.active
    held = np.bincount(
        model.collector_kind[model.accounts.collector[model.delinquent]],
        minlength=len(COLLECTOR_KINDS),
    )
    record: dict[str, float] = {
        "agencies_active": sum(a.kind == "agency" for a in active),
        "platforms_active": sum(a.kind == "digital_platform" for a in active),
        "agency_entries": market.entries_today,
        "agency_exits": market.exits_today,
    }
    for k, kind in enumerate(COLLECTOR_KINDS):
        tones = [c.aggressiveness for c in model.collectors if c.working and c.kind == kind]
        record[f"share_{kind}"] = share_of(int(held[k]), len(model.delinquent))
        record[f"tone_{kind}"] = float(np.mean(tones)) if tones else float("nan")
    record |= {
        "agency_fees": market.fees_today_cents / 100,
        "agency_profit": market.profit_today_cents / 100,
        "debt_sale_proceeds": market.sale_proceeds_today_cents / 100,
    }
    return record
