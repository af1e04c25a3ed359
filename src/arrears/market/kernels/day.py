"""A borrower's day, and the numba engine's batch loop over the borrowers active today.

:func:`borrower_day` is the single source of truth for what happens to a borrower and its
accounts in a day; the agents engine calls its ``.py_func`` from each Borrower's ``step`` and the
numba engine calls it, compiled, for the active borrowers only: a borrower whose
payday is not today and whose accounts are neither due today nor in arrears has nothing to do,
and :func:`borrower_day` leaves such a borrower untouched.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears._threads import worker_threads
from arrears.market.kernels.allocation import allocate_payments
from arrears.market.kernels.behaviour import update_lost_contact
from arrears.market.kernels.billing import bill_instalment, renew_or_close
from arrears.market.kernels.borrow import borrowed
from arrears.market.kernels.channels import is_call
from arrears.market.kernels.compliance import maybe_request_breathing_space
from arrears.market.kernels.contact import CONVERSATION, MESSAGE_READ, NO_CONTACT, make_contact
from arrears.market.kernels.conversation import converse
from arrears.market.kernels.delinquency import (
    age_account,
    charge_off_if_due,
    join_bucket,
    leave_bucket,
)
from arrears.market.kernels.finances import borrower_month
from arrears.market.kernels.harm import maybe_complain
from arrears.market.kernels.holidays import maybe_request_payment_holiday
from arrears.market.kernels.inputs import Counters, DayInputs, RunConstants
from arrears.market.kernels.litigation import end_suit_if_cleared, hear_case
from arrears.market.kernels.payment import (
    intend_due_payment,
    intend_unprompted_payment,
    promise_falls_due,
)
from arrears.market.kernels.prefetch import prefetch_row
from arrears.market.tables import (
    ACTIVE,
    DAYS_PER_MONTH,
    SUED,
    TOUCHED,
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
)


@njit(cache=True, inline="always")
def open_account_day(
    a: int,
    paused: bool,
    holiday: bool,
    today: DayInputs,
    run: RunConstants,
    accounts: Accounts,
    events: np.ndarray,
) -> bool:
    """Start account ``a``'s day: age its arrears and bill it if due. Idle accounts return.

    Args:
        a: Account row (status active).
        paused: Whether the borrower is in a statutory moratorium (no ageing, fees or interest).
        holiday: Whether the borrower is on a payment holiday (nothing billed either).
        today: Today's inputs.
        run: Run constants.
        accounts: Account table.
        events: The owning lender's counters (added to).

    Returns:
        Whether the account has anything to do today (in arrears, or due today).
    """
    due_today = accounts.due_day[a] == today.day % DAYS_PER_MONTH
    if accounts.arrears[a] == 0 and not due_today:
        return False
    accounts.intent_today[a] = TOUCHED
    leave_bucket(a, accounts, events)
    if not paused:
        age_account(a, run, accounts, events)
    if due_today and not holiday:
        bill_instalment(a, today.day, not paused, run, accounts, events)
    return True


@njit(cache=True, inline="always")
def decide_account(
    a: int,
    b: int,
    connected_today: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    counters: Counters,
) -> int:
    """The borrower's dealings on account ``a`` today: contact, conversation, promise, intent.

    Args:
        a: Account row (touched today).
        b: Borrower row.
        connected_today: Calls that reached the borrower earlier today.
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        counters: Today's counters (added to).

    Returns:
        The collector that contacted the borrower about the account today, or -1.
    """
    day = today.day
    if accounts.arrears[a] == 0:
        return -1
    if accounts.dpd[a] == 0:
        intend_due_payment(a, b, day, run, borrowers, accounts)
        return -1
    events = counters.lender[accounts.lender[a]]
    contact = NO_CONTACT
    contacted_by = -1
    channel = int(accounts.channel_today[a])
    if accounts.attempts_today[a] > 0:
        contacted_by = accounts.collector[a]
        contact = make_contact(
            a,
            b,
            connected_today,
            today,
            run,
            borrowers,
            accounts,
            events,
            counters.borrower,
            counters.collector,
        )
    if contact == CONVERSATION:
        converse(
            a,
            b,
            channel,
            today,
            run,
            borrowers,
            accounts,
            events,
            counters.borrower,
            counters.collector,
        )
        return contacted_by
    if accounts.promise_day[a] == day:
        promise_falls_due(a, b, day, run, borrowers, accounts, events)
        return contacted_by
    nudge = run.channel_pay_logit[channel] if contact == MESSAGE_READ else 0.0
    intend_unprompted_payment(a, b, day, nudge, run, borrowers, accounts)
    return contacted_by


@njit(cache=True, inline="always")
def close_account_day(
    a: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
) -> None:
    """End account ``a``'s day: end a suit, charge off, renew or close, and book its bucket.

    A suit pending on an account whose arrears were cleared today is withdrawn.

    Args:
        a: Account row (touched today).
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table (a renewal is underwritten).
        accounts: Account table.
        events: The owning lender's counters (added to).
    """
    accounts.intent_today[a] = 0
    end_suit_if_cleared(a, accounts, events)
    if accounts.status[a] == ACTIVE:
        charge_off_if_due(a, run, accounts, events)
    if accounts.status[a] == ACTIVE and accounts.balance[a] == 0:
        renew_or_close(a, today, run, borrowers, accounts, events)
    if accounts.status[a] == ACTIVE:
        join_bucket(a, accounts, events)


@njit(cache=True, inline="always")
def borrower_day(
    b: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    counters: Counters,
) -> None:
    """One day of borrower ``b`` and its open accounts.

    Payday first (with any wage garnishment and, while a payment moratorium is open to
    requests, perhaps a request); then each account is aged and billed (not during a statutory
    moratorium, and nothing is billed on a payment holiday); a delinquent borrower may request a
    moratorium, and may lose (or regain) contact; then each account's contact, conversation,
    promise or unprompted payment decision, and its court hearing if its day has come (not
    during a moratorium; a judgment voids a promise made that morning); after a day with
    contact, perhaps a complaint (about the contacting collector, booked to the contacted
    account's lender when it reaches the regulator); then the day's cash is allocated across
    creditors; then each account is charged off, renewed or closed. Nothing happens to a
    borrower with no payday and no account due or in arrears today.

    Args:
        b: Borrower row.
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        counters: Today's counters (added to).
    """
    day = today.day
    paused = borrowers.moratorium_until[b] > day
    if borrowers.payday[b] == day % DAYS_PER_MONTH:
        borrower_month(
            b, not paused, today, run, borrowers, accounts, counters.lender, counters.borrower
        )
        if today.payment_holiday_end > day:
            maybe_request_payment_holiday(b, today, run, borrowers, accounts, counters.borrower)
    first = borrowers.first_account[b]
    end = first + borrowers.n_accounts[b]
    paused = borrowers.moratorium_until[b] > day
    holiday = borrowers.holiday_until[b] > day
    touched = False
    for a in range(first, end):
        if accounts.status[a] == ACTIVE:
            events = counters.lender[accounts.lender[a]]
            touched |= open_account_day(a, paused, holiday, today, run, accounts, events)
    if not touched:
        return
    max_dpd = borrower_max_dpd(b, borrowers, accounts)
    if max_dpd > 0:
        if run.regime_breathing_space_days > 0 and not paused:
            maybe_request_breathing_space(b, day, run, borrowers, counters.borrower)
        update_lost_contact(b, day, max_dpd, run, borrowers, counters.borrower)
    contacted_by = -1
    contacted_arm = 0
    contacted_lender = -1
    connected = 0
    for a in range(first, end):
        if accounts.intent_today[a] & TOUCHED:
            collector = decide_account(a, b, connected, today, run, borrowers, accounts, counters)
            if accounts.last_conversation_day[a] == day and is_call(accounts.channel_today[a]):
                connected += 1
            if collector > contacted_by:
                contacted_by = collector
                contacted_arm = int(accounts.tone_arm[a])
                contacted_lender = accounts.lender[a]
            if accounts.legal[a] == SUED and accounts.court_day[a] <= day and not paused:
                hear_case(a, b, day, run, borrowers, accounts, counters.lender[accounts.lender[a]])
    if contacted_by >= 0 and maybe_complain(
        b, contacted_by, contacted_arm, today, run, borrowers, counters.collector
    ):
        counters.lender[contacted_lender, LenderEvent.COMPLAINTS_TO_REGULATOR] += 1
    allocate_payments(b, day, run, borrowers, accounts, counters.lender, counters.borrower)
    for a in range(first, end):
        if accounts.intent_today[a] & TOUCHED:
            close_account_day(
                a, today, run, borrowers, accounts, counters.lender[accounts.lender[a]]
            )
    if borrowers.lost_contact[b] and borrower_max_dpd(b, borrowers, accounts) == 0:
        borrowers.lost_contact[b] = 0
        counters.borrower[BorrowerEvent.CONTACT_REGAINED] += 1


@njit(cache=True, inline="always")
def borrower_max_dpd(b: int, borrowers: Borrowers, accounts: Accounts) -> int:
    """DPD of borrower ``b``'s most delinquent open account (0 if none is overdue)."""
    first = borrowers.first_account[b]
    worst = 0
    for a in range(first, first + borrowers.n_accounts[b]):
        if accounts.status[a] == ACTIVE:
            worst = max(worst, int(accounts.dpd[a]))
    return worst


PREFETCH_AHEAD = 8
"""Borrowers ahead of the loop whose first account's row is prefetched (their borrower rows
twice as far ahead: the account row is found through the borrower's)."""


@njit(cache=True, nogil=True)
def run_borrower_rows(
    rows: np.ndarray,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    counters: Counters,
) -> None:
    """Run :func:`borrower_day` for each borrower row in ``rows``, in order.

    Releases the GIL, so threads can run disjoint sets of borrowers at once (each with its own
    counters): see :func:`run_borrower_days`. The tables are
    :func:`~arrears.market.kernels.borrow.borrowed` for the loop, and each borrower's rows are
    prefetched :data:`PREFETCH_AHEAD` borrowers ahead (measured at
    10^6 accounts on one thread: a day's batch 77 -> 57 ms, at any distance from 4 to 16;
    prefetching only the columns most days read was no faster than every column).
    """
    today, run, counters = borrowed(today), borrowed(run), borrowed(counters)
    borrowers, accounts = borrowed(borrowers), borrowed(accounts)
    n = rows.shape[0]
    for i in range(n):
        if i + 2 * PREFETCH_AHEAD < n:
            prefetch_row(borrowers, rows[i + 2 * PREFETCH_AHEAD])
        if i + PREFETCH_AHEAD < n:
            prefetch_row(accounts, borrowers.first_account[rows[i + PREFETCH_AHEAD]])
        borrower_day(rows[i], today, run, borrowers, accounts, counters)


MIN_ROWS_PER_THREAD = 256
"""Active borrowers each thread must have before the day is split across threads (the old
``prange`` chunk size; measured at 10^4 accounts, a threshold of 2,048 kept most days on one
thread and ran 1.5e6 account-days/s against 2.5e6 at 256)."""


def run_borrower_days(
    active: np.ndarray,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    counters: Counters,
    n_threads: int,
) -> None:
    """Run :func:`borrower_day` for every active borrower, on up to ``n_threads`` threads.

    The active rows (ascending) are cut into ``k`` contiguous runs of equal length, one a
    thread, so no two threads write to the same cache line of a column (borrowers in arrears,
    the ones with most to do, are spread evenly over the rows: at 10^6 accounts the two halves
    of a day take within 10% of each other); each thread counts into its own counters, added to
    ``counters`` at the end. Borrowers touch only their own rows, every draw is keyed by row and
    day, and the counters are integers, so the result is the same for any number of threads.

    Args:
        active: Rows of the borrowers with something to do today, ascending.
        today: Today's inputs.
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        counters: Today's counters (added to).
        n_threads: Threads to use at most (the model passes ``numba.get_num_threads()``).
    """
    n_parts = min(n_threads, active.shape[0] // MIN_ROWS_PER_THREAD)
    if n_parts <= 1:
        run_borrower_rows(active, today, run, borrowers, accounts, counters)
        return
    first, *others = np.array_split(active, n_parts)
    private = [Counters(*(np.zeros_like(c) for c in counters)) for _ in others]
    pool = worker_threads(len(others))
    helpers = [
        pool.submit(run_borrower_rows, rows, today, run, borrowers, accounts, mine)
        for rows, mine in zip(others, private, strict=True)
    ]
    run_borrower_rows(first, today, run, borrowers, accounts, counters)
    for helper, mine in zip(helpers, private, strict=True):
        helper.result()
        for total, part in zip(counters, mine, strict=True):
            total += part


@njit(cache=True)
def active_borrowers(
    day_of_month: int,
    payday_order: np.ndarray,
    payday_starts: np.ndarray,
    due_order: np.ndarray,
    due_starts: np.ndarray,
    delinquent: np.ndarray,
    account_borrower: np.ndarray,
) -> np.ndarray:
    """The borrowers with something to do today, each once, in ascending row order.

    A borrower is active if today is its payday, or one of its accounts is due today or in
    arrears. Each of the three lists is ascending (the calendars are stable sorts, the arrears
    list is kept in row order, and a borrower's accounts follow its row), so one merge gives
    them in row order: the day then walks the tables front to back, which at a million accounts
    is what keeps it in the processor's caches.

    Args:
        day_of_month: Today's day of the month (0-29).
        payday_order: Borrower rows sorted by payday, ascending within a payday.
        payday_starts: ``payday_order[payday_starts[d]:payday_starts[d + 1]]`` have payday d.
        due_order: Account rows sorted by due day, ascending within a due day.
        due_starts: ``due_order[due_starts[d]:due_starts[d + 1]]`` are due on day d.
        delinquent: Rows of accounts in arrears, ascending.
        account_borrower: Owning borrower of each account (non-decreasing in the account row).

    Returns:
        The active borrower rows, ascending.
    """
    paid = payday_order[payday_starts[day_of_month] : payday_starts[day_of_month + 1]]
    due = due_order[due_starts[day_of_month] : due_starts[day_of_month + 1]]
    out = np.empty(paid.shape[0] + due.shape[0] + delinquent.shape[0], np.int64)
    none_left = np.iinfo(np.int64).max
    i = j = k = n = 0
    while True:
        b = paid[i] if i < paid.shape[0] else none_left
        if j < due.shape[0]:
            b = min(b, account_borrower[due[j]])
        if k < delinquent.shape[0]:
            b = min(b, account_borrower[delinquent[k]])
        if b == none_left:
            return out[:n]
        out[n] = b
        n += 1
        while i < paid.shape[0] and paid[i] == b:
            i += 1
        while j < due.shape[0] and account_borrower[due[j]] == b:
            j += 1
        while k < delinquent.shape[0] and account_borrower[delinquent[k]] == b:
            k += 1


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
