"""The borrower and account tables: structs of numpy arrays with a documented schema.

Accounts (loans) are rows, not objects. Both tables are ``NamedTuple``s of equal-length arrays so
that numba kernels receive them as one argument and the agents engine reads the same rows through
Borrower agents. Money is held in **integer cents (int64)**, so the ledger identity of every
account holds exactly: ``originated + interest + fees - paid - discounts -
written_off == balance``.

Each borrower owns a contiguous block of accounts ``first_account .. first_account + n_accounts``
(at different lenders when there are enough lenders).

The tables grow during a run: on the first day of each month the applicants lenders approve
join as new borrowers, each with the new accounts she was granted in one block, appended after
the existing rows (rows never move or disappear). The model then holds new, longer tables, so
read ``model.accounts`` and ``model.borrowers`` afresh after a step rather than keeping a table
from before it; :func:`first_rows` cuts a table back to the rows an earlier copy had.

Account status codes: ``ACTIVE`` (open), ``REPAID`` (repaid and not renewed), ``CHARGED_OFF``
(written off) and ``SETTLED`` (closed by a discounted lump sum). Closed accounts never reopen. A
repaid loan may be renewed on the same line (a new draw on the same row) the day it is repaid,
which keeps the portfolio from running off during a run.

State that decays over time (a borrower's stress; an account's collection pressure and threat)
is stored with the day it was last changed and decayed when read, so idle rows cost nothing.
Such 0-1 states are float32; every read converts them to float64 before any arithmetic, so the
two engines compute identically.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

import numpy as np
from numba import njit

from arrears.market.mathx import annuity_balance_cents, annuity_instalment_cents, round_cents
from arrears.market.rng import Stream, integer_below, lognormal, normal, uniform
from arrears.scenario.sections.channels import CHANNELS

ACTIVE = 0
REPAID = 1
CHARGED_OFF = 2
SETTLED = 3

NO_PLAN = 0
DEFERRAL = 1
INSTALMENT_PLAN = 2

TOUCHED = 1
"""``intent_today`` flag: the account had something to do today."""

INTENDS_TO_PAY = 2
"""``intent_today`` flag: the borrower means to pay the account's arrears today."""

NO_SUIT = 0
SUED = 1
JUDGMENT = 2
SUIT_ENDED = 3
"""Legal states of an account (``legal`` column; see ``kernels.litigation``): never sued; a
suit pending (until its court day); a judgment being enforced; a suit that ended without a
judgment (lost or withdrawn; the loan is not sued again)."""
BASE_ARM = 0
"""``tone_arm``: the account is worked at its collector's own tone."""

TEST_ARM = 1
"""``tone_arm``: the account is worked at the neighbouring tone its agency is testing."""

NO_DAY = -1
"""Marks an unset day column (no promise pending, no dispute, no plan, no court date)."""

DAYS_PER_MONTH = 30
"""Days in a model month; every account is billed on its due day once per 30 days."""

MAX_PRINCIPAL_CENTS = 10**10
"""Largest principal drawn (10^8 currency units, cents): the tail of a wide lognormal is capped
so that the cent totals of a million accounts, with years of interest, fit in int64."""

BUCKET_NAMES = ("current", "dpd_1_29", "dpd_30_59", "dpd_60_89", "dpd_90_plus")
"""Delinquency buckets of an open account, by days past due (current = 0 DPD)."""

N_BUCKETS = len(BUCKET_NAMES)
N_CHANNELS = len(CHANNELS)
"""Number of contact channels (:data:`arrears.scenario.sections.channels.CHANNELS`)."""


