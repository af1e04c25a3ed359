"""Run outputs: the daily series record and the run summary.

Money is reported in currency units (the tables hold cents). The daily record is what Mesa's
``DataCollector`` stores each day; the summary condenses a finished run into the figures a
researcher compares across scenarios.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from arrears.accounts import (
    BUCKET_NAMES,
    BorrowerEvent,
    LenderEvent,
    ledger_error_cents,
)

if TYPE_CHECKING:
    from arrears.model import CollectionMarket

SERIES_COLUMNS: tuple[str, ...] = (
    "day",
    *(f"balance_{name}" for name in BUCKET_NAMES),
    *(f"accounts_{name}" for name in BUCKET_NAMES),
    "delinquency_30p_share",
    "collected",
    "collected_delinquent",
    "collection_cost",
    "call_attempts",
    "right_party_contacts",
    "rpc_rate",
    "new_delinquent",
    "cures",
    "charge_offs",
    "written_off",
    "interest",
    "fees",
    "originated",
    "unemployment_rate",
)
"""Columns of the daily series, in order. Money in currency units per day; balances and
counts are end-of-day stocks of open accounts; flows are the day's totals."""

SERIES_UNITS: dict[str, str] = {
    **{f"balance_{name}": "currency units" for name in BUCKET_NAMES},
    **{f"accounts_{name}": "accounts" for name in BUCKET_NAMES},
    "day": "day",
    "delinquency_30p_share": "share of open balance",
    "collected": "currency units / day",
    "collected_delinquent": "currency units / day",
    "collection_cost": "currency units / day",
    "call_attempts": "attempts / day",
    "right_party_contacts": "contacts / day",
    "rpc_rate": "contacts / attempt",
    "new_delinquent": "accounts / day",
    "cures": "accounts / day",
    "charge_offs": "accounts / day",
    "written_off": "currency units / day",
    "interest": "currency units / day",
    "fees": "currency units / day",
    "originated": "currency units / day",
    "unemployment_rate": "share of borrowers",
}
"""Unit of each series column."""

SUMMARY_UNITS: dict[str, str] = {
    "days": "days",
    "accounts": "accounts",
    "recovery_rate": "share of delinquent exposure",
    "cost_to_collect": "cost per unit collected",
    "charge_off_rate": "share of open balance / year",
    "delinquency_30p_share": "share of open balance",
    "delinquency_60p_share": "share of open balance",
    "collected": "currency units",
    "collected_delinquent": "currency units",
    "collection_cost": "currency units",
    "written_off": "currency units",
    "call_attempts": "attempts",
    "right_party_contacts": "contacts",
    "rpc_rate": "contacts / attempt",
    "new_delinquent": "accounts",
    "cures": "accounts",
    "charge_offs": "accounts",
    "money_conservation_error": "cents",
}
"""Unit of each run summary figure (see :func:`summary`; totals are over the recorded days)."""


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


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
    unemployed = (
        model.initial_unemployed
        + model.borrower_totals[BorrowerEvent.JOB_LOSSES]
        - model.borrower_totals[BorrowerEvent.JOB_FINDS]
    )
    attempts = int(today[LenderEvent.CALL_ATTEMPTS])
    contacts = int(today[LenderEvent.RIGHT_PARTY_CONTACTS])
    record: dict[str, float] = {"day": model.day}
    for i, name in enumerate(BUCKET_NAMES):
        record[f"balance_{name}"] = balances[i] / 100
        record[f"accounts_{name}"] = int(counts[i])
    record |= {
        "delinquency_30p_share": _share(float(balances[2:].sum()), float(balances.sum())),
        "collected": today[LenderEvent.COLLECTED] / 100,
        "collected_delinquent": today[LenderEvent.COLLECTED_DELINQUENT] / 100,
        "collection_cost": sum(c.cost_today_cents for c in model.collectors) / 100,
        "call_attempts": attempts,
        "right_party_contacts": contacts,
        "rpc_rate": _share(contacts, attempts),
        "new_delinquent": int(today[LenderEvent.NEW_DELINQUENT]),
        "cures": int(today[LenderEvent.CURES]),
        "charge_offs": int(today[LenderEvent.CHARGE_OFFS]),
        "written_off": today[LenderEvent.WRITTEN_OFF] / 100,
        "interest": today[LenderEvent.INTEREST] / 100,
        "fees": today[LenderEvent.FEES] / 100,
        "originated": today[LenderEvent.ORIGINATED] / 100,
        "unemployment_rate": unemployed / len(model.borrowers.tier),
    }
    return record


