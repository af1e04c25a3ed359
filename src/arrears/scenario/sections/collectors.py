"""The collectors section: in-house teams' staffing, strategy and conduct."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


@dataclass(frozen=True)
class CollectorParams(Section):
    """In-house collection teams: staff, strategy, channels, tone and plan offers."""

    section = "collectors"

    staff_per_10k_accounts: float = param(
        4.0,
        unit="staff per 10,000 accounts",
        doc="collection staff of each lender's in-house team, scaled to its portfolio",
        low=0,
    )
    staff_cost_per_hour: float = param(
        37.5,
        unit="currency units / staff-hour",
        doc="wage cost of one collector-hour; staff are paid for the hours they may call",
        low=0,
    )
    strategy: str = param(
        "dpd_order",
        unit="-",
        doc="dpd_order: call accounts lowest DPD first; segmented: message likely self-curers "
        "and call the rest in order of expected recovery per staff-minute",
        choices=("dpd_order", "segmented"),
    )
    attempts_per_account_per_day: int = param(
        2,
        unit="attempts",
        doc="call attempts on each called account per day (actual attempts averaged 1.25-2.99 "
        "per account a day, 2021 [S])",
        low=1,
        high=15,
    )
    call_channel: str = param(
        "call", unit="-", doc="channel used for calls", choices=("call", "ai_bot")
    )
    message_channel: str = param(
        "sms", unit="-", doc="channel used for messages", choices=("sms", "email")
    )
    self_cure_threshold: float = param(
        0.3,
        unit="probability",
        doc="segmented strategy: predicted chance of paying within a week unprompted above "
        "which an account gets a message instead of a call",
        low=0,
        high=1,
    )
    score_noise_sd: float = param(
        0.5,
        unit="log-odds",
        doc="error of the collector's behavioural score about a borrower's willingness",
        low=0,
        high=10,
    )
    aggressiveness: float = param(
        0.5, unit="0-1", doc="tone of conversations: 0 friendly ... 1 aggressive", low=0, high=1
    )
    offers_plans: bool = param(
        True, unit="-", doc="whether collectors offer the lender's repayment plans"
    )
    compliance_training: float = param(
        0.5,
        unit="0-1",
        doc="staff compliance training (firm intervention); lowers rule breaking",
        low=0,
        high=1,
    )
    training_per_finding: float = param(
        0.2,
        unit="0-1 / audit",
        doc="training added after an audit substantiates violations (the team learns)",
        low=0,
        high=1,
    )
    breach_logit: float = param(
        -2.0,
        unit="log-odds",
        doc="log-odds of carrying out a contact that breaks a rule, at zero tone and training",
        low=-20,
        high=20,
    )
    breach_aggressiveness: float = param(
        3.0, unit="log-odds", doc="rise of rule breaking with aggressiveness", low=0, high=20
    )
    breach_training: float = param(
        3.0, unit="log-odds", doc="fall of rule breaking with compliance training", low=0, high=20
    )
    calling_hours: int = param(
        13,
        unit="hours / day",
        doc="hours a day the team calls (its shifts cover), chosen each day as the hours in "
        "which the borrowers it works answer most, within the regime's window and the firm's "
        "own hours; staff are paid for them",
        low=1,
        high=24,
    )
    min_hour_value: float = param(
        0.5,
        unit="share of the best hour's",
        doc="an hour is worth calling in only if a call then reaches a borrower at least this "
        "share as often as in the best hour the team may use that day (every hour costs the "
        "same, so a poorer hour costs more per right-party contact); 0 = every hour is",
        low=0,
        high=1,
    )
    firm_start_hour: int = param(
        0,
        unit="hour of day",
        doc="first hour the firm's own policy lets the team call (0: no limit of its own)",
        low=0,
        high=24,
    )
    firm_end_hour: int = param(
        24,
        unit="hour of day",
        doc="end (exclusive) of the hours the firm's own policy lets the team call",
        low=0,
        high=24,
    )
    complaint_resolution: float = param(
        0.3,
        unit="share",
        doc="share of complaints the firm's own feedback channel resolves before they reach "
        "the regulator (firm intervention); 0 = no channel",
        low=0,
        high=1,
    )
    legal_letter_dpd: int = param(
        60,
        unit="days past due",
        doc="DPD at which a legal letter is sent; 0 = never",
        low=0,
        high=720,
    )
    visit_min_dpd: int = param(
        0,
        unit="days past due",
        doc="earliest DPD at which lost-contact accounts get a home visit; 0 = no visits",
        low=0,
        high=720,
    )

    third_party_min_dpd: int = param(
        0,
        unit="days past due",
        doc="earliest DPD at which lost-contact accounts get a third-party contact (family, "
        "employer, contacts) to find the borrower, unless they get a visit; 0 = never",
        low=0,
        high=720,
    )
    third_party_all_dpd: int = param(
        0,
        unit="days past due",
        doc="from this DPD every account in arrears also gets a weekly third-party contact, "
        "reachable or not (pressure through family and employer); 0 = never",
        low=0,
        high=720,
    )

    def check(self) -> None:
        """The firm's own calling hours must not end before they start."""
        if self.firm_end_hour < self.firm_start_hour:
            self.fail(
                "firm_end_hour",
                self.firm_end_hour,
                f"must be >= collectors.firm_start_hour ({self.firm_start_hour})",
            )


COLLECTOR_KINDS = ("in_house", "agency", "digital_platform")
"""Kinds of collector, in the order of every per-kind series and summary figure."""
