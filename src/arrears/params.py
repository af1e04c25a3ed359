"""Scenario parameters: frozen, validated dataclasses and the TOML loader.

A scenario has one section per part of the market — population, loans, lenders, credit,
collectors, channels, behaviour, regime, macro, run — each a frozen dataclass whose fields carry
unit, allowed range, default and meaning (see :func:`arrears.validation.param`). ``load_scenario``
reads a TOML file with one table per section; any bad value fails with a
:class:`ScenarioError` before the run starts.

Money parameters are in currency units (e.g. RMB or USD; the model is currency-agnostic) and are
held as integer cents in the simulation tables. Defaults follow ../shared/FACTS.md where it has a
figure (a Chinese consumer-finance portfolio: loans of RMB 2,000-3,000 at ~20% APR over 9-12
months); the others are documented modelling choices to be calibrated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arrears.reachability import ARCHETYPES
from arrears.regimes import LAISSEZ_FAIRE, Regime, build_regime
from arrears.validation import ScenarioError, Section, param, read_toml

TIER_NAMES = ("prime", "near_prime", "subprime")
"""Names of the borrower risk tiers, in the order of every per-tier parameter."""

CHANNELS = ("call", "sms", "email", "ai_bot", "visit", "legal_letter")
"""Contact channels, in the order of every per-channel parameter."""


@dataclass(frozen=True)
class PopulationParams(Section):
    """Borrowers: risk tiers, income, spending, savings and willingness to pay."""

    section = "population"

    n_accounts: int = param(
        5000,
        unit="accounts",
        doc="number of loan accounts (borrowers hold one or more)",
        low=1,
        high=20_000_000,
    )
    tier_shares: tuple[float, ...] = param(
        (0.5, 0.35, 0.15), unit="share", doc="share of borrowers in each risk tier", low=0, high=1
    )
    income_median: tuple[float, ...] = param(
        (8000.0, 6000.0, 4500.0),
        unit="currency units / month",
        doc="median monthly income when employed, by tier",
        low=0,
    )
    income_log_sd: float = param(
        0.5, unit="log currency", doc="dispersion of log income within a tier", low=0, high=3
    )
    essentials_share: float = param(
        0.55,
        unit="share of income",
        doc="essential spending as a share of own income",
        low=0,
        high=2,
    )
    saving_rate: float = param(
        0.25,
        unit="share of surplus",
        doc="share of income left after essentials that is saved into the liquid buffer",
        low=0,
        high=1,
    )
    buffer_months: tuple[float, ...] = param(
        (1.0, 0.5, 0.2),
        unit="months of income",
        doc="median initial liquid buffer, by tier",
        low=0,
    )
    buffer_log_sd: float = param(
        1.0, unit="log currency", doc="dispersion of the initial buffer", low=0, high=5
    )
    benefit_replacement: float = param(
        0.3,
        unit="share of income",
        doc="unemployment benefit as a share of the lost income",
        low=0,
        high=1,
    )
    job_loss_multiplier: tuple[float, ...] = param(
        (0.6, 1.0, 2.0),
        unit="x",
        doc="job-loss hazard relative to the macro separation rate, by tier",
        low=0,
    )
    willingness_logit: tuple[float, ...] = param(
        (4.0, 3.0, 1.5),
        unit="log-odds",
        doc="mean willingness to pay an instalment that is due and affordable, by tier",
        low=-20,
        high=20,
    )
    willingness_logit_sd: float = param(
        1.0, unit="log-odds", doc="dispersion of willingness between borrowers", low=0, high=10
    )
    accounts_per_borrower_shares: tuple[float, ...] = param(
        (0.7, 0.2, 0.1),
        unit="share",
        doc="share of borrowers holding 1, 2, 3, ... accounts (at different lenders when there "
        "are enough lenders); multiple borrowing is common in consumer finance",
        low=0,
        high=1,
    )
    archetype_shares: tuple[float, ...] = param(
        (0.45, 0.25, 0.15, 0.15),
        unit="share",
        doc="share of borrowers by reachability archetype (day, evening, shift, hard_to_reach)",
        low=0,
        high=1,
    )
    initial_trust: float = param(
        0.5,
        unit="0-1",
        doc="trust in each creditor at the start of the relationship",
        low=0,
        high=1,
    )
    rights_awareness_mean: float = param(
        0.3,
        unit="0-1",
        doc="mean awareness of borrower rights (complaints, breathing space)",
        low=0,
        high=1,
    )
    rights_awareness_sd: float = param(
        0.2, unit="0-1", doc="spread of rights awareness between borrowers", low=0, high=1
    )
    initial_stress: float = param(
        0.1, unit="0-1", doc="financial stress of every borrower at day 0", low=0, high=1
    )

    def check(self) -> None:
        """Per-tier and per-archetype lists have the right lengths; shares sum to one."""
        n_tiers = len(TIER_NAMES)
        for name in (
            "tier_shares",
            "income_median",
            "buffer_months",
            "job_loss_multiplier",
            "willingness_logit",
        ):
            value = getattr(self, name)
            if len(value) != n_tiers:
                self.fail(name, value, f"must list {n_tiers} values ({', '.join(TIER_NAMES)})")
        if len(self.archetype_shares) != len(ARCHETYPES):
            self.fail(
                "archetype_shares",
                self.archetype_shares,
                f"must list {len(ARCHETYPES)} values ({', '.join(ARCHETYPES)})",
            )
        if not self.accounts_per_borrower_shares:
            self.fail("accounts_per_borrower_shares", (), "must list at least one share")
        for name in ("tier_shares", "archetype_shares", "accounts_per_borrower_shares"):
            if abs(sum(getattr(self, name)) - 1.0) > 1e-9:
                self.fail(name, getattr(self, name), "must sum to 1")


@dataclass(frozen=True)
class LoanParams(Section):
    """Loans: size, price, term, fees and renewal."""

    section = "loans"

    principal_median: float = param(
        2500.0,
        unit="currency units",
        doc="median amount borrowed (FACTS: typical RMB 2,000-3,000 loan)",
        low=1,
    )
    principal_log_sd: float = param(
        0.5, unit="log currency", doc="dispersion of log principal", low=0, high=5
    )
    apr_annual: float = param(
        0.20, unit="1/year", doc="annual percentage rate (FACTS: ~20% APR)", low=0, high=10
    )
    term_months: int = param(
        12, unit="months", doc="term of a loan (FACTS: 9-12 months)", low=1, high=600
    )
    late_fee: float = param(
        20.0,
        unit="currency units",
        doc="fee charged each time an instalment is missed (documented default)",
        low=0,
    )
    renewal_probability: float = param(
        0.6,
        unit="probability",
        doc="chance a borrower asks for a new loan on the line when a loan is repaid (granted "
        "only below the lender's cut-off if credit.renewals_underwritten)",
        low=0,
        high=1,
    )


@dataclass(frozen=True)
class LenderParams(Section):
    """Lenders: how many, when they charge off, and which repayment plans they allow."""

    section = "lenders"

    n_lenders: int = param(1, unit="lenders", doc="number of lenders", low=1, high=20)
    charge_off_dpd: int = param(
        180,
        unit="days past due",
        doc="charge-off threshold (FACTS: 180 open-end, 120 closed-end; China NPL at 60-90)",
        low=30,
        high=720,
    )
    instalment_plan_months: int = param(
        6,
        unit="months",
        doc="length of an instalment re-plan of the whole balance; 0 = not offered",
        low=0,
        high=120,
    )
    plan_interest_waiver: float = param(
        0.5,
        unit="share",
        doc="share of interest waived while an instalment plan runs (FACTS: interest waivers are "
        "common forbearance; Dobbie & Song 2020 find write-downs help)",
        low=0,
        high=1,
    )
    deferral_months: int = param(
        2,
        unit="months",
        doc="payment holiday offered to unemployed borrowers; 0 = not offered",
        low=0,
        high=24,
    )
    settlement_discount: float = param(
        0.3,
        unit="share of balance",
        doc="discount on a lump-sum settlement of the balance; 0 = not offered",
        low=0,
        high=1,
    )
    settlement_min_dpd: int = param(
        90,
        unit="days past due",
        doc="earliest DPD at which settlements are offered",
        low=1,
        high=720,
    )
    plan_redefault_dpd: int = param(
        30,
        unit="days past due",
        doc="DPD at which an account in a plan counts as re-defaulted and leaves the plan",
        low=1,
        high=720,
    )


@dataclass(frozen=True)
class CreditParams(Section):
    """Credit supply: applicants, the lenders' scorecard, the underwriting cut-off, reputation.

    Each month every lender receives ``applications_per_month x`` its day-0 accounts ``x
    reputation ** application_reputation_elasticity`` applicants, drawn like the day-0
    population (tilted toward riskier tiers as reputation falls). The scorecard predicts each
    applicant's chance of falling behind within a year: ``PD = sigmoid(scorecard_tier_logit[tier]
    - scorecard_score_weight (score - willingness_logit[tier]) - scorecard_income_weight
    ln(income / income_median[tier]) + scorecard_unemployed_logit (1 - employed))``, where the
    credit score is the applicant's willingness seen with error ``score_noise_sd``. Applicants
    with ``PD < cut-off`` are approved. The cut-off moves each month a share
    ``cutoff_adjustment`` of the way to ``(1 - underwriting_margin) min(1, target_loss_rate /
    (1 - recovery))``, so that the expected loss ``PD (1 - recovery)`` of the riskiest loan
    approved stays at the target (less the margin); ``recovery`` is the lender's own recovery
    rate (cash / (cash + write-offs + discounts) of its delinquency episodes) over the last
    ``recovery_window_months``. Defaults are documented modelling choices; the scorecard's
    coefficients were fitted (logistic regression) to whether new loans of the baseline scenario
    (every applicant approved, 6,500 loans) fell behind within a year.
    """

    section = "credit"

    applications_per_month: float = param(
        0.05,
        unit="applicants / day-0 account / month",
        doc="applicant flow per lender at full reputation, relative to its day-0 portfolio "
        "(0.05 roughly replaces the baseline portfolio's run-off at a 3-in-4 approval rate); "
        "0 = no new borrowers",
        low=0,
        high=10,
    )
    application_reputation_elasticity: float = param(
        1.0,
        unit="-",
        doc="applications scale with reputation ** elasticity; 0 = reputation does not matter",
        low=0,
        high=10,
    )
    applicant_selection: float = param(
        1.0,
        unit="log-odds / tier / unit reputation lost",
        doc="adverse selection: as reputation falls, applicants tilt toward riskier tiers "
        "(tier weights x exp(selection x (1 - reputation) x tier index)); 0 = no tilt",
        low=0,
        high=10,
    )
    scorecard_tier_logit: tuple[float, ...] = param(
        (-1.6, -0.4, 1.6),
        unit="log-odds",
        doc="scorecard: log-odds of falling behind within a year for an average applicant of "
        "each tier (fitted: new baseline loans fell behind within a year 21%, 43% and 80% of "
        "the time)",
        low=-20,
        high=20,
    )
    scorecard_score_weight: float = param(
        0.7,
        unit="log-odds / log-odds",
        doc="scorecard: fall of the predicted default log-odds per unit of credit score above "
        "the tier's mean willingness",
        low=0,
        high=10,
    )
    scorecard_income_weight: float = param(
        0.3,
        unit="log-odds / log income",
        doc="scorecard: fall of the predicted default log-odds per unit of log income above "
        "the tier's median",
        low=0,
        high=10,
    )
    scorecard_unemployed_logit: float = param(
        0.8,
        unit="log-odds",
        doc="scorecard: rise of the predicted default log-odds for an applicant out of work",
        low=0,
        high=20,
    )
    score_noise_sd: float = param(
        0.5,
        unit="log-odds",
        doc="error of the credit score about an applicant's willingness to pay",
        low=0,
        high=10,
    )
    target_loss_rate: float = param(
        0.015,
        unit="share of the loan",
        doc="expected loss PD x (1 - recovery) a lender accepts on the riskiest loan it approves",
        low=0,
        high=1,
    )
    underwriting_margin: float = param(
        0.0,
        unit="share",
        doc="stricter underwriting at origination (firm intervention): the cut-off aims this "
        "share below the one the loss target allows; 0 = none",
        low=0,
        high=1,
    )
    cutoff_adjustment: float = param(
        0.5,
        unit="share / month",
        doc="share of the gap to its target the cut-off closes each month",
        low=0,
        high=1,
    )
    prior_recovery: float = param(
        0.95,
        unit="share of money resolved",
        doc="recovery rate a lender assumes before it has observed any",
        low=0,
        high=1,
    )
    recovery_window_months: int = param(
        12,
        unit="months",
        doc="months of its own resolved delinquencies a lender's observed recovery rate covers",
        low=1,
        high=120,
    )
    renewals_underwritten: bool = param(
        True,
        unit="-",
        doc="a renewal is a new loan: granted only if the borrower's predicted default (scored "
        "again, with current employment) is below the lender's cut-off",
    )
    initial_reputation: float = param(
        1.0, unit="0-1", doc="every lender's reputation at day 0", low=0, high=1
    )
    reputation_per_complaint: float = param(
        0.1,
        unit="1 / (complaint per 1,000 accounts)",
        doc="reputation lost on publication: reputation x exp(-rate x published complaints per "
        "1,000 open accounts that month); at the baseline's ~0.1 a month reputation settles "
        "near 0.8, at 1 a month near 0.3",
        low=0,
        high=100,
    )
    reputation_recovery: float = param(
        0.05,
        unit="share / month",
        doc="share of the gap to full reputation recovered each month",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """The scorecard has one log-odds per tier."""
        if len(self.scorecard_tier_logit) != len(TIER_NAMES):
            self.fail(
                "scorecard_tier_logit",
                self.scorecard_tier_logit,
                f"must list {len(TIER_NAMES)} values ({', '.join(TIER_NAMES)})",
            )


@dataclass(frozen=True)
class ChannelParams(Section):
    """Contact channels, each list in the order of :data:`CHANNELS`.

    Calls, AI voice-bot calls and home visits can become conversations; SMS, e-mail/app messages
    and legal letters cannot: they nudge the day's decision to pay (and a letter adds threat).
    """

    section = "channels"

    cost: tuple[float, ...] = param(
        (0.5, 0.05, 0.01, 0.1, 50.0, 5.0),
        unit="currency units / attempt",
        doc="direct cost of one attempt (telephony, message, travel, postage)",
        low=0,
    )
    staff_minutes: tuple[float, ...] = param(
        (5.0, 0.0, 0.0, 0.0, 90.0, 10.0),
        unit="staff-minutes / attempt",
        doc="collector time per attempt (5 min a call = 12 attempts per staff-hour)",
        low=0,
    )
    reach: tuple[float, ...] = param(
        (0.9, 0.9, 0.5, 0.9, 0.5, 1.0),
        unit="probability",
        doc="chance an attempt reaches the right party when the borrower would answer (calls: "
        "FACTS 2-4 attempts per right-party contact; messages: read; letters: delivered)",
        low=0,
        high=1,
    )
    pay_logit: tuple[float, ...] = param(
        (0.0, 0.3, 0.1, -0.5, 0.5, 0.0),
        unit="log-odds",
        doc="effect on paying: added to paying-now in a conversation, or to the day's "
        "self-cure for a message (FACTS: SMS reminders +7-9% on-time repayment)",
        low=-10,
        high=10,
    )
    threat: tuple[float, ...] = param(
        (0.0, 0.0, 0.0, 0.0, 0.3, 1.0),
        unit="0-1",
        doc="credible-consequence signal an attempt adds to the account (legal letter = 1)",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """Every list has one value per channel."""
        for field_ in dataclasses.fields(self):
            value = getattr(self, field_.name)
            if len(value) != len(CHANNELS):
                self.fail(
                    field_.name, value, f"must list {len(CHANNELS)} values ({', '.join(CHANNELS)})"
                )


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
        doc="call attempts on each called account per day (FACTS: 1.25-2.99 actual)",
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
    preferred_start_hour: int = param(
        8,
        unit="hour of day",
        doc="first hour the team would call if unconstrained",
        low=0,
        high=24,
    )
    preferred_end_hour: int = param(
        21,
        unit="hour of day",
        doc="end (exclusive) of the team's preferred calling hours",
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

    def check(self) -> None:
        """The preferred calling hours must not end before they start."""
        if self.preferred_end_hour < self.preferred_start_hour:
            self.fail(
                "preferred_end_hour",
                self.preferred_end_hour,
                f"must be >= collectors.preferred_start_hour ({self.preferred_start_hour})",
            )


@dataclass(frozen=True)
class BehaviourParams(Section):
    """How borrowers respond: willingness, tone, conversations, promises, lost contact, paying.

    Willingness for an account is ``base + trust_weight (trust - 0.5) + threat_weight threat -
    stress_weight max(0, stress - resistance_threshold)`` (DESIGN.md §7). Defaults are documented
    modelling choices, to be calibrated.
    """

    section = "behaviour"

    trust_weight: float = param(
        2.0,
        unit="log-odds / unit trust",
        doc="willingness gained per unit of trust",
        low=0,
        high=20,
    )
    threat_weight: float = param(
        1.0,
        unit="log-odds / unit threat",
        doc="willingness gained from credible consequences",
        low=0,
        high=20,
    )
    stress_weight: float = param(
        4.0,
        unit="log-odds / unit stress",
        doc="willingness lost per unit of stress above the resistance threshold",
        low=0,
        high=50,
    )
    resistance_threshold: float = param(
        0.6, unit="0-1", doc="stress above which pressure backfires (resistance)", low=0, high=1
    )
    stress_decay: float = param(
        0.02, unit="1/day", doc="daily decay of stress (half-life ~35 days)", low=0, high=1
    )
    stress_from_aggression: float = param(
        0.15,
        unit="stress / conversation",
        doc="stress added by a fully aggressive conversation",
        low=0,
        high=1,
    )
    stress_relief_friendly: float = param(
        0.05,
        unit="stress / conversation",
        doc="stress relieved by a fully friendly conversation",
        low=0,
        high=1,
    )
    trust_from_friendliness: float = param(
        0.05,
        unit="trust / conversation",
        doc="trust gained by a fully friendly conversation",
        low=0,
        high=1,
    )
    trust_loss_aggression: float = param(
        0.08,
        unit="trust / conversation",
        doc="trust lost by a fully aggressive conversation",
        low=0,
        high=1,
    )
    trust_loss_broken_promise: float = param(
        0.1,
        unit="trust",
        doc="trust lost in a creditor when the borrower breaks a promise",
        low=0,
        high=1,
    )
    self_cure_logit: float = param(
        -7.0,
        unit="log-odds",
        doc="shift of willingness for paying on an ordinary delinquent day without contact",
        low=-20,
        high=20,
    )
    pay_now_tone_logit: float = param(
        1.0,
        unit="log-odds",
        doc="short-run push to pay now from a fully aggressive tone",
        low=0,
        high=20,
    )
    promise_logit: float = param(
        0.0,
        unit="log-odds",
        doc="utility of promising to pay (vs refusing) in a conversation",
        low=-20,
        high=20,
    )
    plan_logit: float = param(
        0.0,
        unit="log-odds",
        doc="utility of accepting an offered plan (vs refusing)",
        low=-20,
        high=20,
    )
    shortfall_weight: float = param(
        3.0,
        unit="log-odds",
        doc="how strongly a cash shortfall against the arrears (x shortfall share) turns the "
        "borrower from paying now toward an offered plan",
        low=0,
        high=20,
    )
    dispute_logit: float = param(
        -3.5,
        unit="log-odds",
        doc="utility of disputing the debt ('not my debt')",
        low=-20,
        high=20,
    )
    dispute_days: int = param(
        30, unit="days", doc="collection pause while a dispute is verified", low=0, high=365
    )
    promise_days: int = param(
        7, unit="days", doc="days until a promised payment falls due", low=1, high=60
    )
    promise_keep_logit: float = param(
        0.0, unit="log-odds", doc="intercept of keeping a promise", low=-20, high=20
    )
    promise_keep_willingness: float = param(
        0.5,
        unit="log-odds / log-odds",
        doc="effect of willingness on keeping a promise",
        low=0,
        high=10,
    )
    promise_keep_cash: float = param(
        2.0,
        unit="log-odds",
        doc="effect of covering the arrears with cash on keeping a promise",
        low=0,
        high=20,
    )
    lost_contact_logit: float = param(
        -8.0,
        unit="log-odds",
        doc="daily log-odds of losing contact (失联) for a delinquent "
        "borrower at zero stress and DPD",
        low=-30,
        high=10,
    )
    lost_contact_stress: float = param(
        4.0,
        unit="log-odds / unit stress",
        doc="rise of losing contact with stress",
        low=0,
        high=30,
    )
    lost_contact_per_30dpd: float = param(
        0.5,
        unit="log-odds / 30 DPD",
        doc="rise of losing contact with time delinquent",
        low=0,
        high=10,
    )
    contact_regain: float = param(
        0.01,
        unit="1/day",
        doc="daily chance a lost-contact borrower becomes reachable again",
        low=0,
        high=1,
    )
    threat_of_threats: float = param(
        0.5,
        unit="0-1",
        doc="credible threat a collector's threat in a conversation adds",
        low=0,
        high=1,
    )
    violation_stress: float = param(
        0.1,
        unit="stress / violation",
        doc="stress a rule breach adds to the borrower",
        low=0,
        high=1,
    )
    violation_decay: float = param(
        0.02, unit="1/day", doc="daily decay of a borrower's memory of violations", low=0, high=1
    )
    complaint_logit: float = param(
        -12.0,
        unit="log-odds",
        doc="log-odds of complaining on a contact day, all else zero (set toward a few "
        "complaints per 1,000 accounts in collection a year; FACTS: CFPB 207,800 "
        "debt-collection complaints in 2024) [U]",
        low=-30,
        high=10,
    )
    complaint_stress: float = param(
        3.0, unit="log-odds / unit stress", doc="rise of complaining with stress", low=0, high=30
    )
    complaint_violations: float = param(
        1.5,
        unit="log-odds / violation",
        doc="rise of complaining per remembered violation",
        low=0,
        high=30,
    )
    complaint_rights: float = param(
        3.0,
        unit="log-odds / unit awareness",
        doc="rise of complaining with rights awareness",
        low=0,
        high=30,
    )
    breathing_space_logit: float = param(
        -8.0,
        unit="log-odds",
        doc="daily log-odds that a borrower in arrears requests a "
        "statutory moratorium, all else zero",
        low=-30,
        high=10,
    )
    breathing_space_stress: float = param(
        4.0,
        unit="log-odds / unit stress",
        doc="rise of moratorium requests with stress",
        low=0,
        high=30,
    )
    breathing_space_rights: float = param(
        3.0,
        unit="log-odds / unit awareness",
        doc="rise of moratorium requests with rights awareness",
        low=0,
        high=30,
    )
    pressure_decay: float = param(
        0.05, unit="1/day", doc="daily decay of a creditor's collection pressure", low=0, high=1
    )
    threat_decay: float = param(
        0.03, unit="1/day", doc="daily decay of a creditor's credible threat", low=0, high=1
    )
    pressure_tone: float = param(
        1.0,
        unit="x",
        doc="extra pressure per attempt from a fully aggressive tone",
        low=0,
        high=10,
    )
    pressure_weight: float = param(
        1.0,
        unit="1 / unit pressure",
        doc="'squeaky wheel': weight of pressure when a short budget is split across creditors",
        low=0,
        high=100,
    )
    trust_allocation_weight: float = param(
        1.0,
        unit="1 / unit trust",
        doc="weight of trust when a short budget is split",
        low=0,
        high=100,
    )


MACRO_SCENARIOS = ("baseline", "recession", "pandemic")
"""Named unemployment paths of ``macro.scenario``."""


@dataclass(frozen=True)
class MacroParams(Section):
    """The macro economy: the unemployment path, job finding and a payment moratorium policy.

    The unemployment path is either a named scenario (``baseline``: the baseline rate
    throughout; ``recession``: up by ``recession_points`` over ``recession_rise_months``,
    held, then back over ``recession_recovery_months``; ``pandemic``: up by
    ``pandemic_points`` within one month, held, then back) or a custom ``unemployment_path``.
    The two are exclusive: a custom path needs ``scenario = "baseline"``, and a named shock
    with a path given is refused. Shocks start in month ``shock_start_month``.

    A payment moratorium (``moratorium_months > 0``) is a policy, not a shock, so it combines
    with any path: for its length, borrowers in it are billed nothing, charged no interest or
    fees, do not age and are not contacted (the breathing-space machinery plus a payment
    holiday). ``experiments/scenarios/pandemic.toml`` runs the pandemic shock with one.
    """

    section = "macro"

    scenario: str = param(
        "baseline",
        unit="-",
        doc="named unemployment path: baseline, recession or pandemic (see shock fields); "
        "baseline when a custom unemployment_path is given",
        choices=MACRO_SCENARIOS,
    )
    unemployment_rate: float = param(
        0.05, unit="share", doc="baseline unemployment rate", low=0, high=0.9
    )
    unemployment_path: tuple[float, ...] = param(
        (),
        unit="share",
        doc="custom unemployment rate by month (month 0 first); the last value holds after its "
        "end; empty for the named scenario",
        low=0,
        high=0.9,
    )
    job_finding_rate: float = param(
        0.3,
        unit="1/month",
        doc="monthly chance an unemployed borrower finds a job",
        low=0.001,
        high=1,
    )
    shock_start_month: int = param(
        6,
        unit="month",
        doc="month in which a recession or pandemic shock begins (6 = after a 180-day warm-up)",
        low=0,
        high=1200,
    )
    recession_points: float = param(
        0.05,
        unit="share",
        doc="rise of unemployment at a recession's peak (0.05 = five points; the 2008-09 US "
        "recession took unemployment from 5% to 10%) [S]",
        low=0,
        high=0.9,
    )
    recession_rise_months: int = param(
        6, unit="months", doc="months over which a recession's unemployment rises", low=1, high=120
    )
    recession_hold_months: int = param(
        6, unit="months", doc="months a recession's unemployment stays at its peak", low=0, high=120
    )
    recession_recovery_months: int = param(
        12,
        unit="months",
        doc="months over which unemployment falls back to the baseline after a recession",
        low=0,
        high=120,
    )
    pandemic_points: float = param(
        0.08,
        unit="share",
        doc="sharp rise of unemployment in a pandemic's first month (US 2020: 3.5% in February "
        "to 14.7% in April, BLS) [S]",
        low=0,
        high=0.9,
    )
    pandemic_hold_months: int = param(
        2, unit="months", doc="months a pandemic's unemployment stays at its peak", low=0, high=120
    )
    pandemic_recovery_months: int = param(
        12,
        unit="months",
        doc="months over which unemployment falls back to the baseline after a pandemic",
        low=0,
        high=120,
    )
    moratorium_months: int = param(
        0,
        unit="months",
        doc="length of a general payment moratorium (no billing, interest, fees, ageing or "
        "contact); 0 = none (UK 2020: payment deferrals of up to 3 months on consumer credit, "
        "FCA guidance) [S]",
        low=0,
        high=60,
    )
    moratorium_start_month: int = param(
        6, unit="month", doc="month in which the payment moratorium opens", low=0, high=1200
    )
    moratorium_scope: str = param(
        "all",
        unit="-",
        doc="all: every borrower is in the moratorium from its first day; on_request: "
        "borrowers in difficulty (unemployed or in arrears) ask for it on a payday while it is "
        "open, each with chance moratorium_take_up, and keep it to its end",
        choices=("all", "on_request"),
    )
    moratorium_take_up: float = param(
        0.5,
        unit="probability",
        doc="on_request: chance a borrower in difficulty asks for the moratorium on a payday",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """A custom path excludes a named shock, and a shock must keep unemployment <= 0.9."""
        if self.unemployment_path and self.scenario != "baseline":
            self.fail(
                "scenario",
                self.scenario,
                "must be 'baseline' when macro.unemployment_path is given (a custom path "
                "replaces the named scenarios; give one or the other)",
            )
        for shock in ("recession", "pandemic"):
            points = getattr(self, f"{shock}_points")
            if self.scenario == shock and self.unemployment_rate + points > 0.9:
                self.fail(
                    f"{shock}_points",
                    points,
                    f"must keep unemployment <= 0.9 (macro.unemployment_rate is "
                    f"{self.unemployment_rate})",
                )

    def _shock(self) -> tuple[float, int, int, int]:
        """The scenario's shock: peak rise, rise, hold and recovery months (zeros: none)."""
        if self.scenario == "recession":
            return (
                self.recession_points,
                self.recession_rise_months,
                self.recession_hold_months,
                self.recession_recovery_months,
            )
        if self.scenario == "pandemic":
            return self.pandemic_points, 1, self.pandemic_hold_months, self.pandemic_recovery_months
        return 0.0, 1, 0, 0

    def unemployment(self, month: int) -> float:
        """The target unemployment rate in a month.

        A shock rises linearly over its rise months (reaching the peak in the last of them),
        holds, then falls linearly back, reaching the baseline in its last recovery month.

        Args:
            month: Simulation month (day // 30).

        Returns:
            The unemployment rate (share).
        """
        if self.unemployment_path:
            return self.unemployment_path[min(month, len(self.unemployment_path) - 1)]
        points, rise, hold, recovery = self._shock()
        t = month - self.shock_start_month
        if points == 0.0 or t < 0:
            return self.unemployment_rate
        if t < rise:
            share = (t + 1) / rise
        elif t < rise + hold:
            share = 1.0
        else:
            back = t - rise - hold + 1
            share = max(0.0, 1.0 - back / recovery) if recovery > 0 else 0.0
        return self.unemployment_rate + points * share

    def separation_rate(self, month: int, unemployed_share: float) -> float:
        """Monthly job-loss probability that moves unemployment onto its target this month.

        In a two-state monthly Markov chain ``u' = u (1 - f) + (1 - u) s``; solving for ``s``
        with ``u'`` the month's target gives ``s = (u' - u (1 - f)) / (1 - u)``, clipped to
        [0, 1] (unemployment cannot fall faster than job finding allows). At the steady state
        this is ``u f / (1 - u)``.

        Args:
            month: Simulation month.
            unemployed_share: Share of borrowers unemployed as the month starts.

        Returns:
            The monthly separation probability (share).
        """
        target = self.unemployment(month)
        u = min(unemployed_share, 0.999)
        rate = (target - u * (1.0 - self.job_finding_rate)) / (1.0 - u)
        return min(1.0, max(0.0, rate))


