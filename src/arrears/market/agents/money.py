"""Money on agents: booked in integer cents, shown in currency units.

The model books every amount in integer cents, so that money is conserved to the cent. An agent
shows its money in currency units, as a Borrower agent shows its rows of the (cent) tables:
each money-holding agent keeps its amounts in a ledger of integer cents, ``agent.cents``, and
declares each one an :class:`InCurrency` attribute of the same name (``collector.cost_today``
is ``collector.cents.cost_today / 100``).
"""

from __future__ import annotations

from typing import Any, overload


class InCurrency:
    """A read-only agent attribute in currency units: its ledger's amount of that name / 100."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, agent: None, owner: type) -> InCurrency: ...

    @overload
    def __get__(self, agent: object, owner: type | None = None) -> float: ...

    def __get__(self, agent: Any, owner: type | None = None) -> InCurrency | float:
        """The amount in currency units (the descriptor itself, read on the class)."""
        if agent is None:
            return self
        return getattr(agent.cents, self.name) / 100

    def __set__(self, agent: object, value: object) -> None:
        """Refuse: the model books the amount in cents (``agent.cents``)."""
        raise AttributeError(
            f"{self.name} is read-only (currency units); the model books it in "
            f"cents.{self.name}, integer cents"
        )
