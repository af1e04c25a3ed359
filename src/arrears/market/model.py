"""CollectionMarket: the Mesa model that wires the market together and runs its day.

A day (one step) reads as nine phases:

1. **Open the day**: the date, the macro economy (each month's job-loss rate; a payment
   moratorium on the day it opens), today's delinquent worklists.
2. **Collectors plan contacts**: each chooses its calling hours (when its borrowers answer)
   and its contacts within its capacity and, unless it breaks them, the regime's rules.
3. **Borrowers act**: payday (and wage garnishment), billing, ageing, court hearings, contacts
   answered, conversations, the harm they live through, complaints, payments, charge-offs,
   renewals.
4. **Lenders litigate**: at each month's end each lender sues a share of its eligible
   accounts in arrears.
5. **Lenders lend** (on the first day of each month): each reviews its reputation and
   recoveries, sets its underwriting cut-off and takes on the applicants it approves as new
   borrowers, so the tables grow.
6. **Lenders book the day**, the delinquency stocks move, and the worklist of accounts in
   arrears is brought up to date.
7. **The market's monthly round**: at each month's end agencies book their fees and profit and
   adapt their tone and staff, firms enter and exit, and lenders sell charged-off debt, score
   their agencies and place accounts with them (:mod:`arrears.market.agency_market`).
8. **The regulator enforces**: at each month's end it audits collectors, fines, suspends and
   revokes, and publishes each lender's complaint count.
9. **Record** the day's series (once the warm-up is over): in the model's own records, which
   :meth:`CollectionMarket.series` and :meth:`CollectionMarket.summary` read, and through
   Mesa's ``model.datacollector``, which a user may replace.

Phase 3 is the per-account arithmetic. With ``engine="numba"`` it runs as compiled batch kernels
over the borrowers that have something to do today; with ``engine="agents"`` each Borrower agent
steps through the same function's Python body, whose callees stay compiled
(:mod:`arrears.market.engines`). Both give identical results for the same scenario.
"""

from __future__ import annotations

import functools
from typing import Any

import mesa
import numba
import numpy as np
import pandas as pd
from mesa.agent import AgentSet
from tqdm.auto import tqdm

from arrears.interrupts import held_interrupts
from arrears.market.agency_market import AgencyMarket
from arrears.market.agents import Borrower, Collector, Lender, Regulator
from arrears.market.agents.borrower_set import BorrowerSet
from arrears.market.agents.lender import starting_cutoff
from arrears.market.engines import Engine, for_engine
from arrears.market.kernels.contact import build_worklists
from arrears.market.kernels.day import active_borrowers, run_borrower_days, still_delinquent
from arrears.market.kernels.delinquency import bucket_stocks
from arrears.market.kernels.holidays import grant_payment_holiday_to_all
from arrears.market.kernels.inputs import Counters, DayInputs, run_constants
from arrears.market.kernels.underwriting import draw_book, grant_loans, open_new_loans
from arrears.market.mesa_api import (
    SCENARIO_SEED,
    ScenarioSeed,
    SeedArgument,
    model_reporters,
    scenario_to_run,
)
from arrears.market.series import SERIES_COLUMNS, day_record
from arrears.market.summary import summary
from arrears.market.tables import (
    ACTIVE,
    DAYS_PER_MONTH,
    N_BORROWER_EVENTS,
    N_BUCKETS,
    N_COLLECTOR_EVENTS,
    N_LENDER_EVENTS,
    NO_DAY,
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
    Population,
    accounts_per_borrower,
    appended,
    empty_accounts,
    empty_borrowers,
)
from arrears.scenario.fields import ScenarioError
from arrears.scenario.scenario import Scenario
from arrears.scenario.sections.collectors import COLLECTOR_KINDS


