"""The collection market's monthly round: agencies and platforms compete for placements.

At each month's end (mechanism 9):

1. every agency books its month — contingency fees on what its accounts paid, its costs and
   fines — learns its tone and staffing, returns the accounts no longer in arrears, and decides
   whether to leave (:meth:`~arrears.market.agents.agency.Agency.close_month`);
2. when one more firm of a kind would earn a smoothed annual return on capital (12 x the
   kind's monthly profit / (its firms + 1) / the capital to enter) above
   ``agencies.entry_return``, one new firm of the best-earning kind enters (up to
   ``agencies.max_active``);
3. each lender pays its agencies' fees, sells part of the month's charged-off debt, scores its
   agencies, moves placement shares toward the champion, and places its newly eligible
   accounts: those in arrears at ``placement.placement_dpd`` or more, held in-house and not
   among the ``placement.retain_share`` it always keeps;
4. agencies that decided to leave return their accounts to the lenders' in-house teams (to be
   placed again at the next round) and leave;
5. every agency sizes its staff to its book and starts next month's tone test.

A revoked agency leaves at once, when the regulator revokes it. Agencies take the next free
collector index when they enter and keep it after they leave, so every per-collector array
grows with the market and an index always names the same firm.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from arrears.market.agents.agency import Agency, MonthResult, entry_capital_cents
from arrears.market.kernels.placement import retained_in_house

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket

FIRM_KINDS = ("agency", "digital_platform")
"""Kinds of independent collector, in the order entrants are preferred on a tie."""


class AgencyMarket:
    """The agencies and platforms of a market, their entries and exits, and the monthly round.

    Args:
        model: The market model (its in-house collectors must exist already).

    Attributes:
        agencies: Every agency and platform that has been in the market, by order of entry.
        returns: Smoothed annual return on capital one more firm of each kind would earn (None
            before any).
        entries_today: Firms that entered today.
        exits_today: Firms that left today.
        fees_today_cents: Contingency fees paid today (at a month's end), cents.
        collected_today_cents: Cash paid on the firms' accounts in the month closed today (at a
            month's end), cents.
        placed_today_cents: Balance of the accounts placed with firms today (at a month's end),
            cents.
        profit_today_cents: Profit the firms booked today (at a month's end), cents.
        debt_sold_today_cents: Face value of charged-off debt sold today, cents.
        sale_proceeds_today_cents: Proceeds of debt sales today (at a month's end), cents.
        entries: Entries over the recorded days.
        exits: Exits over the recorded days.
        fees_cents: Fees over the recorded days, cents.
        collected_cents: Cash paid on the firms' accounts over the recorded months, cents.
        placed_cents: Balance of the accounts placed with firms over the recorded days, each at
            its placement (an account placed again counts again), cents.
        profit_cents: Firms' profit over the recorded days, cents.
        debt_sold_cents: Face value sold over the recorded days, cents.
        sale_proceeds_cents: Debt-sale proceeds over the recorded days, cents.
        present_at_recording: Collector indices of the firms active when recording began.
    """

    def __init__(self, model: CollectionMarket) -> None:
        self.model = model
        self.params = model.parameters.agencies
        self.policy = model.parameters.placement
        self.agencies: list[Agency] = []
        self.returns: dict[str, float | None] = dict.fromkeys(FIRM_KINDS)
        self.entries_today = self.exits_today = 0
        self.fees_today_cents = self.sale_proceeds_today_cents = self.profit_today_cents = 0
        self.collected_today_cents = self.collected_cents = 0
        self.placed_today_cents = self.placed_cents = 0
        self.entries = self.exits = self.fees_cents = self.sale_proceeds_cents = 0
        self.profit_cents = self.debt_sold_cents = self.debt_sold_today_cents = 0
        self.present_at_recording: list[int] | None = None
        starting = (self.params.n_agencies, self.params.n_platforms)
        for kind, n in zip(FIRM_KINDS, starting, strict=True):
            for _ in range(n):
                self._enter(kind)
        open_ = [a.index for a in self.active]
        for lender in model.lenders:
            lender.move_shares(open_, self.policy)

    @property
    def active(self) -> list[Agency]:
        """The agencies and platforms in the market now."""
        return [a for a in self.agencies if a.working]

    def open_day(self) -> None:
        """Clear today's counters (firms that left yesterday report no cost any more)."""
        self.entries_today = self.exits_today = 0
        self.fees_today_cents = self.sale_proceeds_today_cents = self.profit_today_cents = 0
        self.debt_sold_today_cents = self.collected_today_cents = self.placed_today_cents = 0
        for agency in self.agencies:
            if agency.exited:
                agency.cents.cost_today = agency.cents.obligations_today = 0

    def month_end(self, month: np.ndarray) -> None:
        """Run the monthly round (see the module docstring).

        Args:
            month: int64[collector, ``CollectorEvent``], the month's collector counters.
        """
        closing = self.active
        results = {a.index: a.close_month(month[a.index]) for a in closing}
        self.profit_today_cents += sum(a.cents.profits[-1] for a in closing)
        self._update_returns(results)
        self._admit_entrant()
        open_ = {a.index: a for a in self.active if not a.leaving}
        eligible = self._eligible()
        owners = self.model.accounts.lender[eligible]
        for lender in self.model.lenders:
            for index, result in results.items():
                lender.pay_and_score(index, result, self.policy)
            face, proceeds = lender.sell_charged_off(self.policy)
            self.debt_sold_today_cents += face
            self.sale_proceeds_today_cents += proceeds
            lender.move_shares(sorted(open_), self.policy)
            self.placed_today_cents += lender.place(eligible[owners == lender.index], open_)
        self.fees_today_cents += sum(int(r.fees.sum()) for r in results.values())
        self.collected_today_cents += sum(int(r.collected.sum()) for r in results.values())
        for agency in self.active:
            if agency.leaving:
                self.retire(agency)
        for agency in self.active:
            agency.start_month()

    def retire(self, agency: Agency) -> None:
        """Take a firm out of the market; its accounts return to their lenders.

        Args:
            agency: The leaving firm.
        """
        booked = sum(agency.cents.profits)
        agency.leave()
        self.profit_today_cents += sum(agency.cents.profits) - booked
        self.exits_today += 1

    def record(self) -> None:
        """Add today's entries, exits, fees, collections, placements and sales to the totals."""
        if self.present_at_recording is None:
            self.present_at_recording = [a.index for a in self.active]
        self.entries += self.entries_today
        self.exits += self.exits_today
        self.fees_cents += self.fees_today_cents
        self.collected_cents += self.collected_today_cents
        self.placed_cents += self.placed_today_cents
        self.profit_cents += self.profit_today_cents
        self.sale_proceeds_cents += self.sale_proceeds_today_cents
        self.debt_sold_cents += self.debt_sold_today_cents

    def _enter(self, kind: str) -> Agency:
        """A new firm of a kind joins the market with the next collector index."""
        model, p = self.model, self.params
        platform = kind == "digital_platform"
        collectors = model.parameters.collectors
        policy = dataclasses.replace(
            collectors,
            aggressiveness=p.initial_aggressiveness,
            compliance_training=p.compliance_training,
            staff_cost_per_hour=p.staff_cost_per_hour,
            strategy=p.platform_strategy if platform else p.agency_strategy,
            call_channel="ai_bot" if platform else collectors.call_channel,
        )
        agency = Agency(model, len(model.collectors), kind, p, policy)
        model.add_collector(agency)
        self.agencies.append(agency)
        return agency

    def _update_returns(self, results: dict[int, MonthResult]) -> None:
        """Smooth each kind's entrant return: what one more firm would earn on its capital.

        12 x the kind's month's profit shared among its ``n`` firms and the entrant (``/ (n +
        1)``) / the capital to enter. An entrant takes its share of the accounts the kind
        already works, so the more firms there are the less one more expects; a rule on the
        incumbents' mean return would let firms enter until the losses began, then leave.
        """
        by_index = {a.index: a for a in self.agencies}
        capital = entry_capital_cents(self.params, self.model.parameters.regime)
        for kind in FIRM_KINDS:
            profits = [by_index[i].cents.profits[-1] for i in results if by_index[i].kind == kind]
            if not profits or capital <= 0:
                continue
            annual = 12 * sum(profits) / (len(profits) + 1) / capital
            last = self.returns[kind]
            self.returns[kind] = (
                annual if last is None else last + self.params.return_smoothing * (annual - last)
            )

    def _admit_entrant(self) -> None:
        """One firm of the best-earning kind enters if its return beats the entry return."""
        if len(self.active) >= self.params.max_active:
            return
        earning = [
            (annual, -FIRM_KINDS.index(kind), kind)
            for kind, annual in self.returns.items()
            if annual is not None and annual > self.params.entry_return
        ]
        if earning:
            self._enter(max(earning)[2])
            self.entries_today += 1

    def _eligible(self) -> np.ndarray:
        """Accounts a lender may place today: in arrears, old enough, in-house, not retained."""
        model = self.model
        accounts, delinquent = model.accounts, model.delinquent
        in_house = accounts.collector[delinquent] == accounts.lender[delinquent]
        old_enough = accounts.dpd[delinquent] >= self.policy.placement_dpd
        rows = delinquent[in_house & old_enough]
        kept = retained_in_house(model.run_constants.seed, rows, self.policy.retain_share)
        return rows[~kept]
