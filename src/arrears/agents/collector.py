"""Collector agents: decide each day which delinquent accounts to call, within the regime."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.mathx import round_cents

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Collector(mesa.Agent):
    """An in-house collection team working its lender's delinquent accounts.

    Daily capacity is ``staff x attempts_per_staff_hour x hours in the allowed window``
    attempts; it is spent on the worklist (lowest DPD first), ``attempts_per_account`` attempts
    per worked account. A call attempt reaches the right party with probability ``call_reach``
    times the borrowers' mean answering probability over the window's hours.

    Attributes:
        index: The collector's index in the account table's ``collector`` column.
        kind: ``"in_house"``.
        staff: Collectors on the team (full-time equivalents).
        attempts_per_staff_hour: Dialling productivity.
        attempts_per_account: Attempts placed on each worked account per day.
        call_reach: Chance the right party picks up when reachable.
        cost_per_attempt_cents: Telephony cost per attempt, cents.
        staff_cost_per_day_cents: Wage cost of one staff-day, cents.
        rpc_probability: Today's chance that one attempt reaches the right party.
        attempts_today: Attempts planned today.
        cost_today_cents: Today's cost, cents.
        cost_total_cents: Cost since day 0, cents.
    """

    model: CollectionMarket

    def __init__(
        self,
        model: CollectionMarket,
        index: int,
        staff: float,
        attempts_per_staff_hour: float,
        attempts_per_account: int,
        call_reach: float,
        cost_per_attempt: float,
        staff_cost_per_day: float,
    ) -> None:
        super().__init__(model)
        self.index = index
        self.kind = "in_house"
        self.staff = staff
        self.attempts_per_staff_hour = attempts_per_staff_hour
        self.attempts_per_account = attempts_per_account
        self.call_reach = call_reach
        self.cost_per_attempt_cents = round_cents(cost_per_attempt * 100)
        self.staff_cost_per_day_cents = round_cents(staff_cost_per_day * 100)
        self.rpc_probability = 0.0
        self.attempts_today = 0
        self.cost_today_cents = 0
        self.cost_total_cents = 0

    def plan_contacts(self) -> None:
        """Choose today's accounts to call and book the day's cost."""
        model = self.model
        start, end = model.regulator.contact_window(model.day)
        hours = end - start
        if hours == 0:
            self.rpc_probability = 0.0
            self.attempts_today = 0
            self.cost_today_cents = 0
            return
        reach_by_hour = np.asarray(model.parameters.population.reach_by_hour)
        self.rpc_probability = self.call_reach * float(np.mean(reach_by_hour[start:end]))
        capacity = self.staff * self.attempts_per_staff_hour * hours
        worklist = model.worklist(self.index)
        chosen = worklist[: int(capacity // self.attempts_per_account)]
        model.accounts.attempts_today[chosen] = self.attempts_per_account
        self.attempts_today = len(chosen) * self.attempts_per_account
        self.cost_today_cents = self.attempts_today * self.cost_per_attempt_cents + round_cents(
            self.staff * self.staff_cost_per_day_cents
        )
        self.cost_total_cents += self.cost_today_cents
