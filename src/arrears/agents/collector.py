"""Collector agents: each day, which accounts to contact, how, in what tone, within what rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.kernels.contact import STRATEGIES, plan_contacts
from arrears.mathx import round_cents, sigmoid
from arrears.params import CHANNELS, CollectorParams
from arrears.reachability import window_reach
from arrears.rng import Stream, uniform

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Collector(mesa.Agent):
    """An in-house collection team working its lender's accounts in arrears.

    In-house teams are salaried cost centres of their lender: they hold the lender's early
    arrears and whatever it does not place with agencies, keep their tone, and run no tone
    test (:class:`~arrears.agents.agency.Agency` extends them into independent firms).

    Each day the team would call in its preferred hours; where those stretch beyond the
    regulator's window, it either keeps to the window or, with its breach probability, calls
    in its preferred hours anyway (an hours violation for the calls placed outside). Its
    capacity is ``staff x 60 x calling hours`` staff-minutes, spent by
    :func:`~arrears.kernels.contact.plan_contacts` (un-jitted in the agents engine), which also
    checks every contact against the regime's caps. It pays each attempt's channel cost, its
    staff's wages for the calling hours, and any fines. Audits that find violations raise its
    compliance training; enough findings suspend it or revoke its licence.

    Attributes:
        index: The collector's index in the account table's ``collector`` column.
        kind: ``"in_house"`` (see :data:`~arrears.params.COLLECTOR_KINDS`).
        staff: Collectors on the team (full-time equivalents).
        tone: Aggressiveness of its conversations now (0 friendly ... 1 aggressive).
        policy: Strategy, channels, tone, plans and compliance (a ``[collectors]`` section).
        training: Compliance training now (0-1; rises after findings).
        findings: Audits that substantiated violations so far.
        suspended_until: No contact before this day.
        revoked: Whether its licence has been revoked (it contacts no one again).
        window_reach: float64[archetype], today's mean answering chance over its calling hours.
        attempts_today: int64[channel], attempts planned today.
        cost_today_cents: Today's cost, cents (attempts and wages).
        cost_total_cents: Cost since day 0, cents.
        fines_cents: Fines paid since day 0, cents.
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
        self.tone = policy.aggressiveness
        self.training = policy.compliance_training
        self.findings = 0
        self.suspended_until = 0
        self.revoked = False
        self.window_reach = np.zeros(0)
        self.attempts_today = np.zeros(len(CHANNELS), np.int64)
        self.cost_today_cents = 0
        self.cost_total_cents = 0
        self.fines_cents = 0
        channels = model.parameters.channels
        self._cost_cents = np.array([round_cents(c * 100) for c in channels.cost], np.int64)

    @property
    def aggressiveness(self) -> float:
        """Tone of the team's conversations, 0 friendly ... 1 aggressive."""
        return self.tone

    @property
    def test_aggressiveness(self) -> float:
        """Tone tried on the accounts in the test arm (in-house teams test none: their own)."""
        return self.tone

    @property
    def working(self) -> bool:
        """Whether the collector is in the market (in-house teams always are)."""
        return True

    @property
    def breach_probability(self) -> float:
        """Chance the team carries out a contact that breaks a rule, at its own tone."""
        return self.breach_probability_at(self.aggressiveness)

    @property
    def test_breach_probability(self) -> float:
        """Chance of carrying out a rule-breaking contact at the tone under test."""
        return self.breach_probability_at(self.test_aggressiveness)

    def breach_probability_at(self, tone: float) -> float:
        """Chance the team carries out a contact that breaks a rule, at a tone.

        ``sigmoid(breach_logit + breach_aggressiveness tone - breach_training training)``.

        Args:
            tone: Aggressiveness, 0-1.

        Returns:
            The probability.
        """
        p = self.policy
        return sigmoid(
            p.breach_logit + p.breach_aggressiveness * tone - p.breach_training * self.training
        )

    def calling_hours(self) -> tuple[int, int, float]:
        """Today's calling hours and the share of them outside the allowed window.

        Returns:
            ``(start, end, outside_share)``; ``start == end`` when the team does not call.
        """
        model, policy = self.model, self.policy
        allowed_start, allowed_end = model.regulator.contact_window(model.day)
        start, end = policy.preferred_start_hour, policy.preferred_end_hour
        lawful = max(0, min(end, allowed_end) - max(start, allowed_start))
        outside = (end - start) - lawful
        if outside > 0:
            u = uniform(model.run_constants.seed, Stream.COLLECTOR_BREACH, model.day, self.index, 0)
            if u < self.breach_probability:
                return start, end, outside / (end - start)
        if lawful == 0:
            return 0, 0, 0.0
        return max(start, allowed_start), min(end, allowed_end), 0.0

    def plan_contacts(self) -> None:
        """Choose today's contacts within the team's capacity; book the day's cost."""
        model = self.model
        self.attempts_today[:] = 0
        self.cost_today_cents = 0
        self.window_reach = window_reach(0, 0, weekend=False)
        if self.revoked or model.day < self.suspended_until:
            return
        start, end, outside_share = self.calling_hours()
        hours = end - start
        if hours == 0:
            return
        self.window_reach = window_reach(start, end, weekend=model.day % 7 >= 5)
        planner = plan_contacts if model.engine == "numba" else plan_contacts.py_func
        policy = self.policy
        self.attempts_today = planner(
            model.worklist(self.index),
            model.day,
            STRATEGIES.index(policy.strategy),
            self.staff * 60.0 * hours,
            CHANNELS.index(policy.call_channel),
            policy.attempts_per_account_per_day,
            CHANNELS.index(policy.message_channel),
            policy.legal_letter_dpd,
            policy.visit_min_dpd,
            policy.third_party_min_dpd,
            policy.third_party_all_dpd,
            policy.self_cure_threshold,
            self.window_reach,
            np.array([self.breach_probability, self.test_breach_probability]),
            outside_share,
            model.run_constants,
            model.borrowers,
            model.accounts,
        )
        staff_cost = round_cents(self.staff * hours * policy.staff_cost_per_hour * 100)
        self.cost_today_cents = int(self.attempts_today @ self._cost_cents) + staff_cost
        self.cost_total_cents += self.cost_today_cents

    def sanction(self, fine_cents: int, suspension_days: int, revoke: bool) -> None:
        """Take an audit's findings: pay the fine, train staff, and stop if suspended or revoked.

        Args:
            fine_cents: The fine, cents.
            suspension_days: Days without contact from tomorrow (0 for none).
            revoke: Whether the licence is revoked for good.
        """
        self.findings += 1
        self.fines_cents += fine_cents
        self.training = min(1.0, self.training + self.policy.training_per_finding)
        if suspension_days > 0:
            self.suspended_until = self.model.day + 1 + suspension_days
        self.revoked = self.revoked or revoke
