"""What the kernels are told: run constants and the inputs of one day.

All are ``NamedTuple``s of scalars and small arrays, built by the model from the scenario and
from the decisions of the lender, collector and regulator agents. Money is in cents.

The run constants mirror the scenario's sections field for field (their fields are generated
from them), so a parameter is declared once, in :mod:`arrears.scenario.scenario`.
"""

from __future__ import annotations

import dataclasses
from collections import namedtuple
from typing import Any, NamedTuple

import numpy as np

from arrears.market.mathx import round_cents
from arrears.scenario.reachability import INTRUSION, PROFILES
from arrears.scenario.regimes import Regime
from arrears.scenario.scenario import Scenario
from arrears.scenario.sections.behaviour import BehaviourParams
from arrears.scenario.sections.channels import ChannelParams
from arrears.scenario.sections.litigation import LitigationParams

_CORE_FIELDS = (
    "seed",
    "reach_profile",
    "intrusion",
    "monthly_rate",
    "late_fee",
    "term_months",
    "principal_log_median",
    "principal_log_sd",
    "renewal_probability",
    "saving_rate",
    "benefit_replacement",
    "job_finding_rate",
    "job_loss_multiplier",
)
_LENDER_FIELDS = (
    "charge_off_dpd",
    "charge_off_in_court",
    "full_payment_share",
    "instalment_plan_months",
    "plan_interest_waiver",
    "deferral_months",
    "settlement_discount",
    "settlement_min_dpd",
    "plan_redefault_dpd",
)
_CREDIT_FIELDS = (
    "scorecard_tier_logit",
    "scorecard_score_weight",
    "scorecard_income_weight",
    "scorecard_unemployed_logit",
    "renewals_underwritten",
    "tier_willingness_logit",
    "tier_log_income_median",
    "moratorium_take_up",
)
_CHANNEL_FIELDS = tuple(f"channel_{f.name}" for f in dataclasses.fields(ChannelParams))
_BEHAVIOUR_FIELDS = tuple(f.name for f in dataclasses.fields(BehaviourParams))
_REGIME_RULES = tuple(
    f.name for f in dataclasses.fields(Regime) if f.name not in ("name", "sources")
)
_LITIGATION_FIELDS = tuple(
    f.name for f in dataclasses.fields(LitigationParams) if f.metadata["spec"].choices is None
)

_RunConstantsTuple = namedtuple(  # type: ignore[misc]
    "_RunConstantsTuple",
    _CORE_FIELDS
    + _LENDER_FIELDS
    + _CREDIT_FIELDS
    + _CHANNEL_FIELDS
    + _BEHAVIOUR_FIELDS
    + tuple(f"litigation_{name}" for name in _LITIGATION_FIELDS)
    + tuple(f"regime_{rule}" for rule in _REGIME_RULES),
)

type RunConstants = Any
"""Parameters fixed for a run, as one flat ``NamedTuple``; typed ``Any`` because its fields are
generated. (The tuple class's name must match its module attribute, or numba's on-disk cache
cannot find it and recompiles every run.)
Fields:

- ``seed``; ``reach_profile`` and ``intrusion`` (float64[archetype, weekday/weekend, hour]:
  the chance of answering a call, and how much a contact intrudes, in each hour; see
  :mod:`arrears.scenario.reachability`); ``monthly_rate`` (APR / 12); ``late_fee`` (cents per missed
  instalment);
  ``term_months``, ``principal_log_median`` (log cents) and ``principal_log_sd`` of a new loan;
  ``renewal_probability``; ``saving_rate``; ``benefit_replacement``; ``job_finding_rate``;
  ``job_loss_multiplier`` (float64[tier]);
- each lender's policy, one array element per lender: ``charge_off_dpd``,
  ``charge_off_in_court``, ``full_payment_share``, ``instalment_plan_months``,
  ``plan_interest_waiver``, ``deferral_months``, ``settlement_discount``, ``settlement_min_dpd``,
  ``plan_redefault_dpd``;
- the scorecard (:class:`~arrears.scenario.sections.credit.CreditParams`): ``scorecard_tier_logit``
  (float64[tier]), ``scorecard_score_weight``, ``scorecard_income_weight``,
  ``scorecard_unemployed_logit``, ``renewals_underwritten``, and the tier norms it scores
  against, ``tier_willingness_logit`` and ``tier_log_income_median`` (log cents, float64[tier]);
  ``moratorium_take_up`` (``macro``);
- ``channel_<field>`` for every field of :class:`~arrears.scenario.sections.channels.ChannelParams`
  (float64[channel]);
- every field of :class:`~arrears.scenario.sections.behaviour.BehaviourParams`, under its own name;
- ``litigation_<field>`` for every numeric field of
  :class:`~arrears.scenario.sections.litigation.LitigationParams` (the court and the borrower's
  defence; the lender's choices stay with the Lender agent);
- ``regime_<rule>`` for every rule of :class:`~arrears.scenario.regimes.Regime`; a rule with named
  choices (``third_party_contact``) is given as its index in the choices
  (``regimes.THIRD_PARTY_RULES``).

The regime's caps are applied here: ``monthly_rate`` and ``late_fee`` are the loans' own,
capped by ``regime.apr_cap`` and ``regime.late_fee_cap`` where those are set and the loans are
in the caps' scope (``regime.caps_scope``).
"""


class Counters(NamedTuple):
    """The day's integer counters the kernels add to (money in cents, counts).

    Attributes:
        lender: int64[lender, ``accounts.LenderEvent``].
        borrower: int64[``accounts.BorrowerEvent``], market-wide.
        collector: int64[collector, ``accounts.CollectorEvent``].
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

    Collectors that enter the market during a run take the next index; the per-collector
    arrays are rebuilt each day from the collector agents, so they grow with the market (an
    exited collector keeps its index and works no accounts).
        underwriting_cutoff: float64[lender], predicted default below which each lender
            lends this month (renewals are gated by it).
        payment_holiday_end: The day a payment moratorium borrowers may ask for ends, while
            it is open to requests; ``NO_DAY`` otherwise.
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


def run_constants(scenario: Scenario) -> RunConstants:
    """Build the run constants of a scenario (see :data:`RunConstants`).

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
        "saving_rate": scenario.population.saving_rate,
        "benefit_replacement": scenario.population.benefit_replacement,
        "job_finding_rate": scenario.macro.job_finding_rate,
        "job_loss_multiplier": np.asarray(scenario.population.job_loss_multiplier, np.float64),
    }
    credit, population = scenario.credit, scenario.population
    values |= {
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
    return _RunConstantsTuple(**values)


def _kernel_value(regime: Regime, rule: str) -> Any:
    """A rule's value as the kernels take it: a named choice becomes its index."""
    value = getattr(regime, rule)
    choices = Regime.__dataclass_fields__[rule].metadata["spec"].choices
    return value if choices is None else choices.index(value)
