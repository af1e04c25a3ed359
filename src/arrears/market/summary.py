"""The run summary: a finished run condensed into the figures researchers compare.

:func:`summary` reduces the daily series and the run's totals to headline figures over the
recorded days (units in :data:`SUMMARY_UNITS`); :func:`flow_rates` measures balance roll rates
between delinquency buckets; :func:`money_conservation_error_cents` checks that every cent is
accounted for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from arrears.market.series import (
    COMPLAINT_SERIES,
    COUNT_SERIES,
    HARM_SERIES,
    ROLLED_INTO_COLUMN,
    ROLLS,
    SHARE_SERIES,
    THIRD_PARTY_CHANNEL,
    TONE_SERIES,
    VIOLATION_SERIES,
    call_counts,
    lender_profit_cents,
    share_of,
)
from arrears.market.tables import (
    BUCKET_NAMES,
    DAYS_PER_MONTH,
    BorrowerEvent,
    CollectorEvent,
    LenderEvent,
    ledger_error_cents,
)
from arrears.scenario.sections.channels import CHANNELS
from arrears.scenario.sections.collectors import COLLECTOR_KINDS

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket


def _flow_rate_name(earlier: str, later: str) -> str:
    """The summary name of the flow rate from one bucket (or state) to the next."""
    return f"flow_rate_{earlier}_to_{later}"


_TO_CHARGE_OFF = _flow_rate_name(BUCKET_NAMES[-1], "charge_off")
FLOW_RATES: tuple[str, ...] = (
    *(_flow_rate_name(earlier, later) for earlier, later in ROLLS),
    _TO_CHARGE_OFF,
)
"""Summary names of the flow (roll) rates, bucket to next bucket and the last into charge-off
(see :func:`flow_rates`)."""


SUMMARY_UNITS: dict[str, str] = {
    "days": "days",
    "accounts": "accounts",
    "borrowers": "borrowers",
    "accounts_end": "accounts",
    "borrowers_end": "borrowers",
    "recovery_rate": "share of money resolved",
    "loss_rate": "share of delinquent exposure",
    "cure_rate": "share of closed episodes",
    "cost_to_collect": "cost per unit collected",
    "collected_per_call_attempt": "currency units / attempt",
    "collected_per_cost": "collected per unit cost",
    "charge_off_rate": "share of open balance / year",
    "net_charge_off_rate": "share of open balance / year",
    "recovery_on_charged_off": "share of balance written off",
    **dict.fromkeys(FLOW_RATES, "share of the earlier bucket's balance"),
    "delinquency_30p_share": "share of open balance",
    "delinquency_60p_share": "share of open balance",
    "delinquency_90p_share": "share of open balance",
    "collected": "currency units",
    "collected_delinquent": "currency units",
    "collection_cost": "currency units",
    "compliance_cost": "currency units",
    "written_off": "currency units",
    "discounts": "currency units",
    "cash_shifted": "currency units",
    "contact_attempts": "attempts",
    "call_attempts": "attempts",
    "right_party_contacts": "contacts",
    "rpc_rate": "contacts / attempt",
    "call_attempts_per_account_called": "attempts / account called / day",
    "promise_kept_rate": "share of promises due",
    "third_party_contacts": "contacts",
    **{name: unit.removesuffix(" / day") for name, (_, unit) in COUNT_SERIES.items()},
    "stress_mean": "stress (0-1)",
    "stress_p90": "stress (0-1)",
    "harm_mean": "harm units",
    "calls_beyond_tolerance": "call attempts",
    "intrusive_contacts": "attempts",
    "threats": "threats",
    "violations": "violations",
    **dict.fromkeys(VIOLATION_SERIES, "violations"),
    **dict.fromkeys(COMPLAINT_SERIES, "complaints"),
    "complaints_per_1000_delinquent": "complaints / 1,000 accounts in arrears / year",
    "regulator_complaints_per_1000_delinquent": "complaints / 1,000 accounts in arrears / year",
    "audits": "audits",
    "fines": "currency units",
    "suspensions": "collectors",
    "revocations": "collectors",
    "moratoria": "borrowers",
    "default_judgment_share": "share of suits heard",
    "garnished": "currency units",
    "litigation_cost": "currency units",
    "agencies_active": "firms",
    "platforms_active": "firms",
    "agency_entries": "firms",
    "agency_exits": "firms",
    "agency_survival": "share of firms",
    **dict.fromkeys(SHARE_SERIES, "share of accounts in arrears"),
    **dict.fromkeys(TONE_SERIES, "tone (0 friendly - 1 aggressive)"),
    "agency_fees": "currency units",
    "agency_commission_rate": "share of cash collected by firms",
    "liquidation_rate": "share of balance placed",
    "agency_profit": "currency units",
    "debt_sold": "currency units",
    "debt_sale_proceeds": "currency units",
    "lender_net_recovery": "currency units",
    "payment_holidays": "borrowers",
    "approval_rate": "share of applicants",
    "approval_rate_change": "share of applicants (last 3 rounds - first 3)",
    "originations": "loans",
    "originated": "currency units",
    "new_borrower_pd": "predicted default (0-1)",
    "new_borrower_score": "credit score (log-odds)",
    "underwriting_cutoff": "predicted default (0-1)",
    "reputation": "reputation (0-1)",
    "lender_profit": "currency units",
    "money_conservation_error": "cents",
}
"""Unit of each run summary figure (see :func:`summary`; totals are over the recorded days)."""


def money_conservation_error_cents(model: CollectionMarket) -> int:
    """Total break of the money identities, in cents (0 when money is conserved).

    Five identities are checked, all exactly in integer cents: each account's ledger
    (``originated + interest + fees - paid - discounts - written_off == balance``); the cash
    lenders booked equals what accounts record as paid, and what borrowers record as paid;
    borrowers' buffers moved by exactly income - essentials - consumption - payments, plus the
    buffers new borrowers brought with them; the contingency fees lenders paid equal the fees
    agencies earned; and each agency's cash is its starting cash plus its booked profits.

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
        + int(flows[BorrowerEvent.JOINED_BUFFER])
    )
    buffer_break = abs(int(model.borrowers.buffer.sum()) - expected_buffer)
    agencies = model.market.agencies
    fees_break = abs(
        sum(lender.cents.fees_paid for lender in model.lenders)
        - sum(a.cents.fees for a in agencies)
    )
    cash_break = sum(
        abs(a.cents.cash - a.cents.starting_cash - sum(a.cents.profits)) for a in agencies
    )
    return (
        accounts_break
        + abs(booked - paid)
        + abs(int(flows[BorrowerEvent.PAID]) - paid)
        + buffer_break
        + fees_break
        + cash_break
    )


