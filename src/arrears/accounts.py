"""The borrower and account tables: structs of numpy arrays with a documented schema.

Accounts (loans) are rows, not objects. Both tables are ``NamedTuple``s of equal-length arrays so
that numba kernels receive them as one argument and the agents engine reads the same rows through
Borrower agents. Money is held in **integer cents (int64)**, so the ledger identity of every
account holds exactly (DESIGN.md §4): ``originated + interest + fees - paid - discounts -
written_off == balance``.

Each borrower owns a contiguous block of accounts ``first_account .. first_account + n_accounts``.

Account status codes: ``ACTIVE`` (open), ``REPAID`` (repaid and not renewed; closed) and
``CHARGED_OFF`` (written off; closed). Closed accounts never reopen. A repaid loan may be renewed
on the same line (a new draw on the same row) the day it is repaid, which keeps the portfolio
from running off during a run.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

import numpy as np
from numba import njit, prange

from arrears.mathx import annuity_balance_cents, annuity_instalment_cents, round_cents
from arrears.rng import Stream, integer_below, lognormal, normal, uniform

ACTIVE = 0
REPAID = 1
CHARGED_OFF = 2

DAYS_PER_MONTH = 30
"""Days in a model month; every account is billed on its due day once per 30 days."""

BUCKET_NAMES = ("current", "dpd_1_29", "dpd_30_59", "dpd_60_89", "dpd_90_plus")
"""Delinquency buckets of an open account, by days past due (current = 0 DPD)."""


class LenderEvent(IntEnum):
    """Counters the daily kernels add up per lender (money in cents, counts in accounts)."""

    COLLECTED = 0
    COLLECTED_DELINQUENT = 1
    INTEREST = 2
    FEES = 3
    ORIGINATED = 4
    WRITTEN_OFF = 5
    CALL_ATTEMPTS = 6
    RIGHT_PARTY_CONTACTS = 7
    NEW_DELINQUENT = 8
    DELINQUENT_EXPOSURE = 9
    CURES = 10
    ROLLS_TO_30 = 11
    ROLLS_TO_60 = 12
    ROLLS_TO_90 = 13
    CHARGE_OFFS = 14
    REPAID_CLOSED = 15
    RENEWALS = 16
    BALANCE_BUCKET_0 = 17
    COUNT_BUCKET_0 = 22


N_BUCKETS = len(BUCKET_NAMES)
N_LENDER_EVENTS = LenderEvent.COUNT_BUCKET_0 + N_BUCKETS


class BorrowerEvent(IntEnum):
    """Market-wide borrower counters (money in cents, counts in borrowers)."""

    INCOME = 0
    ESSENTIALS = 1
    CONSUMPTION = 2
    PAID = 3
    JOB_LOSSES = 4
    JOB_FINDS = 5


N_BORROWER_EVENTS = len(BorrowerEvent)


class Borrowers(NamedTuple):
    """One row per borrower.

    Attributes:
        tier: int8, risk tier index into ``params.TIER_NAMES``.
        income: int64 cents/month, income while employed.
        essentials: int64 cents/month, essential spending.
        employed: uint8, 1 if employed.
        buffer: int64 cents, liquid savings available for payments.
        payday: int8, day of the month (0-29) on which income arrives.
        willingness: float64 log-odds, the borrower's own willingness to pay.
        first_account: int64, row of the borrower's first account.
        n_accounts: int32, number of accounts the borrower holds.
    """

    tier: np.ndarray
    income: np.ndarray
    essentials: np.ndarray
    employed: np.ndarray
    buffer: np.ndarray
    payday: np.ndarray
    willingness: np.ndarray
    first_account: np.ndarray
    n_accounts: np.ndarray


class Accounts(NamedTuple):
    """One row per account (loan line).

    Attributes:
        borrower: int64, row of the owning borrower.
        lender: int16, index of the lender that owns the loan.
        collector: int16, index of the collector working the account.
        status: uint8, ``ACTIVE``, ``REPAID`` or ``CHARGED_OFF``.
        due_day: int8, day of the month (0-29) on which the instalment falls due.
        months_remaining: int16, instalments left in the term.
        dpd: int32 days past due of the oldest unpaid instalment (0 when nothing is overdue).
        balance: int64 cents owed in total.
        instalment: int64 cents, the level monthly instalment.
        arrears: int64 cents billed and not yet paid (part of the balance).
        originated: int64 cents lent (the opening balance at day 0 counts as originated).
        interest: int64 cents of interest charged.
        fees: int64 cents of late fees charged.
        paid: int64 cents paid by the borrower.
        discounts: int64 cents forgiven (settlement discounts, waivers).
        written_off: int64 cents charged off.
        attempts_today: uint8, call attempts planned on the account today (cleared when used).
    """

    borrower: np.ndarray
    lender: np.ndarray
    collector: np.ndarray
    status: np.ndarray
    due_day: np.ndarray
    months_remaining: np.ndarray
    dpd: np.ndarray
    balance: np.ndarray
    instalment: np.ndarray
    arrears: np.ndarray
    originated: np.ndarray
    interest: np.ndarray
    fees: np.ndarray
    paid: np.ndarray
    discounts: np.ndarray
    written_off: np.ndarray
    attempts_today: np.ndarray


def empty_borrowers(n: int) -> Borrowers:
    """Allocate a zeroed borrower table.

    Args:
        n: Number of borrowers.

    Returns:
        The table.
    """
    return Borrowers(
        tier=np.zeros(n, np.int8),
        income=np.zeros(n, np.int64),
        essentials=np.zeros(n, np.int64),
        employed=np.zeros(n, np.uint8),
        buffer=np.zeros(n, np.int64),
        payday=np.zeros(n, np.int8),
        willingness=np.zeros(n, np.float64),
        first_account=np.zeros(n, np.int64),
        n_accounts=np.zeros(n, np.int32),
    )


def empty_accounts(n: int) -> Accounts:
    """Allocate a zeroed account table.

    Args:
        n: Number of accounts.

    Returns:
        The table.
    """
    return Accounts(
        borrower=np.zeros(n, np.int64),
        lender=np.zeros(n, np.int16),
        collector=np.zeros(n, np.int16),
        status=np.zeros(n, np.uint8),
        due_day=np.zeros(n, np.int8),
        months_remaining=np.zeros(n, np.int16),
        dpd=np.zeros(n, np.int32),
        balance=np.zeros(n, np.int64),
        instalment=np.zeros(n, np.int64),
        arrears=np.zeros(n, np.int64),
        originated=np.zeros(n, np.int64),
        interest=np.zeros(n, np.int64),
        fees=np.zeros(n, np.int64),
        paid=np.zeros(n, np.int64),
        discounts=np.zeros(n, np.int64),
        written_off=np.zeros(n, np.int64),
        attempts_today=np.zeros(n, np.uint8),
    )


class Population(NamedTuple):
    """Parameters of the initial population, as the initialisation kernel needs them.

    Money in cents; per-tier arrays indexed by tier.
    """

    seed: int
    tier_cumulative_share: np.ndarray
    income_log_median: np.ndarray
    income_log_sd: float
    essentials_share: float
    buffer_log_median_months: np.ndarray
    buffer_log_sd: float
    unemployment_rate: float
    willingness_logit: np.ndarray
    willingness_logit_sd: float
    principal_log_median: float
    principal_log_sd: float
    monthly_rate: float
    term_months: int
    n_lenders: int


@njit(cache=True, parallel=True)
def initialise_tables(pop: Population, borrowers: Borrowers, accounts: Accounts) -> None:
    """Draw the day-0 population: one current account per borrower, at a random loan age.

    Every draw is keyed by the borrower's row (day 0), so the tables do not depend on thread
    count or order.

    Args:
        pop: Population parameters.
        borrowers: Borrower table to fill (zeroed).
        accounts: Account table to fill (zeroed), one row per borrower.
    """
    for b in prange(borrowers.tier.shape[0]):
        _draw_borrower(b, pop, borrowers, accounts)


@njit(cache=True)
def _draw_borrower(b: int, pop: Population, borrowers: Borrowers, accounts: Accounts) -> None:
    """Draw borrower ``b`` and its account (row ``b``).

    A separate function because numba's ``prange`` loses writes made directly to a
    ``NamedTuple``'s arrays in the loop body (checked with numba 0.68), while writes made in a
    called function land.
    """
    seed = pop.seed
    u_tier = uniform(seed, Stream.INIT_TIER, 0, b, 0)
    tier = 0
    while tier < pop.tier_cumulative_share.shape[0] - 1 and (
        u_tier > pop.tier_cumulative_share[tier]
    ):
        tier += 1
    income = round_cents(
        lognormal(seed, Stream.INIT_INCOME, 0, b, 0, pop.income_log_median[tier], pop.income_log_sd)
    )
    borrowers.tier[b] = tier
    borrowers.income[b] = income
    borrowers.essentials[b] = round_cents(income * pop.essentials_share)
    borrowers.employed[b] = uniform(seed, Stream.INIT_EMPLOYED, 0, b, 0) >= (pop.unemployment_rate)
    borrowers.buffer[b] = round_cents(
        income
        * lognormal(
            seed, Stream.INIT_BUFFER, 0, b, 0, pop.buffer_log_median_months[tier], pop.buffer_log_sd
        )
    )
    borrowers.payday[b] = integer_below(seed, Stream.INIT_PAYDAY, 0, b, 0, DAYS_PER_MONTH)
    borrowers.willingness[b] = pop.willingness_logit[tier] + (
        pop.willingness_logit_sd * normal(seed, Stream.INIT_WILLINGNESS, 0, b, 0)
    )
    borrowers.first_account[b] = b
    borrowers.n_accounts[b] = 1

    a = b
    principal = round_cents(
        lognormal(
            seed, Stream.INIT_PRINCIPAL, 0, a, 0, pop.principal_log_median, pop.principal_log_sd
        )
    )
    elapsed = integer_below(seed, Stream.INIT_TERM_ELAPSED, 0, a, 0, pop.term_months)
    balance = annuity_balance_cents(principal, pop.monthly_rate, pop.term_months, elapsed)
    lender = integer_below(seed, Stream.INIT_LENDER, 0, a, 0, pop.n_lenders)
    accounts.borrower[a] = b
    accounts.lender[a] = lender
    accounts.collector[a] = lender
    accounts.status[a] = ACTIVE
    accounts.due_day[a] = integer_below(seed, Stream.INIT_DUE_DAY, 0, a, 0, DAYS_PER_MONTH)
    accounts.months_remaining[a] = pop.term_months - elapsed
    accounts.balance[a] = balance
    accounts.originated[a] = balance
    accounts.instalment[a] = annuity_instalment_cents(principal, pop.monthly_rate, pop.term_months)


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
