"""The agencies section: collection agencies and digital platforms, their entry and exit."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


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
        doc="agencies' contingency fee by DPD at placement, rising with account age ("
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
        "most US agencies are small firms, 75% with fewer than 20 employees [S])",
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
