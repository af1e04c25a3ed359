"""A borrower's day, and the numba engine's batch loop over the borrowers active today.

:func:`borrower_day` is the single source of truth for what happens to a borrower and its
accounts in a day; the agents engine calls its ``.py_func`` from each Borrower's ``step`` and the
numba engine calls it, compiled, for the active borrowers only (DESIGN.md §6): a borrower whose
payday is not today and whose accounts are neither due today nor in arrears has nothing to do,
and :func:`borrower_day` leaves such a borrower untouched.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from arrears.accounts import (
    ACTIVE,
    DAYS_PER_MONTH,
    N_BORROWER_EVENTS,
    Accounts,
    Borrowers,
    LenderEvent,
)
from arrears.kernels.billing import bill_instalment, renew_or_close
from arrears.kernels.contact import right_party_contact
from arrears.kernels.delinquency import age_account, bucket_index, charge_off_if_due
from arrears.kernels.finances import borrower_month
from arrears.kernels.inputs import DayInputs, RunConstants
from arrears.kernels.payment import payment_offer, settle_payment


@njit(cache=True)
def account_day(
    a: int,
    b: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """One day of an open account: age, bill, contact, pay, charge off, renew or close.

    Args:
        a: Account row (status active).
        b: Row of the borrower who owns it.
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        events: The owning lender's counters (added to).
        borrower_events: Market counters (added to).
    """
    due_today = accounts.due_day[a] == today.day % DAYS_PER_MONTH
    if accounts.arrears[a] == 0 and not due_today:
        return
    bucket_before = bucket_index(accounts.dpd[a])
    balance_before = accounts.balance[a]

    age_account(a, run, accounts, events)
    if due_today:
        bill_instalment(a, run, accounts, events)
    spoke_today = accounts.dpd[a] > 0 and right_party_contact(a, today, run, accounts, events)
    if accounts.arrears[a] > 0:
        amount = payment_offer(a, b, today.day, spoke_today, run, borrowers, accounts)
        if amount > 0:
            settle_payment(a, b, amount, borrowers, accounts, events, borrower_events)
    charge_off_if_due(a, run, accounts, events)
    if accounts.status[a] == ACTIVE and accounts.balance[a] == 0:
        renew_or_close(a, today.day, run, accounts, events)

    events[LenderEvent.BALANCE_BUCKET_0 + bucket_before] -= balance_before
    events[LenderEvent.COUNT_BUCKET_0 + bucket_before] -= 1
    if accounts.status[a] == ACTIVE:
        bucket_after = bucket_index(accounts.dpd[a])
        events[LenderEvent.BALANCE_BUCKET_0 + bucket_after] += accounts.balance[a]
        events[LenderEvent.COUNT_BUCKET_0 + bucket_after] += 1


@njit(cache=True)
def borrower_day(
    b: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
) -> None:
    """One day of borrower ``b``: its payday if today, then each of its open accounts.

    Args:
        b: Borrower row.
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        lender_events: int64[lender, event] counters (added to).
        borrower_events: int64[event] market counters (added to).
    """
    if borrowers.payday[b] == today.day % DAYS_PER_MONTH:
        borrower_month(b, today, run, borrowers, borrower_events)
    first = borrowers.first_account[b]
    for a in range(first, first + borrowers.n_accounts[b]):
        if accounts.status[a] == ACTIVE:
            account_day(
                a,
                b,
                today,
                run,
                borrowers,
                accounts,
                lender_events[accounts.lender[a]],
                borrower_events,
            )


@njit(cache=True, parallel=True)
def run_borrower_days(
    active: np.ndarray,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
    n_threads: int,
) -> None:
    """Run :func:`borrower_day` for every active borrower, in parallel.

    The rows are split into chunks, each with private counters summed at the end. Borrowers
    touch only their own rows and every draw is keyed by row and day, and the counters are
    integers, so the result is the same for any number of threads.

    Args:
        active: Rows of the borrowers with something to do today.
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        lender_events: int64[lender, event] counters (added to).
        borrower_events: int64[event] market counters (added to).
        n_threads: numba's thread count (``numba.get_num_threads()``; passed in, because
            calling it inside a kernel stops numba from caching the kernel).
    """
    n_active = active.shape[0]
    n_chunks = max(1, min(n_active // 256, 8 * n_threads))
    chunk_lender = np.zeros((n_chunks, lender_events.shape[0], lender_events.shape[1]), np.int64)
    chunk_borrower = np.zeros((n_chunks, N_BORROWER_EVENTS), np.int64)
    for c in prange(n_chunks):
        for j in range(c * n_active // n_chunks, (c + 1) * n_active // n_chunks):
            borrower_day(
                active[j], today, run, borrowers, accounts, chunk_lender[c], chunk_borrower[c]
            )
    lender_events += chunk_lender.sum(axis=0)
    borrower_events += chunk_borrower.sum(axis=0)


@njit(cache=True)
def active_borrowers(
    day_of_month: int,
    payday_order: np.ndarray,
    payday_starts: np.ndarray,
    due_order: np.ndarray,
    due_starts: np.ndarray,
    delinquent: np.ndarray,
    account_borrower: np.ndarray,
    mark: np.ndarray,
    stamp: int,
) -> np.ndarray:
    """The borrowers with something to do today, each once.

    A borrower is active if today is its payday, or one of its accounts is due today or in
    arrears.

    Args:
        day_of_month: Today's day of the month (0-29).
        payday_order: Borrower rows sorted by payday.
        payday_starts: ``payday_order[payday_starts[d]:payday_starts[d + 1]]`` have payday d.
        due_order: Account rows sorted by due day.
        due_starts: ``due_order[due_starts[d]:due_starts[d + 1]]`` are due on day d.
        delinquent: Rows of accounts in arrears.
        account_borrower: Owning borrower of each account.
        mark: int64[borrower], scratch: the stamp of the last day a borrower was listed.
        stamp: A value not yet used in ``mark`` (e.g. the day).

    Returns:
        The active borrower rows.
    """
    capacity = (
        payday_starts[day_of_month + 1]
        - payday_starts[day_of_month]
        + due_starts[day_of_month + 1]
        - due_starts[day_of_month]
        + delinquent.shape[0]
    )
    out = np.empty(capacity, np.int64)
    n = 0
    for j in range(payday_starts[day_of_month], payday_starts[day_of_month + 1]):
        b = payday_order[j]
        mark[b] = stamp
        out[n] = b
        n += 1
    for j in range(due_starts[day_of_month], due_starts[day_of_month + 1]):
        b = account_borrower[due_order[j]]
        if mark[b] != stamp:
            mark[b] = stamp
            out[n] = b
            n += 1
    for a in delinquent:
        b = account_borrower[a]
        if mark[b] != stamp:
            mark[b] = stamp
            out[n] = b
            n += 1
    return out[:n]


@njit(cache=True)
def still_delinquent(
    delinquent: np.ndarray, due_today: np.ndarray, accounts: Accounts
) -> np.ndarray:
    """The accounts in arrears after today: yesterday's list merged with today's due accounts.

    Only accounts due today can newly fall into arrears, so the list is kept exactly by
    merging those two sorted lists and dropping closed or fully paid accounts.

    Args:
        delinquent: Rows in arrears yesterday, ascending.
        due_today: Rows due today, ascending.
        accounts: Account table (status and arrears are read).

    Returns:
        Rows in arrears now, ascending.
    """
    out = np.empty(delinquent.shape[0] + due_today.shape[0], np.int64)
    i = 0
    j = 0
    n = 0
    while i < delinquent.shape[0] or j < due_today.shape[0]:
        if j == due_today.shape[0] or (i < delinquent.shape[0] and delinquent[i] <= due_today[j]):
            a = delinquent[i]
            i += 1
            if j < due_today.shape[0] and due_today[j] == a:
                j += 1
        else:
            a = due_today[j]
            j += 1
        if accounts.status[a] == ACTIVE and accounts.arrears[a] > 0:
            out[n] = a
            n += 1
    return out[:n]
