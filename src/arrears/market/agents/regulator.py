"""The regulator agent: sets the contact rules, audits collectors and sanctions violations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.market.agents.money import InCurrency
from arrears.market.kernels.compliance import count_detected
from arrears.market.mathx import exp, round_cents
from arrears.market.rng import Stream, uniform
from arrears.market.tables import DAYS_PER_MONTH, VIOLATION_TYPES, CollectorEvent, LenderEvent
from arrears.scenario.reachability import allowed_hours
from arrears.scenario.regimes import Regime

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket


@dataclass
class RegulatorCents:
    """The fines a regulator imposes, integer cents (see :class:`Regulator`)."""

    fines_today: int = 0
    in_house_fines_today: int = 0
    fines: int = 0
    in_house_fines: int = 0


class Regulator(mesa.Agent):
    """The market's regulator.

    Collectors ask it when they may contact borrowers. At the end of each month it audits
    collectors: each with probability ``1 - exp(-audit_per_complaint x complaints)`` from the
    complaints it received about them that month, the most complained-about first, within its
    budget of audits. An audit substantiates each of the month's violations with the detection
    probability, and every violation committed on a recorded home visit for certain; a
    collector with findings is fined per violation found, and after enough findings suspended
    or revoked. Where the regime says so it then publishes each lender's complaints of the
    month (those about collection on its accounts that reached the regulator) per 1,000 of its
    open accounts; lenders read them when they next review their month.

    Attributes:
        regime: The rules in force.
        audits_today: Audits made today.
        fines_today: Fines imposed today, currency units.
        in_house_fines_today: The part of them imposed on lenders' in-house teams, currency
            units.
        suspensions_today: Suspensions imposed today.
        revocations_today: Licences revoked today.
        audits: Audits over the recorded days.
        fines: Fines over the recorded days, currency units.
        in_house_fines: The part of them imposed on in-house teams, currency units.
        suspensions: Suspensions over the recorded days.
        revocations: Revocations over the recorded days.
        published_complaints_per_1000: float64[lender], the last published complaint counts
            per 1,000 open accounts (zeros before the first publication, or if none).
        cents: The fines in integer cents, as the model books them.
    """

    model: CollectionMarket
    fines_today = InCurrency()
    in_house_fines_today = InCurrency()
    fines = InCurrency()
    in_house_fines = InCurrency()

    def __init__(self, model: CollectionMarket, regime: Regime) -> None:
        super().__init__(model)
        self.regime = regime
        self.cents = RegulatorCents()
        self.audits_today = self.suspensions_today = self.revocations_today = 0
        self.audits = self.suspensions = self.revocations = 0
        n_lenders = model.parameters.lenders.n_lenders
        self.published_complaints_per_1000 = np.zeros(n_lenders)
        self._complaints_published = np.zeros(n_lenders, np.int64)

    def allowed_hours(self, day: int) -> np.ndarray:
        """The hours in which contact is allowed on a day.

        Args:
            day: Simulation day.

        Returns:
            bool[hour], True where contact is allowed.
        """
        return allowed_hours(*self.regime.window(day))

    def step(self) -> None:
        """At a month's end, audit collectors on the month's complaints, sanction, publish."""
        self.audits_today = self.cents.fines_today = self.cents.in_house_fines_today = 0
        self.suspensions_today = self.revocations_today = 0
        model = self.model
        if (model.day + 1) % DAYS_PER_MONTH:
            return
        month = model.collector_month
        complaints = month[:, CollectorEvent.COMPLAINTS_TO_REGULATOR]
        violations = month[
            :,
            CollectorEvent.VIOLATIONS_BY_TYPE : CollectorEvent.VIOLATIONS_BY_TYPE
            + len(VIOLATION_TYPES),
        ].sum(axis=1)
        recorded = month[:, CollectorEvent.RECORDED_VIOLATIONS]
        for index in np.argsort(-complaints, kind="stable")[: self.regime.audits_per_month]:
            if complaints[index] > 0:
                self._audit(
                    int(index),
                    int(complaints[index]),
                    int(violations[index]),
                    int(recorded[index]),
                )
        month[:] = 0
        self.publish_complaints()

    def publish_complaints(self) -> None:
        """Publish each lender's complaints of the month per 1,000 of its open accounts."""
        model = self.model
        complaints = model.lender_totals[:, LenderEvent.COMPLAINTS_TO_REGULATOR]
        month = complaints - self._complaints_published
        self._complaints_published = complaints.copy()
        if not self.regime.publish_complaints:
            return
        open_accounts = model.stocks[:, 1].sum(axis=1)
        self.published_complaints_per_1000 = 1000.0 * month / np.maximum(open_accounts, 1)

    def _audit(self, index: int, complaints: int, violations: int, recorded: int) -> None:
        """Perhaps audit one collector, and sanction what the audit substantiates.

        Args:
            index: Collector index.
            complaints: Complaints about it that reached the regulator this month.
            violations: Its violations this month.
            recorded: How many of them were committed on a recorded visit.
        """
        regime, model = self.regime, self.model
        seed = model.run_constants.seed
        chance = 1.0 - exp(-regime.audit_per_complaint * complaints)
        if uniform(seed, Stream.AUDIT, model.day, index, 0) >= chance:
            return
        self.audits_today += 1
        unrecorded = violations - recorded
        found = recorded + count_detected(
            seed, model.day, index, unrecorded, regime.detection_probability
        )
        if found == 0:
            return
        collector = model.collectors[index]
        findings = collector.findings + 1
        revoke = 0 < regime.revocation_findings <= findings
        suspend = (
            regime.suspension_findings > 0
            and findings % regime.suspension_findings == 0
            and not revoke
        )
        fine = round_cents(found * regime.fine_per_violation * 100)
        newly_revoked = revoke and not collector.revoked
        collector.sanction(fine, regime.suspension_days if suspend else 0, revoke)
        self.cents.fines_today += fine
        if collector.kind == "in_house":
            self.cents.in_house_fines_today += fine
        self.suspensions_today += int(suspend)
        self.revocations_today += int(newly_revoked)

    def record(self) -> None:
        """Add today's enforcement to the recorded totals."""
        self.audits += self.audits_today
        self.cents.fines += self.cents.fines_today
        self.cents.in_house_fines += self.cents.in_house_fines_today
        self.suspensions += self.suspensions_today
        self.revocations += self.revocations_today
