"""Lender agents: own the loans, book cash flows, sue, place accounts and supply credit.

Each month a lender reviews what it has seen — the regulator's published complaint count
(reputation) and the losses on its own delinquencies — moves its underwriting cut-off toward
break-even, and lends to the applicants whose predicted default is below it (see
:class:`~arrears.scenario.sections.credit.CreditParams` for the functional forms). At each month's
end it sues a share of its eligible accounts in arrears, and, with agencies in the market, sells
part of the month's charged-off balances, scores its agencies and moves placement shares
(champion/challenger), and places newly eligible accounts (see
:class:`~arrears.scenario.sections.placement.PlacementParams`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

import mesa
import numpy as np

from arrears.market.agents.money import InCurrency
from arrears.market.engines import for_engine
from arrears.market.kernels.litigation import file_suits, litigation_candidates
from arrears.market.kernels.placement import choose_agencies
from arrears.market.kernels.underwriting import score_applicants
from arrears.market.mathx import exp, round_cents
from arrears.market.rng import Stream, uniform
from arrears.market.tables import (
    DAYS_PER_MONTH,
    Borrowers,
    LenderEvent,
    Population,
    empty_borrowers,
)
from arrears.scenario.sections.credit import CreditParams
from arrears.scenario.sections.litigation import LITIGATION_TARGETS
from arrears.scenario.sections.loans import LoanParams
from arrears.scenario.sections.placement import PlacementParams

if TYPE_CHECKING:
    from arrears.market.agents.agency import Agency, MonthResult
    from arrears.market.model import CollectionMarket


class _Scorecard(IntEnum):
    """Entries of a scorecard row, each an exponentially smoothed monthly figure."""

    NET = 0
    """Cash the agency collected on the lender's accounts, less its fees, cents."""
    EXPOSURE = 1
    """Balance of the lender's accounts it held at the month's start, cents."""
    COMPLAINTS = 2
    """Complaints about it, in proportion to the share of its accounts that were the lender's."""
    HELD = 3
    """The lender's accounts it held at the month's start."""
    SANCTIONS = 4
    """Audits with findings against it since the last month's end."""


def break_even_cutoff(margin: float, loss_given_delinquency: float) -> float:
    """The predicted default at which a loan breaks even: ``m / (m + L)``, 0 without margin.

    A loan that keeps paying earns ``margin`` a year; one that falls behind loses
    ``loss_given_delinquency``; it pays while ``(1 - PD) m > PD L``.

    Args:
        margin: Yearly margin of a performing loan (APR less funding and servicing costs).
        loss_given_delinquency: Share of a balance falling behind that is lost.

    Returns:
        The cut-off, a predicted default (0-1).
    """
    if margin <= 0.0:
        return 0.0
    return margin / (margin + loss_given_delinquency)


def lending_margin(loans: LoanParams, credit: CreditParams) -> float:
    """Yearly margin of a performing loan: its APR less funding and servicing costs."""
    return loans.apr_annual - credit.funding_cost - credit.servicing_cost


def starting_cutoff(loans: LoanParams, credit: CreditParams) -> float:
    """The break-even cut-off at the prior loss, before any underwriting margin.

    The day-0 book was booked under it (see :func:`~arrears.market.kernels.underwriting.draw_book`).
    """
    return break_even_cutoff(lending_margin(loans, credit), credit.prior_delinquency_loss)


@dataclass
class LenderCents:
    """A lender's books as the model keeps them, money in cents (see :class:`Lender`).

    Attributes:
        totals: int64[event], the portfolio's counters since day 0 (money in cents, the rest
            counts; see :class:`~arrears.market.tables.LenderEvent`): the lender's row of
            ``model.lender_totals``.
        fees_paid: Contingency fees paid to agencies since day 0, cents.
        debt_sold: Face value of charged-off debt sold since day 0, cents.
        sale_proceeds: Cash received for it, cents.
        scorecard: float64[entry], by agency collector index: smoothed monthly figures of each
            agency it has placed with (net recovery and exposure in cents; complaints,
            accounts held and sanctions).
    """

    totals: np.ndarray
    fees_paid: int = 0
    debt_sold: int = 0
    sale_proceeds: int = 0
    scorecard: dict[int, np.ndarray] = field(default_factory=dict)


