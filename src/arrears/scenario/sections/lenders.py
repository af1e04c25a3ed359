"""The lenders section: each lender's collection, charge-off and forbearance policy."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


@dataclass(frozen=True)
class LenderParams(Section):
    """Lenders: how many, when they charge off, and which repayment plans they allow."""

    section = "lenders"

    n_lenders: int = param(1, unit="lenders", doc="number of lenders", low=1, high=20)
    charge_off_dpd: int = param(
        180,
        unit="days past due",
        doc="charge-off threshold (US: 180 DPD open-end, 120 closed-end [V]; Chinese lenders "
        "recognise non-performing loans at 60-90 DPD [V])",
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
        doc="share of interest waived while an instalment plan runs (interest waivers are common "
        "forbearance; interest write-downs improved later outcomes, Dobbie & Song 2020 [V])",
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