def money_conservation_error_cents(model: CollectionMarket) -> int:
    """Total break of the money identities, in cents (0 when money is conserved).

    Three identities are checked, all exactly in integer cents: each account's ledger
    (``originated + interest + fees - paid - discounts - written_off == balance``); the cash
    lenders booked equals what accounts record as paid; and borrowers' buffers moved by exactly
    income - essentials - consumption - payments.

    Args:
        model: The model.

    Returns:
        The sum of the absolute breaks, in cents.
    """
    accounts_break = int(np.abs(ledger_error_cents(model.accounts)).sum())
    booked = int(model.lender_totals[:, LenderEvent.COLLECTED].sum())
    paid = int(model.accounts.paid.sum())
    flows = model.borrower_totals
    expected_buffer = (
        model.initial_buffer_cents
        + int(flows[BorrowerEvent.INCOME])
        - int(flows[BorrowerEvent.ESSENTIALS])
        - int(flows[BorrowerEvent.CONSUMPTION])
        - int(flows[BorrowerEvent.PAID])
    )
    buffer_break = abs(int(model.borrowers.buffer.sum()) - expected_buffer)
    return (
        accounts_break
        + abs(booked - paid)
        + abs(int(flows[BorrowerEvent.PAID]) - paid)
        + (buffer_break)
    )


def summary(model: CollectionMarket) -> dict[str, float]:
    """Condense a run into its headline figures, over the recorded days (after warm-up).

    Definitions:
        ``recovery_rate``: cash collected on delinquent accounts / balance of accounts when
        they first went delinquent (delinquent exposure).
        ``cost_to_collect``: collection cost / cash collected on delinquent accounts.
        ``charge_off_rate``: balances written off per year / mean open balance (annualised).
        ``delinquency_30p_share``, ``delinquency_60p_share``: share of the open balance 30+ and
        60+ days past due at the end of the run.
        ``rpc_rate``: right-party contacts per call attempt.

    Args:
        model: The model after a run.

    Returns:
        Summary figures; money in currency units.
    """
    totals = model.recorded_totals
    series = model.datacollector.get_model_vars_dataframe()
    days = max(len(series), 1)
    mean_open_balance = (
        float(series[[f"balance_{name}" for name in BUCKET_NAMES]].sum(axis=1).mean())
        if len(series)
        else 0.0
    )
    balances = model.stocks[:, 0].sum(axis=0)
    collected_delinquent = totals[LenderEvent.COLLECTED_DELINQUENT] / 100
    cost = model.recorded_cost_cents / 100
    written_off = totals[LenderEvent.WRITTEN_OFF] / 100
    attempts = int(totals[LenderEvent.CALL_ATTEMPTS])
    contacts = int(totals[LenderEvent.RIGHT_PARTY_CONTACTS])
    return {
        "days": len(series),
        "accounts": len(model.accounts.status),
        "recovery_rate": _share(
            collected_delinquent, totals[LenderEvent.DELINQUENT_EXPOSURE] / 100
        ),
        "cost_to_collect": _share(cost, collected_delinquent),
        "charge_off_rate": _share(written_off * 365 / days, mean_open_balance),
        "delinquency_30p_share": _share(float(balances[2:].sum()), float(balances.sum())),
        "delinquency_60p_share": _share(float(balances[3:].sum()), float(balances.sum())),
        "collected": totals[LenderEvent.COLLECTED] / 100,
        "collected_delinquent": collected_delinquent,
        "collection_cost": cost,
        "written_off": written_off,
        "call_attempts": attempts,
        "right_party_contacts": contacts,
        "rpc_rate": _share(contacts, attempts),
        "new_delinquent": int(totals[LenderEvent.NEW_DELINQUENT]),
        "cures": int(totals[LenderEvent.CURES]),
        "charge_offs": int(totals[LenderEvent.CHARGE_OFFS]),
        "money_conservation_error": money_conservation_error_cents(model),
    }