class CollectionMarket(mesa.Model):
    """A consumer-credit collection market under a regulatory regime.

    One step is one day. The run has ``run.warmup_days`` days of warm-up, which are simulated
    but not recorded, then ``run.days`` recorded days; ``running`` turns False when the last of
    them is done, so ``run_model()`` returns and Mesa's ``batch_run`` stops there (its
    ``max_steps`` counts days from the first, warm-up included, so it must be at least
    ``warmup_days + days`` for the run to finish and its summary to be reported).

    Parameters are given as a scenario, as keywords (Mesa's idiom, and what ``batch_run``
    passes), or both: keywords change the scenario given, as
    :meth:`~arrears.scenario.scenario.Scenario.with_overrides` does (so ``market=`` starts again
    from that named market; see :func:`arrears.scenario.overrides.keyword_overrides`)::

        CollectionMarket(market="us_cards", regime="us_reg_f", n_accounts=2000, days=180)
        CollectionMarket(scenario, regime__weekday_end_hour=19)

    Randomness: every draw of the model derives from the scenario's ``run.seed`` through
    counter-based streams (:mod:`arrears.market.rng`), the same in both engines. An ``rng`` (or
    ``seed``) given, as Mesa takes it, becomes that run seed and wins over the scenario's: an
    integer directly; anything else is turned into one (:func:`arrears.market.rng.seed_from_rng`),
    so ``None`` draws a fresh seed. The seed used is in ``parameters.run.seed``, so
    ``CollectionMarket(model.parameters)`` repeats the run exactly. ``model.rng`` (numpy) and
    ``model.random`` (Python) are Mesa's generators, seeded with that run seed; the market's own
    mechanisms never draw from them (so reseeding them does not change its results), they are there
    for code that extends the model.

    Args:
        scenario: The scenario (defaults to :class:`~arrears.scenario.scenario.Scenario` defaults).
        engine: ``"numba"`` or ``"agents"``; overrides ``run.engine`` if given.
        rng: The run seed, as Mesa's ``rng``; the scenario's ``run.seed`` if not given.
        seed: The same, under Mesa's former name (give ``rng`` or ``seed``, not both).
        **fields: Parameters by keyword, e.g. ``n_accounts=2000``, ``regime="us_reg_f"``,
            ``regime__weekday_end_hour=19``, ``market="us_cards"``.

    Raises:
        ScenarioError: On an unknown or ambiguous keyword, a bad value, or an engine or seed
            given twice.

    Attributes:
        parameters: The scenario being run (Mesa's own ``scenario`` attribute is Mesa's).
        engine: The engine in use.
        borrowers: The borrower table.
        accounts: The account table.
        agents: Mesa's registry of agents: the regulator, lenders, collectors and agencies
            (``unique_id`` 1, 2, 3, ... in order of creation), not the borrowers, in both
            engines. A borrower's ``unique_id`` is ``BORROWER_ID_OFFSET + row``
            (:data:`~arrears.market.agents.borrower.BORROWER_ID_OFFSET`, a billion).
        agents_by_type: Mesa's agents by type; ``agents_by_type[Borrower]`` is a
            :class:`~arrears.market.agents.borrower_set.BorrowerSet` of every borrower of the
            tables, in both engines (see :meth:`borrower`).
        regulator: The regulator agent.
        lenders: Lender agents, by index.
        collectors: Collector agents, by index: the lenders' in-house teams first (team ``i``
            is lender ``i``'s), then agencies and platforms in order of entry (also those that
            have left, which work no accounts).
        market: The agencies and platforms, and the monthly round.
        day: The day being simulated (0 before the first step).
        recorded_totals: int64[event], market counters over the recorded days (after warm-up).
        recorded_cost_cents: Collection cost over the recorded days, cents.
        recorded_obligations_cents: The part of it the regime's obligations cost, cents.
        recorded_cost_by_kind: int64[kind], that cost by collector kind
            (:data:`~arrears.scenario.sections.collectors.COLLECTOR_KINDS`), cents.
        stocks: int64[lender, 2, bucket], balances (cents) and counts of open accounts.
        record: The last recorded day's series values.
        datacollector: Mesa's DataCollector: each recorded day's series values under their
            :meth:`series` names and, once the run has ended, the :meth:`summary` measures as
            ``summary_<name>`` (NaN before) and the run seed as ``seed``. It may be replaced;
            :meth:`series` and :meth:`summary` do not read it.
    """

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        engine: Engine | None = None,
        rng: SeedArgument | ScenarioSeed = SCENARIO_SEED,
        seed: SeedArgument | ScenarioSeed = SCENARIO_SEED,
        **fields: Any,
    ) -> None:
        parameters = scenario_to_run(scenario, engine, rng, seed, fields)
        super().__init__(rng=parameters.run.seed)
        self.parameters = parameters
        self.engine: Engine = parameters.run.engine  # type: ignore[assignment]
        self.day = 0

        self.run_constants = run_constants(parameters)
        self.borrowers, self.accounts = self._draw_population()
        self.initial_borrowers = len(self.borrowers.tier)
        n_lenders = parameters.lenders.n_lenders
        self.lender_totals = np.zeros((n_lenders, N_LENDER_EVENTS), np.int64)
        self.lender_events_today = np.zeros((n_lenders, N_LENDER_EVENTS), np.int64)
        self.recorded_totals = np.zeros(N_LENDER_EVENTS, np.int64)
        self.recorded_cost_cents = 0
        self.recorded_obligations_cents = 0
        self.recorded_cost_by_kind = np.zeros(len(COLLECTOR_KINDS), np.int64)
        self.borrower_totals = np.zeros(N_BORROWER_EVENTS, np.int64)
        self.borrower_events_today = np.zeros(N_BORROWER_EVENTS, np.int64)
        self.recorded_borrower_totals = np.zeros(N_BORROWER_EVENTS, np.int64)
        self.initial_buffer_cents = int(self.borrowers.buffer.sum())
        self.initial_unemployed = int(np.count_nonzero(self.borrowers.employed == 0))
        self.separation_rate = 0.0

        self.regulator = Regulator(self, parameters.regime)
        self.lenders = [
            Lender(
                self,
                i,
                parameters.lenders.charge_off_dpd,
                parameters.credit,
                int(np.count_nonzero(self.accounts.lender == i)),
            )
            for i in range(n_lenders)
        ]
        self.collectors: list[Collector] = []
        self.collector_kind = np.zeros(0, np.int64)
        self.collector_events_today = np.zeros((0, N_COLLECTOR_EVENTS), np.int64)
        self.collector_month = np.zeros((0, N_COLLECTOR_EVENTS), np.int64)
        self.recorded_collector_totals = np.zeros(N_COLLECTOR_EVENTS, np.int64)
        for i in range(n_lenders):
            self.add_collector(self._in_house_collector(i))
        self._register_borrowers()

        self._build_calendars()
        self.delinquent = np.zeros(0, np.int64)
        self.market = AgencyMarket(self)
        self.stocks = bucket_stocks(self.accounts, n_lenders)
        self.today = self._day_inputs()
        self.record: dict[str, float] = {}
        self._recorded_days: list[dict[str, float]] = []
        self._ended_summary: tuple[int, dict[str, float]] | None = None
        self.datacollector = mesa.DataCollector(model_reporters=model_reporters(self))

    # -- the day -------------------------------------------------------------------------

    def step(self) -> None:
        """Simulate one day of the market, the nine phases of the module's description.

        Open the day; collectors plan their contacts; borrowers act (pay, answer, complain);
        lenders litigate, lend, and book the day; at a month's end the market's round and the
        regulator's audits; then the day is recorded (after the warm-up), and ``running``
        turns False after the run's last day (``run.warmup_days + run.days``).
        """
        self._open_day()
        self.working_collectors().do("plan_contacts")
        self._borrowers_act()
        self.agents_by_type[Lender].do("litigate")
        self._lenders_lend()
        self._close_day()
        self._market_round()
        self.regulator.step()
        self._record_day()

    def _open_day(self) -> None:
        """Set the date, clear today's counters, move the economy, order the worklists."""
        self.day = int(self.time) - 1
        self.lender_events_today[:] = 0
        self.borrower_events_today[:] = 0
        self.collector_events_today[:] = 0
        self.market.open_day()
        self._macro_day()
        self._worklist_order, self._worklist_starts = build_worklists(
            self.day,
            self.delinquent,
            self.borrowers,
            self.accounts,
            len(self.collectors),
            int(self.run_constants.charge_off_dpd.max()),
        )

    def _borrowers_act(self) -> None:
        """Every borrower lives the day: in compiled batch, or one agent step each."""
        self.today = self._day_inputs()
        if self.engine == "agents":
            self.agents_by_type[Borrower].do("step")
            return
        active = active_borrowers(
            self.day % DAYS_PER_MONTH,
            self._payday_order,
            self._payday_starts,
            self._due_order,
            self._due_starts,
            self.delinquent,
            self.accounts.borrower,
        )
        run_borrower_days(
            active,
            self.today,
            self.run_constants,
            self.borrowers,
            self.accounts,
            self.counters_today,
            numba.get_num_threads(),
        )

    def _macro_day(self) -> None:
        """Each month's job-loss rate; a general payment moratorium on the day it opens."""
        macro = self.parameters.macro
        if self.day % DAYS_PER_MONTH == 0:
            month = self.day // DAYS_PER_MONTH
            self.separation_rate = macro.separation_rate(month, self.unemployed_share())
        start, end = self.moratorium_days
        if self.day == start and macro.moratorium_scope == "all":
            for_engine(grant_payment_holiday_to_all, self.engine)(
                end, self.borrowers, self.accounts, self.borrower_events_today
            )

    def _lenders_lend(self) -> None:
        """On the first day of a month, lenders set their cut-offs and lend to new borrowers.

        Every lender first reviews the last month (published complaints, losses) and sets its
        cut-off; then each draws its applicants from the population of the month (today's
        unemployment) and takes the approved ones on with the loans they are granted (see
        :func:`~arrears.market.kernels.underwriting.grant_loans`); all of them join the tables at
        once.
        """
        if self.day % DAYS_PER_MONTH:
            return
        pool = self._population(self.unemployed_share())
        published = self.regulator.published_complaints_per_1000
        for lender in self.lenders:
            lender.review_month(float(published[lender.index]))
        joining_borrowers: list[Borrowers] = []
        joining_accounts: list[Accounts] = []
        first_borrower = len(self.borrowers.tier)
        first_account = len(self.accounts.status)
        for lender in self.lenders:
            approved, numbers, pd = lender.take_applications(pool)
            if len(numbers):
                accounts = self._new_loans(
                    lender.index, approved, numbers, pd, pool, first_borrower, first_account
                )
                joining_borrowers.append(approved)
                joining_accounts.append(accounts)
                first_borrower += len(numbers)
                first_account += len(accounts.status)
        if joining_borrowers:
            self._join(joining_borrowers, joining_accounts)
        self._build_calendars()

    def _new_loans(
        self,
        lender: int,
        approved: Borrowers,
        numbers: np.ndarray,
        pd: np.ndarray,
        pool: Population,
        first_borrower: int,
        first_account: int,
    ) -> Accounts:
        """Open the loans granted to ``lender``'s approved applicants, as rows to be appended.

        The new borrowers will take rows from ``first_borrower`` on and their accounts rows
        from ``first_account`` on, each borrower's loans in one block.
        """
        cutoffs = np.array([x.cutoff for x in self.lenders], np.float64)
        granted = for_engine(grant_loans, self.engine)(self.day, lender, numbers, pd, cutoffs, pool)
        accounts = empty_accounts(int(granted.sum()))
        for_engine(open_new_loans, self.engine)(
            self.day,
            lender,
            numbers,
            granted,
            first_borrower,
            first_account,
            pool,
            approved,
            accounts,
            self.lender_events_today,
            self.borrower_events_today,
        )
        return accounts

    def _join(self, borrowers: list[Borrowers], accounts: list[Accounts]) -> None:
        """Append new borrowers and their accounts to the tables (and as agents, if agents).

        The model lets go of its tables first, so each old column is freed once it has been
        copied (see :func:`~arrears.market.tables.appended`).
        """
        first_borrower = len(self.borrowers.tier)
        borrower_columns, account_columns = list(self.borrowers), list(self.accounts)
        del self.borrowers, self.accounts
        self.borrowers = appended(borrower_columns, borrowers)
        self.accounts = appended(account_columns, accounts)
        if self.engine == "agents":
            for row in range(first_borrower, len(self.borrowers.tier)):
                self.borrower(row)

    def _close_day(self) -> None:
        """Lenders book the day; the stocks and the list of accounts in arrears are updated."""
        self.agents_by_type[Lender].do("book_day")
        self.borrower_totals += self.borrower_events_today
        self.collector_month += self.collector_events_today
        balance_delta = self.lender_events_today[:, LenderEvent.BALANCE_BUCKET_0 :][:, :N_BUCKETS]
        count_delta = self.lender_events_today[:, LenderEvent.COUNT_BUCKET_0 :][:, :N_BUCKETS]
        self.stocks[:, 0] += balance_delta
        self.stocks[:, 1] += count_delta
        dom = self.day % DAYS_PER_MONTH
        due_today = self._due_order[self._due_starts[dom] : self._due_starts[dom + 1]]
        self.delinquent = still_delinquent(self.delinquent, due_today, self.accounts)

    def _market_round(self) -> None:
        """At a month's end, the market's monthly round (before the regulator's audits)."""
        if (self.day + 1) % DAYS_PER_MONTH == 0:
            self.market.month_end(self.collector_month)

    @functools.wraps(step)
    def _wrapped_step(self) -> None:
        # Mesa binds ``model.step`` to this method (it advances ``model.time`` and runs
        # ``step``); wrapping ``step`` gives it the day's docstring and signature.
        super()._wrapped_step()

    def _record_day(self) -> None:
        """The day's series values; after the warm-up, totals, records and the DataCollector.

        ``running`` turns False first, so the DataCollector's summary columns are filled on the
        run's last day.
        """
        self.record = day_record(self)
        run = self.parameters.run
        self.running = self.day + 1 < run.warmup_days + run.days
        if not self.recording:
            return
        self.recorded_totals += self.lender_events_today.sum(axis=0)
        self.recorded_borrower_totals += self.borrower_events_today
        self.recorded_collector_totals += self.collector_events_today.sum(axis=0)
        cost = np.array([c.cents.cost_today for c in self.collectors], np.int64)
        self.recorded_cost_cents += int(cost.sum())
        self.recorded_obligations_cents += sum(c.cents.obligations_today for c in self.collectors)
        self.recorded_cost_by_kind += np.bincount(
            self.collector_kind, weights=cost, minlength=len(COLLECTOR_KINDS)
        ).astype(np.int64)
        self.regulator.record()
        self.market.record()
        self._recorded_days.append(self.record)
        self.datacollector.collect(self)

    def unemployed_share(self) -> float:
        """Share of borrowers out of work, as of the last day closed."""
        flows = self.borrower_totals
        unemployed = (
            self.initial_unemployed
            + flows[BorrowerEvent.JOB_LOSSES]
            - flows[BorrowerEvent.JOB_FINDS]
            + flows[BorrowerEvent.JOINED_UNEMPLOYED]
        )
        return float(unemployed / (self.initial_borrowers + flows[BorrowerEvent.JOINED]))

    @property
    def moratorium_days(self) -> tuple[int, int]:
        """First day and end day of the payment moratorium (``NO_DAY`` twice: none)."""
        macro = self.parameters.macro
        if macro.moratorium_months == 0:
            return NO_DAY, NO_DAY
        start = macro.moratorium_start_month * DAYS_PER_MONTH
        return start, start + macro.moratorium_months * DAYS_PER_MONTH

    @property
    def recording(self) -> bool:
        """Whether the day being simulated is past the warm-up and enters the results."""
        return self.day >= self.parameters.run.warmup_days

    def run(self, days: int | None = None, progress: bool = False) -> None:
        """Run the model for a number of days.

        A Ctrl-C takes effect when the day in progress ends (a second one does not wait): the
        model stops between days, consistent, and can run on.

        Args:
            days: Days to simulate; defaults to the scenario's warm-up plus recorded days.
            progress: Show a progress bar over the days.

        Raises:
            KeyboardInterrupt: After the day during which SIGINT came.
        """
        run = self.parameters.run
        days = run.warmup_days + run.days if days is None else days
        with held_interrupts() as deliver_interrupt:
            for _ in tqdm(range(days), desc="days", unit="day", disable=not progress):
                self.step()
                deliver_interrupt()

    # -- views ---------------------------------------------------------------------------

    def working_collectors(self) -> AgentSet:
        """The collectors in the market today: in-house teams, agencies and platforms."""
        return AgentSet([c for c in self.collectors if c.working], random=self.random)

    def add_collector(self, collector: Collector) -> None:
        """Give a new collector its index: the per-collector counters grow by one row.

        Args:
            collector: The collector; its ``index`` must be the next free one.

        Raises:
            ScenarioError: If its index is not the next free one.
        """
        if collector.index != len(self.collectors):
            raise ScenarioError(
                f"collector index must be the next free one ({len(self.collectors)}), "
                f"got {collector.index}"
            )
        self.collectors.append(collector)
        self.collector_kind = np.append(self.collector_kind, COLLECTOR_KINDS.index(collector.kind))
        row = np.zeros((1, N_COLLECTOR_EVENTS), np.int64)
        self.collector_events_today = np.vstack([self.collector_events_today, row])
        self.collector_month = np.vstack([self.collector_month, row])
        self.counters_today = Counters(
            self.lender_events_today, self.borrower_events_today, self.collector_events_today
        )

    def borrower(self, row: int) -> Borrower:
        """The Borrower agent of a row, made on first use (one agent per row, for the run).

        The agent's ``unique_id`` is ``BORROWER_ID_OFFSET + row``
        (:data:`~arrears.market.agents.borrower.BORROWER_ID_OFFSET`, a billion), so it is unique
        among all agents: Mesa numbers the others from 1.

        In the agents engine every borrower is an agent from the start; in the numba engine a
        borrower is a row of the tables until it is asked for, here or through
        ``agents_by_type[Borrower]`` (a :class:`~arrears.market.agents.borrower_set.BorrowerSet`
        of all the borrowers in both engines, whose vectorised methods make no agent), so a
        million borrowers become a million Python objects only if code asks for each one.

        Args:
            row: Borrower row.

        Returns:
            The agent, a live view of the row.

        Raises:
            ScenarioError: If the row is out of range.
        """
        n = len(self.borrowers.tier)
        if not 0 <= row < n:
            raise ScenarioError(f"borrower row must be in [0, {n - 1}], got {row}")
        return self.agents_by_type[Borrower][int(row)]

    def register_agent(self, agent: mesa.Agent) -> None:
        """Register a new agent: a Borrower with the set of borrowers, any other with Mesa.

        Mesa's registry (``model.agents``, and the id it numbers agents by) holds the firms and
        the regulator, in both engines; borrowers are rows of the tables and their agents
        belong to ``agents_by_type[Borrower]``
        (:class:`~arrears.market.agents.borrower_set.BorrowerSet`), which has every borrower
        whether its agent has been made or not.

        Args:
            agent: The agent (Mesa's ``Agent.__init__`` calls this).
        """
        if isinstance(agent, Borrower):
            self.agents_by_type[Borrower].register(agent)
            return
        super().register_agent(agent)

    def deregister_agent(self, agent: mesa.Agent) -> None:
        """Deregister an agent leaving the market (an agency); borrowers never leave.

        Args:
            agent: The agent (Mesa's ``Agent.remove`` calls this).

        Raises:
            TypeError: For a Borrower: a borrower is a row of the tables for the whole run.
        """
        if isinstance(agent, Borrower):
            raise TypeError(
                f"borrower row {agent.row} cannot be removed: borrowers are rows of the "
                "tables for the whole run"
            )
        super().deregister_agent(agent)

    def worklist(self, collector: int) -> np.ndarray:
        """Today's delinquent accounts of a collector, in working order.

        Args:
            collector: Collector index.

        Returns:
            Account rows, lowest DPD first.
        """
        start, end = self._worklist_starts[collector], self._worklist_starts[collector + 1]
        return self._worklist_order[start:end]

    def series(self) -> pd.DataFrame:
        """The daily series as a pandas DataFrame (one row per recorded day)."""
        return pd.DataFrame(self._recorded_days, columns=list(SERIES_COLUMNS))

    def summary(self) -> dict[str, float]:
        """The run summary (see :func:`arrears.market.summary.summary`)."""
        return summary(self)

    def ended_summary(self) -> dict[str, float] | None:
        """The run summary once the run has ended (``running`` False), else None.

        Computed once a day, however many DataCollector columns ask for it.
        """
        if self.running:
            return None
        if self._ended_summary is None or self._ended_summary[0] != self.day:
            self._ended_summary = (self.day, self.summary())
        return self._ended_summary[1]

    # -- set-up --------------------------------------------------------------------------

    def _register_borrowers(self) -> None:
        """Give Borrower its set of all borrowers; in the agents engine, make every agent.

        In the numba engine a Borrower agent is made when something asks for it.
        """
        self.agents_by_type[Borrower] = BorrowerSet(self)
        if self.engine == "agents":
            for row in range(len(self.borrowers.tier)):
                self.borrower(row)

    def _day_inputs(self) -> DayInputs:
        """Today's inputs to the kernels, from the macro path and the collectors' decisions."""
        collectors = self.collectors
        start, end = self.moratorium_days
        requests_open = (
            self.parameters.macro.moratorium_scope == "on_request" and start <= self.day < end
        )
        return DayInputs(
            day=self.day,
            separation_rate=self.separation_rate,
            calling_hours=np.array(
                [np.pad(c.hours, (0, 24 - len(c.hours))) for c in collectors], np.int64
            ).reshape(len(collectors), 24),
            n_calling_hours=np.array([len(c.hours) for c in collectors], np.int64),
            aggressiveness=np.array([c.aggressiveness for c in collectors], np.float64),
            offers_plans=np.array(
                [
                    c.policy.offers_plans or self.parameters.regime.forbearance_duty
                    for c in collectors
                ],
                np.uint8,
            ),
            breach_probability=np.array([c.breach_probability for c in collectors]),
            complaint_resolution=np.array([c.policy.complaint_resolution for c in collectors]),
            test_aggressiveness=np.array([c.test_aggressiveness for c in collectors], np.float64),
            test_breach_probability=np.array([c.test_breach_probability for c in collectors]),
            underwriting_cutoff=np.array([lender.cutoff for lender in self.lenders], np.float64),
            payment_holiday_end=end if requests_open else NO_DAY,
        )

    def _draw_population(self) -> tuple[Borrowers, Accounts]:
        """The day-0 book, underwritten at the lenders' starting cut-off (see ``draw_book``)."""
        p = self.parameters
        pop = p.population
        counts = accounts_per_borrower(
            p.run.seed, pop.n_accounts, np.cumsum(pop.accounts_per_borrower_shares)
        )
        borrowers, accounts = empty_borrowers(len(counts)), empty_accounts(pop.n_accounts)
        borrowers.n_accounts[:] = counts
        borrowers.first_account[1:] = np.cumsum(counts)[:-1]
        for_engine(draw_book, self.engine)(
            self._population(p.macro.unemployment(0)),
            self.run_constants,
            starting_cutoff(p.loans, p.credit),
            borrowers,
            accounts,
        )
        return borrowers, accounts

    def _population(self, unemployment_rate: float) -> Population:
        """The population borrowers are drawn from, at an unemployment rate (share)."""
        p = self.parameters
        pop, loans = p.population, p.loans
        return Population(
            seed=p.run.seed,
            tier_cumulative_share=np.cumsum(pop.tier_shares),
            archetype_cumulative_share=np.cumsum(pop.archetype_shares),
            income_log_median=np.log(np.asarray(pop.income_median) * 100),
            income_log_sd=pop.income_log_sd,
            essentials_share=pop.essentials_share,
            buffer_log_median_months=np.log(np.maximum(pop.buffer_months, 1e-12)),
            buffer_log_sd=pop.buffer_log_sd,
            unemployment_rate=float(unemployment_rate),
            willingness_logit=np.asarray(pop.willingness_logit, np.float64),
            willingness_logit_sd=pop.willingness_logit_sd,
            credit_score_noise_sd=p.credit.score_noise_sd,
            initial_trust=pop.initial_trust,
            initial_stress=pop.initial_stress,
            rights_awareness_mean=pop.rights_awareness_mean,
            rights_awareness_sd=pop.rights_awareness_sd,
            score_noise_sd=p.collectors.score_noise_sd,
            principal_log_median=float(np.log(loans.principal_median * 100)),
            principal_log_sd=loans.principal_log_sd,
            monthly_rate=loans.apr_annual / 12,
            term_months=loans.term_months,
            n_lenders=p.lenders.n_lenders,
            accounts_cumulative_share=np.cumsum(pop.accounts_per_borrower_shares),
        )

    def _in_house_collector(self, lender: int) -> Collector:
        c = self.parameters.collectors
        portfolio = int(np.count_nonzero(self.accounts.lender == lender))
        return Collector(
            self, index=lender, staff=c.staff_per_10k_accounts * portfolio / 10_000, policy=c
        )

    def _build_calendars(self) -> None:
        """Index borrowers by payday and open accounts by due day.

        Built at the start and again each month after new borrowers join (monthly work: two
        stable sorts on small integer keys). Accounts closed since stay out of the due-day
        calendar; they have nothing to do.
        """
        days = np.arange(DAYS_PER_MONTH + 1)
        self._payday_order = np.argsort(self.borrowers.payday, kind="stable")
        self._payday_starts = np.searchsorted(
            self.borrowers.payday[self._payday_order], days
        ).astype(np.int64)
        open_rows = np.flatnonzero(self.accounts.status == ACTIVE)
        self._due_order = open_rows[np.argsort(self.accounts.due_day[open_rows], kind="stable")]
        self._due_starts = np.searchsorted(self.accounts.due_day[self._due_order], days).astype(
            np.int64
        )


__all__ = ["BorrowerEvent", "CollectionMarket", "Engine"]
