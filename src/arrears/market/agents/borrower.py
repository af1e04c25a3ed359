"""Borrower agents: thin views onto rows of the borrower and account tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from arrears.market.kernels.behaviour import stress_now
from arrears.market.kernels.day import borrower_day, borrower_max_dpd
from arrears.market.kernels.harm import harm_now
from arrears.scenario.reachability import ARCHETYPES
from arrears.scenario.sections.population import TIER_NAMES

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket


BORROWER_ID_OFFSET = 1_000_000_000
"""A Borrower's ``unique_id`` is this plus its row (row 5 is ``1_000_000_005``).

Mesa numbers the other agents (the regulator, lenders, collectors, agencies) 1, 2, 3, ... in
order of creation, in both engines alike, and making borrower agents does not move its count;
firms never number a billion, so the two ranges never meet, however many borrowers join.
"""


class Borrower(mesa.Agent):
    """A borrower, reading and writing its own row of the tables (never a copy).

    Every property reads the tables, money in currency units (the tables keep cents). In the
    agents engine every borrower is an agent from the start and steps each day through the
    un-jitted :func:`~arrears.market.kernels.day.borrower_day`; in the numba engine the
    kernels do the work and an agent is made only when something asks for it
    (:meth:`~arrears.market.model.CollectionMarket.borrower`, or iterating
    ``model.agents_by_type[Borrower]``). Either way a row has one agent, made once, and the agents
    belong to ``model.agents_by_type[Borrower]`` (a :class:`~.borrower_set.BorrowerSet` of every
    borrower), not to ``model.agents``.

    Attributes:
        row: The borrower's row in ``model.borrowers`` (rows never move; new borrowers take
            the next ones).
        unique_id: :data:`BORROWER_ID_OFFSET` plus the row: the same in both engines, for
            the whole run, and unique among all the model's agents (Mesa numbers the others
            from 1). :meth:`~arrears.market.model.CollectionMarket.borrower` takes the row.
    """

    model: CollectionMarket

    def __init__(self, model: CollectionMarket, row: int) -> None:
        self.row = row
        super().__init__(model)
        self.unique_id = BORROWER_ID_OFFSET + row

    @property
    def tier(self) -> str:
        """Risk tier name."""
        return TIER_NAMES[int(self.model.borrowers.tier[self.row])]

    @property
    def employed(self) -> bool:
        """Whether the borrower has a job this month."""
        return bool(self.model.borrowers.employed[self.row])

    @property
    def income(self) -> float:
        """Monthly income while employed, currency units."""
        return float(self.model.borrowers.income[self.row]) / 100

    @property
    def buffer(self) -> float:
        """Liquid savings available for payments, currency units."""
        return float(self.model.borrowers.buffer[self.row]) / 100

    @property
    def willingness(self) -> float:
        """Own willingness to pay, log-odds."""
        return float(self.model.borrowers.willingness[self.row])

    @property
    def stress(self) -> float:
        """Financial stress today (0-1)."""
        model = self.model
        return stress_now(self.row, model.day, model.run_constants, model.borrowers)

    @property
    def harm(self) -> float:
        """Remembered harm of collection today (harm units; see :mod:`.kernels.harm`)."""
        model = self.model
        return harm_now(self.row, model.day, model.run_constants, model.borrowers)

    @property
    def lost_contact(self) -> bool:
        """Whether the borrower has stopped answering collectors (失联)."""
        return bool(self.model.borrowers.lost_contact[self.row])

    @property
    def archetype(self) -> str:
        """When the borrower answers calls (see :mod:`arrears.scenario.reachability`)."""
        return ARCHETYPES[int(self.model.borrowers.archetype[self.row])]

    @property
    def accounts(self) -> range:
        """Rows of the borrower's accounts in ``model.accounts``."""
        first = int(self.model.borrowers.first_account[self.row])
        return range(first, first + int(self.model.borrowers.n_accounts[self.row]))

    @property
    def arrears(self) -> float:
        """Total unpaid billed amount over the borrower's accounts, currency units."""
        return float(sum(int(self.model.accounts.arrears[a]) for a in self.accounts)) / 100

    @property
    def max_dpd(self) -> int:
        """Days past due of the borrower's most delinquent open account (0 if none is overdue)."""
        model = self.model
        return borrower_max_dpd(self.row, model.borrowers, model.accounts)

    def step(self) -> None:
        """Live one day: payday, then each account (the un-jitted shared kernel)."""
        model = self.model
        borrower_day.py_func(
            self.row,
            model.today,
            model.run_constants,
            model.borrowers,
            model.accounts,
            model.counters_today,
        )