def flow_rates(series: pd.DataFrame) -> dict[str, float]:
    """Balance-based flow (roll) rates between delinquency buckets, month end to month end.

    A month end is a day ``d`` with ``(d + 1) % 30 == 0`` (the day of the market's monthly
    round). For every pair of month ends 30 days apart in the series, the flow from a bucket to
    the next takes the balance in the next bucket at the later month end over the balance in
    the bucket at the earlier one. The 90+ bucket is open-ended, so the flow into it takes only
    its part 90-119 days past due (the part an account 60-89 days past due can reach in 30
    days; the whole bucket would count balances already in it a month earlier). The flow from
    90+ into charge-off takes the balances written off on the 30 days after the earlier month
    end (the later one included) over the 90+ balance at the earlier one. Each rate is a ratio
    of sums over the pairs (sum of numerators / sum of denominators), so larger months weigh
    more.

    Args:
        series: The daily series (:data:`~arrears.market.series.SERIES_COLUMNS`), or any frame
            with its ``day``, ``balance_<bucket>``, ``balance_dpd_90_119`` and ``written_off``
            columns (currency units), one row per day and no day missing.

    Returns:
        Each rate of :data:`FLOW_RATES`, a share of the earlier bucket's balance; 0 where that
        balance is 0 (as when the series holds fewer than two month ends).
    """
    daily = series.set_index("day")
    month_ends = daily.index[(daily.index + 1) % DAYS_PER_MONTH == 0]
    starts = month_ends[(month_ends + DAYS_PER_MONTH).isin(month_ends)]
    ends = starts + DAYS_PER_MONTH
    earlier, later = daily.loc[starts], daily.loc[ends]
    rates = {
        _flow_rate_name(bucket, following): share_of(
            float(later[ROLLED_INTO_COLUMN[following]].sum()),
            float(earlier[f"balance_{bucket}"].sum()),
        )
        for bucket, following in ROLLS
    }
    written = daily["written_off"].cumsum()
    written_in_steps = float((written.loc[ends].to_numpy() - written.loc[starts].to_numpy()).sum())
    last_bucket = float(earlier[f"balance_{BUCKET_NAMES[-1]}"].sum())
    rates[_TO_CHARGE_OFF] = share_of(written_in_steps, last_bucket)
    return rates


