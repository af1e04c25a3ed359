"""Contact: collectors' worklists and plans, and whether an attempt reaches the borrower.

Each day a collector spends its staff-minutes (staff x 60 x hours in the allowed window) on its
worklist of accounts in arrears. Legal letters go out when an account reaches the collector's
letter DPD; lost-contact accounts get home visits when visits are enabled (each visit costs its
staff-minutes for every collector the regime requires on it), or else third-party contacts
when those are enabled; with the third-party pressure tactic on, every account past its DPD
gets a weekly third-party contact too; the rest is worked by strategy (mechanism 4):

- ``DPD_ORDER``: call accounts lowest DPD first until the capacity is spent;
- ``SEGMENTED``: score each account with the collector's behavioural score; message those
  likely to pay unprompted within a week, and call the others in order of expected recovery per
  staff-minute (arrears x chance of a right-party contact x chance of paying).

Accounts with a promise pending or a dispute being verified, borrowers in a statutory
moratorium, and accounts under a court judgment (the court enforces it) are left alone.

Each call or visit falls in one of the collector's calling hours of the day (chosen by the
collector agent: the hours its borrowers answer in most, within the rules or not); a call (or
AI-bot call) reaches the right party with probability ``reach x`` the borrower's answering
chance in that hour, per attempt, and one outside the regime's window is an hours violation;
a message is read with probability ``reach``;
neither reaches a borrower who has lost contact (失联). A visit finds the borrower with
probability ``reach`` even then; a third party answers with probability ``reach`` (see
``kernels.third_party``); a legal letter is always delivered.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import add_pressure
from arrears.market.kernels.borrow import borrowed
from arrears.market.kernels.channels import (
    EMAIL,
    LEGAL_LETTER,
    SMS,
    THIRD_PARTY,
    VISIT,
    is_call,
)
from arrears.market.kernels.compliance import (
    CONNECTED_BREACH,
    HOURS_BREACH,
    book_violations,
    lawful_attempts,
    record_contact,
    within_window,
)
from arrears.market.kernels.harm import calls_this_week, excess_calls, suffer
from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.kernels.third_party import discloses, third_party_reached
from arrears.market.kernels.tone import contact_breach_probability, contact_tone
from arrears.market.mathx import decayed, sigmoid
from arrears.market.rng import Stream, integer_below, uniform
from arrears.market.tables import (
    JUDGMENT,
    N_CHANNELS,
    Accounts,
    BorrowerEvent,
    Borrowers,
    LenderEvent,
)

DPD_ORDER = 0
SEGMENTED = 1
STRATEGIES = ("dpd_order", "segmented")
"""Collector strategies, by code."""

NO_CONTACT = 0
MESSAGE_READ = 1
CONVERSATION = 2


class ContactPolicy(NamedTuple):
    """How a collector works its worklist today (built by the Collector agent).

    Attributes:
        strategy: ``DPD_ORDER`` or ``SEGMENTED``.
        capacity_minutes: Staff-minutes available today.
        call_channel: ``CALL`` or ``AI_BOT``.
        call_attempts: Attempts per called account.
        message_channel: ``SMS`` or ``EMAIL``.
        legal_letter_dpd: DPD at which a letter is sent (0 = never).
        visit_min_dpd: Earliest DPD of a home visit to a lost-contact account (0 = never).
        third_party_min_dpd: Earliest DPD of a third-party contact about a lost-contact account
            (0 = never).
        third_party_all_dpd: DPD from which every account gets a weekly third-party contact
            (0 = never).
        self_cure_threshold: Segmented: weekly unprompted-payment chance that earns a message.
    """

    strategy: int
    capacity_minutes: float
    call_channel: int
    call_attempts: int
    message_channel: int
    legal_letter_dpd: int
    visit_min_dpd: int
    third_party_min_dpd: int
    third_party_all_dpd: int
    self_cure_threshold: float


class Conduct(NamedTuple):
    """How ready one collector is to break rules in today's plan.

    Attributes:
        day: Today.
        breach_probability: float64[arm], chance the collector carries out a contact that
            breaks a rule, at its own tone and at the tone under test (``accounts.tone_arm``).
    """

    day: int
    breach_probability: np.ndarray


@njit(cache=True)
def build_worklists(
    day: int,
    delinquent: np.ndarray,
    borrowers: Borrowers,
    accounts: Accounts,
    n_collectors: int,
    max_dpd: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Each collector's workable accounts in arrears, lowest DPD first, then by row.

    A two-key counting sort, linear in the number of accounts in arrears. Accounts with a
    promise pending, a dispute under verification, a borrower in a statutory moratorium or a
    judgment being enforced are left out.

    Args:
        day: Today.
        delinquent: Rows of accounts in arrears, ascending.
        borrowers: Borrower table (moratoria are read).
        accounts: Account table.
        n_collectors: Number of collectors.
        max_dpd: Largest DPD an account is sorted by (higher DPDs, of accounts held from
            charge-off by litigation, sort with it).

    Returns:
        ``(order, starts)``: ``order[starts[c]:starts[c + 1]]`` is collector ``c``'s worklist.
    """
    width = max_dpd + 1
    counts = np.zeros(n_collectors * width + 1, np.int64)
    workable = np.zeros(delinquent.shape[0], np.bool_)
    for i in range(delinquent.shape[0]):
        a = delinquent[i]
        if (
            accounts.promise_day[a] <= day
            and accounts.dispute_until[a] <= day
            and borrowers.moratorium_until[accounts.borrower[a]] <= day
            and accounts.legal[a] != JUDGMENT
        ):
            workable[i] = True
            counts[accounts.collector[a] * width + min(accounts.dpd[a], max_dpd) + 1] += 1
    for key in range(1, counts.shape[0]):
        counts[key] += counts[key - 1]
    order = np.empty(counts[-1], np.int64)
    for i in range(delinquent.shape[0]):
        if workable[i]:
            a = delinquent[i]
            key = accounts.collector[a] * width + min(accounts.dpd[a], max_dpd)
            order[counts[key]] = a
            counts[key] += 1
    starts = np.zeros(n_collectors + 1, np.int64)
    for c in range(n_collectors):
        starts[c + 1] = counts[(c + 1) * width - 1]
    return order, starts


