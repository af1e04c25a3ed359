"""Lender agents: own the loans, set the charge-off policy, sue, and book the day's cash flows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.accounts import DAYS_PER_MONTH, LenderEvent
from arrears.kernels.litigation import file_suits, litigation_candidates
from arrears.mathx import round_cents
from arrears.params import LITIGATION_TARGETS

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Lender(mesa.Agent):
    """A lender and its portfolio's running totals.

    Attributes:
        index: The lender's index in the account table's ``lender`` column.
        charge_off_dpd: Days past due at which the lender writes an account off.
        totals: int64[event], the portfolio's counters since day 0 (cents and counts; see
            :class:`~arrears.accounts.LenderEvent`).
        filing_carry: The fraction of a suit the monthly filing quota carried over (so a
            small portfolio still sues its share over the months).
    """

    def __init__(self, model: CollectionMarket, index: int, charge_off_dpd: int) -> None:
        super().__init__(model)
        self.index = index
        self.charge_off_dpd = charge_off_dpd
        self.totals = model.lender_totals[index]
        self.filing_carry = 0.0

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
