"""Rules and breaches (mechanism 6): what the regime forbids, and what a breach is.

Every contact a collector plans is checked against the regime: call attempts per day, per
rolling 7 days and per rolling 30 days, the cool-down after a conversation, messages per day, 7
days and 30 days, home visits, contact with a borrower's third parties (never, only for a
borrower who lost contact, or allowed), and the calls that may reach a borrower in a day. A
contact that would break a rule is carried out anyway with the collector's breach probability
``sigmoid(breach_logit + breach_aggressiveness a - breach_training training)`` and recorded as
a violation by type; otherwise the offending attempts are dropped (their staff time is still
spent). Calls outside the allowed hours and threats in conversations are the other breaches.

Every rolling window ends today and includes it: "7 in 7 days" lets the six days before today
and today hold 7 attempts together. Rolling counts are **exact ring buffers**, not decayed
counts: a ``uint32`` holds seven 4-bit daily counts (today in the lowest bits) and a ``uint64``
thirty 2-bit ones, shifted by the days elapsed when next touched, so a cap is enforced to the
attempt in a few bytes per account and costs nothing for idle rows. A decayed count would blur
the legal boundary (the 8th attempt on day 7 vs day 8), and a list of event days would cost
memory per event.

A violation is what the regime forbids, not what the borrower suffers: the act itself harms her
the same in every regime (:mod:`arrears.market.kernels.harm`). She remembers the breaches she saw,
and they raise her chance to complain in proportion to her awareness of her rights.

Where the regime has home visits recorded on audio/video, every violation committed on a visit
(out of hours, too many visits, a threat) is on record and counted apart: an audit
substantiates those with certainty, the others with the regulator's detection probability.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import stress_now
from arrears.market.kernels.channels import EMAIL, SMS, THIRD_PARTY, VISIT, is_call
from arrears.market.kernels.inputs import RunConstants
from arrears.market.mathx import decayed, sigmoid
from arrears.market.rng import Stream, uniform
from arrears.market.tables import (
    DAYS_PER_MONTH,
    TEST_ARM,
    VIOLATION_TYPES,
    Accounts,
    BorrowerEvent,
    Borrowers,
    CollectorEvent,
)
from arrears.scenario.regimes import THIRD_PARTY_RULES

HOURS_BREACH = 1
FREQUENCY_BREACH = 2
COOLDOWN_BREACH = 4
MESSAGES_BREACH = 8
VISIT_BREACH = 16
THREAT_BREACH = 32
THIRD_PARTY_BREACH = 64
CONNECTED_BREACH = 128
"""Violation bits, in the order of ``tables.VIOLATION_TYPES``."""

THIRD_PARTY_NEVER = THIRD_PARTY_RULES.index("never")
THIRD_PARTY_IF_UNREACHABLE = THIRD_PARTY_RULES.index("if_unreachable")
THIRD_PARTY_ALLOWED = THIRD_PARTY_RULES.index("allowed")
"""Codes of the regime's third-party contact rule (``run.regime_third_party_contact``)."""

WEEK = 7
"""Days of the short rings (the 7-day caps), today included."""

MONTH = DAYS_PER_MONTH
"""Days of the long rings (the 30-day caps), today included."""


@njit(cache=True, inline="always")
def _shift(ring: int, ring_day: int, day: int, bits: int, days: int) -> int:
    """A ring of ``days`` daily counts, ``bits`` wide each, advanced from ``ring_day`` to ``day``.

    The counts of days that fall out of the window are masked off before the shift, so the
    ring never overflows its integer.
    """
    elapsed = day - ring_day
    if elapsed >= days:
        return 0
    kept = days - elapsed
    return (ring & ((1 << (bits * kept)) - 1)) << (bits * elapsed)


@njit(cache=True, inline="always")
def ring_total(ring: int, ring_day: int, day: int, bits: int, days: int) -> int:
    """The sum of a ring's daily counts over the ``days`` days ending ``day``, ``day`` included."""
    shifted = _shift(ring, ring_day, day, bits, days)
    total = 0
    unit = (1 << bits) - 1
    for k in range(days):
        total += (shifted >> (bits * k)) & unit
    return total


@njit(cache=True, inline="always")
def _today_count(ring: int, ring_day: int, day: int, bits: int) -> int:
    """Today's count in a ring last shifted on ``ring_day``."""
    return ring & ((1 << bits) - 1) if ring_day == day else 0


@njit(cache=True, inline="always")
def _add_today(ring: int, ring_day: int, day: int, bits: int, days: int, count: int) -> int:
    """A ring advanced to ``day`` with ``count`` added to today's count (saturating)."""
    shifted = _shift(ring, ring_day, day, bits, days)
    unit = (1 << bits) - 1
    return (shifted & ~unit) | min((shifted & unit) + count, unit)


