"""Rules, breaches and complaints (mechanisms 6 and 7).

Every contact a collector plans is checked against the regime: call attempts per day and per
rolling 7 days, the cool-down after a conversation, messages per 7 days, home visits, contact
with a borrower's third parties (never, only for a borrower who lost contact, or allowed). A
contact
that would break a rule is carried out anyway with the collector's breach probability
``sigmoid(breach_logit + breach_aggressiveness a - breach_training training)`` and recorded as a
violation by type; otherwise the offending attempts are dropped (their staff time is still
spent). Calls outside the allowed hours and threats in conversations are the other breaches.

Rolling counts are **exact ring buffers**, not decayed counts: a ``uint32`` holds seven 4-bit
daily counts (today in the lowest bits) and is shifted by the days elapsed when next touched, so
a 7-day cap is enforced to the attempt in 4 bytes per account and costs nothing for idle rows. A
decayed count would blur the legal boundary (the 8th attempt on day 7 vs day 8), and a list of
event days would cost memory per event.

A violation is felt by the borrower: it adds stress and is remembered (a decaying count). On a
day with contact the borrower may complain, with probability ``sigmoid(complaint_logit +
complaint_stress stress + complaint_violations remembered + complaint_rights awareness)``; the
firm's feedback channel resolves a share of complaints before they reach the regulator.

Where the regime has home visits recorded on audio/video, every violation committed on a visit
(out of hours, too many visits, a threat) is on record and counted apart: an audit
substantiates those with certainty, the others with the regulator's detection probability.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.accounts import (
    TEST_ARM,
    VIOLATION_TYPES,
    Accounts,
    BorrowerEvent,
    Borrowers,
    CollectorEvent,
)
from arrears.kernels.behaviour import set_stress, stress_now
from arrears.kernels.channels import AI_BOT, CALL, EMAIL, SMS, THIRD_PARTY, VISIT
from arrears.kernels.inputs import DayInputs, RunConstants
from arrears.mathx import decayed, sigmoid
from arrears.regimes import THIRD_PARTY_RULES
from arrears.rng import Stream, uniform

HOURS_BREACH = 1
FREQUENCY_BREACH = 2
COOLDOWN_BREACH = 4
MESSAGES_BREACH = 8
VISIT_BREACH = 16
THREAT_BREACH = 32
THIRD_PARTY_BREACH = 64
"""Violation bits, in the order of ``accounts.VIOLATION_TYPES``."""

THIRD_PARTY_NEVER = THIRD_PARTY_RULES.index("never")
THIRD_PARTY_IF_UNREACHABLE = THIRD_PARTY_RULES.index("if_unreachable")
THIRD_PARTY_ALLOWED = THIRD_PARTY_RULES.index("allowed")
"""Codes of the regime's third-party contact rule (``run.regime_third_party_contact``)."""

_DAILY_COUNTS = 0x0FFFFFFF
"""Mask of a ring of seven 4-bit daily counts."""

_DAILY_FLAGS = 0x7F
"""Mask of a ring of seven 1-bit daily flags."""


@njit(cache=True, inline="always")
def _shift(ring: int, ring_day: int, day: int, bits: int, mask: int) -> int:
    """A 7-day ring of ``bits``-wide daily counts advanced from ``ring_day`` to ``day``."""
    elapsed = day - ring_day
    if elapsed >= 7:
        return 0
    return (ring << (bits * elapsed)) & mask


@njit(cache=True, inline="always")
def ring_total(ring: int, ring_day: int, day: int, bits: int, mask: int) -> int:
    """The sum of a ring's daily counts over the 7 days ending ``day``."""
    shifted = _shift(ring, ring_day, day, bits, mask)
    total = 0
    unit = (1 << bits) - 1
    for k in range(7):
        total += (shifted >> (bits * k)) & unit
    return total