class LenderEvent(IntEnum):
    """Counters the daily kernels add up per lender (money in cents, counts in accounts)."""

    COLLECTED = 0
    COLLECTED_DELINQUENT = 1
    INTEREST = 2
    FEES = 3
    ORIGINATED = 4
    WRITTEN_OFF = 5
    DISCOUNTS = 6
    NEW_DELINQUENT = 7
    DELINQUENT_EXPOSURE = 8
    CURES = 9
    ROLLS_TO_30 = 10
    ROLLS_TO_60 = 11
    ROLLS_TO_90 = 12
    CHARGE_OFFS = 13
    REPAID_CLOSED = 14
    RENEWALS = 15
    CONVERSATIONS = 16
    PAY_NOW = 17
    PARTIAL_PAYMENTS = 18
    PROMISES = 19
    PROMISES_KEPT = 20
    PROMISES_BROKEN = 21
    PLANS_OFFERED = 22
    PLANS_ACCEPTED = 23
    PLANS_COMPLETED = 24
    PLANS_REDEFAULTED = 25
    SETTLEMENTS = 26
    REFUSALS = 27
    DISPUTES = 28
    CASH_GAINED = 29
    CASH_LOST = 30
    EPISODES_UNCURED = 31
    SUITS_FILED = 32
    DEFAULT_JUDGMENTS = 33
    CONTESTED_JUDGMENTS = 34
    SUITS_LOST = 35
    SUITS_WITHDRAWN = 36
    GARNISHED = 37
    LITIGATION_COST = 38
    DISCLOSURES = 39
    ATTEMPTS_BY_CHANNEL = 40
    CONTACTS_BY_CHANNEL = ATTEMPTS_BY_CHANNEL + N_CHANNELS
    BALANCE_BUCKET_0 = CONTACTS_BY_CHANNEL + N_CHANNELS
    COUNT_BUCKET_0 = BALANCE_BUCKET_0 + N_BUCKETS
    APPLICATIONS = COUNT_BUCKET_0 + N_BUCKETS
    APPROVALS = APPLICATIONS + 1
    RENEWALS_DECLINED = APPROVALS + 1
    COMPLAINTS_TO_REGULATOR = RENEWALS_DECLINED + 1
    ACCOUNTS_CALLED = COMPLAINTS_TO_REGULATOR + 1


N_LENDER_EVENTS = LenderEvent.ACCOUNTS_CALLED + 1

VIOLATION_TYPES = (
    "hours",
    "frequency",
    "cooldown",
    "messages",
    "visit",
    "threat",
    "third_party",
    "connected_calls",
)
"""Kinds of rule breach, in the order of their bit in ``violations_today`` and their counters."""


class CollectorEvent(IntEnum):
    """Counters the daily kernels add up per collector (counts).

    ``RECORDED_VIOLATIONS`` counts the violations committed on a recorded home visit (also
    counted by type): an audit substantiates those with certainty. ``VIOLATIONS_IN_TEST`` and
    ``COMPLAINTS_IN_TEST`` count the part of the violations and complaints that came from
    accounts worked at an agency's tone under test (see :mod:`arrears.market.kernels.tone`).
    """

    VIOLATIONS_BY_TYPE = 0
    COMPLAINTS_TO_FIRM = VIOLATIONS_BY_TYPE + len(VIOLATION_TYPES)
    COMPLAINTS_TO_REGULATOR = COMPLAINTS_TO_FIRM + 1
    RECORDED_VIOLATIONS = COMPLAINTS_TO_REGULATOR + 1
    VIOLATIONS_IN_TEST = RECORDED_VIOLATIONS + 1
    COMPLAINTS_IN_TEST = VIOLATIONS_IN_TEST + 1


N_COLLECTOR_EVENTS = CollectorEvent.COMPLAINTS_IN_TEST + 1


class BorrowerEvent(IntEnum):
    """Market-wide borrower counters (money in cents, counts in borrowers).

    The harm counters count acts borrowers lived through (see ``kernels.harm``), in every
    regime: ``CALLS_BEYOND_TOLERANCE`` (call attempts past the week a borrower tolerates),
    ``INTRUSIVE_CONTACTS`` (calls and visits in hours she sleeps or works) and ``THREATS``
    (threats in conversations).
    """

    INCOME = 0
    ESSENTIALS = 1
    CONSUMPTION = 2
    PAID = 3
    JOB_LOSSES = 4
    JOB_FINDS = 5
    CONTACT_LOST = 6
    CONTACT_REGAINED = 7
    MORATORIA = 8
    PAYMENT_HOLIDAYS = 9
    JOINED = 10
    JOINED_UNEMPLOYED = 11
    JOINED_BUFFER = 12
    CALLS_BEYOND_TOLERANCE = 13
    INTRUSIVE_CONTACTS = 14
    THREATS = 15