def summary(model: CollectionMarket) -> dict[str, float]:
    """Condense a run into its headline figures, over the recorded days (after warm-up).

    Definitions:
        ``accounts``, ``borrowers``: the day-0 portfolio (the scenario's size);
        ``accounts_end``, ``borrowers_end``: the tables at the end, new borrowers included.
        ``recovery_rate``: of the money resolved out of delinquency, the share that came back
        as cash: cash paid on accounts with an open delinquency episode (settlement payments and
        the instalments of plans that re-aged an account included; see
        :mod:`arrears.market.kernels.episodes`) / (that cash + balances written off + settlement
        discounts); flows over the recorded days, not a cohort of episodes followed to its end.
        ``loss_rate``: (balances written off + settlement discounts) / the balances of the
        accounts whose delinquency episodes opened over the recorded days, each when it opened
        (flows over the same days, not a cohort followed to its end).
        ``cure_rate``: of the delinquency episodes that closed over the recorded days, the
        share cured (arrears paid with no plan running, plan completed, or loan repaid) rather
        than charged off or settled at a discount; a count of episodes, not of balances.
        ``collection_cost``: every collector's channel costs, wages, overheads and regulatory
        obligations (the lenders' teams', the agencies' and the platforms' own costs; not the
        fees lenders pay them, not litigation cost); ``compliance_cost``: the obligations
        alone (compliance functions, call recording, agencies' licences).
        ``cost_to_collect``: collection cost / cash collected on delinquent accounts.
        ``collected_per_call_attempt``: cash collected on delinquent accounts / call attempts
        (calls and AI-bot calls), currency units.
        ``collected_per_cost``: cash collected on delinquent accounts / collection cost.
        ``charge_off_rate``: the gross charge-off rate: balances written off x 365 / recorded
        days, over the mean open balance (the end-of-day balance of every bucket, current
        included, averaged over the recorded days).
        ``net_charge_off_rate``: (balances written off - recoveries on charged-off balances)
        x 365 / recorded days, over the same mean open balance. The model's only recoveries on
        charged-off balances are debt-sale proceeds (a charged-off account is closed; nobody
        collects on it), so this is written off less ``debt_sale_proceeds``.
        ``recovery_on_charged_off``: recoveries on charged-off balances / balances written
        off, both over the recorded days (today: debt-sale proceeds / written off).
        ``flow_rate_current_to_dpd_1_29``, ``flow_rate_dpd_1_29_to_dpd_30_59``,
        ``flow_rate_dpd_30_59_to_dpd_60_89``, ``flow_rate_dpd_60_89_to_dpd_90_plus``: the
        balance in a bucket at a month end (of the open-ended 90+ bucket, only its part 90-119
        days past due) over the balance in the bucket before it at the month end 30 days
        earlier, summed over every such pair of month ends within the recorded days (ratio of
        sums); ``flow_rate_dpd_90_plus_to_charge_off``: balances written off in those 30 days
        over the 90+ balance at the earlier month end (see :func:`flow_rates`).
        ``delinquency_30p_share``, ``delinquency_60p_share``, ``delinquency_90p_share``: share
        of the open balance 30+, 60+ and 90+ days past due at the end of the run (the 90+
        share is the non-performing-loan ratio as Chinese lenders report it).
        ``rpc_rate``: right-party contacts / call attempts (calls and AI-bot calls).
        ``call_attempts_per_account_called``: call attempts / accounts called, an account
        counting once for each day it was called (attempts stop at the first right-party
        contact).
        ``promise_kept_rate``: promises kept / promises that fell due.
        ``cash_shifted``: cash creditors gained through pressure and trust when a borrower's
        budget was short, over a split by arrears alone.
        ``violations``: rule breaches of every type (also by type).
        ``stress_mean``, ``stress_p90``, ``harm_mean``: stress and remembered harm of borrowers
        in arrears, averaged over days; ``calls_beyond_tolerance``, ``intrusive_contacts``,
        ``threats``: the harmful acts borrowers lived through (in every regime).
        ``complaints_per_1000_delinquent``: complaints (to firms and regulator) x 1,000 x 365
        / recorded days, over the mean daily count of accounts in arrears (1+ days past due);
        ``regulator_complaints_per_1000_delinquent``: the same for the complaints that reached
        the regulator.
        ``third_party_contacts``: contacts that reached a borrower's third parties.
        ``suits_filed``, ``default_judgments``, ``contested_judgments``, ``suits_lost``,
        ``suits_withdrawn``: suits and their outcomes; ``default_judgment_share``: default
        judgments / suits heard (default judgments + judgments on the merits + suits lost;
        more than 70% of US debt suits).
        ``garnished``: wages garnished and paid to judgment accounts (part of ``collected``);
        ``litigation_cost``: lenders' filing costs (not part of ``collection_cost``).
        ``agencies_active``, ``platforms_active``: firms in the market at the end of the run.
        ``agency_entries``, ``agency_exits``: firms that entered and left (revoked, insolvent
        or loss-making) over the recorded days.
        ``agency_survival``: of the firms in the market when recording began, the share still
        in it at the end (1 without any: none failed).
        ``share_<kind>``: share of accounts in arrears worked by each kind of collector, mean
        over days; ``tone_<kind>``: mean tone of that kind's active collectors, mean over the
        days it had any (if it never had, the tone such a collector starts with, so the
        summary has no missing values).
        ``agency_fees``: contingency fees lenders paid agencies and platforms;
        ``agency_commission_rate``: those fees over the cash paid on the firms' accounts in
        the months closed over the recorded days (0 without any);
        ``liquidation_rate``: that cash over the balance placed with the firms over the
        recorded days, each account's balance when it was placed (an account placed again,
        after its firm left or in a later delinquency episode, counts again; 0 without any
        placement);
        ``agency_profit``: the firms' fees less their costs and fines.
        ``debt_sold``, ``debt_sale_proceeds``: face value of charged-off debt sold, and its
        price.
        ``lender_net_recovery``: cash collected on delinquent accounts, less agency fees and
        in-house collection cost, plus debt-sale proceeds.
        ``approval_rate``: new applicants approved / new applicants, over the recorded days'
        monthly rounds; ``approval_rate_change``: the approval rate of the last three monthly
        rounds minus that of the first three (the change in credit supply over the run);
        ``originations``: new borrowers' loans plus renewals;
        ``new_borrower_pd``, ``new_borrower_score``: mean predicted default and credit score
        of the approved applicants; ``underwriting_cutoff``, ``reputation``: lenders' means at
        the end; ``lender_profit``: interest + fees - write-offs - settlement discounts -
        in-house collection cost and fines - agency fees - litigation cost + debt-sale
        proceeds.

    Args:
        model: The model after a run.

    Returns:
        Summary figures; money in currency units.
    """
    totals = model.recorded_totals
    series = model.series()
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
    recovered = model.market.sale_proceeds_cents / 100
    lost = written_off + totals[LenderEvent.DISCOUNTS] / 100
    attempts, contacts = call_counts(totals)
    all_attempts = int(totals[LenderEvent.ATTEMPTS_BY_CHANNEL :][: len(CHANNELS)].sum())
    promises_due = int(totals[LenderEvent.PROMISES_KEPT] + totals[LenderEvent.PROMISES_BROKEN])
    result: dict[str, float] = {
        "days": len(series),
        "accounts": model.parameters.population.n_accounts,
        "borrowers": model.initial_borrowers,
        "accounts_end": len(model.accounts.status),
        "borrowers_end": len(model.borrowers.tier),
        "recovery_rate": share_of(collected_delinquent, collected_delinquent + lost),
        "loss_rate": share_of(lost, totals[LenderEvent.DELINQUENT_EXPOSURE] / 100),
        "cure_rate": share_of(
            totals[LenderEvent.CURES],
            totals[LenderEvent.CURES] + totals[LenderEvent.EPISODES_UNCURED],
        ),
        "cost_to_collect": share_of(cost, collected_delinquent),
        "collected_per_call_attempt": share_of(collected_delinquent, attempts),
        "collected_per_cost": share_of(collected_delinquent, cost),
        "charge_off_rate": share_of(written_off * 365 / days, mean_open_balance),
        "net_charge_off_rate": share_of((written_off - recovered) * 365 / days, mean_open_balance),
        "recovery_on_charged_off": share_of(recovered, written_off),
        **flow_rates(series),
        "delinquency_30p_share": share_of(float(balances[2:].sum()), float(balances.sum())),
        "delinquency_60p_share": share_of(float(balances[3:].sum()), float(balances.sum())),
        "delinquency_90p_share": share_of(float(balances[4:].sum()), float(balances.sum())),
        "collected": totals[LenderEvent.COLLECTED] / 100,
        "collected_delinquent": collected_delinquent,
        "collection_cost": cost,
        "compliance_cost": model.recorded_obligations_cents / 100,
        "written_off": written_off,
        "discounts": totals[LenderEvent.DISCOUNTS] / 100,
        "cash_shifted": totals[LenderEvent.CASH_GAINED] / 100,
        "contact_attempts": all_attempts,
        "call_attempts": attempts,
        "right_party_contacts": contacts,
        "rpc_rate": share_of(contacts, attempts),
        "call_attempts_per_account_called": share_of(attempts, totals[LenderEvent.ACCOUNTS_CALLED]),
        "promise_kept_rate": share_of(totals[LenderEvent.PROMISES_KEPT], promises_due),
        "third_party_contacts": int(totals[LenderEvent.CONTACTS_BY_CHANNEL + THIRD_PARTY_CHANNEL]),
    }
    result |= {name: int(totals[event]) for name, (event, _) in COUNT_SERIES.items()}
    collectors = model.recorded_collector_totals
    complaints = sum(int(collectors[event]) for event in COMPLAINT_SERIES.values())
    in_arrears = (
        float(series[[f"accounts_{name}" for name in BUCKET_NAMES[1:]]].sum(axis=1).mean())
        if len(series)
        else 0.0
    )
    regulator = model.regulator
    heard = int(
        totals[LenderEvent.DEFAULT_JUDGMENTS]
        + totals[LenderEvent.CONTESTED_JUDGMENTS]
        + totals[LenderEvent.SUITS_LOST]
    )
    result |= {
        "stress_mean": float(series["stress_mean"].mean()) if len(series) else 0.0,
        "stress_p90": float(series["stress_p90"].mean()) if len(series) else 0.0,
        "harm_mean": float(series["harm_mean"].mean()) if len(series) else 0.0,
        **{name: int(model.recorded_borrower_totals[event]) for name, event in HARM_SERIES.items()},
        "violations": sum(int(collectors[event]) for event in VIOLATION_SERIES.values()),
        **{name: int(collectors[event]) for name, event in VIOLATION_SERIES.items()},
        **{name: int(collectors[event]) for name, event in COMPLAINT_SERIES.items()},
        "complaints_per_1000_delinquent": share_of(complaints * 1000 * 365 / days, in_arrears),
        "regulator_complaints_per_1000_delinquent": share_of(
            int(collectors[CollectorEvent.COMPLAINTS_TO_REGULATOR]) * 1000 * 365 / days,
            in_arrears,
        ),
        "audits": regulator.audits,
        "fines": regulator.cents.fines / 100,
        "suspensions": regulator.suspensions,
        "revocations": regulator.revocations,
        "moratoria": int(model.recorded_borrower_totals[BorrowerEvent.MORATORIA]),
        "default_judgment_share": share_of(totals[LenderEvent.DEFAULT_JUDGMENTS], heard),
        "garnished": totals[LenderEvent.GARNISHED] / 100,
        "litigation_cost": totals[LenderEvent.LITIGATION_COST] / 100,
        **_market_summary(model, series, collected_delinquent),
        "payment_holidays": int(model.recorded_borrower_totals[BorrowerEvent.PAYMENT_HOLIDAYS]),
        **_credit_summary(series, totals),
        "lender_profit": lender_profit_cents(
            totals,
            int(model.recorded_cost_by_kind[COLLECTOR_KINDS.index("in_house")]),
            regulator.cents.in_house_fines,
            model.market.fees_cents,
            model.market.sale_proceeds_cents,
        )
        / 100,
        "money_conservation_error": money_conservation_error_cents(model),
    }
    return {k: v.item() if isinstance(v, np.generic) else v for k, v in result.items()}


