"""What happens when a collector reaches the borrower (mechanism 5).

The outcome of a conversation is drawn from a multinomial logit over {pay now, promise to pay,
accept a plan, refuse, dispute}. Utilities are relative to refusing:

- pay now: ``w + channel effect + pay_now_tone_logit a - shortfall_weight shortfall`` (only
  with cash in the buffer; a payment smaller than the arrears is a partial payment);
- promise: ``w + promise_logit``;
- plan (only if one is on offer): ``plan_logit + shortfall_weight shortfall +
  plan_trust_weight (trust - 1/2)``;
- dispute: ``dispute_logit + trust_weight (1/2 - trust)``;
- refuse: ``stress_weight max(0, stress - resistance_threshold)`` (resistance);

An aggressive collector that breaks rules may threaten the borrower (probability: its breach
probability times its aggressiveness): the threat adds credible threat and harm
(``harm_threat``) in every regime, and is a violation where the regime bans threats. The
conversation's tone itself moves stress, harm and trust (:func:`feel_the_tone`).

where ``shortfall = 1 - min(1, cash / arrears)``, ``w`` is the borrower's willingness after
the conversation's tone has moved stress and trust, and ``a`` the collector's aggressiveness.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from arrears.market.kernels.behaviour import (
    add_pressure,
    clip01,
    set_stress,
    stress_now,
    willingness,
)
from arrears.market.kernels.channels import VISIT
from arrears.market.kernels.compliance import THREAT_BREACH, book_violations
from arrears.market.kernels.harm import suffer
from arrears.market.kernels.inputs import DayInputs, RunConstants
from arrears.market.kernels.plans import NO_PLAN, accept_plan, plan_on_offer
from arrears.market.kernels.tone import contact_breach_probability, contact_tone
from arrears.market.mathx import exp
from arrears.market.rng import Stream, uniform
from arrears.market.tables import INTENDS_TO_PAY, Accounts, BorrowerEvent, Borrowers, LenderEvent

PAY_NOW = 0
PROMISE = 1
PLAN = 2
REFUSE = 3
DISPUTE = 4


@njit(cache=True, inline="always")
def feel_the_tone(
    a: int,
    b: int,
    day: int,
    aggressiveness: float,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
) -> None:
    """A conversation's tone moves the borrower's stress, harm and trust in the creditor.

    Aggression is harm: ``harm_aggressive_conversation a`` harm units (each adding
    ``harm_stress`` stress); friendliness relieves ``stress_relief_friendly (1 - a)`` stress;
    trust moves by ``trust_from_friendliness (1 - a) - trust_loss_aggression a``, clipped to
    0-1.

    Args:
        a: Account row.
        b: Borrower row.
        day: Today.
        aggressiveness: The collector's tone, 0 friendly ... 1 aggressive.
        run: Run constants.
        borrowers: Borrower table (stress and harm are updated).
        accounts: Account table (trust is updated).
    """
    friendliness = 1.0 - aggressiveness
    relieved = stress_now(b, day, run, borrowers) - run.stress_relief_friendly * friendliness
    set_stress(b, day, relieved, borrowers)
    suffer(b, day, run.harm_aggressive_conversation * aggressiveness, run, borrowers)
    accounts.trust[a] = clip01(
        np.float64(accounts.trust[a])
        + run.trust_from_friendliness * friendliness
        - run.trust_loss_aggression * aggressiveness
    )


@njit(cache=True)
def converse(
    a: int,
    b: int,
    channel: int,
    today: DayInputs,
    run: RunConstants,
    borrowers: Borrowers,
    accounts: Accounts,
    events: np.ndarray,
    borrower_events: np.ndarray,
    collector_events: np.ndarray,
) -> int:
    """Hold a right-party conversation about account ``a`` and carry out its outcome.

    Args:
        a: Account row (in arrears).
        b: Borrower row.
        channel: The conversational channel (call, AI bot or visit).
        today: Today's inputs (tone and plan offers by collector).
        run: Run constants.
        borrowers: Borrower table.
        accounts: Account table.
        events: The owning lender's counters (added to).
        borrower_events: Market counters (added to).
        collector_events: int64[collector, event] counters (a banned threat is added).

    Returns:
        The outcome (``PAY_NOW``, ``PROMISE``, ``PLAN``, ``REFUSE`` or ``DISPUTE``); a payment
        agreed now is made when the borrower's cash is allocated at the end of the day.
    """
    day = today.day
    aggressiveness = contact_tone(a, today, accounts)
    events[LenderEvent.CONVERSATIONS] += 1
    accounts.last_conversation_day[a] = day
    feel_the_tone(a, b, day, aggressiveness, run, borrowers, accounts)
    threatened = uniform(run.seed, Stream.THREAT, day, a, 0) < (
        contact_breach_probability(a, today, accounts) * aggressiveness
    )
    if threatened:
        add_pressure(a, day, 0.0, run.threat_of_threats, run, accounts)
        suffer(b, day, run.harm_threat, run, borrowers)
        borrower_events[BorrowerEvent.THREATS] += 1
        if run.regime_threats_banned:
            recorded = channel == VISIT and run.regime_visits_recorded
            book_violations(
                a, b, day, THREAT_BREACH, recorded, run, borrowers, accounts, collector_events
            )

    w = willingness(a, b, day, run, borrowers, accounts)
    cash = max(borrowers.buffer[b], 0)
    shortfall = 1.0 - min(1.0, cash / accounts.arrears[a])
    offer = plan_on_offer(a, b, today, run, borrowers, accounts)
    if offer != NO_PLAN:
        events[LenderEvent.PLANS_OFFERED] += 1
        accounts.plan_offered[a] = 1

    pay_now = 0.0
    if cash > 0:
        pay_now = exp(
            w
            + run.channel_pay_logit[channel]
            + run.pay_now_tone_logit * aggressiveness
            - run.shortfall_weight * shortfall
        )
    promise = exp(w + run.promise_logit)
    plan = 0.0
    if offer != NO_PLAN:
        plan = exp(
            run.plan_logit
            + run.shortfall_weight * shortfall
            + run.plan_trust_weight * (np.float64(accounts.trust[a]) - 0.5)
        )
    excess_stress = max(0.0, stress_now(b, day, run, borrowers) - run.resistance_threshold)
    refuse = exp(run.stress_weight * excess_stress)
    dispute = exp(run.dispute_logit + run.trust_weight * (0.5 - np.float64(accounts.trust[a])))

    # the outcome whose slice of the summed weights holds the draw (no array: a conversation
    # allocates nothing)
    total = pay_now + promise + plan + refuse + dispute
    threshold = uniform(run.seed, Stream.CONVERSATION, day, a, 0) * total
    outcome = PAY_NOW
    cumulative = pay_now
    for weight in (promise, plan, refuse, dispute):
        if cumulative > threshold:
            break
        outcome += 1
        cumulative += weight

    if outcome == PAY_NOW:
        events[LenderEvent.PAY_NOW] += 1
        accounts.intent_today[a] |= INTENDS_TO_PAY
    elif outcome == PROMISE:
        events[LenderEvent.PROMISES] += 1
        accounts.promise_day[a] = day + run.promise_days
    elif outcome == PLAN:
        accept_plan(a, b, offer, day, run, borrowers, accounts, events, borrower_events)
    elif outcome == REFUSE:
        events[LenderEvent.REFUSALS] += 1
    else:
        events[LenderEvent.DISPUTES] += 1
        accounts.dispute_until[a] = day + run.dispute_days
    return outcome