N_BORROWER_EVENTS = len(BorrowerEvent)


class Borrowers(NamedTuple):
    """One row per borrower.

    Attributes:
        tier: int8, risk tier index into ``scenario.sections.population.TIER_NAMES``.
        archetype: int8, reachability archetype index into ``reachability.ARCHETYPES``.
        income: int64 cents/month, income while employed.
        essentials: int64 cents/month, essential spending.
        employed: uint8, 1 if employed.
        lost_contact: uint8, 1 while the borrower cannot be reached remotely (失联).
        buffer: int64 cents, liquid savings available for payments.
        payday: int8, day of the month (0-29) on which income arrives.
        willingness: float64 log-odds, the borrower's own willingness to pay.
        stress: float32 0-1, financial stress as of ``stress_day`` (decays daily).
        stress_day: int32, the day ``stress`` was last set.
        rights_awareness: float32 0-1, awareness of the right to complain or to a moratorium.
        harm: float32, remembered harm (decaying; see ``kernels.harm``) as of ``harm_day``.
        harm_day: int32, the day ``harm`` was last set.
        violations: float32, remembered rule breaches she saw (decaying) as of
            ``violations_day``.
        violations_day: int32, the day ``violations`` was last set.
        moratorium_until: int32, a statutory moratorium lasts until this day (``NO_DAY``: none).
        moratorium_start: int32, the day the last moratorium began (``NO_DAY``: never).
        holiday_until: int32, a general payment moratorium (no billing either) lasts until this
            day (``NO_DAY``: none); ``moratorium_until`` covers it too.
        credit_score: float32 log-odds, the credit score lenders see: willingness with error.
        first_account: int64, row of the borrower's first account.
        n_accounts: int32, number of accounts the borrower holds.
    """

    tier: np.ndarray
    archetype: np.ndarray
    income: np.ndarray
    essentials: np.ndarray
    employed: np.ndarray
    lost_contact: np.ndarray
    buffer: np.ndarray
    payday: np.ndarray
    willingness: np.ndarray
    stress: np.ndarray
    stress_day: np.ndarray
    rights_awareness: np.ndarray
    harm: np.ndarray
    harm_day: np.ndarray
    violations: np.ndarray
    violations_day: np.ndarray
    moratorium_until: np.ndarray
    moratorium_start: np.ndarray
    holiday_until: np.ndarray
    credit_score: np.ndarray
    first_account: np.ndarray
    n_accounts: np.ndarray