@njit(cache=True, inline="always")
def _plan(
    a: int,
    channel: int,
    wanted: int,
    conduct: Conduct,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    counts: np.ndarray,
) -> None:
    """Plan ``wanted`` attempts on ``channel`` for account ``a``, within the rules or not.

    A plan that breaks a rule goes ahead with probability ``conduct.breach_probability`` of
    the account's tone arm (recorded as violations); otherwise it is cut to what the rules
    allow, possibly to nothing.
    """
    day = conduct.day
    allowed, bits = lawful_attempts(a, day, channel, wanted, run, borrowers, accounts)
    attempts = wanted
    breach = conduct.breach_probability[accounts.tone_arm[a]]
    if bits and uniform(run.seed, Stream.RULE_BREACH, day, a, 0) >= breach:
        attempts = allowed
        bits = 0
    if attempts == 0:
        return
    accounts.channel_today[a] = channel
    accounts.attempts_today[a] = attempts
    accounts.violations_today[a] = bits
    counts[channel] += attempts


@njit(cache=True, inline="always")
def _first_channel(a: int, policy: ContactPolicy, borrowers: Borrowers, accounts: Accounts) -> int:
    """The channel account ``a`` gets before any call today (letter, visit, third party) or -1."""
    dpd_today = accounts.dpd[a] + 1
    lost = borrowers.lost_contact[accounts.borrower[a]]
    if policy.legal_letter_dpd > 0 and dpd_today == policy.legal_letter_dpd:
        return LEGAL_LETTER
    if policy.visit_min_dpd > 0 and dpd_today >= policy.visit_min_dpd and lost:
        return VISIT
    if policy.third_party_min_dpd > 0 and dpd_today >= policy.third_party_min_dpd and lost:
        return THIRD_PARTY
    if (
        policy.third_party_all_dpd > 0
        and dpd_today >= policy.third_party_all_dpd
        and (dpd_today - policy.third_party_all_dpd) % 7 == 0
    ):
        return THIRD_PARTY
    return -1