def _market_summary(
    model: CollectionMarket, series: pd.DataFrame, collected_delinquent: float
) -> dict[str, float]:
    """The market-structure figures of the summary (see :func:`summary`)."""
    market = model.market
    active = {a.index for a in market.active}
    present = market.present_at_recording or []
    in_house_cost = int(model.recorded_cost_by_kind[COLLECTOR_KINDS.index("in_house")]) / 100
    fees = market.fees_cents / 100
    collected_by_firms = market.collected_cents / 100
    sales = market.sale_proceeds_cents / 100
    result: dict[str, float] = {
        "agencies_active": sum(a.kind == "agency" for a in market.active),
        "platforms_active": sum(a.kind == "digital_platform" for a in market.active),
        "agency_entries": market.entries,
        "agency_exits": market.exits,
        "agency_survival": sum(i in active for i in present) / len(present) if present else 1.0,
    }
    for column in SHARE_SERIES:
        result[column] = float(series[column].mean()) if len(series) else 0.0
    entry_tone = {
        "in_house": model.parameters.collectors.aggressiveness,
        "agency": model.parameters.agencies.initial_aggressiveness,
        "digital_platform": model.parameters.agencies.initial_aggressiveness,
    }
    for kind, column in zip(COLLECTOR_KINDS, TONE_SERIES, strict=True):
        values = series[column].dropna() if len(series) else pd.Series(dtype=float)
        result[column] = float(values.mean()) if len(values) else entry_tone[kind]
    result |= {
        "agency_fees": fees,
        "agency_commission_rate": fees / collected_by_firms if collected_by_firms else 0.0,
        "liquidation_rate": share_of(collected_by_firms, market.placed_cents / 100),
        "agency_profit": market.profit_cents / 100,
        "debt_sold": market.debt_sold_cents / 100,
        "debt_sale_proceeds": sales,
        "lender_net_recovery": collected_delinquent - fees - in_house_cost + sales,
    }
    return result