@njit(cache=True, inline="always")
def record_contact(a: int, day: int, channel: int, attempts: int, accounts: Accounts) -> None:
    """Add today's attempts on ``channel`` to account ``a``'s rolling rings.

    Calls (and AI-bot calls) and messages are counted in a 7-day ring of 4-bit daily counts and
    a 30-day ring of 2-bit daily counts (saturating at 3: a regime with a 30-day cap also caps
    the day at 3 or fewer, see :class:`~arrears.scenario.regimes.Regime`); home visits in a 7-day
    ring of 1-bit flags.

    Args:
        a: Account row.
        day: Today.
        channel: Channel code (calls and AI-bot calls, messages and visits are counted).
        attempts: Attempts made today.
        accounts: Account table (rings updated).
    """
    ring_day = int(accounts.ring_day[a])
    calls = int(accounts.attempts_ring[a])
    calls_month = int(accounts.attempts_month_ring[a])
    messages = int(accounts.messages_ring[a])
    messages_month = int(accounts.messages_month_ring[a])
    call = is_call(channel)
    is_message = channel == SMS or channel == EMAIL
    calls = _add_today(calls, ring_day, day, 4, WEEK, attempts if call else 0)
    calls_month = _add_today(calls_month, ring_day, day, 2, MONTH, attempts if call else 0)
    messages = _add_today(messages, ring_day, day, 4, WEEK, attempts if is_message else 0)
    messages_month = _add_today(
        messages_month, ring_day, day, 2, MONTH, attempts if is_message else 0
    )
    visits = _add_today(
        int(accounts.visits_ring[a]), ring_day, day, 1, WEEK, attempts if channel == VISIT else 0
    )
    accounts.attempts_ring[a] = calls
    accounts.attempts_month_ring[a] = calls_month
    accounts.messages_ring[a] = messages
    accounts.messages_month_ring[a] = messages_month
    accounts.visits_ring[a] = visits
    accounts.ring_day[a] = day


@njit(cache=True, inline="always")
def _within_caps(
    wanted: int,
    day: int,
    ring_day: int,
    week_ring: int,
    month_ring: int,
    per_day: int,
    per_week: int,
    per_month: int,
) -> int:
    """How many of ``wanted`` contacts today keep every cap (0 = no cap) of one channel.

    Each window ends today and includes it: the day, the 7 days and the 30 days ending today.
    """
    allowed = wanted
    if per_day > 0:
        allowed = min(allowed, per_day - _today_count(week_ring, ring_day, day, 4))
    if per_week > 0:
        allowed = min(allowed, per_week - ring_total(week_ring, ring_day, day, 4, WEEK))
    if per_month > 0:
        allowed = min(allowed, per_month - ring_total(month_ring, ring_day, day, 2, MONTH))
    return max(allowed, 0)


@njit(cache=True, inline="always")
def lawful_attempts(
    a: int,
    day: int,
    channel: int,
    wanted: int,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
) -> tuple[int, int]:
    """How many of ``wanted`` attempts on ``channel`` today the regime allows.

    Every rolling cap counts the window ending today, today included: under "7 in 7 days" the
    attempts of the six days before today and today's together stay at 7 or below.

    Args:
        a: Account row.
        day: Today.
        channel: Channel code.
        wanted: Attempts the collector plans.
        run: Run constants (the regime's rules).
        borrowers: Borrower table (whether the borrower has lost contact is read).
        accounts: Account table (rings and last conversation are read).

    Returns:
        ``(allowed, bits)``: attempts within the rules, and the violation bits of the rules
        the full plan would break (0 if it breaks none).
    """
    ring_day = int(accounts.ring_day[a])
    if is_call(channel):
        allowed = _within_caps(
            wanted,
            day,
            ring_day,
            int(accounts.attempts_ring[a]),
            int(accounts.attempts_month_ring[a]),
            run.regime_max_attempts_per_day,
            run.regime_max_attempts_per_7d,
            run.regime_max_attempts_per_30d,
        )
        bits = FREQUENCY_BREACH if allowed < wanted else 0
        last = accounts.last_conversation_day[a]
        if run.regime_cooldown_days > 0 and last >= 0 and day - last < run.regime_cooldown_days:
            allowed = 0
            bits |= COOLDOWN_BREACH
        return allowed, bits
    if channel == SMS or channel == EMAIL:
        allowed = _within_caps(
            wanted,
            day,
            ring_day,
            int(accounts.messages_ring[a]),
            int(accounts.messages_month_ring[a]),
            run.regime_max_messages_per_day,
            run.regime_max_messages_per_7d,
            run.regime_max_messages_per_30d,
        )
        return allowed, MESSAGES_BREACH if allowed < wanted else 0
    if channel == VISIT:
        if not run.regime_home_visits_allowed:
            return 0, VISIT_BREACH
        if run.regime_max_visits_per_7d > 0:
            used = ring_total(int(accounts.visits_ring[a]), ring_day, day, 1, WEEK)
            if used + 1 > run.regime_max_visits_per_7d:
                return 0, VISIT_BREACH
        return wanted, 0
    if channel == THIRD_PARTY:
        rule = run.regime_third_party_contact
        if rule == THIRD_PARTY_NEVER or (
            rule == THIRD_PARTY_IF_UNREACHABLE and not borrowers.lost_contact[accounts.borrower[a]]
        ):
            return 0, THIRD_PARTY_BREACH
        return wanted, 0
    return wanted, 0