class Accounts(NamedTuple):
    """One row per account (loan line).

    Attributes:
        borrower: int32, row of the owning borrower.
        lender: int16, index of the lender that owns the loan.
        collector: int16, index of the collector working the account.
        status: uint8, ``ACTIVE``, ``REPAID``, ``CHARGED_OFF`` or ``SETTLED``.
        due_day: int8, day of the month (0-29) on which the instalment falls due.
        months_remaining: int16, instalments left in the term.
        dpd: int16 days past due of the oldest unpaid instalment (0 when nothing is overdue).
        plan: uint8, ``NO_PLAN``, ``DEFERRAL`` or ``INSTALMENT_PLAN``.
        episode: uint8, 1 while a delinquency episode is open (see ``kernels.episodes``).
        channel_today: uint8, channel of today's planned contact (see
            ``scenario.sections.channels.CHANNELS``).
        attempts_today: uint8, attempts planned today (0 = no contact; cleared when used).
        intent_today: uint8, scratch flags for the day being simulated (``TOUCHED``,
            ``INTENDS_TO_PAY``); zero between days.
        balance: int64 cents owed in total.
        instalment: int64 cents, the level monthly instalment.
        arrears: int64 cents billed and not yet paid (part of the balance).
        originated: int64 cents lent (the opening balance at day 0 counts as originated).
        interest: int64 cents of interest charged.
        fees: int64 cents of late fees charged.
        paid: int64 cents paid by the borrower.
        discounts: int64 cents forgiven (settlement discounts).
        written_off: int64 cents charged off.
        trust: float32 0-1, the borrower's trust in this creditor.
        pressure: float32, decayed sum of collection attempts weighted by tone, as of
            ``touched_day``.
        threat: float32 0-1, credible-consequence signal (legal letter), as of ``touched_day``.
        score: float32 log-odds, the collector's behavioural score of the borrower's willingness.
        touched_day: int32, the day ``pressure`` and ``threat`` were last set.
        promise_day: int32, day a promised payment falls due (``NO_DAY`` if none pending).
        plan_end_day: int32, day the current plan ends (``NO_DAY`` without a plan).
        dispute_until: int32, collection paused until this day while a dispute is verified.
        attempts_ring: uint32, call attempts on each of the 7 days ending ``ring_day`` (4 bits
            a day, that day in the lowest bits): an exact rolling count in 4 bytes.
        attempts_month_ring: uint64, call attempts on each of the 30 days ending ``ring_day``
            (2 bits a day, saturating at 3; exact where a 30-day cap applies, since such a
            regime caps the day at 3 or fewer).
        messages_ring: uint32, messages on each of the 7 days ending ``ring_day``, likewise.
        messages_month_ring: uint64, messages on each of the 30 days ending ``ring_day``.
        visits_ring: uint8, one bit per day of the 7 ending ``ring_day`` with a home visit.
        ring_day: int32, the day the rings were last shifted.
        last_conversation_day: int32, day of the last conversation (``NO_DAY``: none).
        violations_today: uint8, bits of ``VIOLATION_TYPES`` breached by today's contact.
        plan_offered: uint8, 1 once a collector has offered a plan on the loan (a forbearance
            duty requires it before a suit).
        legal: uint8, ``NO_SUIT``, ``SUED``, ``JUDGMENT`` or ``SUIT_ENDED``.
        court_day: int32, day of the hearing of a pending suit (``NO_DAY``: none).
        tone_arm: uint8, ``BASE_ARM`` or ``TEST_ARM`` of the agency's monthly tone test (see
            :mod:`arrears.market.kernels.tone`); always ``BASE_ARM`` in-house.
    """

    borrower: np.ndarray
    lender: np.ndarray
    collector: np.ndarray
    status: np.ndarray
    due_day: np.ndarray
    months_remaining: np.ndarray
    dpd: np.ndarray
    plan: np.ndarray
    episode: np.ndarray
    channel_today: np.ndarray
    attempts_today: np.ndarray
    intent_today: np.ndarray
    balance: np.ndarray
    instalment: np.ndarray
    arrears: np.ndarray
    originated: np.ndarray
    interest: np.ndarray
    fees: np.ndarray
    paid: np.ndarray
    discounts: np.ndarray
    written_off: np.ndarray
    trust: np.ndarray
    pressure: np.ndarray
    threat: np.ndarray
    score: np.ndarray
    touched_day: np.ndarray
    promise_day: np.ndarray
    plan_end_day: np.ndarray
    dispute_until: np.ndarray
    attempts_ring: np.ndarray
    attempts_month_ring: np.ndarray
    messages_ring: np.ndarray
    messages_month_ring: np.ndarray
    visits_ring: np.ndarray
    ring_day: np.ndarray
    last_conversation_day: np.ndarray
    violations_today: np.ndarray
    plan_offered: np.ndarray
    legal: np.ndarray
    court_day: np.ndarray
    tone_arm: np.ndarray


