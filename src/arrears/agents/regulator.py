"""The regulator agent: the authority whose regime bounds every collector's contact."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from arrears.regimes import Regime

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Regulator(mesa.Agent):
    """The market's regulator.

    Collectors ask it when they may contact borrowers.

    Attributes:
        regime: The rules in force.
    """

    def __init__(self, model: CollectionMarket, regime: Regime) -> None:
        super().__init__(model)
        self.regime = regime

    def contact_window(self, day: int) -> tuple[int, int]:
        """The hours ``[start, end)`` in which contact is allowed on a day.

        Args:
            day: Simulation day.

        Returns:
            Start and end hour (equal when no contact is allowed).
        """
        return self.regime.window(day)