@njit(cache=True, inline="always")
def violations_seen(b: int, day: int, run: RunConstants, borrowers: Borrowers) -> float:
    """Breaches of the rules borrower ``b`` has seen and still remembers (decayed count)."""
    return decayed(
        np.float64(borrowers.violations[b]), run.violation_decay, day - borrowers.violations_day[b]
    )


@njit(cache=True, inline="always")
def book_violations(
    a: int,
    b: int,
    day: int,
    bits: int,
    recorded: bool,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    collector_events: np.ndarray,
) -> None:
    """Record the violations in ``bits`` against account ``a``'s collector and its borrower.

    The borrower remembers the breaches she saw (a decaying count); they are the acts she has
    already suffered as harm (:mod:`arrears.market.kernels.harm`), so they add no stress of their
    own. ``recorded`` marks violations committed on a recorded visit (substantiated for certain).
    Violations on an account in the test arm of its agency's tone test are also counted in
    ``VIOLATIONS_IN_TEST``.
    """
    if bits == 0:
        return
    events = collector_events[accounts.collector[a]]
    count = 0
    for kind in range(len(VIOLATION_TYPES)):
        if bits & (1 << kind):
            events[CollectorEvent.VIOLATIONS_BY_TYPE + kind] += 1
            count += 1
    if recorded:
        events[CollectorEvent.RECORDED_VIOLATIONS] += count
    if accounts.tone_arm[a] == TEST_ARM:
        events[CollectorEvent.VIOLATIONS_IN_TEST] += count
    borrowers.violations[b] = violations_seen(b, day, run, borrowers) + count
    borrowers.violations_day[b] = day


@njit(cache=True, inline="always")
def within_window(day: int, hour: int, run: RunConstants) -> bool:
    """Whether the regime allows contact at ``hour`` (0-23) on ``day`` (day 0 is a Monday)."""
    if day % 7 < 5:
        return run.regime_weekday_start_hour <= hour < run.regime_weekday_end_hour
    return run.regime_weekend_start_hour <= hour < run.regime_weekend_end_hour


@njit(cache=True)
def maybe_request_breathing_space(
    b: int, day: int, run: RunConstants, borrowers: Borrowers, borrower_events: np.ndarray
) -> None:
    """A borrower in arrears may request the regime's statutory moratorium (breathing space).

    Allowed at most once in 365 days; granted at once. During it no contact, interest, fees or
    ageing (see ``kernels.day``).

    Args:
        b: Borrower row (with arrears, not in a moratorium).
        day: Today.
        run: Run constants (the regime's moratorium and request log-odds).
        borrowers: Borrower table (moratorium set).
        borrower_events: Market counters (added to).
    """
    last = borrowers.moratorium_start[b]
    if last >= 0 and day - last < 365:
        return
    logit = (
        run.breathing_space_logit
        + run.breathing_space_stress * stress_now(b, day, run, borrowers)
        + run.breathing_space_rights * np.float64(borrowers.rights_awareness[b])
    )
    if uniform(run.seed, Stream.BREATHING_SPACE, day, b, 0) < sigmoid(logit):
        borrowers.moratorium_start[b] = day
        borrowers.moratorium_until[b] = day + run.regime_breathing_space_days
        borrower_events[BorrowerEvent.MORATORIA] += 1


@njit(cache=True)
def count_detected(seed: int, day: int, collector: int, violations: int, detection: float) -> int:
    """How many of a collector's violations an audit substantiates (one draw each).

    Args:
        seed: Run seed.
        day: The audit's day.
        collector: Collector index.
        violations: Violations committed in the audited month.
        detection: Chance each violation is substantiated.

    Returns:
        The number substantiated.
    """
    found = 0
    for k in range(violations):
        if uniform(seed, Stream.DETECTION, day, collector, k) < detection:
            found += 1
    return found
