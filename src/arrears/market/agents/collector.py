"""Collector agents: each day, which accounts to contact, how, in what tone, within what rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.market.agents.money import InCurrency
from arrears.market.engines import for_engine
from arrears.market.kernels.contact import STRATEGIES, ContactPolicy, plan_contacts
from arrears.market.mathx import round_cents, sigmoid
from arrears.market.rng import Stream, uniform
from arrears.market.tables import DAYS_PER_MONTH
from arrears.scenario.reachability import (
    ARCHETYPES,
    PROFILES,
    allowed_hours,
    best_hours,
    mean_reach,
)
from arrears.scenario.sections.channels import CHANNELS
from arrears.scenario.sections.collectors import CollectorParams

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket


@dataclass
class CollectorCents:
    """A collector's money as the model books it, integer cents (see :class:`Collector`)."""

    cost_today: int = 0
    obligations_today: int = 0
    cost_total: int = 0
    fines: int = 0


class Collector(mesa.Agent):
    """An in-house collection team working its lender's accounts in arrears.

    In-house teams are salaried cost centres of their lender: they hold the lender's early
    arrears and whatever it does not place with agencies, keep their tone, and run no tone
    test (:class:`~arrears.market.agents.agency.Agency` extends them into independent firms).

    Each day the team calls for up to ``calling_hours`` hours, the hours in which the borrowers
    on its worklist answer most (every hour costs the same, so these give the most right-party
    contacts per unit of cost; an hour far poorer than the day's best is not worth its wages),
    within its firm's own hours and the regulator's window; where
    its best hours reach beyond the window, it either keeps to the window or, with its breach
    probability, calls in its best hours anyway (each attempt that falls outside is an hours
    violation). Its capacity is ``staff x 60 x calling hours`` staff-minutes, spent by
    :func:`~arrears.market.kernels.contact.plan_contacts` (un-jitted in the agents engine), which
    also checks every contact against the regime's caps. It pays each attempt's channel cost, its
    staff's wages for the calling hours, and any fines. Audits that find violations raise its
    compliance training; enough findings suspend it or revoke its licence.

    Attributes:
        index: The collector's index in the account table's ``collector`` column.
        kind: ``"in_house"`` (see :data:`~arrears.scenario.sections.collectors.COLLECTOR_KINDS`).
        staff: Collectors on the team (full-time equivalents).
        tone: Aggressiveness of its conversations now (0 friendly ... 1 aggressive).
        policy: Strategy, channels, tone, plans and compliance (a ``[collectors]`` section).
        training: Compliance training now (0-1; rises after findings).
        findings: Audits that substantiated violations so far.
        suspended_until: No contact before this day.
        revoked: Whether its licence has been revoked (it contacts no one again).
        hours: int64, today's calling hours, ascending (empty when it makes no contact).
        window_reach: float64[archetype], today's mean answering chance over its calling hours.
        attempts_today: int64[channel], attempts planned today.
        cost_today: Today's cost, currency units (attempts, wages and the regime's
            obligations).
        obligations_today: The part of it the regime's obligations cost (the compliance
            function, call recording; an agency's licence), currency units.
        cost_total: Cost since day 0, currency units.
        fines: Fines paid since day 0, currency units.
        cents: The same amounts in integer cents, as the model books them.
    """

    model: CollectionMarket
    cost_today = InCurrency()
    obligations_today = InCurrency()
    cost_total = InCurrency()
    fines = InCurrency()

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
        self.hours = np.zeros(0, np.int64)
        self.window_reach = np.zeros(len(ARCHETYPES))
        self.attempts_today = np.zeros(len(CHANNELS), np.int64)
        self.cents = CollectorCents()
        channels, regime = model.parameters.channels, model.parameters.regime
        self._cost_cents = np.array([round_cents(c * 100) for c in channels.cost], np.int64)
        self._obligations_per_day_cents = round_cents(
            regime.compliance_cost_per_month * 100 / DAYS_PER_MONTH
        )

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

    def calling_hours(self) -> np.ndarray:
        """Today's calling hours: the best ``calling_hours`` hours within the rules, or not.

        An hour's value is the chance that a call then reaches a borrower of the team's
        worklist (the answering profiles weighted by the worklist's mix of archetypes); of the
        hours it may use, one is worth calling in if its value is at least ``min_hour_value``
        times the best of them. The team takes the best hours worth calling in within its
        firm's own hours and the regulator's window (fewer than ``calling_hours`` if there are
        fewer); if its best hours worth calling in within its firm's own hours alone differ, it
        takes those instead with its breach probability (one draw a day).

        Returns:
            int64 hours, ascending; empty when the team may not call today.
        """
        model, policy = self.model, self.policy
        value = self._answer_mix() @ PROFILES[:, int(model.day % 7 >= 5), :]
        own = allowed_hours(policy.firm_start_hour, policy.firm_end_hour)
        lawful = self._best_worth_calling(value, own & model.regulator.allowed_hours(model.day))
        best = self._best_worth_calling(value, own)
        if not np.array_equal(best, lawful):
            u = uniform(model.run_constants.seed, Stream.COLLECTOR_BREACH, model.day, self.index, 0)
            if u < self.breach_probability:
                return best
        return lawful

    def _best_worth_calling(self, value: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        """The best ``calling_hours`` allowed hours worth calling in (see :meth:`calling_hours`).

        Args:
            value: float64[hour], the chance a call in each hour reaches a borrower.
            allowed: bool[hour], the hours the team may use.

        Returns:
            int64 hours, ascending.
        """
        floor = self.policy.min_hour_value * value.max(initial=0.0, where=allowed)
        return best_hours(value, allowed & (value >= floor), self.policy.calling_hours)

    def _answer_mix(self) -> np.ndarray:
        """Shares of each archetype on today's worklist (the population's, if it is empty)."""
        model = self.model
        worklist = model.worklist(self.index)
        if len(worklist) == 0:
            return np.asarray(model.parameters.population.archetype_shares, np.float64)
        archetypes = model.borrowers.archetype[model.accounts.borrower[worklist]]
        counts = np.bincount(archetypes, minlength=len(ARCHETYPES))
        return counts / counts.sum()

    def contact_policy(self) -> ContactPolicy:
        """How the team works its worklist today, as the contact planner takes it.

        Its policy's strategy, channels and contact thresholds, and the staff-minutes of
        today's calling hours (``staff x 60 x hours``).

        Returns:
            The settings :func:`~arrears.market.kernels.contact.plan_contacts` takes.
        """
        policy = self.policy
        return ContactPolicy(
            strategy=STRATEGIES.index(policy.strategy),
            capacity_minutes=self.staff * 60.0 * len(self.hours),
            call_channel=CHANNELS.index(policy.call_channel),
            call_attempts=policy.attempts_per_account_per_day,
            message_channel=CHANNELS.index(policy.message_channel),
            legal_letter_dpd=policy.legal_letter_dpd,
            visit_min_dpd=policy.visit_min_dpd,
            third_party_min_dpd=policy.third_party_min_dpd,
            third_party_all_dpd=policy.third_party_all_dpd,
            self_cure_threshold=policy.self_cure_threshold,
        )

    def plan_contacts(self) -> None:
        """Choose today's hours and contacts within the team's capacity; book the day's cost.

        The day's cost is each attempt's channel cost, the staff's wages for the calling
        hours, and the regime's obligations: the compliance function (every day, a fixed cost
        whatever the team's size) and the recording of its calls (per staff-hour).
        """
        model, policy = self.model, self.policy
        self.attempts_today[:] = 0
        self.hours = np.zeros(0, np.int64)
        self.window_reach = np.zeros(len(ARCHETYPES))
        if not self.revoked and model.day >= self.suspended_until:
            self.hours = self.calling_hours()
        if len(self.hours):
            self.window_reach = mean_reach(self.hours, weekend=model.day % 7 >= 5)
            self.attempts_today = for_engine(plan_contacts, model.engine)(
                model.worklist(self.index),
                model.day,
                self.contact_policy(),
                self.window_reach,
                np.array([self.breach_probability, self.test_breach_probability]),
                model.run_constants,
                model.borrowers,
                model.accounts,
            )
        staff_hours = self.staff * len(self.hours)
        recording = model.parameters.regime.recording_cost_per_hour
        self.cents.obligations_today = self._obligations_per_day_cents + round_cents(
            staff_hours * recording * 100
        )
        staff_cost = round_cents(staff_hours * policy.staff_cost_per_hour * 100)
        self.cents.cost_today = (
            int(self.attempts_today @ self._cost_cents) + staff_cost + self.cents.obligations_today
        )
        self.cents.cost_total += self.cents.cost_today

    def sanction(self, fine_cents: int, suspension_days: int, revoke: bool) -> None:
        """Take an audit's findings: pay the fine, train staff, and stop if suspended or revoked.

        Args:
            fine_cents: The fine, cents.
            suspension_days: Days without contact from tomorrow (0 for none).
            revoke: Whether the licence is revoked for good.
        """
        self.findings += 1
        self.cents.fines += fine_cents
        self.training = min(1.0, self.training + self.policy.training_per_finding)
        if suspension_days > 0:
            self.suspended_until = self.model.day + 1 + suspension_days
        self.revoked = self.revoked or revoke
