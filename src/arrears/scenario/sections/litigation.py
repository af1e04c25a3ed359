"""The litigation section: whom lenders sue, the courts and borrowers' defence."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param

LITIGATION_TARGETS = ("any", "reachable", "lost_contact")
"""Whom a lender's litigation policy sues, by code: any eligible account, only borrowers who
can be reached, or only borrowers who have lost contact."""


@dataclass(frozen=True)
class LitigationParams(Section):
    """Litigation (mechanism 8): whom lenders sue, the court, and the borrower's defence.

    At each month's end a lender sues a share of its eligible accounts, largest balances first:
    open, in arrears at or past ``min_dpd`` (and before charge-off), owing at least
    ``min_balance``, with no plan running, no dispute or moratorium pending, never sued before,
    borrowers of the ``target`` kind, and where the regime allows it (with a forbearance duty,
    only once a plan was offered). The hearing is ``court_delay_days`` later. The borrower
    contests with probability ``sigmoid(contest_logit + contest_rights awareness +
    contest_lawyer lawyer - contest_lost_contact lost)``; a borrower who does not is given a
    default judgment; a contested case is won by the creditor with probability
    ``sigmoid(creditor_win_logit - creditor_win_lawyer lawyer)``. A borrower has a lawyer (legal
    aid) with probability ``legal_aid_share``. Defaults put default judgments near the >70% of
    US debt claims (2013) [V]; they are documented choices to calibrate.
    """

    section = "litigation"

    filing_share: float = param(
        0.03,
        unit="share of eligible accounts / month",
        doc="share of its eligible accounts (largest balances first) a lender sues at each "
        "month's end; 0 = no litigation (about 5% of charged-off US card balances are sent to "
        "litigation)",
        low=0,
        high=1,
    )
    min_dpd: int = param(
        120,
        unit="days past due",
        doc="earliest DPD at which an account may be sued (suits after charge-off are not "
        "modelled: set it below lenders.charge_off_dpd)",
        low=1,
        high=720,
    )
    min_balance: float = param(
        1000.0,
        unit="currency units",
        doc="smallest balance worth a suit",
        low=0,
    )
    target: str = param(
        "any",
        unit="-",
        doc="whom the lender sues: any eligible borrower, only reachable ones, or only those "
        "who lost contact",
        choices=LITIGATION_TARGETS,
    )
    filing_cost: float = param(
        150.0,
        unit="currency units / suit",
        doc="court fee and legal work per suit, paid by the lender and not added to the debt "
        "(documented default) [U]",
        low=0,
    )
    court_delay_days: int = param(
        60,
        unit="days",
        doc="days from filing to the hearing (service, the answer period, the court's docket; "
        "documented default) [U]",
        low=1,
        high=720,
    )
    filing_threat: float = param(
        1.0,
        unit="0-1",
        doc="credible threat of a pending suit: the account's threat is at least this until "
        "the hearing",
        low=0,
        high=1,
    )
    filing_stress: float = param(
        0.2, unit="stress", doc="stress a borrower feels on being sued", low=0, high=1
    )
    judgment_stress: float = param(0.1, unit="stress", doc="stress a judgment adds", low=0, high=1)
    legal_aid_share: float = param(
        0.08,
        unit="probability",
        doc="chance a sued borrower has a lawyer (legal aid; fewer than 10% of defendants in US "
        "debt cases have one [V])",
        low=0,
        high=1,
    )
    contest_logit: float = param(
        -1.8,
        unit="log-odds",
        doc="log-odds that a sued borrower responds and contests, all else zero",
        low=-20,
        high=20,
    )
    contest_rights: float = param(
        2.0,
        unit="log-odds / unit awareness",
        doc="rise of contesting with rights awareness",
        low=0,
        high=20,
    )
    contest_lawyer: float = param(
        3.0, unit="log-odds", doc="rise of contesting with a lawyer", low=0, high=20
    )
    contest_lost_contact: float = param(
        2.0,
        unit="log-odds",
        doc="fall of contesting for a borrower who has lost contact (rarely learns of the suit)",
        low=0,
        high=20,
    )
    creditor_win_logit: float = param(
        0.5,
        unit="log-odds",
        doc="log-odds that the creditor wins a contested case without a defence lawyer [U]",
        low=-20,
        high=20,
    )
    creditor_win_lawyer: float = param(
        1.5,
        unit="log-odds",
        doc="fall of the creditor's chance of winning against a defence lawyer [U]",
        low=0,
        high=20,
    )
