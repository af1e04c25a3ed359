"""Scenario parameters: frozen, validated dataclasses and the TOML loader.

A scenario has one section per part of the market — population, loans, lenders, litigation,
credit, collectors, channels, behaviour, regime, macro, run, agencies, placement — each a frozen
dataclass whose fields carry unit, allowed range, default and meaning (see
:func:`arrears.scenario.fields.param`). ``load_scenario`` reads a TOML file with one table per
section; any bad value fails with a
:class:`ScenarioError` before the run starts.

Money parameters are in currency units (e.g. RMB or USD; the model is currency-agnostic) and are
held as integer cents in the simulation tables. Defaults follow public figures where there is
one, cited in the parameter's doc (a Chinese consumer-finance portfolio: loans of RMB
2,000-3,000 at ~20% APR over 9-12 months); the others are documented modelling choices to be
calibrated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arrears.scenario.fields import ScenarioError, Section, param, read_toml
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS, merge_tables, named_market
from arrears.scenario.reachability import ARCHETYPES
from arrears.scenario.regimes import LAISSEZ_FAIRE, Regime, build_regime

TIER_NAMES = ("prime", "near_prime", "subprime")
"""Names of the borrower risk tiers, in the order of every per-tier parameter."""

CHANNELS = ("call", "sms", "email", "ai_bot", "visit", "third_party", "legal_letter")
"""Contact channels, in the order of every per-channel parameter. ``third_party`` is a call to a
borrower's family, employer or reference contacts about the borrower."""

