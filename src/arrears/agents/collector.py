"""Collector agents: decide each day which accounts to contact, how, and in what tone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.kernels.contact import STRATEGIES, plan_contacts
from arrears.mathx import round_cents
from arrears.params import CHANNELS, CollectorParams
from arrears.reachability import window_reach

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Collector(mesa.Agent):
    """An in-house collection team working its lender's accounts in arrears.

    Each day it has ``staff x 60 x hours in the regulator's window`` staff-minutes. It plans its
    contacts with :func:`~arrears.kernels.contact.plan_contacts` (un-jitted in the agents engine)
    and pays each attempt's channel cost plus its staff's wages for the hours they may call.

    Attributes:
        index: The collector's index in the account table's ``collector`` column.
        kind: ``"in_house"``.
        staff: Collectors on the team (full-time equivalents).
        policy: Strategy, channels, tone and plan offers (a ``[collectors]`` section).
        window_reach: float64[archetype], today's mean answering chance over the window.
        attempts_today: int64[channel], attempts planned today.
        cost_today_cents: Today's cost, cents.
        cost_total_cents: Cost since day 0, cents.
    """

    model: CollectionMarket

    def __init__(
        self, model: CollectionMarket, index: int, staff: float, policy: CollectorParams
    ) -> None:
        super().__init__(model)
        self.index = index
        self.kind = "in_house"
        self.staff = staff
        self.policy = policy
        self.window_reach = np.zeros(0)
        self.attempts_today = np.zeros(len(CHANNELS), np.int64)
        self.cost_today_cents = 0
        self.cost_total_cents = 0
        channels = model.parameters.channels
        self._cost_cents = np.array([round_cents(c * 100) for c in channels.cost], np.int64)

    @property
    def aggressiveness(self) -> float:
        """Tone of the team's conversations, 0 friendly ... 1 aggressive."""
        return self.policy.aggressiveness

    def plan_contacts(self) -> None:
        """Choose today's contacts within the window and the team's capacity; book the cost."""
        model = self.model
        start, end = model.regulator.contact_window(model.day)
        self.window_reach = window_reach(start, end, weekend=model.day % 7 >= 5)
        self.attempts_today[:] = 0
        self.cost_today_cents = 0
        hours = end - start
        if hours == 0:
            return
        planner = plan_contacts if model.engine == "numba" else plan_contacts.py_func
        policy = self.policy
        self.attempts_today = planner(
            model.worklist(self.index),
            STRATEGIES.index(policy.strategy),
            self.staff * 60.0 * hours,
            CHANNELS.index(policy.call_channel),
            policy.attempts_per_account_per_day,
            CHANNELS.index(policy.message_channel),
            policy.legal_letter_dpd,
            policy.visit_min_dpd,
            policy.self_cure_threshold,
            self.window_reach,
            model.run_constants,
            model.borrowers,
            model.accounts,
        )
        staff_cost = round_cents(self.staff * hours * policy.staff_cost_per_hour * 100)
        self.cost_today_cents = int(self.attempts_today @ self._cost_cents) + staff_cost
        self.cost_total_cents += self.cost_today_cents