class Lender(mesa.Agent):
    """A lender, its portfolio's running totals and its credit policy.

    Attributes:
        index: The lender's index in the account table's ``lender`` column.
        charge_off_dpd: Days past due at which the lender writes an account off.
        filing_carry: The fraction of a suit the monthly filing quota carried over (so a
            small portfolio still sues its share over the months).
        shares: Placement share of each agency it uses, by collector index (sums to 1).
        fees_paid: Contingency fees paid to agencies since day 0, currency units.
        debt_sold: Face value of charged-off debt sold since day 0, currency units.
        sale_proceeds: Cash received for it, currency units.
        cents: These amounts in cents, as the model books them, with the portfolio's
            counters and the agency scorecard (:class:`LenderCents`).
        credit: The credit policy (a ``[credit]`` section).
        market_size: Accounts the lender held at day 0; its applicant flow is scaled to it.
        reputation: Public standing, 0-1 (falls with published complaints, recovers slowly).
        margin: Yearly margin of a performing loan: APR less funding and servicing costs.
        loss_given_delinquency: The lender's estimate of the share of a balance falling behind
            that it loses (write-offs and discounts), lag-aligned over its window.
        cutoff: Predicted default below which applicants (and renewals) are approved.
        applications: Applicants in the latest monthly round.
        approvals: Applicants approved in the latest round.
        approved_pd: Mean predicted default of the latest round's approved applicants.
        approved_score: Mean credit score (log-odds) of the latest round's approved applicants.
    """

    model: CollectionMarket
    fees_paid = InCurrency()
    debt_sold = InCurrency()
    sale_proceeds = InCurrency()

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
        self.filing_carry = 0.0
        self.shares: dict[int, float] = {}
        self.cents = LenderCents(totals=model.lender_totals[index])
        self._written_off_mark = 0
        self.credit = credit
        self.market_size = market_size
        self.reputation = credit.initial_reputation
        self.margin = lending_margin(model.parameters.loans, credit)
        self.loss_given_delinquency = credit.prior_delinquency_loss
        self.cutoff = self.cutoff_target()
        self.applications = self.approvals = 0
        self.approved_pd = self.approved_score = 0.0
        self._loss_lag_months = -(-charge_off_dpd // DAYS_PER_MONTH)
        self._months: deque[tuple[int, int]] = deque(
            maxlen=credit.loss_window_months + self._loss_lag_months
        )
        self._reviewed = np.zeros_like(self.cents.totals)

    def book_day(self) -> None:
        """Add today's events of the portfolio to the lender's running totals."""
        self.cents.totals += self.model.lender_events_today[self.index]

    def litigate(self) -> None:
        """At a month's end, sue a share of the eligible accounts, largest balances first.

        Eligibility (:func:`~arrears.market.kernels.litigation.litigation_candidates`) follows the
        ``[litigation]`` policy and the regime: none where litigation is banned; under a
        forbearance duty only accounts on which a plan was offered. The quota is
        ``filing_share x eligible`` suits plus the fraction carried from last month. Each suit
        costs the lender ``filing_cost``. Both engines run the same selection on the same
        list of accounts in arrears.
        """
        model = self.model
        policy = model.parameters.litigation
        if (
            (model.day + 1) % DAYS_PER_MONTH
            or not model.parameters.regime.litigation_allowed
            or policy.filing_share == 0.0
        ):
            return
        eligible = for_engine(litigation_candidates, model.engine)(
            model.delinquent,
            self.index,
            model.day,
            policy.min_dpd,
            round_cents(policy.min_balance * 100),
            LITIGATION_TARGETS.index(policy.target),
            model.run_constants,
            model.borrowers,
            model.accounts,
        )
        quota = policy.filing_share * len(eligible) + self.filing_carry
        n_suits = int(quota)
        self.filing_carry = quota - n_suits
        if n_suits == 0:
            return
        largest_first = np.argsort(-model.accounts.balance[eligible], kind="stable")
        sue = eligible[largest_first[:n_suits]]
        events = model.lender_events_today[self.index]
        for_engine(file_suits, model.engine)(
            sue, model.day, model.run_constants, model.borrowers, model.accounts, events
        )
        events[LenderEvent.LITIGATION_COST] += n_suits * round_cents(policy.filing_cost * 100)

    @property
    def collected(self) -> float:
        """Cash collected from borrowers since day 0, currency units."""
        return int(self.cents.totals[LenderEvent.COLLECTED]) / 100

    @property
    def written_off(self) -> float:
        """Balances charged off since day 0, currency units."""
        return int(self.cents.totals[LenderEvent.WRITTEN_OFF]) / 100

    # -- the month's placement round ------------------------------------------------------

    def sell_charged_off(self, policy: PlacementParams) -> tuple[int, int]:
        """Sell a share of the balances charged off since the last sale (a forward-flow sale).

        The buyer is outside the market: the account stays written off in the lender's
        ledger, and the price is cash the lender receives on top of its collections.

        Args:
            policy: The lenders' placement and sale policy.

        Returns:
            The face value sold and the proceeds, cents.
        """
        written_off = int(self.cents.totals[LenderEvent.WRITTEN_OFF])
        face = round_cents((written_off - self._written_off_mark) * policy.debt_sale_share)
        self._written_off_mark = written_off
        proceeds = round_cents(face * policy.debt_sale_price)
        self.cents.debt_sold += face
        self.cents.sale_proceeds += proceeds
        return face, proceeds

    def pay_and_score(self, agency: int, result: MonthResult, policy: PlacementParams) -> None:
        """Pay an agency's fees for the month and add the month to its scorecard.

        The agency's complaints are attributed to the lender in proportion to the accounts it
        held for the lender; a sanction counts against it with every lender.

        Args:
            agency: The agency's collector index.
            result: The agency's month.
            policy: The lenders' placement policy (smoothing).
        """
        i = self.index
        self.cents.fees_paid += int(result.fees[i])
        held_total = int(result.held.sum())
        if result.held[i] == 0:
            return
        month = np.zeros(len(_Scorecard))
        month[_Scorecard.NET] = result.collected[i] - result.fees[i]
        month[_Scorecard.EXPOSURE] = result.exposure[i]
        month[_Scorecard.COMPLAINTS] = result.complaints * result.held[i] / held_total
        month[_Scorecard.HELD] = result.held[i]
        month[_Scorecard.SANCTIONS] = result.sanctions
        card = self.cents.scorecard.get(agency)
        self.cents.scorecard[agency] = (
            month if card is None else card + policy.score_smoothing * (month - card)
        )

    def agency_score(self, agency: int, policy: PlacementParams) -> float | None:
        """An agency's score on the lender's scorecard.

        Smoothed net recovery (cash less fees) per unit of placed balance a month, less
        ``complaint_penalty`` per complaint per 100 accounts held and ``sanction_penalty`` per
        sanction; None before it has held any of the lender's accounts.

        Args:
            agency: The agency's collector index.
            policy: The lenders' placement policy.

        Returns:
            The score, or None.
        """
        card = self.cents.scorecard.get(agency)
        if card is None or card[_Scorecard.EXPOSURE] <= 0:
            return None
        return float(
            card[_Scorecard.NET] / card[_Scorecard.EXPOSURE]
            - policy.complaint_penalty * 100 * card[_Scorecard.COMPLAINTS] / card[_Scorecard.HELD]
            - policy.sanction_penalty * card[_Scorecard.SANCTIONS]
        )

    def move_shares(self, agencies: list[int], policy: PlacementParams) -> None:
        """Move placement shares toward the champion/challenger target.

        The target gives every agency ``challenger_share / n`` and the best-scoring agency
        (the champion) the rest, or splits evenly while none has been scored; shares move a
        ``share_step`` of the way there. Agencies no longer in the market drop out.

        Args:
            agencies: Collector indices of the agencies open for placements.
            policy: The lenders' placement policy.
        """
        if not agencies:
            self.shares = {}
            return
        scores = {j: self.agency_score(j, policy) for j in agencies}
        scored = {j: score for j, score in scores.items() if score is not None}
        champion = max(scored, key=scored.__getitem__) if scored else None
        n = len(agencies)
        shares = {}
        for j in agencies:
            if champion is None:
                target = 1.0 / n
            else:
                target = policy.challenger_share / n + (1 - policy.challenger_share) * (
                    j == champion
                )
            share = self.shares.get(j, 0.0)
            shares[j] = share + policy.share_step * (target - share)
        total = sum(shares.values())
        self.shares = {j: s / total for j, s in shares.items()} if total > 0 else {}

    def place(self, rows: np.ndarray, agencies: dict[int, Agency]) -> int:
        """Place accounts with agencies in proportion to the placement shares.

        Args:
            rows: The lender's accounts to place (ascending).
            agencies: The agencies in the market, by collector index.

        Returns:
            The balance placed: the accounts' balances at placement, cents (0 when the lender
            has no agency to place with).
        """
        if not self.shares or len(rows) == 0:
            return 0
        order = sorted(self.shares)
        cumulative = np.cumsum([self.shares[j] for j in order])
        model = self.model
        chosen = choose_agencies(model.run_constants.seed, model.day, rows, cumulative)
        for position, j in enumerate(order):
            placed = rows[chosen == position]
            if len(placed):
                agencies[j].take(placed)
        return int(model.accounts.balance[rows].sum())

    # -- credit supply (monthly) ----------------------------------------------------------

    def cutoff_target(self) -> float:
        """The break-even predicted default, less the underwriting margin.

        ``(1 - underwriting_margin) m / (m + L)`` with ``m`` the yearly margin of a performing
        loan and ``L`` the estimated loss given delinquency; 0 when lending earns no margin.
        """
        break_even = break_even_cutoff(self.margin, self.loss_given_delinquency)
        return (1.0 - self.credit.underwriting_margin) * break_even

    def review_month(self, published_complaints_per_1000: float) -> None:
        """Take stock at the start of a month: reputation, losses, the cut-off.

        Reputation first takes the published complaints, ``reputation x exp(-rate x
        complaints per 1,000 accounts)``, then recovers a share of its gap to 1. The loss given
        delinquency is re-estimated (:meth:`estimate_loss`) and the cut-off moves
        ``cutoff_adjustment`` of the way to :meth:`cutoff_target`.

        Args:
            published_complaints_per_1000: Complaints about the lender the regulator published
                last month, per 1,000 of its open accounts (0 when nothing was published).
        """
        credit = self.credit
        published = published_complaints_per_1000
        hit = self.reputation * exp(-credit.reputation_per_complaint * published)
        self.reputation = hit + credit.reputation_recovery * (1.0 - hit)

        month = self.cents.totals - self._reviewed
        self._reviewed = self.cents.totals.copy()
        losses = int(month[LenderEvent.WRITTEN_OFF] + month[LenderEvent.DISCOUNTS])
        self._months.append((int(month[LenderEvent.DELINQUENT_EXPOSURE]), losses))
        self.loss_given_delinquency = self.estimate_loss()
        self.cutoff += credit.cutoff_adjustment * (self.cutoff_target() - self.cutoff)

    def estimate_loss(self) -> float:
        """Loss given delinquency, lag-aligned: losses over the balances they came from.

        The losses of the last ``n`` months over the balance that fell behind in the ``n``
        months ending a charge-off horizon earlier (``ceil(charge_off_dpd / 30)`` months), ``n``
        up to ``loss_window_months``; the window's months not yet observed count at the prior.

        Returns:
            The estimate, a share of the balance falling behind.
        """
        credit = self.credit
        months = list(self._months)
        matured = len(months) - self._loss_lag_months
        n = min(matured, credit.loss_window_months)
        exposure = sum(e for e, _ in months[matured - n : matured]) if n > 0 else 0
        if exposure == 0:
            return credit.prior_delinquency_loss
        observed = sum(loss for _, loss in months[-n:]) / exposure
        unobserved = (credit.loss_window_months - n) / credit.loss_window_months
        return unobserved * credit.prior_delinquency_loss + (1.0 - unobserved) * observed

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

    def take_applications(self, population: Population) -> tuple[Borrowers, np.ndarray, np.ndarray]:
        """Draw and score this month's applicants and approve those below the cut-off.

        Args:
            population: The population of the month (see :meth:`applicant_pool`).

        Returns:
            ``(approved, numbers, pd)``: the approved applicants as borrower rows, each one's
            applicant number (the draw key of its new loans) and predicted default.
        """
        model = self.model
        applicants = empty_borrowers(self.application_count(model.day))
        pd = for_engine(score_applicants, model.engine)(
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
        return approved, numbers.astype(np.int64), pd[numbers]