def _credit_summary(series: pd.DataFrame, totals: np.ndarray) -> dict[str, float]:
    """Credit-supply figures of a run (see :func:`summary`), from its series and totals."""
    rounds = series[series["applications"] > 0] if len(series) else series
    approvals = int(totals[LenderEvent.APPROVALS])

    def rate(rows: pd.DataFrame) -> float:
        return share_of(float(rows["approvals"].sum()), float(rows["applications"].sum()))

    def weighted(column: str) -> float:
        return share_of(float((rounds["approvals"] * rounds[column]).sum()), approvals)

    last = series.iloc[-1] if len(series) else None
    return {
        "approval_rate": share_of(approvals, int(totals[LenderEvent.APPLICATIONS])),
        "approval_rate_change": rate(rounds.tail(3)) - rate(rounds.head(3))
        if len(rounds) >= 2
        else 0.0,
        "originations": approvals + int(totals[LenderEvent.RENEWALS]),
        "originated": totals[LenderEvent.ORIGINATED] / 100,
        "new_borrower_pd": weighted("new_borrower_pd"),
        "new_borrower_score": weighted("new_borrower_score"),
        "underwriting_cutoff": float(last["underwriting_cutoff"]) if last is not None else 0.0,
        "reputation": float(last["reputation"]) if last is not None else 0.0,
    }