LITIGATION_TARGETS = ("any", "reachable", "lost_contact")
"""Whom a lender's litigation policy sues, by code: any eligible account, only borrowers who
can be reached, or only borrowers who have lost contact."""


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
        low=1,
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
        doc="median amount borrowed (FACTS: typical RMB 2,000-3,000 loan; draws are capped at "
        "10^8, see accounts.MAX_PRINCIPAL_CENTS)",
        low=1,
        high=1e7,
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
    charge_off_in_court: bool = param(
        False,
        unit="-",
        doc="whether an account in suit or under judgment is charged off at the threshold like "
        "any other (US: open-end balances are charged off at 180 DPD regardless, FFIEC Uniform "
        "Retail Credit Classification policy, 2000 [V]; the suit then ends and the judgment is "
        "no longer enforced, since charged-off debt is not followed); false holds it on the "
        "books until the court's claim is paid or settled",
    )
    full_payment_share: float = param(
        0.0,
        unit="share of an instalment",
        doc="how payments short of the arrears move DPD, the two methods US supervisors allow "
        "(FFIEC Uniform Retail Credit Classification and Account Management Policy, 2000, "
        "'partial payments' [S]): 0 aggregates them, so DPD falls by 30 days for each whole "
        "instalment the payments have cleared; a share s > 0 credits each payment on its own, "
        "a payment of at least s instalments counting as one full payment (FFIEC: s = 0.9), "
        "so smaller payments reduce the arrears but not the DPD",
        low=0,
        high=1,
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
    FACTS (debt claims, 2013); they are documented choices to calibrate.
    """

    section = "litigation"

    filing_share: float = param(
        0.03,
        unit="share of eligible accounts / month",
        doc="share of its eligible accounts (largest balances first) a lender sues at each "
        "month's end; 0 = no litigation (FACTS: ~5% of charged-off card balances are sent to "
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
        doc="chance a sued borrower has a lawyer (legal aid; FACTS: <10% of defendants in debt "
        "cases have one)",
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
    with ``PD < cut-off`` are approved. The cut-off is the lender's break-even default
    probability: a loan that keeps paying earns the margin ``m = loans.apr_annual -
    funding_cost - servicing_cost`` a year, one that falls behind loses ``L``, the share of the
    balance falling behind that the lender ends up writing off or discounting, so a loan pays
    while ``(1 - PD) m > PD L``, i.e. ``PD < m / (m + L)`` (credit scoring's break-even odds,
    Thomas, Edelman & Crook 2002, *Credit Scoring and Its Applications*, ch. 1). ``L`` is
    measured lag-aligned on the lender's own book: write-offs and settlement discounts of the
    last ``loss_window_months`` over the balance that fell behind in the same number of months
    ending ``ceil(charge_off_dpd / 30)`` months earlier, when those losses began (the months not
    yet observed count at ``prior_delinquency_loss``). Aligning the two windows matters: losses
    lag delinquency by the charge-off horizon, so an unaligned ratio reads a shrinking book as
    riskier and a growing one as safer, and a cut-off built on it runs the book off or up
    without end. The cut-off moves each month a share ``cutoff_adjustment`` of the way to
    ``(1 - underwriting_margin) m / (m + L)``: lenders revise credit policy gradually, not on
    one month's losses. Defaults are documented modelling choices; the scorecard's
    coefficients were fitted (logistic regression) to whether new loans of the baseline scenario
    (every applicant approved, 6,500 loans) fell behind within a year.
    """

    section = "credit"

    applications_per_month: float = param(
        0.028,
        unit="applicants / day-0 account / month",
        doc="applicant flow per lender at full reputation, relative to its day-0 portfolio "
        "(0.028 holds the default book near its day-0 size over 5 years: approved applicants "
        "borrow 1.4 loans each on average, as day-0 borrowers do); 0 = no new borrowers",
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
    funding_cost: float = param(
        0.05,
        unit="1/year",
        doc="cost of the lender's funds per unit of balance lent [U]",
        low=0,
        high=10,
    )
    servicing_cost: float = param(
        0.05,
        unit="1/year",
        doc="operating cost of servicing a performing loan per unit of balance [U]",
        low=0,
        high=10,
    )
    underwriting_margin: float = param(
        0.0,
        unit="share",
        doc="stricter underwriting at origination (firm intervention): the cut-off aims this "
        "share below the break-even one; 0 = none",
        low=0,
        high=1,
    )
    cutoff_adjustment: float = param(
        0.2,
        unit="share / month",
        doc="share of the gap to its break-even target the cut-off closes each month (credit "
        "policy is revised gradually)",
        low=0,
        high=1,
    )
    prior_delinquency_loss: float = param(
        0.05,
        unit="share of the balance falling behind",
        doc="loss per unit of balance falling behind that a lender assumes for the months it "
        "has not yet observed",
        low=0,
        high=10,
    )
    loss_window_months: int = param(
        12,
        unit="months",
        doc="months of its own losses (and of the balances that fell behind a charge-off "
        "horizon earlier) a lender's loss estimate covers",
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
        "1,000 open accounts that month). Small by the evidence: borrowers on average do not "
        "apply less to lenders after public enforcement actions, only where the media cover "
        "them (Flannery, Wang & Zhang, working paper) [S]; at complaint rates near the public "
        "figure (a few a year per 1,000 accounts in arrears, ~0.01 a month per 1,000 open "
        "accounts) reputation stays above 0.95, so applications fall by 5% at most",
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

    Calls, AI voice-bot calls and home visits can become conversations; SMS, e-mail/app messages,
    third-party contacts (a message passed on by family, employer or contacts) and legal letters
    cannot: they nudge the day's decision to pay (and a letter, or a third-party contact that
    discloses the debt, adds threat).
    """

    section = "channels"

    cost: tuple[float, ...] = param(
        (0.5, 0.05, 0.01, 0.1, 50.0, 0.5, 5.0),
        unit="currency units / attempt",
        doc="direct cost of one attempt (telephony, message, travel, postage)",
        low=0,
    )
    staff_minutes: tuple[float, ...] = param(
        (5.0, 0.0, 0.0, 0.0, 90.0, 10.0, 10.0),
        unit="staff-minutes / attempt",
        doc="collector time per attempt (5 min a call = 12 attempts per staff-hour; a visit's "
        "minutes are spent by each collector the regime requires on it)",
        low=0,
    )
    reach: tuple[float, ...] = param(
        (0.9, 0.9, 0.5, 0.9, 0.5, 0.6, 1.0),
        unit="probability",
        doc="chance an attempt reaches the right party when the borrower would answer (calls: "
        "FACTS 2-4 attempts per right-party contact; messages: read; third parties: one of "
        "them answers; letters: delivered)",
        low=0,
        high=1,
    )
    pay_logit: tuple[float, ...] = param(
        (0.0, 0.3, 0.1, -0.5, 0.5, 0.2, 0.0),
        unit="log-odds",
        doc="effect on paying: added to paying-now in a conversation, or to the day's "
        "self-cure for a message (FACTS: SMS reminders +7-9% on-time repayment)",
        low=-10,
        high=10,
    )
    threat: tuple[float, ...] = param(
        (0.0, 0.0, 0.0, 0.0, 0.3, 0.3, 1.0),
        unit="0-1",
        doc="credible-consequence signal an attempt adds to the account (legal letter = 1; a "
        "third-party contact only when it discloses the debt)",
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


@dataclass(frozen=True)
class AgencyParams(Section):
    """Collection agencies and digital platforms: who enters, what they cost, how they learn.

    Agencies are independent firms paid a contingency fee on what they collect; digital
    platforms are agencies that call with AI voice bots (no staff time per call, weaker
    conversations) and message at scale, for a lower fee. Both follow the ``[collectors]``
    policy (attempts, letters, hours, breach and training parameters) except where a field here
    says otherwise. Each month an agency learns its tone by a two-armed test and its staffing by
    hill-climbing on profit (see :mod:`arrears.market.agents.agency`).
    """

    section = "agencies"

    n_agencies: int = param(
        0, unit="agencies", doc="collection agencies in the market at the start", low=0, high=200
    )
    n_platforms: int = param(
        0,
        unit="platforms",
        doc="digital collection platforms (AI-bot calls, messages) at the start",
        low=0,
        high=200,
    )
    max_active: int = param(
        20,
        unit="firms",
        doc="most agencies and platforms active at once; entry stops there",
        low=0,
        high=1000,
    )
    fee_from_dpd: tuple[int, ...] = param(
        (0, 90, 120, 150),
        unit="days past due",
        doc="DPD at placement from which each contingency fee rate applies (first must be 0)",
        low=0,
        high=720,
    )
    fee_rate: tuple[float, ...] = param(
        (0.25, 0.30, 0.35, 0.40),
        unit="share of cash collected",
        doc="agencies' contingency fee by DPD at placement, rising with account age (FACTS: "
        "28% average commission, 2005 [V]; 15-50% rising with account age [U])",
        low=0,
        high=1,
    )
    platform_fee_multiplier: float = param(
        0.6,
        unit="x",
        doc="platforms' fee as a multiple of the agency schedule (documented default: "
        "automation prices below staffed agencies) [U]",
        low=0,
        high=5,
    )
    staff_per_100_accounts: float = param(
        0.15,
        unit="staff per 100 accounts held",
        doc="an entering agency's staffing of the accounts placed with it (then learned; "
        "documented default: lean enough to cover its wages at the default fees)",
        low=0.001,
        high=100,
    )
    platform_staff_per_100_accounts: float = param(
        0.1,
        unit="staff per 100 accounts held",
        doc="an entering platform's supervising staff (its AI-bot calls take no staff time)",
        low=0.001,
        high=100,
    )
    max_staff_per_100_accounts: float = param(
        5.0,
        unit="staff per 100 accounts held",
        doc="upper bound of the staffing an agency or platform learns",
        low=0.001,
        high=100,
    )
    staff_cost_per_hour: float = param(
        20.0,
        unit="currency units / staff-hour",
        doc="agency wage cost of one collector-hour (documented default: below in-house; "
        "FACTS: most agencies are small firms, 75% with fewer than 20 employees [S])",
        low=0,
    )
    overhead_per_month: float = param(
        100.0,
        unit="currency units / month",
        doc="fixed cost of running an agency or platform (licence, systems, premises)",
        low=0,
    )
    agency_strategy: str = param(
        "dpd_order",
        unit="-",
        doc="agencies' worklist strategy (see collectors.strategy)",
        choices=("dpd_order", "segmented"),
    )
    platform_strategy: str = param(
        "segmented",
        unit="-",
        doc="platforms' worklist strategy: segmented messages likely self-curers, bots call "
        "the rest",
        choices=("dpd_order", "segmented"),
    )
    score_noise_sd: float = param(
        0.5,
        unit="log-odds",
        doc="extra error of an agency's behavioural score over the lender's own (agencies "
        "have poorer data on the borrower)",
        low=0,
        high=10,
    )
    initial_aggressiveness: float = param(
        0.5, unit="0-1", doc="tone of an entering agency or platform", low=0, high=1
    )
    compliance_training: float = param(
        0.3,
        unit="0-1",
        doc="compliance training of an entering agency's staff (documented default: below "
        "in-house teams')",
        low=0,
        high=1,
    )
    starting_cash: float = param(
        50000.0, unit="currency units", doc="cash of an agency or platform on entry", low=0
    )
    grace_months: int = param(
        6,
        unit="months",
        doc="months of work before an agency may exit for losses: after them it exits once its "
        "profit over the last grace_months is negative and its cash below its starting cash "
        "(and at once if its cash runs out)",
        low=1,
        high=120,
    )
    entry_return: float = param(
        0.3,
        unit="1/year",
        doc="smoothed annual return one more firm of a kind would earn (12 x the kind's monthly "
        "profit / (its firms + 1) / the capital to enter: starting cash plus the regime's "
        "minimum capital) above which one new firm of that kind enters at a month's end",
        low=-100,
        high=100,
    )
    return_smoothing: float = param(
        0.3,
        unit="weight / month",
        doc="weight of the latest month in the smoothed return that drives entry",
        low=0.01,
        high=1,
    )
    tone_test_share: float = param(
        0.25,
        unit="share of accounts",
        doc="share of an agency's accounts worked each month at a neighbouring tone; 0 = "
        "agencies do not learn their tone",
        low=0,
        high=0.5,
    )
    tone_step: float = param(
        0.1,
        unit="0-1",
        doc="distance of the neighbouring tone under test, and of a step toward it",
        low=0,
        high=0.5,
    )
    staff_step: float = param(
        0.15,
        unit="share",
        doc="relative change of staffing per month while hill-climbing on profit; 0 = fixed",
        low=0,
        high=1,
    )
    fine_learning_rate: float = param(
        0.3,
        unit="weight / month",
        doc="weight of the latest audit in an agency's estimate of the fine per violation it "
        "commits (fines paid / violations in the audited month)",
        low=0,
        high=1,
    )
    complaint_cost: float = param(
        200.0,
        unit="currency units / complaint",
        doc="value of future placements an agency reckons it loses per complaint (lenders "
        "score complaints) (documented default)",
        low=0,
    )

    def check(self) -> None:
        """The fee schedule is well formed; firms at the start fit; staffing is within bounds."""
        if len(self.fee_from_dpd) != len(self.fee_rate) or not self.fee_rate:
            self.fail(
                "fee_rate",
                self.fee_rate,
                f"must list one rate per agencies.fee_from_dpd entry ({len(self.fee_from_dpd)})",
            )
        if self.fee_from_dpd[0] != 0:
            self.fail("fee_from_dpd", self.fee_from_dpd, "must start at 0")
        if any(b <= a for a, b in zip(self.fee_from_dpd, self.fee_from_dpd[1:], strict=False)):
            self.fail("fee_from_dpd", self.fee_from_dpd, "must be strictly increasing")
        for name in ("staff_per_100_accounts", "platform_staff_per_100_accounts"):
            if getattr(self, name) > self.max_staff_per_100_accounts:
                self.fail(
                    name,
                    getattr(self, name),
                    f"must be <= agencies.max_staff_per_100_accounts "
                    f"({self.max_staff_per_100_accounts})",
                )
        if self.n_agencies + self.n_platforms > self.max_active:
            self.fail(
                "max_active",
                self.max_active,
                f"must be >= agencies.n_agencies + agencies.n_platforms "
                f"({self.n_agencies + self.n_platforms})",
            )


@dataclass(frozen=True)
class PlacementParams(Section):
    """Lenders' use of agencies: what they place, how they score agencies, what they sell.

    Each lender keeps accounts in-house until ``placement_dpd`` and then places them, at a
    month's end, with its agencies in proportion to their placement shares (champion /
    challenger). It scores each agency monthly on net recovery per unit of placed balance, less
    penalties for complaints and regulator sanctions, and moves shares toward the champion.
    Charged-off balances may be sold each month to debt buyers outside the market (a
    forward-flow sale) at a price per unit of face value.
    """

    section = "placement"

    placement_dpd: int = param(
        60,
        unit="days past due",
        doc="DPD from which accounts are placed with agencies (FACTS: agencies typically from "
        "60-90 dpd before charge-off [V])",
        low=1,
        high=720,
    )
    retain_share: float = param(
        0.1,
        unit="share of accounts",
        doc="share of accounts a lender never places, working them in-house to the end "
        "(FACTS: ~10% of charged-off card balances kept in-house, US 2014 [V])",
        low=0,
        high=1,
    )
    challenger_share: float = param(
        0.3,
        unit="share of placements",
        doc="share of placements split evenly among all agencies (the challengers) so each "
        "can be scored; the rest goes to the champion",
        low=0,
        high=1,
    )
    share_step: float = param(
        0.3,
        unit="share / month",
        doc="how far placement shares move each month toward the champion/challenger target",
        low=0,
        high=1,
    )
    score_smoothing: float = param(
        0.3,
        unit="weight / month",
        doc="weight of the latest month in a lender's scorecard of an agency",
        low=0.01,
        high=1,
    )
    complaint_penalty: float = param(
        0.02,
        unit="score / (complaint per 100 accounts)",
        doc="score deducted per monthly complaint per 100 accounts placed (score is net "
        "recovery per unit of placed balance a month) (documented default)",
        low=0,
    )
    sanction_penalty: float = param(
        0.05,
        unit="score / sanction",
        doc="score deducted per regulator sanction of the agency (smoothed like the rest) "
        "(documented default)",
        low=0,
    )
    debt_sale_share: float = param(
        0.0,
        unit="share of charged-off balance",
        doc="share of each month's charged-off balances sold to debt buyers; 0 = no sales",
        low=0,
        high=1,
    )
    debt_sale_price: float = param(
        0.04,
        unit="currency units / unit of face value",
        doc="price of charged-off debt (FACTS: ~4 cents per dollar of face value, FTC 2013 [V])",
        low=0,
        high=1,
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
        doc="willingness gained per unit of trust (with trust_from_friendliness and "
        "trust_loss_aggression, a friendly conversation rather than an aggressive one adds "
        "0.26 log-odds of paying; a pleasant-voiced bank agent raised repayment within six "
        "weeks from 71.6% to 84.5%, +0.77 log-odds over a collection relationship: "
        "Laudenbach, Pirschel & Siegel 2018, CESifo WP 7295) [V]",
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
        doc="tone channel 'pressure': short-run push to pay now from a fully aggressive tone "
        "(firm demands and threats of consequences raise compliance in the short run: a "
        "threatening letter deterred licence-fee evasion where moral appeals did not, Fellner, "
        "Sausgruber & Traxler 2013, JEEA 11(3)) [U for the size]",
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
    plan_trust_weight: float = param(
        2.0,
        unit="log-odds / unit trust",
        doc="tone channel 'trust and engagement': utility of an offered plan gained per unit "
        "of trust in the creditor above 1/2 (a borrower who trusts the collector engages with "
        "a plan; the same weight as trust in willingness) [U]",
        low=0,
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
    third_party_regain: float = param(
        0.3,
        unit="probability",
        doc="chance a third party reached about a lost-contact borrower restores contact "
        "(passes the message on, gives a new number) [U]",
        low=0,
        high=1,
    )
    tolerated_calls_per_7d: int = param(
        7,
        unit="call attempts / 7 days",
        doc="call attempts a borrower bears in 7 days, over all her debts, before each further "
        "one harms her (Regulation F presumes more than 7 in 7 days per debt harassing: the "
        "CFPB's reading of when frequency harms) [U]",
        low=0,
        high=105,
    )
    harm_excess_call: float = param(
        0.1,
        unit="harm / call attempt",
        doc="harm of each call attempt beyond the tolerated number in 7 days (63% of "
        "consumers contacted about a debt said they were contacted too often, CFPB survey "
        "2017) [U]",
        low=0,
        high=10,
    )
    harm_intrusive_contact: float = param(
        0.3,
        unit="harm / attempt",
        doc="harm of a call or visit in an hour the borrower sleeps in (half of it in hours "
        "an office worker works; see arrears.scenario.reachability; 36% of consumers contacted "
        "about a debt were called before 08:00 or after 21:00, CFPB survey 2017) [U]",
        low=0,
        high=10,
    )
    harm_aggressive_conversation: float = param(
        1.5,
        unit="harm / conversation",
        doc="harm of a fully aggressive conversation (in proportion to the tone) [U]",
        low=0,
        high=10,
    )
    harm_threat: float = param(
        1.0,
        unit="harm / threat",
        doc="harm of a threat in a conversation (27% of consumers contacted about a debt "
        "felt threatened, CFPB survey 2017) [U]",
        low=0,
        high=10,
    )
    harm_third_party_contact: float = param(
        0.2,
        unit="harm / contact",
        doc="harm when collectors reach the borrower's family, employer or contacts without "
        "disclosing the debt [U]",
        low=0,
        high=10,
    )
    harm_disclosure: float = param(
        1.5,
        unit="harm / contact",
        doc="further harm when a third-party contact discloses the debt (shame) [U]",
        low=0,
        high=10,
    )
    harm_visit: float = param(
        0.5,
        unit="harm / visit",
        doc="harm of a home visit (collectors at the door) [U]",
        low=0,
        high=10,
    )
    harm_stress: float = param(
        0.1,
        unit="stress / harm",
        doc="stress added per unit of harm (a fully aggressive conversation adds 0.15) [U]",
        low=0,
        high=1,
    )
    harm_decay: float = param(
        0.05,
        unit="1/day",
        doc="daily decay of a borrower's memory of harm (half-life ~14 days)",
        low=0,
        high=1,
    )
    violation_decay: float = param(
        0.02,
        unit="1/day",
        doc="daily decay of a borrower's memory of the rule breaches she saw",
        low=0,
        high=1,
    )
    complaint_logit: float = param(
        -15.0,
        unit="log-odds",
        doc="log-odds of complaining on a contact day, all else zero; with the weights below, "
        "set so that regulator complaints under us_reg_f come to about 3 a year per 1,000 "
        "accounts in arrears (the CFPB received 207,800 debt-collection complaints in 2024; "
        "about 64 million US consumers had a debt in collections in 2021, Urban Institute) [S]",
        low=-30,
        high=10,
    )
    complaint_stress: float = param(
        3.0, unit="log-odds / unit stress", doc="rise of complaining with stress", low=0, high=30
    )
    complaint_harm: float = param(
        1.0,
        unit="log-odds / ln(1 + harm)",
        doc="rise of complaining with remembered harm, per unit of ln(1 + harm): the odds "
        "grow as (1 + harm) to this power, the same in every regime [U]",
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
    complaint_breach_awareness: float = param(
        0.5,
        unit="log-odds / (ln(1 + violations) x unit awareness)",
        doc="rise of complaining with the rule breaches she remembers, per unit of ln(1 + "
        "breaches), times her awareness of her rights (she complains of a breach she knows "
        "is one) [U]",
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
    "litigation": LitigationParams,
    "credit": CreditParams,
    "collectors": CollectorParams,
    "channels": ChannelParams,
    "behaviour": BehaviourParams,
    "macro": MacroParams,
    "run": RunParams,
    "agencies": AgencyParams,
    "placement": PlacementParams,
}


@dataclass(frozen=True)
class Scenario:
    """A complete, validated scenario: every parameter of one simulation run."""

    population: PopulationParams = field(default_factory=PopulationParams)
    loans: LoanParams = field(default_factory=LoanParams)
    lenders: LenderParams = field(default_factory=LenderParams)
    litigation: LitigationParams = field(default_factory=LitigationParams)
    credit: CreditParams = field(default_factory=CreditParams)
    collectors: CollectorParams = field(default_factory=CollectorParams)
    channels: ChannelParams = field(default_factory=ChannelParams)
    behaviour: BehaviourParams = field(default_factory=BehaviourParams)
    regime: Regime = field(default_factory=lambda: LAISSEZ_FAIRE)
    macro: MacroParams = field(default_factory=MacroParams)
    run: RunParams = field(default_factory=RunParams)
    agencies: AgencyParams = field(default_factory=AgencyParams)
    placement: PlacementParams = field(default_factory=PlacementParams)
    market: str = ""
    """The named market the scenario starts from (:mod:`arrears.scenario.markets`); "" for the
    parameter defaults."""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Scenario:
        """Build a scenario from nested tables (as parsed from TOML).

        Args:
            data: ``{section: {field: value}}``; missing sections take their defaults. A
                top-level ``market = "name"`` starts from that named market instead, and the
                tables given change it.

        Returns:
            The validated scenario.

        Raises:
            ScenarioError: On an unknown market, section or key, or any bad value.
        """
        market = data.get("market", "")
        if market != "":
            data = merge_tables(named_market(market).tables(), data)
        allowed = [*_SECTIONS, "regime"]
        for name in data:
            if name not in [*allowed, "market"]:
                raise ScenarioError(
                    f"[{name}] is not a known section; allowed sections: {', '.join(allowed)}"
                    " (and a top-level market = NAME)"
                )
        sections: dict[str, Any] = {
            name: kind.from_mapping(data.get(name, {})) for name, kind in _SECTIONS.items()
        }
        sections["regime"] = build_regime(data.get("regime", {}))
        return cls(**sections, market=market)

    @classmethod
    def for_market(cls, name: str, overrides: Mapping[str, Any] | None = None) -> Scenario:
        """The named market's scenario, with some fields changed.

        Args:
            name: A named market (``arrears markets``), e.g. ``"cn_consumer_finance"``.
            overrides: ``{"section.field": value}`` applied on top (see :meth:`with_overrides`).

        Returns:
            The validated scenario.

        Raises:
            ScenarioError: On an unknown market, or a bad override.
        """
        return cls.from_mapping({"market": name}).with_overrides(overrides or {})

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The scenario as nested plain data (TOML- and JSON-ready)."""
        return dataclasses.asdict(self)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A copy with some fields replaced, addressed by dotted path.

        Setting ``market`` starts the whole scenario from that named market, and setting
        ``regime.name`` starts the regime from that named regime; the other fields given in the
        same call are applied on top.

        Args:
            overrides: ``{"section.field": value}``, e.g. ``{"population.n_accounts": 5000}``,
                and optionally ``{"market": name}``.

        Returns:
            The validated new scenario.

        Raises:
            ScenarioError: On a malformed path, unknown market or field, or bad value.
        """
        data: dict[str, Any] = self.to_dict()
        if "market" in overrides:
            data = Scenario.from_mapping({"market": overrides["market"]}).to_dict()
        if "regime.name" in overrides:
            data["regime"] = {"name": overrides["regime.name"]}
        for path, value in overrides.items():
            if path == "market":
                continue
            section, _, name = path.partition(".")
            if not name or "." in name:
                raise ScenarioError(
                    f"{path!r} is not a parameter path; write section.field, e.g. run.days"
                )
            if not isinstance(data.get(section), dict):
                allowed = ", ".join(key for key, table in data.items() if isinstance(table, dict))
                raise ScenarioError(f"{path!r}: unknown section {section!r}; allowed: {allowed}")
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


def starting_scenario(path: str | Path | None = None, market: str | None = None) -> Scenario:
    """The scenario a command starts from: a file, a named market, both, or the default market.

    Args:
        path: A scenario TOML file, or None.
        market: A named market, or None; with a file, it replaces the market the file names
            (the file's tables still change it).

    Returns:
        The validated scenario; :data:`arrears.scenario.markets.DEFAULT_MARKET` when given neither.

    Raises:
        ScenarioError: On a bad file or an unknown market (see :func:`load_scenario`).
    """
    if path is None:
        return Scenario.for_market(DEFAULT_MARKET if market is None else market)
    _, data = read_toml(Path(path), "scenario file")
    return Scenario.from_mapping(data if market is None else data | {"market": market})


def describe_parameters() -> list[dict[str, str]]:
    """Every parameter of a scenario: field path, default, unit, allowed values and meaning."""
    rows = [
        {
            "field": "market",
            "default": '""',
            "unit": "-",
            "allowed": "'' or one of " + ", ".join(repr(name) for name in MARKETS),
            "meaning": "named market the scenario starts from (a top-level key; the other "
            "fields change it; '' for these defaults; see `arrears markets`)",
        }
    ]
    kinds: list[type[Section]] = [*_SECTIONS.values(), Regime]
    for kind in kinds:
        rows.extend(kind.describe())
    return rows
