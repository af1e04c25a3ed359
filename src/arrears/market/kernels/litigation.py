"""Litigation (mechanism 8): suits, hearings, judgments and wage garnishment.

An account's legal state (``accounts.legal``) runs ``NO_SUIT`` → ``SUED`` → ``JUDGMENT`` or
``SUIT_ENDED``:

- **Filing.** At each month's end a lender sues some of its accounts in arrears: the choice is
  the Lender agent's (:meth:`arrears.market.agents.lender.Lender.litigate`), among the candidates of
  :func:`litigation_candidates`. A suit sets the hearing ``court_delay_days`` ahead; until then
  the account's credible threat is at least ``filing_threat`` (so willingness to pay it rises)
  and the borrower's stress rises by ``filing_stress``. Collection goes on.
- **Withdrawal.** A suit whose account's arrears are cleared before the hearing (cured,
  re-planned, repaid or settled) is withdrawn that day.
- **Hearing.** On the court day (or the first day after a statutory moratorium, which stops
  enforcement) the borrower contests or not, with a lawyer (legal aid) or not; no response is a
  default judgment; a contested case is won by the creditor (a judgment on the merits) or by the
  borrower, which ends the suit.
- **Judgment.** The whole balance falls due (arrears = balance); no more late fees accrue, and
  interest is billed into the arrears as it accrues. Collectors stop working the account (the
  court enforces it; the borrower may still pay it or settle it). On each payday the court
  withholds ``regime.garnishment_share`` of the borrower's wages (never benefits, not during a
  moratorium) and pays it to the borrower's judgment accounts in account order until they are
  paid off; a paid-off account closes as repaid and is not renewed.

**Charge-off.** An account in suit or under judgment is held from charge-off: the lender awaits
the court, then holds an enforceable claim, so the balance stays on its books (in the 90+
bucket) until paid or settled. A suit that ends without a judgment lifts the hold, and the
ordinary charge-off rule applies the same day. A lender that charges off in court too
(``lenders.charge_off_in_court``, as US card issuers must at 180 DPD) writes the account off at
the threshold like any other: a pending suit is then withdrawn and a judgment no longer
enforced, since charged-off debt is not followed. A garnished amount is an ordinary payment
(``paid``), so the ledger identity holds exactly without a new column, and the cash counts in
the recovery of the delinquency episode. Suits on charged-off debt (by debt buyers) are not
modelled: that would need a recovery stage after charge-off.

**Sparsity.** No scheduled-event index is needed. An account in suit is always in arrears (the
suit is withdrawn the day they are cleared) and a judgment account's arrears are its balance, so
both are on the list of accounts in arrears and their borrowers are active every day; the
garnishment runs on paydays, when every borrower is active. The lender's monthly choice reads
only that list.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import set_stress, stress_now
from arrears.market.kernels.billing import renew_or_close
from arrears.market.kernels.delinquency import join_bucket, leave_bucket
from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.kernels.payment import settle_payment
from arrears.market.mathx import round_cents, sigmoid
from arrears.market.rng import Stream, uniform
from arrears.market.tables import (
    ACTIVE,
    JUDGMENT,
    NO_DAY,
    NO_PLAN,
    NO_SUIT,
    SUED,
    SUIT_ENDED,
    Accounts,
    Borrowers,
    LenderEvent,
)
from arrears.scenario.sections.litigation import LITIGATION_TARGETS

SUE_REACHABLE = LITIGATION_TARGETS.index("reachable")
SUE_LOST_CONTACT = LITIGATION_TARGETS.index("lost_contact")
"""Codes of the litigation targets that restrict whom a lender sues."""


@njit(cache=True)
def litigation_candidates(
    delinquent: np.ndarray,
    lender: int,
    day: int,
    min_dpd: int,
    min_balance_cents: int,
    target: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
) -> np.ndarray:
    """The accounts of a lender that its litigation policy and the regime allow it to sue.

    Eligible: open, in arrears at or past ``min_dpd``, owing at least ``min_balance_cents``,
    never sued, with no plan running, no dispute being verified and no moratorium running, of
    the ``target`` kind of borrower; under a forbearance duty, only once a plan was offered.
    (The regime's ``litigation_allowed`` is the caller's to check.)

    Args:
        delinquent: Rows of accounts in arrears, ascending.
        lender: Lender index.
        day: Today.
        min_dpd: Earliest DPD of a suit.
        min_balance_cents: Smallest balance sued, cents.
        target: Index into ``scenario.sections.litigation.LITIGATION_TARGETS``.
        run: Run constants (the regime's forbearance duty).
        borrowers: Borrower table (read).
        accounts: Account table (read).

    Returns:
        Eligible account rows, ascending.
    """
    out = np.empty(delinquent.shape[0], np.int64)
    n = 0
    for a in delinquent:
        b = accounts.borrower[a]
        lost = borrowers.lost_contact[b] != 0
        if (
            accounts.lender[a] != lender
            or accounts.status[a] != ACTIVE
            or accounts.legal[a] != NO_SUIT
            or accounts.arrears[a] == 0
            or accounts.dpd[a] < min_dpd
            or accounts.balance[a] < min_balance_cents
            or accounts.plan[a] != NO_PLAN
            or accounts.dispute_until[a] > day
            or borrowers.moratorium_until[b] > day
            or (run.regime_forbearance_duty and not accounts.plan_offered[a])
            or (target == SUE_REACHABLE and lost)
            or (target == SUE_LOST_CONTACT and not lost)
        ):
            continue
        out[n] = a
        n += 1
    return out[:n]


@njit(cache=True)
def file_suits(
    rows: np.ndarray,
    day: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
) -> None:
    """File suits on accounts: the hearing is set, the borrowers feel it.

    Args:
        rows: Account rows to sue (candidates of :func:`litigation_candidates`).
        day: Today.
        run: Run constants (court delay, the stress of being sued).
        borrowers: Borrower table (stress is updated).
        accounts: Account table (legal state and court day are set).
        events: The suing lender's counters (filings are added).
    """
    for a in rows:
        b = accounts.borrower[a]
        accounts.legal[a] = SUED
        accounts.court_day[a] = day + run.litigation_court_delay_days
        set_stress(
            b, day, stress_now(b, day, run, borrowers) + run.litigation_filing_stress, borrowers
        )
        events[LenderEvent.SUITS_FILED] += 1


@njit(cache=True)
def hear_case(
    a: int,
    b: int,
    day: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
) -> None:
    """Hear the suit on account ``a`` (its court day has come): judgment, or the suit ends.

    The borrower has a lawyer with probability ``litigation_legal_aid_share`` and contests with
    probability ``sigmoid(contest_logit + contest_rights awareness + contest_lawyer lawyer -
    contest_lost_contact lost)``; an uncontested suit ends in a default judgment, a contested
    one in a judgment with probability ``sigmoid(creditor_win_logit - creditor_win_lawyer
    lawyer)``.

    Args:
        a: Account row (in suit, in arrears).
        b: Borrower row.
        day: Today.
        run: Run constants (the court and the defence).
        borrowers: Borrower table (awareness and lost contact are read; stress may rise).
        accounts: Account table (legal state is updated).
        events: The owning lender's counters (the outcome is added).
    """
    lawyer = (
        1.0
        if uniform(run.seed, Stream.LEGAL_AID, day, a, 0) < run.litigation_legal_aid_share
        else 0.0
    )
    contest = sigmoid(
        run.litigation_contest_logit
        + run.litigation_contest_rights * np.float64(borrowers.rights_awareness[b])
        + run.litigation_contest_lawyer * lawyer
        - run.litigation_contest_lost_contact * borrowers.lost_contact[b]
    )
    accounts.court_day[a] = NO_DAY
    if uniform(run.seed, Stream.CONTEST, day, a, 0) >= contest:
        _enter_judgment(a, b, day, run, borrowers, accounts)
        events[LenderEvent.DEFAULT_JUDGMENTS] += 1
        return
    creditor_wins = sigmoid(
        run.litigation_creditor_win_logit - run.litigation_creditor_win_lawyer * lawyer
    )
    if uniform(run.seed, Stream.MERITS, day, a, 0) < creditor_wins:
        _enter_judgment(a, b, day, run, borrowers, accounts)
        events[LenderEvent.CONTESTED_JUDGMENTS] += 1
        return
    accounts.legal[a] = SUIT_ENDED
    events[LenderEvent.SUITS_LOST] += 1


@njit(cache=True, inline="always")
def _enter_judgment(
    a: int, b: int, day: int, run: RunConstants, borrowers: Borrowers, accounts: Accounts
) -> None:
    """A judgment on account ``a``: the whole balance falls due; the borrower's stress rises."""
    accounts.legal[a] = JUDGMENT
    accounts.arrears[a] = accounts.balance[a]
    accounts.months_remaining[a] = 0
    accounts.promise_day[a] = NO_DAY
    set_stress(
        b, day, stress_now(b, day, run, borrowers) + run.litigation_judgment_stress, borrowers
    )


@njit(cache=True, inline="always")
def end_suit_if_cleared(a: int, accounts: Accounts, events: np.ndarray) -> None:
    """Withdraw the suit on account ``a`` if its arrears were cleared or it closed today."""
    if accounts.legal[a] == SUED and (accounts.status[a] != ACTIVE or accounts.arrears[a] == 0):
        accounts.legal[a] = SUIT_ENDED
        accounts.court_day[a] = NO_DAY
        events[LenderEvent.SUITS_WITHDRAWN] += 1


@njit(cache=True, inline="always")
def under_judgment(a: int, accounts: Accounts) -> bool:
    """Whether account ``a`` is open and under a judgment (its borrower's wages are garnished)."""
    return accounts.status[a] == ACTIVE and accounts.legal[a] == JUDGMENT


@njit(cache=True, inline="always")
def owes_judgment(b: int, borrowers: Borrowers, accounts: Accounts) -> bool:
    """Whether borrower ``b`` has an account :func:`under_judgment` (one to garnish wages for).

    Checked before :func:`garnish_wages` is called: an ordinary call passes the tables as their
    flattened fields, which on every payday of every borrower cost more than the check.
    """
    first = borrowers.first_account[b]
    for a in range(first, first + borrowers.n_accounts[b]):
        if under_judgment(a, accounts):
            return True
    return False


@njit(cache=True)
def garnish_wages(
    b: int,
    wage: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    lender_events: np.ndarray,
    borrower_events: np.ndarray,
) -> int:
    """Withhold the regime's share of borrower ``b``'s wage for its judgment accounts.

    The wage has just been added to the buffer; each amount withheld is paid from it to the
    borrower's judgment accounts in account order, each up to its balance (which is its
    arrears). A paid-off account closes as repaid here, and the bucket stocks are kept here, as
    the account is not touched again today.

    Args:
        b: Borrower row (employed, paid today, not in a moratorium).
        wage: This month's wage, cents.
        today: Today's inputs (the day, and the lenders' cut-offs for renewals).
        run: Run constants (the regime's garnishment share).
        borrowers: Borrower table (the buffer is debited).
        accounts: Account table (judgment accounts are paid).
        lender_events: int64[lender, event] counters (payments and garnishments are added).
        borrower_events: Market counters (payments are added).

    Returns:
        The amount withheld, cents (at most ``garnishment_share x wage``).
    """
    left = round_cents(wage * run.regime_garnishment_share)
    withheld = 0
    first = borrowers.first_account[b]
    for a in range(first, first + borrowers.n_accounts[b]):
        if left == 0:
            break
        if not under_judgment(a, accounts):
            continue
        events = lender_events[accounts.lender[a]]
        amount = min(left, accounts.arrears[a])
        leave_bucket(a, accounts, events)
        settle_payment(a, b, amount, run, borrowers, accounts, events, borrower_events)
        events[LenderEvent.GARNISHED] += amount
        left -= amount
        withheld += amount
        if accounts.balance[a] == 0:
            renew_or_close(a, today, run, borrowers, accounts, events)
        else:
            join_bucket(a, accounts, events)
    return withheld