@njit(cache=True, inline="always")
def record_contact(a: int, day: int, channel: int, attempts: int, accounts: Accounts) -> None:
    """Add today's attempts on ``channel`` to account ``a``'s rolling rings.

    Args:
        a: Account row.
        day: Today.
        channel: Channel code (calls and AI-bot calls, messages and visits are counted).
        attempts: Attempts made today.
        accounts: Account table (rings updated).
    """
    calls = _shift(int(accounts.attempts_ring[a]), accounts.ring_day[a], day, 4, _DAILY_COUNTS)
    messages = _shift(int(accounts.messages_ring[a]), accounts.ring_day[a], day, 4, _DAILY_COUNTS)
    visits = _shift(int(accounts.visits_ring[a]), accounts.ring_day[a], day, 1, _DAILY_FLAGS)
    if channel == CALL or channel == AI_BOT:
        calls = (calls & ~15) | min((calls & 15) + attempts, 15)
    elif channel == SMS or channel == EMAIL:
        messages = (messages & ~15) | min((messages & 15) + attempts, 15)
    elif channel == VISIT:
        visits |= 1
    accounts.attempts_ring[a] = calls
    accounts.messages_ring[a] = messages
    accounts.visits_ring[a] = visits
    accounts.ring_day[a] = day


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
    ring_day = accounts.ring_day[a]
    if channel == CALL or channel == AI_BOT:
        allowed = wanted
        bits = 0
        if run.regime_max_attempts_per_day > 0:
            allowed = min(allowed, run.regime_max_attempts_per_day)
        if run.regime_max_attempts_per_7d > 0:
            used = ring_total(int(accounts.attempts_ring[a]), ring_day, day - 1, 4, _DAILY_COUNTS)
            allowed = min(allowed, max(run.regime_max_attempts_per_7d - used, 0))
        if allowed < wanted:
            bits |= FREQUENCY_BREACH
        last = accounts.last_conversation_day[a]
        if run.regime_cooldown_days > 0 and last >= 0 and day - last < run.regime_cooldown_days:
            allowed = 0
            bits |= COOLDOWN_BREACH
        return allowed, bits
    if channel == SMS or channel == EMAIL:
        if run.regime_max_messages_per_7d > 0:
            used = ring_total(int(accounts.messages_ring[a]), ring_day, day - 1, 4, _DAILY_COUNTS)
            if used + wanted > run.regime_max_messages_per_7d:
                return max(run.regime_max_messages_per_7d - used, 0), MESSAGES_BREACH
        return wanted, 0
    if channel == VISIT:
        if not run.regime_home_visits_allowed:
            return 0, VISIT_BREACH
        if run.regime_max_visits_per_7d > 0:
            used = ring_total(int(accounts.visits_ring[a]), ring_day, day - 1, 1, _DAILY_FLAGS)
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
def remember_violations(
    b: int, day: int, count: int, run: RunConstants, borrowers: Borrowers
) -> None:
    """Borrower ``b`` suffers ``count`` violations today: stress rises, memory grows."""
    remembered = decayed(
        np.float64(borrowers.violations[b]), run.violation_decay, day - borrowers.violations_day[b]
    )
    borrowers.violations[b] = remembered + count
    borrowers.violations_day[b] = day
    set_stress(b, day, stress_now(b, day, run, borrowers) + run.violation_stress * count, borrowers)


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

    ``recorded`` marks violations committed on a recorded visit (substantiated for certain).
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
    remember_violations(b, day, count, run, borrowers)


@njit(cache=True, inline="always")
def maybe_complain(
    b: int,
    collector: int,
    arm: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    collector_events: np.ndarray,
) -> bool:
    """After a day with contact, borrower ``b`` may complain about ``collector``.

    Args:
        b: Borrower row.
        collector: The collector that contacted the borrower today.
        arm: The tone arm of the account it contacted about (``TEST_ARM`` complaints are
            also counted in ``COMPLAINTS_IN_TEST``).
        today: Today's inputs (each collector's complaint channel).
        run: Run constants (complaint log-odds).
        borrowers: Borrower table (read).
        collector_events: int64[collector, event] counters (added to).

    Returns:
        Whether a complaint reached the regulator.
    """
    day = today.day
    remembered = decayed(
        np.float64(borrowers.violations[b]), run.violation_decay, day - borrowers.violations_day[b]
    )
    logit = (
        run.complaint_logit
        + run.complaint_stress * stress_now(b, day, run, borrowers)
        + run.complaint_violations * remembered
        + run.complaint_rights * np.float64(borrowers.rights_awareness[b])
    )
    if uniform(run.seed, Stream.COMPLAINT, day, b, 0) >= sigmoid(logit):
        return False
    resolved = (
        uniform(run.seed, Stream.COMPLAINT_ROUTE, day, b, 0)
        < (today.complaint_resolution[collector])
    )
    event = (
        CollectorEvent.COMPLAINTS_TO_FIRM if resolved else CollectorEvent.COMPLAINTS_TO_REGULATOR
    )
    collector_events[collector, event] += 1
    if arm == TEST_ARM:
        collector_events[collector, CollectorEvent.COMPLAINTS_IN_TEST] += 1
    return not resolved


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