_BORROWER_DTYPES = {
    "tier": np.int8,
    "archetype": np.int8,
    "income": np.int64,
    "essentials": np.int64,
    "employed": np.uint8,
    "lost_contact": np.uint8,
    "buffer": np.int64,
    "payday": np.int8,
    "willingness": np.float64,
    "stress": np.float32,
    "stress_day": np.int32,
    "rights_awareness": np.float32,
    "harm": np.float32,
    "harm_day": np.int32,
    "violations": np.float32,
    "violations_day": np.int32,
    "moratorium_until": np.int32,
    "moratorium_start": np.int32,
    "holiday_until": np.int32,
    "credit_score": np.float32,
    "first_account": np.int64,
    "n_accounts": np.int32,
}

_ACCOUNT_DTYPES = {
    "borrower": np.int32,
    "lender": np.int16,
    "collector": np.int16,
    "status": np.uint8,
    "due_day": np.int8,
    "months_remaining": np.int16,
    "dpd": np.int16,
    "plan": np.uint8,
    "episode": np.uint8,
    "channel_today": np.uint8,
    "attempts_today": np.uint8,
    "intent_today": np.uint8,
    **dict.fromkeys(
        (
            "balance",
            "instalment",
            "arrears",
            "originated",
            "interest",
            "fees",
            "paid",
            "discounts",
            "written_off",
        ),
        np.int64,
    ),
    **dict.fromkeys(("trust", "pressure", "threat", "score"), np.float32),
    **dict.fromkeys(("touched_day", "promise_day", "plan_end_day", "dispute_until"), np.int32),
    "attempts_ring": np.uint32,
    "attempts_month_ring": np.uint64,
    "messages_ring": np.uint32,
    "messages_month_ring": np.uint64,
    "visits_ring": np.uint8,
    "ring_day": np.int32,
    "last_conversation_day": np.int32,
    "violations_today": np.uint8,
    "plan_offered": np.uint8,
    "legal": np.uint8,
    "court_day": np.int32,
    "tone_arm": np.uint8,
}


def empty_borrowers(n: int) -> Borrowers:
    """Allocate a zeroed borrower table.

    Args:
        n: Number of borrowers.

    Returns:
        The table.
    """
    return Borrowers(*(np.zeros(n, _BORROWER_DTYPES[name]) for name in Borrowers._fields))


def empty_accounts(n: int) -> Accounts:
    """Allocate a zeroed account table.

    Args:
        n: Number of accounts.

    Returns:
        The table.
    """
    return Accounts(*(np.zeros(n, _ACCOUNT_DTYPES[name]) for name in Accounts._fields))


class Population(NamedTuple):
    """Parameters of the population, as the drawing kernels need them.

    The day-0 population and each month's applicants are drawn from it (applicants with the
    unemployment of the month and a tier mix tilted by their lender's reputation). Money in
    cents; per-tier arrays indexed by tier.
    """

    seed: int
    tier_cumulative_share: np.ndarray
    archetype_cumulative_share: np.ndarray
    income_log_median: np.ndarray
    income_log_sd: float
    essentials_share: float
    buffer_log_median_months: np.ndarray
    buffer_log_sd: float
    unemployment_rate: float
    willingness_logit: np.ndarray
    willingness_logit_sd: float
    credit_score_noise_sd: float
    initial_trust: float
    initial_stress: float
    rights_awareness_mean: float
    rights_awareness_sd: float
    score_noise_sd: float
    principal_log_median: float
    principal_log_sd: float
    monthly_rate: float
    term_months: int
    n_lenders: int
    accounts_cumulative_share: np.ndarray


@njit(cache=True)
def pick_category(cumulative_share: np.ndarray, u: float) -> int:
    """The category whose cumulative share first reaches ``u``."""
    category = 0
    while category < cumulative_share.shape[0] - 1 and u > cumulative_share[category]:
        category += 1
    return category


@njit(cache=True)
def accounts_per_borrower(seed: int, n_accounts: int, cumulative_share: np.ndarray) -> np.ndarray:
    """How many accounts each borrower holds, until ``n_accounts`` are placed.

    Args:
        seed: Run seed.
        n_accounts: Total number of accounts.
        cumulative_share: Cumulative shares of borrowers holding 1, 2, ... accounts.

    Returns:
        int32[borrower], summing to ``n_accounts`` (the last borrower takes what is left).
    """
    counts = np.empty(n_accounts, np.int32)
    placed = 0
    b = 0
    while placed < n_accounts:
        k = pick_category(cumulative_share, uniform(seed, Stream.INIT_ACCOUNT_COUNT, 0, b, 0)) + 1
        k = min(k, n_accounts - placed)
        counts[b] = k
        placed += k
        b += 1
    return counts[:b]