@njit(cache=True)
def plan_contacts(
    worklist: np.ndarray,
    day: int,
    policy: ContactPolicy,
    window_reach: np.ndarray,
    breach_probability: np.ndarray,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
) -> np.ndarray:
    """Plan one collector's contacts for today within its staff-minutes.

    Args:
        worklist: The collector's accounts in arrears, lowest DPD first.
        day: Today.
        policy: The collector's strategy, channels and staff-minutes today.
        window_reach: float64[archetype], mean answering chance over today's calling hours
            (segmented: the expected value of a call).
        breach_probability: float64[arm], chance the collector goes ahead with a contact that
            breaks a rule, at its own tone and at the tone under test (``accounts.tone_arm``).
        run: Run constants (channel staff-minutes and reach; self-cure log-odds; collectors
            per visit).
        borrowers: Borrower table (read).
        accounts: Account table (today's channel, attempts and violations are set).

    Returns:
        int64[channel], attempts planned today by channel.
    """
    run, borrowers, accounts = borrowed(run), borrowed(borrowers), borrowed(accounts)
    conduct = Conduct(day, breach_probability)
    minutes = run.channel_staff_minutes.copy()
    minutes[VISIT] *= run.regime_visit_collectors
    counts = np.zeros(N_CHANNELS, np.int64)
    used = 0.0
    planned = np.zeros(worklist.shape[0], np.bool_)
    for i in range(worklist.shape[0]):
        a = worklist[i]
        channel = _first_channel(a, policy, borrowers, accounts)
        if channel >= 0 and used + minutes[channel] <= policy.capacity_minutes:
            _plan(a, channel, 1, conduct, run, borrowers, accounts, counts)
            used += minutes[channel]
            planned[i] = True

    call_minutes = minutes[policy.call_channel] * policy.call_attempts
    if policy.strategy == DPD_ORDER:
        for i in range(worklist.shape[0]):
            if not planned[i]:
                if used + call_minutes > policy.capacity_minutes:
                    break
                _plan(
                    worklist[i],
                    policy.call_channel,
                    policy.call_attempts,
                    conduct,
                    run,
                    borrowers,
                    accounts,
                    counts,
                )
                used += call_minutes
        return counts

    value = np.zeros(worklist.shape[0])
    for i in range(worklist.shape[0]):
        if planned[i]:
            continue
        a = worklist[i]
        b = accounts.borrower[a]
        score = np.float64(accounts.score[a])
        daily_self_cure = sigmoid(score + run.self_cure_logit)
        if 1.0 - decayed(1.0, daily_self_cure, 7) >= policy.self_cure_threshold:
            if used + minutes[policy.message_channel] <= policy.capacity_minutes:
                _plan(a, policy.message_channel, 1, conduct, run, borrowers, accounts, counts)
                used += minutes[policy.message_channel]
                planned[i] = True
            continue
        per_attempt = (
            run.channel_reach[policy.call_channel]
            * window_reach[borrowers.archetype[b]]
            * (1 - borrowers.lost_contact[b])
        )
        reached = 1.0 - decayed(1.0, per_attempt, policy.call_attempts)
        value[i] = accounts.arrears[a] * reached * sigmoid(score) / max(call_minutes, 1e-9)
    order = np.argsort(-value, kind="mergesort")
    for best in order:
        if planned[best] or value[best] <= 0.0:
            continue
        if used + call_minutes > policy.capacity_minutes:
            break
        _plan(
            worklist[best],
            policy.call_channel,
            policy.call_attempts,
            conduct,
            run,
            borrowers,
            accounts,
            counts,
        )
        used += call_minutes
    return counts


@njit(cache=True, inline="always")
def calling_hour(a: int, k: int, collector: int, today: DayInputs, run: RunConstants) -> int:
    """The hour (0-23) of attempt ``k`` on account ``a`` today.

    One of its collector's calling hours, each as likely: the collector spreads its attempts
    evenly over them.
    """
    n_hours = today.n_calling_hours[collector]
    slot = integer_below(run.seed, Stream.CALL_HOUR, today.day, a, k, n_hours)
    return today.calling_hours[collector, slot]


