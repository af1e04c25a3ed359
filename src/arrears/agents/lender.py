"""Lender agents: own the loans, book the day's cash flows, and decide how much credit to supply.

Each month a lender reviews what it has seen — the regulator's published complaint count
(reputation) and the recoveries of its own delinquencies — sets its underwriting cut-off, and
lends to the applicants whose predicted default is below it (see :mod:`arrears.params`'s
``CreditParams`` for the functional forms).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.accounts import Borrowers, LenderEvent, Population, empty_borrowers
from arrears.kernels.underwriting import score_applicants
from arrears.mathx import exp
from arrears.params import CreditParams
from arrears.rng import Stream, uniform

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


class Lender(mesa.Agent):
    """A lender, its portfolio's running totals and its credit policy.

    Attributes:
        index: The lender's index in the account table's ``lender`` column.
        charge_off_dpd: Days past due at which the lender writes an account off.
        totals: int64[event], the portfolio's counters since day 0 (cents and counts; see
            :class:`~arrears.accounts.LenderEvent`).
        credit: The credit policy (a ``[credit]`` section).
        market_size: Accounts the lender held at day 0; its applicant flow is scaled to it.
        reputation: Public standing, 0-1 (falls with published complaints, recovers slowly).
        observed_recovery: Recovery rate of the lender's delinquencies over its window (0-1).
        cutoff: Predicted default below which applicants (and renewals) are approved.
        applications: Applicants in the latest monthly round.
        approvals: Applicants approved in the latest round.
        approved_pd: Mean predicted default of the latest round's approved applicants.
        approved_score: Mean credit score (log-odds) of the latest round's approved applicants.
    """

    model: CollectionMarket

    def __init__(
        self,
        model: CollectionMarket,
        index: int,
        charge_off_dpd: int,
        credit: CreditParams,
        market_size: int,
    ) -> None:
        super().__init__(model)
        self.index = index
        self.charge_off_dpd = charge_off_dpd
        self.totals = model.lender_totals[index]
        self.credit = credit
        self.market_size = market_size
        self.reputation = credit.initial_reputation
        self.observed_recovery = credit.prior_recovery
        self.cutoff = self.cutoff_target()
        self.applications = self.approvals = 0
        self.approved_pd = self.approved_score = 0.0
        self._resolved: deque[tuple[int, int]] = deque(maxlen=credit.recovery_window_months)
        self._reviewed = np.zeros_like(self.totals)

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

    # -- credit supply (monthly) ----------------------------------------------------------

    def cutoff_target(self) -> float:
        """The cut-off the loss target allows at the observed recovery rate, less the margin.

        ``(1 - underwriting_margin) min(1, target_loss_rate / (1 - observed_recovery))``.
        """
        credit = self.credit
        loss_given_delinquency = 1.0 - self.observed_recovery
        if loss_given_delinquency <= 0.0:
            allowed = 1.0 if credit.target_loss_rate > 0.0 else 0.0
        else:
            allowed = min(1.0, credit.target_loss_rate / loss_given_delinquency)
        return (1.0 - credit.underwriting_margin) * allowed

    def review_month(self, published_complaints_per_1000: float) -> None:
        """Take stock at the start of a month: reputation, recoveries, the cut-off.

        Reputation first takes the published complaints, ``reputation x exp(-rate x
        complaints per 1,000 accounts)``, then recovers a share of its gap to 1. The observed
        recovery is cash collected on delinquent accounts / (that cash + write-offs +
        settlement discounts) over the last ``recovery_window_months`` months (the prior until
        any money has been resolved); the cut-off moves ``cutoff_adjustment`` of the way to
        :meth:`cutoff_target`.

        Args:
            published_complaints_per_1000: Complaints about the lender the regulator published
                last month, per 1,000 of its open accounts (0 when nothing was published).
        """
        credit = self.credit
        published = published_complaints_per_1000
        hit = self.reputation * exp(-credit.reputation_per_complaint * published)
        self.reputation = hit + credit.reputation_recovery * (1.0 - hit)

        month = self.totals - self._reviewed
        self._reviewed = self.totals.copy()
        losses = int(month[LenderEvent.WRITTEN_OFF] + month[LenderEvent.DISCOUNTS])
        self._resolved.append((int(month[LenderEvent.COLLECTED_DELINQUENT]), losses))
        cash = sum(c for c, _ in self._resolved)
        resolved = cash + sum(loss for _, loss in self._resolved)
        if resolved > 0:
            self.observed_recovery = cash / resolved

        self.cutoff += credit.cutoff_adjustment * (self.cutoff_target() - self.cutoff)

    def application_count(self, day: int) -> int:
        """How many applicants come forward this month.

        ``applications_per_month x market_size x reputation ** elasticity``, rounded up or down
        at random to an integer with that mean.

        Args:
            day: Today (keys the rounding draw).

        Returns:
            The number of applicants.
        """
        credit = self.credit
        expected = (
            credit.applications_per_month
            * self.market_size
            * self.reputation**credit.application_reputation_elasticity
        )
        whole = int(expected)
        u = uniform(self.model.run_constants.seed, Stream.APPLICATIONS, day, self.index, 0)
        return whole + int(u < expected - whole)

    def applicant_pool(self, population: Population) -> Population:
        """The population this lender's applicants come from, tilted by its reputation.

        Tier ``k``'s share is weighted by ``exp(applicant_selection (1 - reputation) k)``:
        borrowers with other options avoid a lender with a bad name.

        Args:
            population: The population of the month (its unemployment).

        Returns:
            The tilted population.
        """
        shares = np.diff(population.tier_cumulative_share, prepend=0.0)
        tilt = self.credit.applicant_selection * (1.0 - self.reputation)
        weights = shares * np.array([exp(tilt * k) for k in range(len(shares))])
        return population._replace(tier_cumulative_share=np.cumsum(weights / weights.sum()))

    def take_applications(self, population: Population) -> tuple[Borrowers, np.ndarray]:
        """Draw and score this month's applicants and approve those below the cut-off.

        Args:
            population: The population of the month (see :meth:`applicant_pool`).

        Returns:
            ``(approved, numbers)``: the approved applicants as borrower rows, and each one's
            applicant number (the draw key of its new loan).
        """
        model = self.model
        applicants = empty_borrowers(self.application_count(model.day))
        scorer = score_applicants if model.engine == "numba" else score_applicants.py_func
        pd = scorer(
            model.day, self.index, self.applicant_pool(population), model.run_constants, applicants
        )
        numbers = np.flatnonzero(pd < self.cutoff)
        approved = Borrowers(*(column[numbers] for column in applicants))
        self.applications, self.approvals = len(pd), len(numbers)
        self.approved_pd = float(pd[numbers].mean()) if len(numbers) else 0.0
        self.approved_score = (
            float(approved.credit_score.astype(np.float64).mean()) if len(numbers) else 0.0
        )
        events = model.lender_events_today[self.index]
        events[LenderEvent.APPLICATIONS] += self.applications
        events[LenderEvent.APPROVALS] += self.approvals
        return approved, numbers.astype(np.int64)