@dataclass(frozen=True)
class RunParams(Section):
    """How long, with which seed and which engine."""

    section = "run"

    days: int = param(365, unit="days", doc="days simulated and recorded", low=1, high=36_500)
    warmup_days: int = param(
        0,
        unit="days",
        doc="days simulated before recording starts, so the portfolio's delinquency reaches its "
        "working level (every account starts current)",
        low=0,
        high=36_500,
    )
    seed: int = param(0, unit="-", doc="random seed", low=0, high=2**63 - 1)
    engine: str = param(
        "numba",
        unit="-",
        doc="numba (fast batch kernels) or agents (one Mesa step per borrower)",
        choices=("numba", "agents"),
    )


_SECTIONS: dict[str, type[Section]] = {
    "population": PopulationParams,
    "loans": LoanParams,
    "lenders": LenderParams,
    "credit": CreditParams,
    "collectors": CollectorParams,
    "channels": ChannelParams,
    "behaviour": BehaviourParams,
    "macro": MacroParams,
    "run": RunParams,
}


@dataclass(frozen=True)
class Scenario:
    """A complete, validated scenario: every parameter of one simulation run."""

    population: PopulationParams = field(default_factory=PopulationParams)
    loans: LoanParams = field(default_factory=LoanParams)
    lenders: LenderParams = field(default_factory=LenderParams)
    credit: CreditParams = field(default_factory=CreditParams)
    collectors: CollectorParams = field(default_factory=CollectorParams)
    channels: ChannelParams = field(default_factory=ChannelParams)
    behaviour: BehaviourParams = field(default_factory=BehaviourParams)
    regime: Regime = field(default_factory=lambda: LAISSEZ_FAIRE)
    macro: MacroParams = field(default_factory=MacroParams)
    run: RunParams = field(default_factory=RunParams)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Scenario:
        """Build a scenario from nested tables (as parsed from TOML).

        Args:
            data: ``{section: {field: value}}``; missing sections take their defaults.

        Returns:
            The validated scenario.

        Raises:
            ScenarioError: On an unknown section or key, or any bad value.
        """
        allowed = [*_SECTIONS, "regime"]
        for name in data:
            if name not in allowed:
                raise ScenarioError(
                    f"[{name}] is not a known section; allowed sections: {', '.join(allowed)}"
                )
        sections: dict[str, Any] = {
            name: kind.from_mapping(data.get(name, {})) for name, kind in _SECTIONS.items()
        }
        sections["regime"] = build_regime(data.get("regime", {}))
        return cls(**sections)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The scenario as nested plain data (TOML- and JSON-ready)."""
        return dataclasses.asdict(self)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A copy with some fields replaced, addressed by dotted path.

        Setting ``regime.name`` starts the regime from that named regime; other regime fields
        given in the same call are applied on top of it.

        Args:
            overrides: ``{"section.field": value}``, e.g. ``{"population.n_accounts": 5000}``.

        Returns:
            The validated new scenario.

        Raises:
            ScenarioError: On a malformed path, unknown field or bad value.
        """
        data = self.to_dict()
        if "regime.name" in overrides:
            data["regime"] = {"name": overrides["regime.name"]}
        for path, value in overrides.items():
            section, _, name = path.partition(".")
            if not name or "." in name:
                raise ScenarioError(
                    f"{path!r} is not a parameter path; write section.field, e.g. run.days"
                )
            if section not in data:
                raise ScenarioError(
                    f"{path!r}: unknown section {section!r}; allowed: {', '.join(data)}"
                )
            data[section][name] = value
        return Scenario.from_mapping(data)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Args:
        path: Path of the TOML file.

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: If the file is missing or unreadable, is not valid TOML, or holds a bad
            section, key or value.
    """
    _, data = read_toml(Path(path), "scenario file")
    return Scenario.from_mapping(data)


def describe_parameters() -> list[dict[str, str]]:
    """Every parameter of a scenario: field path, default, unit, allowed values and meaning."""
    rows: list[dict[str, str]] = []
    kinds: list[type[Section]] = [*_SECTIONS.values(), Regime]
    for kind in kinds:
        rows.extend(kind.describe())
    return rows
