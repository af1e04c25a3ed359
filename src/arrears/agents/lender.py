"""Lender agents: own the loans, set the charge-off policy, sue, and book the day's cash flows.

Lenders with agencies in the market also, at each month's end, sell part of the month's
charged-off balances, score their agencies and move placement shares (champion/challenger),
and place newly eligible accounts (see :class:`~arrears.params.PlacementParams`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.accounts import DAYS_PER_MONTH, LenderEvent
from arrears.kernels.litigation import file_suits, litigation_candidates
from arrears.kernels.placement import choose_agencies
from arrears.mathx import round_cents
from arrears.params import LITIGATION_TARGETS, PlacementParams

if TYPE_CHECKING:
    from arrears.agents.agency import Agency, MonthResult
    from arrears.model import CollectionMarket

_NET, _EXPOSURE, _COMPLAINTS, _HELD, _SANCTIONS = range(5)
"""Entries of a scorecard row: net recovery (cents), exposure (cents), complaints, accounts
held, sanctions — each an exponentially smoothed monthly figure."""


class Lender(mesa.Agent):
    """A lender and its portfolio's running totals.

    Attributes:
        index: The lender's index in the account table's ``lender`` column.
        charge_off_dpd: Days past due at which the lender writes an account off.
        totals: int64[event], the portfolio's counters since day 0 (cents and counts; see
            :class:`~arrears.accounts.LenderEvent`).
        filing_carry: The fraction of a suit the monthly filing quota carried over (so a
            small portfolio still sues its share over the months).
        shares: Placement share of each agency it uses, by collector index (sums to 1).
        scorecard: Smoothed monthly figures of each agency it has placed with, by index.
        fees_paid_cents: Contingency fees paid to agencies since day 0, cents.
        debt_sold_cents: Face value of charged-off debt sold since day 0, cents.
        sale_proceeds_cents: Cash received for it, cents.
    """

    model: CollectionMarket

    def __init__(self, model: CollectionMarket, index: int, charge_off_dpd: int) -> None:
        super().__init__(model)
        self.index = index
        self.charge_off_dpd = charge_off_dpd
        self.totals = model.lender_totals[index]
        self.filing_carry = 0.0
        self.shares: dict[int, float] = {}
        self.scorecard: dict[int, np.ndarray] = {}
        self.fees_paid_cents = 0
        self.debt_sold_cents = 0
        self.sale_proceeds_cents = 0
        self._written_off_mark = 0

    def book_day(self) -> None:
        """Add today's events of the portfolio to the lender's running totals."""
        self.totals += self.model.lender_events_today[self.index]

    def litigate(self) -> None:
        """At a month's end, sue a share of the eligible accounts, largest balances first.

        Eligibility (:func:`~arrears.kernels.litigation.litigation_candidates`) follows the
        ``[litigation]`` policy and the regime: none where litigation is banned; under a
        forbearance duty only accounts on which a plan was offered. The quota is
        ``filing_share x eligible`` suits plus the fraction carried from last month. Each suit
        costs the lender ``filing_cost``. Both engines run the same selection on the same
        list of accounts in arrears.
        """
        model = self.model
        policy = model.parameters.litigation
        if (
            (model.day + 1) % DAYS_PER_MONTH
            or not model.parameters.regime.litigation_allowed
            or policy.filing_share == 0.0
        ):
            return
        compiled = model.engine == "numba"
        find = litigation_candidates if compiled else litigation_candidates.py_func
        eligible = find(
            model.delinquent,
            self.index,
            model.day,
            policy.min_dpd,
            round_cents(policy.min_balance * 100),
            LITIGATION_TARGETS.index(policy.target),
            model.run_constants,
            model.borrowers,
            model.accounts,
        )
        quota = policy.filing_share * len(eligible) + self.filing_carry
        n_suits = int(quota)
        self.filing_carry = quota - n_suits
        if n_suits == 0:
            return
        largest_first = np.argsort(-model.accounts.balance[eligible], kind="stable")
        sue = eligible[largest_first[:n_suits]]
        events = model.lender_events_today[self.index]
        (file_suits if compiled else file_suits.py_func)(
            sue, model.day, model.run_constants, model.borrowers, model.accounts, events
        )
        events[LenderEvent.LITIGATION_COST] += n_suits * round_cents(policy.filing_cost * 100)

    def total(self, event: LenderEvent) -> int:
        """A running total since day 0.

        Args:
            event: Which counter.

        Returns:
            The total (cents for money, a count otherwise).
        """
        return int(self.totals[event])

    @property
    def collected(self) -> float:
        """Cash collected from borrowers since day 0, currency units."""
        return self.total(LenderEvent.COLLECTED) / 100

    @property
    def written_off(self) -> float:
        """Balances charged off since day 0, currency units."""
        return self.total(LenderEvent.WRITTEN_OFF) / 100

    def portfolio_balance(self) -> float:
        """Outstanding balance of the lender's open accounts, currency units."""
        return float(np.sum(self.model.stocks[self.index, 0])) / 100

    # -- the month's placement round ------------------------------------------------------

    def sell_charged_off(self, policy: PlacementParams) -> tuple[int, int]:
        """Sell a share of the balances charged off since the last sale (a forward-flow sale).

        The buyer is outside the market: the account stays written off in the lender's
        ledger, and the price is cash the lender receives on top of its collections.

        Args:
            policy: The lenders' placement and sale policy.

        Returns:
            The face value sold and the proceeds, cents.
        """
        written_off = self.total(LenderEvent.WRITTEN_OFF)
        face = round_cents((written_off - self._written_off_mark) * policy.debt_sale_share)
        self._written_off_mark = written_off
        proceeds = round_cents(face * policy.debt_sale_price)
        self.debt_sold_cents += face
        self.sale_proceeds_cents += proceeds
        return face, proceeds

    def pay_and_score(self, agency: int, result: MonthResult, policy: PlacementParams) -> None:
        """Pay an agency's fees for the month and add the month to its scorecard.

        The agency's complaints are attributed to the lender in proportion to the accounts it
        held for the lender; a sanction counts against it with every lender.

        Args:
            agency: The agency's collector index.
            result: The agency's month.
            policy: The lenders' placement policy (smoothing).
        """
        i = self.index
        self.fees_paid_cents += int(result.fees[i])
        held_total = int(result.held.sum())
        if result.held[i] == 0:
            return
        month = np.zeros(5)
        month[_NET] = result.collected[i] - result.fees[i]
        month[_EXPOSURE] = result.exposure[i]
        month[_COMPLAINTS] = result.complaints * result.held[i] / held_total
        month[_HELD] = result.held[i]
        month[_SANCTIONS] = result.sanctions
        card = self.scorecard.get(agency)
        self.scorecard[agency] = (
            month if card is None else card + policy.score_smoothing * (month - card)
        )

    def agency_score(self, agency: int, policy: PlacementParams) -> float | None:
        """An agency's score on the lender's scorecard.

        Smoothed net recovery (cash less fees) per unit of placed balance a month, less
        ``complaint_penalty`` per complaint per 100 accounts held and ``sanction_penalty`` per
        sanction; None before it has held any of the lender's accounts.

        Args:
            agency: The agency's collector index.
            policy: The lenders' placement policy.

        Returns:
            The score, or None.
        """
        card = self.scorecard.get(agency)
        if card is None or card[_EXPOSURE] <= 0:
            return None
        return float(
            card[_NET] / card[_EXPOSURE]
            - policy.complaint_penalty * 100 * card[_COMPLAINTS] / card[_HELD]
            - policy.sanction_penalty * card[_SANCTIONS]
        )

    def move_shares(self, agencies: list[int], policy: PlacementParams) -> None:
        """Move placement shares toward the champion/challenger target.

        The target gives every agency ``challenger_share / n`` and the best-scoring agency
        (the champion) the rest, or splits evenly while none has been scored; shares move a
        ``share_step`` of the way there. Agencies no longer in the market drop out.

        Args:
            agencies: Collector indices of the agencies open for placements.
            policy: The lenders' placement policy.
        """
        if not agencies:
            self.shares = {}
            return
        scores = {j: self.agency_score(j, policy) for j in agencies}
        scored = {j: score for j, score in scores.items() if score is not None}
        champion = max(scored, key=scored.__getitem__) if scored else None
        n = len(agencies)
        shares = {}
        for j in agencies:
            if champion is None:
                target = 1.0 / n
            else:
                target = policy.challenger_share / n + (1 - policy.challenger_share) * (
                    j == champion
                )
            share = self.shares.get(j, 0.0)
            shares[j] = share + policy.share_step * (target - share)
        total = sum(shares.values())
        self.shares = {j: s / total for j, s in shares.items()} if total > 0 else {}

    def place(self, rows: np.ndarray, agencies: dict[int, Agency]) -> None:
        """Place accounts with agencies in proportion to the placement shares.

        Args:
            rows: The lender's accounts to place (ascending).
            agencies: The agencies in the market, by collector index.
        """
        if not self.shares or len(rows) == 0:
            return
        order = sorted(self.shares)
        cumulative = np.cumsum([self.shares[j] for j in order])
        model = self.model
        chosen = choose_agencies(model.run_constants.seed, model.day, rows, cumulative)
        for position, j in enumerate(order):
            placed = rows[chosen == position]
            if len(placed):
                agencies[j].take(placed)
