"""What the kernels are told: run constants and the inputs of one day.

All are named tuples (``NamedTuple``) of scalars and small arrays, built by the model from the
scenario and from the decisions of the lender, collector and regulator agents. Money is in
cents.

The run constants mirror the scenario's sections field for field, so a parameter is declared
once, in :mod:`arrears.scenario.sections`, and reaches the kernels under a name derived from its
own; :class:`RunConstants` writes each of those fields out with its type, so that mypy checks
every kernel's reads (``tests/market/kernels/test_inputs.py`` checks that its fields are the ones
the sections give).
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from arrears.market.mathx import round_cents
from arrears.scenario.reachability import INTRUSION, PROFILES
from arrears.scenario.regimes import Regime
from arrears.scenario.scenario import Scenario
from arrears.scenario.sections.channels import ChannelParams
from arrears.scenario.sections.lenders import LenderParams
from arrears.scenario.sections.litigation import LitigationParams


class RunConstants(NamedTuple):
    """Parameters fixed for a run, as one flat ``NamedTuple`` (the kernels' ``run``).

    Most fields are a scenario section's, named after it (see :func:`run_constants`):

    - each lender's policy: every field of :class:`~arrears.scenario.sections.lenders.LenderParams`
      but ``n_lenders``, under its own name, one array element per lender (``bool``, ``int64`` or
      ``float64`` as the field is);
    - ``channel_<field>`` for every field of
      :class:`~arrears.scenario.sections.channels.ChannelParams`, float64[channel];
    - every field of :class:`~arrears.scenario.sections.behaviour.BehaviourParams`, under its own
      name;
    - ``litigation_<field>`` for every numeric field of
      :class:`~arrears.scenario.sections.litigation.LitigationParams` (the court and the borrower's
      defence; the lender's choices stay with the Lender agent);
    - ``regime_<rule>`` for every rule of :class:`~arrears.scenario.regimes.Regime`; a rule with
      named choices (``third_party_contact``, ``caps_scope``) is given as its index in the
      choices (``regimes.THIRD_PARTY_RULES``, ``regimes.CAPS_SCOPES``).

    Their units and meanings are the sections' own. The other fields come from several
    sections, each named after its source:

    Attributes:
        seed: ``run.seed``.
        reach_profile: float64[archetype, weekday/weekend, hour], the chance of answering a
            call placed in each hour (:data:`arrears.scenario.reachability.PROFILES`).
        intrusion: float64[archetype, weekday/weekend, hour], how much a contact in each hour
            intrudes (:data:`arrears.scenario.reachability.INTRUSION`).
        monthly_rate: ``loans.apr_annual / 12``, interest per month, the APR capped by
            ``regime.apr_cap`` where that is set and the loans are in the caps' scope
            (``regime.caps_scope``).
        late_fee: ``loans.late_fee`` in cents, capped by ``regime.late_fee_cap`` likewise.
        term_months: ``loans.term_months``.
        principal_log_median: Log of ``loans.principal_median``, log cents.
        principal_log_sd: ``loans.principal_log_sd``.
        renewal_probability: ``loans.renewal_probability``.
        saving_rate: ``population.saving_rate``.
        benefit_replacement: ``population.benefit_replacement``.
        job_finding_rate: ``macro.job_finding_rate``.
        job_loss_multiplier: float64[tier], ``population.job_loss_multiplier``.
        scorecard_tier_logit: float64[tier], ``credit.scorecard_tier_logit``.
        scorecard_score_weight: ``credit.scorecard_score_weight``.
        scorecard_income_weight: ``credit.scorecard_income_weight``.
        scorecard_unemployed_logit: ``credit.scorecard_unemployed_logit``.
        renewals_underwritten: ``credit.renewals_underwritten``.
        tier_willingness_logit: float64[tier], ``population.willingness_logit``: the norm the
            scorecard scores a credit score against.
        tier_log_income_median: float64[tier], log of ``population.income_median``, log cents:
            the norm the scorecard scores an income against.
        moratorium_take_up: ``macro.moratorium_take_up``.

    (The tuple class's name must match its module attribute, or numba's on-disk cache cannot
    find it and recompiles every run.)
    """

    seed: int
    reach_profile: npt.NDArray[np.float64]
    intrusion: npt.NDArray[np.float64]
    monthly_rate: float
    late_fee: int
    term_months: int
    principal_log_median: float
    principal_log_sd: float
    renewal_probability: float
    saving_rate: float
    benefit_replacement: float
    job_finding_rate: float
    job_loss_multiplier: npt.NDArray[np.float64]

    # LenderParams, one element per lender
    charge_off_dpd: npt.NDArray[np.int64]
    charge_off_in_court: npt.NDArray[np.bool_]
    full_payment_share: npt.NDArray[np.float64]
    instalment_plan_months: npt.NDArray[np.int64]
    plan_interest_waiver: npt.NDArray[np.float64]
    deferral_months: npt.NDArray[np.int64]
    settlement_discount: npt.NDArray[np.float64]
    settlement_min_dpd: npt.NDArray[np.int64]
    plan_redefault_dpd: npt.NDArray[np.int64]

    scorecard_tier_logit: npt.NDArray[np.float64]
    scorecard_score_weight: float
    scorecard_income_weight: float
    scorecard_unemployed_logit: float
    renewals_underwritten: bool
    tier_willingness_logit: npt.NDArray[np.float64]
    tier_log_income_median: npt.NDArray[np.float64]
    moratorium_take_up: float

    # ChannelParams, float64[channel]
    channel_cost: npt.NDArray[np.float64]
    channel_staff_minutes: npt.NDArray[np.float64]
    channel_reach: npt.NDArray[np.float64]
    channel_pay_logit: npt.NDArray[np.float64]
    channel_threat: npt.NDArray[np.float64]

    # BehaviourParams
    trust_weight: float
    threat_weight: float
    stress_weight: float
    resistance_threshold: float
    stress_decay: float
    stress_relief_friendly: float
    trust_from_friendliness: float
    trust_loss_aggression: float
    trust_loss_broken_promise: float
    self_cure_logit: float
    pay_now_tone_logit: float
    promise_logit: float
    plan_logit: float
    plan_trust_weight: float
    shortfall_weight: float
    dispute_logit: float
    dispute_days: int
    promise_days: int
    promise_keep_logit: float
    promise_keep_willingness: float
    promise_keep_cash: float
    lost_contact_logit: float
    lost_contact_stress: float
    lost_contact_per_30dpd: float
    contact_regain: float
    threat_of_threats: float
    third_party_regain: float
    tolerated_calls_per_7d: int
    harm_excess_call: float
    harm_intrusive_contact: float
    harm_aggressive_conversation: float
    harm_threat: float
    harm_third_party_contact: float
    harm_disclosure: float
    harm_visit: float
    harm_stress: float
    harm_decay: float
    violation_decay: float
    complaint_logit: float
    complaint_stress: float
    complaint_harm: float
    complaint_rights: float
    complaint_breach_awareness: float
    breathing_space_logit: float
    breathing_space_stress: float
    breathing_space_rights: float
    pressure_decay: float
    threat_decay: float
    pressure_tone: float
    pressure_weight: float
    trust_allocation_weight: float

    # LitigationParams, its numeric fields
    litigation_filing_share: float
    litigation_min_dpd: int
    litigation_min_balance: float
    litigation_filing_cost: float
    litigation_court_delay_days: int
    litigation_filing_threat: float
    litigation_filing_stress: float
    litigation_judgment_stress: float
    litigation_legal_aid_share: float
    litigation_contest_logit: float
    litigation_contest_rights: float
    litigation_contest_lawyer: float
    litigation_contest_lost_contact: float
    litigation_creditor_win_logit: float
    litigation_creditor_win_lawyer: float

    # Regime, every rule (a choice as its index)
    regime_weekday_start_hour: int
    regime_weekday_end_hour: int
    regime_weekend_start_hour: int
    regime_weekend_end_hour: int
    regime_max_attempts_per_day: int
    regime_max_attempts_per_7d: int
    regime_max_attempts_per_30d: int
    regime_max_connected_calls_per_day: int
    regime_cooldown_days: int
    regime_max_messages_per_day: int
    regime_max_messages_per_7d: int
    regime_max_messages_per_30d: int
    regime_home_visits_allowed: bool
    regime_max_visits_per_7d: int
    regime_visit_collectors: int
    regime_visits_recorded: bool
    regime_third_party_contact: int
    regime_threats_banned: bool
    regime_forbearance_duty: bool
    regime_breathing_space_days: int
    regime_litigation_allowed: bool
    regime_garnishment_share: float
    regime_late_fee_cap: float
    regime_apr_cap: float
    regime_caps_scope: int
    regime_audit_per_complaint: float
    regime_audits_per_month: int
    regime_detection_probability: float
    regime_fine_per_violation: float
    regime_suspension_findings: int
    regime_suspension_days: int
    regime_revocation_findings: int
    regime_licence_fee_per_year: float
    regime_min_capital: float
    regime_compliance_cost_per_month: float
    regime_recording_cost_per_hour: float
    regime_publish_complaints: bool


class Counters(NamedTuple):
    """The day's integer counters the kernels add to (money in cents, counts).

    Attributes:
        lender: int64[lender, ``tables.LenderEvent``].
        borrower: int64[``tables.BorrowerEvent``], market-wide.
        collector: int64[collector, ``tables.CollectorEvent``].
    """

    lender: np.ndarray
    borrower: np.ndarray
    collector: np.ndarray


class DayInputs(NamedTuple):
    """Inputs that change from day to day.

    Attributes:
        day: Simulation day (day 0 is a Monday; the day of the month is ``day % 30``).
        separation_rate: Monthly job-loss probability from the macro path this month.
        calling_hours: int64[collector, 24], each collector's calling hours today, ascending,
            in its first ``n_calling_hours`` entries.
        n_calling_hours: int64[collector], how many hours each collector calls today (0: it
            makes no contact).
        aggressiveness: float64[collector], tone of each collector's conversations (0-1).
        offers_plans: uint8[collector], 1 if the collector offers repayment plans.
        breach_probability: float64[collector], chance the collector carries out a contact
            that breaks a rule (and that a conversation turns into a threat, times its tone).
        complaint_resolution: float64[collector], share of complaints its firm's channel
            resolves before they reach the regulator.
        test_aggressiveness: float64[collector], the neighbouring tone an agency tries on its
            accounts in the test arm this month (its own tone for in-house teams).
        test_breach_probability: float64[collector], the breach probability at that tone.
        underwriting_cutoff: float64[lender], predicted default below which each lender
            lends this month (renewals are gated by it).
        payment_holiday_end: The day a payment moratorium borrowers may ask for ends, while
            it is open to requests; ``NO_DAY`` otherwise.

    Collectors that enter the market during a run take the next index; the per-collector
    arrays are rebuilt each day from the collector agents, so they grow with the market (an
    exited collector keeps its index and works no accounts).
    """

    day: int
    separation_rate: float
    calling_hours: np.ndarray
    n_calling_hours: np.ndarray
    aggressiveness: np.ndarray
    offers_plans: np.ndarray
    breach_probability: np.ndarray
    complaint_resolution: np.ndarray
    test_aggressiveness: np.ndarray
    test_breach_probability: np.ndarray
    underwriting_cutoff: np.ndarray
    payment_holiday_end: int


# The sections' fields that become run constants (see RunConstants).
_LENDER_FIELDS = tuple(f.name for f in dataclasses.fields(LenderParams) if f.name != "n_lenders")
_REGIME_RULES = tuple(
    f.name for f in dataclasses.fields(Regime) if f.name not in ("name", "sources")
)
_LITIGATION_FIELDS = tuple(
    f.name for f in dataclasses.fields(LitigationParams) if f.metadata["spec"].choices is None
)


def run_constants(scenario: Scenario) -> RunConstants:
    """Build the run constants of a scenario (see :class:`RunConstants`).

    Args:
        scenario: The scenario.

    Returns:
        The constants.
    """
    loans, lenders, regime = scenario.loans, scenario.lenders, scenario.regime
    capped = regime.caps_apply(loans.apr_annual, loans.term_months)
    apr, late_fee = loans.apr_annual, loans.late_fee
    if capped and regime.apr_cap >= 0:
        apr = min(apr, regime.apr_cap)
    if capped and regime.late_fee_cap >= 0:
        late_fee = min(late_fee, regime.late_fee_cap)
    credit, population = scenario.credit, scenario.population
    values: dict[str, Any] = {
        "seed": scenario.run.seed,
        "reach_profile": PROFILES,
        "intrusion": INTRUSION,
        "monthly_rate": apr / 12,
        "late_fee": round_cents(late_fee * 100),
        "term_months": loans.term_months,
        "principal_log_median": float(np.log(loans.principal_median * 100)),
        "principal_log_sd": loans.principal_log_sd,
        "renewal_probability": loans.renewal_probability,
        "saving_rate": population.saving_rate,
        "benefit_replacement": population.benefit_replacement,
        "job_finding_rate": scenario.macro.job_finding_rate,
        "job_loss_multiplier": np.asarray(population.job_loss_multiplier, np.float64),
        "scorecard_tier_logit": np.asarray(credit.scorecard_tier_logit, np.float64),
        "scorecard_score_weight": credit.scorecard_score_weight,
        "scorecard_income_weight": credit.scorecard_income_weight,
        "scorecard_unemployed_logit": credit.scorecard_unemployed_logit,
        "renewals_underwritten": credit.renewals_underwritten,
        "tier_willingness_logit": np.asarray(population.willingness_logit, np.float64),
        "tier_log_income_median": np.log(np.asarray(population.income_median) * 100),
        "moratorium_take_up": scenario.macro.moratorium_take_up,
    }
    for name in _LENDER_FIELDS:
        value = getattr(lenders, name)
        values[name] = np.full(lenders.n_lenders, value, type(value))
    for f in dataclasses.fields(ChannelParams):
        values[f"channel_{f.name}"] = np.asarray(getattr(scenario.channels, f.name), np.float64)
    values |= dataclasses.asdict(scenario.behaviour)
    values |= {
        f"litigation_{name}": getattr(scenario.litigation, name) for name in _LITIGATION_FIELDS
    }
    values |= {f"regime_{rule}": _kernel_value(regime, rule) for rule in _REGIME_RULES}
    return RunConstants(**values)


def _kernel_value(regime: Regime, rule: str) -> Any:
    """A rule's value as the kernels take it: a named choice becomes its index."""
    value = getattr(regime, rule)
    choices = Regime.__dataclass_fields__[rule].metadata["spec"].choices
    return value if choices is None else choices.index(value)