@njit(cache=True, inline="always")
def draw_borrower(
    b: int,
    stream_offset: int,
    day: int,
    entity: int,
    k: int,
    pop: Population,
    borrowers: Borrowers,
) -> None:
    """Draw a borrower's traits into row ``b``: tier, income, savings, willingness, ...

    Each trait is drawn from its own day-0 stream (``Stream.INIT_*``) plus ``stream_offset``,
    keyed by ``(day, entity, k)``: ``(0, 0, b, 0)`` for the day-0 population, ``(Stream.APPLICANT,
    day, lender, applicant number)`` for a month's applicants, so an applicant's traits do not
    depend on the row it lands in or on how many others applied.

    Args:
        b: Row to fill.
        stream_offset: Added to every stream number.
        day: Draw key: the day.
        entity: Draw key: the entity.
        k: Draw key: the draw number.
        pop: Population parameters.
        borrowers: Borrower table (row ``b`` is set; its account block is left alone).
    """
    seed, o = pop.seed, stream_offset
    tier = pick_category(
        pop.tier_cumulative_share, uniform(seed, o + Stream.INIT_TIER, day, entity, k)
    )
    income = round_cents(
        lognormal(
            seed,
            o + Stream.INIT_INCOME,
            day,
            entity,
            k,
            pop.income_log_median[tier],
            pop.income_log_sd,
        )
    )
    willingness = pop.willingness_logit[tier] + pop.willingness_logit_sd * normal(
        seed, o + Stream.INIT_WILLINGNESS, day, entity, k
    )
    borrowers.tier[b] = tier
    borrowers.archetype[b] = pick_category(
        pop.archetype_cumulative_share, uniform(seed, o + Stream.INIT_ARCHETYPE, day, entity, k)
    )
    borrowers.income[b] = income
    borrowers.essentials[b] = round_cents(income * pop.essentials_share)
    borrowers.employed[b] = (
        uniform(seed, o + Stream.INIT_EMPLOYED, day, entity, k) >= pop.unemployment_rate
    )
    borrowers.buffer[b] = round_cents(
        income
        * lognormal(
            seed,
            o + Stream.INIT_BUFFER,
            day,
            entity,
            k,
            pop.buffer_log_median_months[tier],
            pop.buffer_log_sd,
        )
    )
    borrowers.payday[b] = integer_below(
        seed, o + Stream.INIT_PAYDAY, day, entity, k, DAYS_PER_MONTH
    )
    borrowers.willingness[b] = willingness
    borrowers.credit_score[b] = willingness + pop.credit_score_noise_sd * normal(
        seed, o + Stream.INIT_CREDIT_SCORE, day, entity, k
    )
    borrowers.stress[b] = pop.initial_stress
    borrowers.stress_day[b] = day
    borrowers.harm_day[b] = day
    borrowers.violations_day[b] = day
    borrowers.rights_awareness[b] = min(
        max(
            pop.rights_awareness_mean
            + pop.rights_awareness_sd * normal(seed, o + Stream.INIT_RIGHTS, day, entity, k),
            0.0,
        ),
        1.0,
    )
    borrowers.moratorium_until[b] = NO_DAY
    borrowers.moratorium_start[b] = NO_DAY
    borrowers.holiday_until[b] = NO_DAY


