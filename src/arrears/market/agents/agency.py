"""Agency agents: independent collection firms and digital platforms paid on contingency.

An agency works the accounts lenders place with it (its *book*) with the same planning and
contact kernels as an in-house team, and is paid a contingency fee on the cash those accounts
pay while placed: the rate is fixed per account at placement by its days past due (older debt,
higher rate). It pays its staff's wages, its channels, a fixed overhead and any fines, so it has
a monthly profit and loss and a cash balance. A *digital platform* is an agency that calls with
AI voice bots (no staff time per call, weaker conversations) and messages at scale, with little
staff and a lower fee.

Each month's end an agency learns:

- **tone**, by a two-armed test: a random share of its book was worked this month at a
  neighbouring tone (:mod:`arrears.market.kernels.tone`); it compares the value per account of the
  two arms — fees earned, less the fines it expects for the violations committed (at its estimate of
  the fine per violation, learned from its own audits), less the placements it expects to lose for
  the complaints raised (``complaint_cost`` each) — and steps to the test tone if that did better.
  Costs are the same in both arms (planning does not depend on tone), so they cancel.
- **staffing**, by hill-climbing: staff per 100 accounts held moves by ``staff_step`` in one
  direction while profit per account held improves, and turns back when it falls.

It pays the regime's obligations like any collector, and its licence or registration fee on
top; it enters holding the regime's minimum capital on top of its working cash. It leaves the
market when its licence is revoked, when its cash falls below the regime's minimum capital
(below zero where there is none), or when it is loss making after its grace period: it has
worked a book for ``grace_months`` months, its profit over the last ``grace_months`` months is
negative, and it has less cash than it entered with (a firm that has made money overall rides
out a bad spell). Leaving, it returns every account it holds to the lender's in-house team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from arrears.market.agents.collector import Collector, CollectorCents
from arrears.market.agents.money import InCurrency
from arrears.market.kernels.placement import agency_scores
from arrears.market.kernels.tone import draw_tone_arms
from arrears.market.mathx import round_cents
from arrears.market.rng import Stream, uniform
from arrears.market.tables import ACTIVE, BASE_ARM, TEST_ARM, VIOLATION_TYPES, CollectorEvent
from arrears.scenario.regimes import Regime
from arrears.scenario.sections.agencies import AgencyParams
from arrears.scenario.sections.collectors import CollectorParams

if TYPE_CHECKING:
    from arrears.market.model import CollectionMarket


def entry_capital_cents(market: AgencyParams, regime: Regime) -> int:
    """Cash a firm enters the market with: its working cash and the regime's minimum capital.

    Args:
        market: The agencies' parameters.
        regime: The regime.

    Returns:
        The capital, cents.
    """
    return round_cents((market.starting_cash + regime.min_capital) * 100)


class MonthResult(NamedTuple):
    """What a lender's scorecard needs from an agency's month, by lender (money in cents).

    Attributes:
        collected: int64[lender], cash paid on the accounts the agency held this month.
        fees: int64[lender], contingency fees on that cash (paid by each lender).
        exposure: int64[lender], balance of the accounts it held at the month's start.
        held: int64[lender], accounts it held at the month's start.
        complaints: Complaints (to firm and regulator) about the agency this month.
        sanctions: Audits with findings against it since the last month's end.
    """

    collected: np.ndarray
    fees: np.ndarray
    exposure: np.ndarray
    held: np.ndarray
    complaints: int
    sanctions: int


@dataclass
class AgencyCents(CollectorCents):
    """An agency's money as the model books it, cents (see :class:`Agency`)."""

    starting_cash: int = 0
    cash: int = 0
    fees: int = 0
    fine_per_violation: float = 0.0
    profits: list[int] = field(default_factory=list)


