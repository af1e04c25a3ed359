"""Lender agents: own the loans, set the charge-off policy and book the day's cash flows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.accounts import LenderEvent

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Lender(mesa.Agent):
    """A lender and its portfolio's running totals.

    Attributes:
        index: The lender's index in the account table's ``lender`` column.
        charge_off_dpd: Days past due at which the lender writes an account off.
        totals: int64[event], the portfolio's counters since day 0 (cents and counts; see
            :class:`~arrears.accounts.LenderEvent`).
    """

    def __init__(self, model: CollectionMarket, index: int, charge_off_dpd: int) -> None:
        super().__init__(model)
        self.index = index
        self.charge_off_dpd = charge_off_dpd
        self.totals = model.lender_totals[index]

    def book_day(self) -> None:
        """Add today's events of the portfolio to the lender's running totals."""
        self.totals += self.model.lender_events_today[self.index]

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