@njit(cache=True, inline="always")
def open_loan(
    a: int,
    b: int,
    willingness: float,
    lender: int,
    stream_offset: int,
    day: int,
    entity: int,
    k: int,
    months_elapsed: int,
    pop: Population,
    accounts: Accounts,
) -> None:
    """Open a current loan on row ``a`` for borrower ``b`` at ``lender`` (its own collector).

    The principal, due day and the collector's behavioural-score error are drawn from their
    day-0 streams plus ``stream_offset`` with keys ``(day, entity, k)`` (see
    :func:`draw_borrower`). The balance is what remains after ``months_elapsed`` instalments;
    it all counts as originated.

    Args:
        a: Account row to fill.
        b: Row of the owning borrower.
        willingness: The borrower's willingness to pay (log-odds), behind the collector's score.
        lender: Lender index.
        stream_offset: Added to every stream number.
        day: Draw key: the day.
        entity: Draw key: the entity.
        k: Draw key: the draw number.
        months_elapsed: Instalments already paid (0 for a new loan).
        pop: Population parameters (loan terms).
        accounts: Account table (row ``a`` is set).
    """
    seed, o = pop.seed, stream_offset
    principal = round_cents(
        min(
            lognormal(
                seed,
                o + Stream.INIT_PRINCIPAL,
                day,
                entity,
                k,
                pop.principal_log_median,
                pop.principal_log_sd,
            ),
            MAX_PRINCIPAL_CENTS,
        )
    )
    accounts.borrower[a] = b
    accounts.lender[a] = lender
    accounts.collector[a] = lender
    accounts.status[a] = ACTIVE
    accounts.due_day[a] = integer_below(
        seed, o + Stream.INIT_DUE_DAY, day, entity, k, DAYS_PER_MONTH
    )
    accounts.months_remaining[a] = pop.term_months - months_elapsed
    balance = annuity_balance_cents(principal, pop.monthly_rate, pop.term_months, months_elapsed)
    accounts.balance[a] = balance
    accounts.originated[a] = balance
    accounts.instalment[a] = annuity_instalment_cents(principal, pop.monthly_rate, pop.term_months)
    accounts.trust[a] = pop.initial_trust
    accounts.score[a] = willingness + pop.score_noise_sd * normal(
        seed, o + Stream.INIT_SCORE, day, entity, k
    )
    accounts.touched_day[a] = day
    accounts.ring_day[a] = day
    accounts.promise_day[a] = NO_DAY
    accounts.plan_end_day[a] = NO_DAY
    accounts.dispute_until[a] = NO_DAY
    accounts.last_conversation_day[a] = NO_DAY
    accounts.court_day[a] = NO_DAY


def first_rows[T: (Borrowers, Accounts)](table: T, n: int) -> T:
    """The first ``n`` rows of a table (views of its columns).

    For example the rows that existed before new borrowers joined.

    Args:
        table: The table.
        n: Number of rows.

    Returns:
        A table of views.
    """
    return type(table)(*(column[:n] for column in table))


def appended[T: (Borrowers, Accounts)](columns: list[np.ndarray], parts: list[T]) -> T:
    """A table with more rows: a table's columns followed by those of each of ``parts``.

    The tables grow only on the first day of a month, when approved applicants join (see
    ``CollectionMarket._lenders_lend``). The copy is made one column at a time, each entry of
    ``columns`` replaced by its longer copy as soon as that exists: once the caller has let go of
    the old table, each old column is freed right after it is copied, so growing costs one
    column of extra memory at the peak instead of a second copy of the table.

    Args:
        columns: The old table's columns, in field order (a list the caller gives up: its
            entries are replaced).
        parts: Tables of the rows to append, in order (at least one, all of one kind).

    Returns:
        A new table of the kind of ``parts``.
    """
    new_rows: tuple[np.ndarray, ...]
    for i, new_rows in enumerate(zip(*parts, strict=True)):
        columns[i] = np.concatenate((columns[i], *new_rows))
    return type(parts[0])(*columns)


def ledger_error_cents(accounts: Accounts) -> np.ndarray:
    """Per-account break of the ledger identity, in cents (all zeros when money is conserved).

    Args:
        accounts: The account table.

    Returns:
        ``originated + interest + fees - paid - discounts - written_off - balance`` per account.
    """
    return (
        accounts.originated
        + accounts.interest
        + accounts.fees
        - accounts.paid
        - accounts.discounts
        - accounts.written_off
        - accounts.balance
    )