class Agency(Collector):
    """A collection agency or digital platform.

    Attributes:
        kind: ``"agency"`` or ``"digital_platform"``.
        market: The market's agency parameters.
        fee_from_dpd: int64[band], DPD at placement from which each fee rate applies.
        fee_rate: float64[band], its contingency fee rates (share of cash collected).
        staff_per_100: Staff per 100 accounts held (learned).
        test_tone: The neighbouring tone tried on the test arm this month.
        starting_cash: Cash it entered with, currency units: the agencies' starting cash plus
            the regime's minimum capital.
        cash: Cash, currency units (starting cash plus every month's profit).
        entered_day: Day it entered the market.
        months: Months it has worked: month ends it reached holding accounts since the start
            of the month (its grace period counts these, not months spent waiting for its
            first placements).
        leaving: Whether it has decided to leave at this month's end.
        exited: Whether it has left the market.
        exit_day: The day it left (-1 while in the market).
        fees: Fees earned since entry, currency units.
        fine_per_violation: Its estimate of the fine it pays per violation, currency units.
        rows: int64[account], the accounts it holds (its book).
        cents: These amounts and a collector's in integer cents, as the model books them.
    """

    cents: AgencyCents
    starting_cash = InCurrency()
    cash = InCurrency()
    fees = InCurrency()
    fine_per_violation = InCurrency()

    def __init__(
        self,
        model: CollectionMarket,
        index: int,
        kind: str,
        market: AgencyParams,
        policy: CollectorParams,
    ) -> None:
        super().__init__(model, index, staff=0.0, policy=policy)
        platform = kind == "digital_platform"
        self.kind = kind
        self.market = market
        self.fee_from_dpd = np.asarray(market.fee_from_dpd, np.int64)
        self.fee_rate = np.asarray(market.fee_rate, np.float64) * (
            market.platform_fee_multiplier if platform else 1.0
        )
        self.staff_per_100 = (
            market.platform_staff_per_100_accounts if platform else market.staff_per_100_accounts
        )
        self.test_tone = self.tone
        regime = model.parameters.regime
        capital = entry_capital_cents(market, regime)
        self.cents = AgencyCents(starting_cash=capital, cash=capital)
        self._min_capital_cents = round_cents(regime.min_capital * 100)
        self._obligations_per_day_cents += round_cents(regime.licence_fee_per_year * 100 / 365)
        self.entered_day = model.day
        self.months = 0
        self.leaving = False
        self.exited = False
        self.exit_day = -1
        self.rows = np.zeros(0, np.int64)
        self._paid_mark = np.zeros(0, np.int64)
        self._rate = np.zeros(0, np.float64)
        self._lender_score = np.zeros(0, np.float32)
        self._overhead_per_day_cents = round_cents(market.overhead_per_month * 100 / 30)
        self._cost_mark = self._fines_mark = self._findings_mark = 0
        self._violations_audited = 0
        self._staff_direction = 1
        self._last_profit_per_account: float | None = None
        n_lenders = model.parameters.lenders.n_lenders
        self._exposure = np.zeros(n_lenders, np.int64)
        self._held = np.zeros(n_lenders, np.int64)
        self._arm_sizes = np.zeros(2, np.int64)

    @property
    def working(self) -> bool:
        """Whether the agency is still in the market."""
        return not self.exited

    @property
    def profits(self) -> list[float]:
        """Profit of each month, currency units."""
        return [profit / 100 for profit in self.cents.profits]

    @property
    def test_aggressiveness(self) -> float:
        """The tone tried on the test arm this month."""
        return self.test_tone

    def plan_contacts(self) -> None:
        """Plan today's contacts like any team, and add a day's share of the overhead."""
        super().plan_contacts()
        self.cents.cost_today += self._overhead_per_day_cents
        self.cents.cost_total += self._overhead_per_day_cents

    def sanction(self, fine_cents: int, suspension_days: int, revoke: bool) -> None:
        """Take an audit's findings; a revoked agency leaves the market at once.

        Args:
            fine_cents: The fine, cents.
            suspension_days: Days without contact from tomorrow (0 for none).
            revoke: Whether the licence is revoked for good.
        """
        super().sanction(fine_cents, suspension_days, revoke)
        if self.revoked and not self.exited:
            self.model.market.retire(self)

    # -- the book --------------------------------------------------------------------------

    def take(self, rows: np.ndarray) -> None:
        """Take accounts placed with the agency; fix their fee rate by DPD at placement.

        The agency works them with its own (noisier) behavioural score; the lender's score is
        kept and restored when the accounts return.

        Args:
            rows: Account rows placed with it today.
        """
        accounts = self.model.accounts
        band = np.searchsorted(self.fee_from_dpd, accounts.dpd[rows], side="right") - 1
        lender_score = accounts.score[rows].copy()
        seed, noise = self.model.run_constants.seed, self.market.score_noise_sd
        accounts.score[rows] = agency_scores(seed, rows, self.index, lender_score, noise)
        accounts.collector[rows] = self.index
        self.rows = np.concatenate([self.rows, rows])
        self._paid_mark = np.concatenate([self._paid_mark, accounts.paid[rows]])
        self._rate = np.concatenate([self._rate, self.fee_rate[band]])
        self._lender_score = np.concatenate([self._lender_score, lender_score])

    def _give_back(self, returned: np.ndarray) -> None:
        """Return the accounts marked ``returned`` to their lenders' in-house teams."""
        accounts = self.model.accounts
        rows = self.rows[returned]
        accounts.collector[rows] = accounts.lender[rows]
        accounts.tone_arm[rows] = BASE_ARM
        accounts.score[rows] = self._lender_score[returned]
        kept = ~returned
        self.rows = self.rows[kept]
        self._paid_mark = self._paid_mark[kept]
        self._rate = self._rate[kept]
        self._lender_score = self._lender_score[kept]

    # -- the month -------------------------------------------------------------------------

    def close_month(self, month: np.ndarray) -> MonthResult:
        """Book the month's fees and profit, learn tone and staffing, return finished accounts.

        Accounts that are no longer in arrears (cured, repaid, settled or charged off) go back
        to their lenders; the agency decides whether to leave the market.

        Args:
            month: int64[``CollectorEvent``], the agency's counters over the month.

        Returns:
            The month's results for the lenders' scorecards.
        """
        model = self.model
        accounts = model.accounts
        n_lenders = len(self._held)
        paid = accounts.paid[self.rows]
        delta = paid - self._paid_mark
        self._paid_mark = paid
        lenders = accounts.lender[self.rows].astype(np.int64)
        collected = np.zeros(n_lenders, np.int64)
        np.add.at(collected, lenders, delta)
        owed = np.bincount(lenders, weights=delta * self._rate, minlength=n_lenders)
        fees = np.array([round_cents(x) for x in owed], np.int64)
        fees_by_arm = np.bincount(
            accounts.tone_arm[self.rows], weights=delta * self._rate, minlength=2
        )

        sanctions = self.findings - self._findings_mark
        self._findings_mark = self.findings
        fines = self.cents.fines - self._fines_mark
        profit = self._book_profit(int(fees.sum()))
        self.months += int(self._held.sum() > 0)

        violations = int(
            month[
                CollectorEvent.VIOLATIONS_BY_TYPE : CollectorEvent.VIOLATIONS_BY_TYPE
                + len(VIOLATION_TYPES)
            ].sum()
        )
        complaints = int(
            month[CollectorEvent.COMPLAINTS_TO_FIRM] + month[CollectorEvent.COMPLAINTS_TO_REGULATOR]
        )
        self._learn_fines(fines, violations)
        self._learn_tone(fees_by_arm, month, violations, complaints)
        self._learn_staffing(profit)

        status, arrears = accounts.status[self.rows], accounts.arrears[self.rows]
        self._give_back((status != ACTIVE) | (arrears == 0))
        grace = self.market.grace_months
        lost_capital = self.cents.cash < self.cents.starting_cash
        self.leaving = self.cents.cash < self._min_capital_cents or (
            self.months >= grace and lost_capital and sum(self.cents.profits[-grace:]) < 0
        )
        return MonthResult(
            collected, fees, self._exposure.copy(), self._held.copy(), complaints, sanctions
        )

    def _book_profit(self, fees: int) -> int:
        """Book fees less the costs and fines since the last booking into cash; the profit."""
        costs = self.cents.cost_total - self._cost_mark
        fines = self.cents.fines - self._fines_mark
        self._cost_mark, self._fines_mark = self.cents.cost_total, self.cents.fines
        profit = fees - costs - fines
        self.cents.fees += fees
        self.cents.cash += profit
        self.cents.profits.append(profit)
        return profit

    def _learn_fines(self, fines: int, violations: int) -> None:
        """Update the expected fine per violation from the audit of the month before.

        The regulator audits a month's violations at its end, after the market's round, so
        this month's fines answer last month's violations.
        """
        if self._violations_audited > 0:
            rate = self.market.fine_learning_rate
            observed = fines / self._violations_audited
            self.cents.fine_per_violation += rate * (observed - self.cents.fine_per_violation)
        self._violations_audited = violations

    def _learn_tone(
        self, fees_by_arm: np.ndarray, month: np.ndarray, violations: int, complaints: int
    ) -> None:
        """Step to the tone under test if its arm was worth more per account this month."""
        n_base, n_test = (int(n) for n in self._arm_sizes)
        if n_base == 0 or n_test == 0 or self.test_tone == self.tone:
            return
        violations_test = int(month[CollectorEvent.VIOLATIONS_IN_TEST])
        complaints_test = int(month[CollectorEvent.COMPLAINTS_IN_TEST])
        complaint_cents = self.market.complaint_cost * 100

        def value(fees: float, violations: int, complaints: int, n: int) -> float:
            expected_fines = self.cents.fine_per_violation * violations
            return (fees - expected_fines - complaint_cents * complaints) / n

        base = value(
            fees_by_arm[BASE_ARM],
            violations - violations_test,
            complaints - complaints_test,
            n_base,
        )
        test = value(fees_by_arm[TEST_ARM], violations_test, complaints_test, n_test)
        if test > base:
            self.tone = self.test_tone

    def _learn_staffing(self, profit: int) -> None:
        """Hill-climb staff per account held on profit per account held."""
        held = int(self._held.sum())
        if held == 0:
            return
        per_account = profit / held
        last = self._last_profit_per_account
        if last is not None and per_account < last:
            self._staff_direction = -self._staff_direction
        self._last_profit_per_account = per_account
        step = (1.0 + self.market.staff_step) ** self._staff_direction
        self.staff_per_100 = min(self.staff_per_100 * step, self.market.max_staff_per_100_accounts)

    def start_month(self) -> None:
        """Set the month's staff, the tone under test and its arms, and the book's exposure."""
        model = self.model
        accounts = model.accounts
        rows = self.rows
        self.staff = self.staff_per_100 * len(rows) / 100
        step = self.market.tone_step
        up = uniform(model.run_constants.seed, Stream.TONE_DIRECTION, model.day, self.index, 0)
        direction = 1.0 if up < 0.5 else -1.0
        if not 0.0 <= self.tone + direction * step <= 1.0:
            direction = -direction
        self.test_tone = min(max(self.tone + direction * step, 0.0), 1.0)
        arms = draw_tone_arms(
            model.run_constants.seed, model.day, rows, self.index, self.market.tone_test_share
        )
        accounts.tone_arm[rows] = arms
        self._arm_sizes = np.bincount(arms, minlength=2).astype(np.int64)
        n_lenders = len(self._held)
        lenders = accounts.lender[rows].astype(np.int64)
        self._held = np.bincount(lenders, minlength=n_lenders).astype(np.int64)
        self._exposure = np.zeros(n_lenders, np.int64)
        np.add.at(self._exposure, lenders, accounts.balance[rows])

    def leave(self) -> None:
        """Leave the market: every account returns to its lender; the agent is deregistered.

        Agencies leave at a month's end, after the month's fees are booked (no cash has come
        in since); costs and fines since then (a revoking audit's fine) are booked as a last
        month's loss.
        """
        if self.cents.cost_total != self._cost_mark or self.cents.fines != self._fines_mark:
            self._book_profit(0)
        self._give_back(np.ones(len(self.rows), np.bool_))
        self.exited = True
        self.leaving = False
        self.exit_day = self.model.day
        self.staff = 0.0
        self.hours = np.zeros(0, np.int64)
        self.remove()