@njit(cache=True, inline="always")
def make_contact(
    a: int,
    b: int,
    connected_today: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
    borrower_events: np.ndarray,
    collector_events: np.ndarray,
) -> int:
    """Carry out today's planned contact on account ``a``: does it reach the borrower?

    The planned attempts are made one after another until one reaches the right party; the
    rest are not made (they are neither counted nor add pressure; the staff time planned for
    them is not given to other accounts that day). Each call or visit falls in one of the
    collector's calling hours (:func:`calling_hour`): a call reaches the borrower with the
    channel's reach times her answering chance in that hour (nobody answers after losing
    contact); an attempt outside the regime's window is an ``hours`` violation. A rule broken by
    the plan is recorded as planned. What the borrower lives through is harm
    (:mod:`arrears.market.kernels.harm`): attempts in hours she sleeps or works, calls beyond the
    week she tolerates (over all her debts), visits. Every attempt made adds collection pressure
    (more with an aggressive tone), answered or not; a delivered letter or visit, or a
    third-party contact that discloses the debt, adds credible threat. A third party reached
    passes the message on (see ``kernels.third_party``). Where the regime caps the calls that
    reach a borrower in a day, a collector calls a borrower who has had that many conversations
    by phone today only if it breaks the rule (a ``connected_calls`` violation); otherwise it
    drops the plan.

    Args:
        a: Account row (with a contact planned today).
        b: Borrower row.
        connected_today: Calls that reached the borrower earlier today (her other accounts).
        today: Today's inputs (calling hours, tone and breach probability by collector).
        run: Run constants (channel reach and threat, answering profiles, harm weights).
        borrowers: Borrower table (archetype and lost contact are read; harm and stress rise;
            a third-party contact moves lost contact).
        accounts: Account table (today's plan is read and cleared).
        events: The owning lender's counters (added to).
        borrower_events: Market counters (contacts regained and harm are added).
        collector_events: int64[collector, event] counters (violations are added).

    Returns:
        ``NO_CONTACT``, ``MESSAGE_READ`` (a message read, or passed on by a third party) or
        ``CONVERSATION``.
    """
    channel = int(accounts.channel_today[a])
    planned = int(accounts.attempts_today[a])
    bits = int(accounts.violations_today[a])
    accounts.attempts_today[a] = 0
    call = is_call(channel)
    cap = run.regime_max_connected_calls_per_day
    if call and cap > 0 and connected_today >= cap:
        breach = uniform(run.seed, Stream.RULE_BREACH, today.day, a, 1)
        if breach >= contact_breach_probability(a, today, accounts):
            accounts.violations_today[a] = 0
            return NO_CONTACT
        bits |= CONNECTED_BREACH
    day = today.day
    collector = accounts.collector[a]
    archetype = borrowers.archetype[b]
    weekend = 1 if day % 7 >= 5 else 0
    timed = call or channel == VISIT
    p_attempt = run.channel_reach[channel]
    if call or channel == SMS or channel == EMAIL:
        p_attempt *= 1 - borrowers.lost_contact[b]
    calls_before = calls_this_week(b, day, borrowers, accounts) if call else 0
    intrusion = 0.0
    intrusive = 0
    reached = False
    attempts = planned
    for k in range(planned):
        p = p_attempt
        if timed:
            hour = calling_hour(a, k, collector, today, run)
            intrusion += run.intrusion[archetype, weekend, hour]
            intrusive += run.intrusion[archetype, weekend, hour] > 0.0
            if not within_window(day, hour, run):
                bits |= HOURS_BREACH
            if call:
                p *= run.reach_profile[archetype, weekend, hour]
        if uniform(run.seed, Stream.RIGHT_PARTY_CONTACT, day, a, k) < p:
            reached = True
            attempts = k + 1
            break
    recorded = channel == VISIT and run.regime_visits_recorded
    book_violations(a, b, day, bits, recorded, run, borrowers, accounts, collector_events)
    accounts.violations_today[a] = 0
    record_contact(a, day, channel, attempts, accounts)
    harm = run.harm_intrusive_contact * intrusion
    if call:
        excess = excess_calls(calls_before, attempts, run)
        harm += run.harm_excess_call * excess
        borrower_events[BorrowerEvent.CALLS_BEYOND_TOLERANCE] += excess
    elif channel == VISIT:
        harm += run.harm_visit
    borrower_events[BorrowerEvent.INTRUSIVE_CONTACTS] += intrusive
    suffer(b, day, harm, run, borrowers)
    events[LenderEvent.ATTEMPTS_BY_CHANNEL + channel] += attempts
    if call:
        events[LenderEvent.ACCOUNTS_CALLED] += 1
    disclosed = channel == THIRD_PARTY and reached and discloses(bits, run)
    tone_weight = 1.0 + run.pressure_tone * contact_tone(a, today, accounts)
    threat = run.channel_threat[channel] if reached else 0.0
    if channel == THIRD_PARTY and not disclosed:
        threat = 0.0
    add_pressure(a, day, attempts * tone_weight, threat, run, accounts)
    if not reached:
        return NO_CONTACT
    events[LenderEvent.CONTACTS_BY_CHANNEL + channel] += 1
    if call or channel == VISIT:
        return CONVERSATION
    if channel == THIRD_PARTY:
        third_party_reached(b, day, disclosed, run, borrowers, events, borrower_events)
    return MESSAGE_READ
