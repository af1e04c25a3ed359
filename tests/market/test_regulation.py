"""Direction of effect of the regulation mechanics: rules, breaches, complaints, enforcement, the
statutory moratorium, third-party contact and recorded home visits."""

import numpy as np

from arrears.market.kernels.channels import THIRD_PARTY
from arrears.market.model import CollectionMarket
from arrears.market.tables import VIOLATION_TYPES, BorrowerEvent, first_rows
from tests.conftest import small_scenario

COMPLIANT = {"collectors.breach_logit": -20.0}
RECKLESS = {"collectors.breach_logit": 3.0}


def market(**overrides):
    return CollectionMarket(small_scenario(**{"population.n_accounts": 3000} | overrides))


def summary_of(**overrides):
    model = market(**overrides)
    model.run()
    return model.summary()


def worst_week(model, days):
    """The most call attempts any account had in the 7 days ending on a day, that day
    included, summed from a log of each day's attempts (not from the model's rolling count)."""
    week: list[np.ndarray] = []
    worst = 0
    for _ in range(days):
        model.step()
        accounts = model.accounts
        today = np.where(accounts.ring_day == model.day, accounts.attempts_ring & 15, 0)
        week = [np.pad(day, (0, len(today) - len(day))) for day in week[-6:]] + [today]
        worst = max(worst, int(np.sum(week, axis=0).max()))
    return worst


def test_compliant_collectors_stay_within_every_bound():
    """Without breaches no account gets more than the 7-day cap and nobody calls at weekends."""
    capped = market(**COMPLIANT, **{"regime.name": "us_reg_f"})
    assert worst_week(capped, 150) <= 7
    assert capped.summary()["violations"] == 0
    workday = market(**COMPLIANT, **{"regime.name": "firm_workday"})
    workday.run()
    series = workday.series()
    weekend = series["day"] % 7 >= 5
    assert series.loc[weekend, "attempts_call"].sum() == 0
    assert workday.summary()["violations"] == 0


def test_breaches_happen_only_as_recorded_violations():
    """Reckless collectors exceed the bounds, and every kind of breach is recorded."""
    capped = market(**RECKLESS, **{"regime.name": "us_reg_f"})
    assert worst_week(capped, 150) > 7
    summary = capped.summary()
    assert summary["violations_frequency"] > 0
    assert summary["violations_cooldown"] > 0
    assert summary["violations_threat"] > 0
    workday = summary_of(**RECKLESS, **{"regime.name": "firm_workday"})
    assert workday["violations_hours"] > 0
    assert set(VIOLATION_TYPES) == {
        "hours",
        "frequency",
        "cooldown",
        "messages",
        "visit",
        "threat",
        "third_party",
        "connected_calls",
    }


def test_lower_attempts_cap_lowers_attempts():
    """A lower rolling cap lowers call attempts; compliant collectors breach none of it."""
    loose = summary_of(**COMPLIANT, **{"regime.name": "us_reg_f", "regime.max_attempts_per_7d": 14})
    tight = summary_of(**COMPLIANT, **{"regime.name": "us_reg_f", "regime.max_attempts_per_7d": 3})
    assert tight["call_attempts"] < 0.8 * loose["call_attempts"]
    assert tight["violations"] == loose["violations"] == 0


def test_complaints_rise_with_violations():
    """Reckless collecting draws more complaints than compliant collecting."""
    common = {"regime.name": "us_reg_f", "behaviour.complaint_logit": -9.0}
    compliant = summary_of(**COMPLIANT, **common)
    reckless = summary_of(**RECKLESS, **common)
    assert reckless["violations"] > compliant["violations"]
    complaints = reckless["complaints_to_firm"] + reckless["complaints_to_regulator"]
    assert complaints > 1.5 * (
        compliant["complaints_to_firm"] + compliant["complaints_to_regulator"]
    )


def test_firm_feedback_channel_keeps_complaints_from_the_regulator():
    """A firm complaint channel resolves complaints before they reach the regulator."""
    common = {"regime.name": "us_reg_f", "behaviour.complaint_logit": -9.0}
    none = summary_of(**common, **{"collectors.complaint_resolution": 0.0})
    channel = summary_of(**common, **{"collectors.complaint_resolution": 0.8})
    assert none["complaints_to_firm"] == 0
    assert channel["complaints_to_regulator"] < none["complaints_to_regulator"]


def test_enforcement_lowers_violations_over_time():
    """Audits and fines train collectors: with enforcement, violations fall over the run."""
    common = {
        "regime.name": "us_reg_f",
        "behaviour.complaint_logit": -8.0,
        "collectors.aggressiveness": 0.9,
        "run.days": 360,
    }
    lax = market(**common, **{"regime.audit_per_complaint": 0.0})
    strict = market(
        **common, **{"regime.audit_per_complaint": 1.0, "regime.fine_per_violation": 500.0}
    )
    lax.run()
    strict.run()
    assert strict.summary()["audits"] > 0
    assert strict.summary()["fines"] > 0
    assert lax.summary()["audits"] == 0
    last = lax.series()["day"] >= lax.series()["day"].max() - 90
    violation_columns = [f"violations_{kind}" for kind in VIOLATION_TYPES]
    late_lax = lax.series().loc[last, violation_columns].to_numpy().sum()
    late_strict = strict.series().loc[last, violation_columns].to_numpy().sum()
    assert late_strict < 0.7 * late_lax
    assert strict.collectors[0].training > lax.collectors[0].training


def test_suspension_stops_a_collector():
    """Repeated findings suspend a collector: it makes no contact while suspended."""
    model = market(
        **RECKLESS,
        **{
            "regime.name": "us_reg_f",
            "behaviour.complaint_logit": -7.0,
            "regime.audit_per_complaint": 2.0,
            "regime.suspension_findings": 1,
            "regime.suspension_days": 20,
        },
    )
    model.run()
    summary = model.summary()
    assert summary["suspensions"] > 0
    series = model.series()
    suspended_days = series.loc[series["suspensions"] > 0, "day"]
    day = int(suspended_days.iloc[0])
    after = series[(series["day"] > day + 1) & (series["day"] <= day + 15)]
    assert after["call_attempts"].sum() < series["call_attempts"].mean() * len(after)


def test_moratorium_stops_contact_and_interest():
    """A borrower in breathing space is neither contacted nor charged interest or fees."""
    model = market(
        **{
            "regime.name": "uk_conc",
            "behaviour.breathing_space_logit": -3.0,
            "run.days": 60,
        }
    )
    checked = 0
    for _ in range(120):
        interest, fees = model.accounts.interest.copy(), model.accounts.fees.copy()
        model.step()
        borrowers, accounts = model.borrowers, first_rows(model.accounts, len(fees))
        day = model.day
        in_space = borrowers.moratorium_until[accounts.borrower] > day
        started_before = borrowers.moratorium_start[accounts.borrower] < day
        rows = in_space & started_before
        checked += int(rows.sum())
        assert (accounts.interest[rows] == interest[rows]).all()
        assert (accounts.fees[rows] == fees[rows]).all()
        called_today = (accounts.ring_day == day) & ((accounts.attempts_ring & 15) > 0)
        assert not called_today[rows].any()
    assert model.summary()["moratoria"] > 0
    assert checked > 100


def test_caps_on_price_and_fees_apply_within_their_scope():
    """The regime's APR and late-fee caps bind the loans in their scope: China's cap binds
    every loan; the UK's caps bind high-cost short-term credit (APR of 100% or more, repaid
    within 12 months) only."""
    capped = market(**{"regime.name": "cn_2025", "loans.apr_annual": 0.36})
    assert capped.run_constants.monthly_rate == 0.24 / 12
    payday = {"regime.name": "uk_conc", "loans.late_fee": 40.0, "loans.term_months": 3}
    fee_capped = market(**payday, **{"loans.apr_annual": 4.0})
    assert fee_capped.run_constants.late_fee == 1500
    assert fee_capped.run_constants.monthly_rate == 0.008 * 365 / 12
    just_below = market(**payday, **{"loans.apr_annual": 0.99})
    assert just_below.run_constants.late_fee == 4000
    assert just_below.run_constants.monthly_rate == 0.99 / 12
    longer = market(**(payday | {"loans.apr_annual": 4.0, "loans.term_months": 13}))
    assert longer.run_constants.late_fee == 4000


THIRD_PARTIES = {"collectors.third_party_min_dpd": 30, "run.days": 150}
"""Collectors contact the third parties of lost-contact borrowers from 30 DPD."""


def third_party_contacts_by_reach(model, days):
    """Third-party contacts made, split by whether the borrower was reachable when planned
    (accounts opened during the day are not counted)."""
    lost = reachable = 0
    for _ in range(days):
        was_lost = model.borrowers.lost_contact[model.accounts.borrower]
        model.step()
        accounts = first_rows(model.accounts, len(was_lost))
        today = (accounts.ring_day == model.day) & (accounts.channel_today == THIRD_PARTY)
        lost += int((today & (was_lost == 1)).sum())
        reachable += int((today & (was_lost == 0)).sum())
    return lost, reachable


def test_third_party_contact_under_never_happens_only_as_violations():
    """Where third-party contact is banned, compliant collectors make none; reckless ones
    make some, every one a recorded third_party violation."""
    never = {**THIRD_PARTIES, "regime.name": "ru_230fz"}
    compliant = summary_of(**COMPLIANT, **never)
    assert compliant["third_party_contacts"] == compliant["violations_third_party"] == 0
    model = market(**RECKLESS, **never)
    model.run()
    attempts = int(model.series()["attempts_third_party"].sum())
    assert attempts > 20
    assert model.summary()["violations_third_party"] == attempts
    assert model.summary()["disclosures"] > 0


def test_if_unreachable_contacts_only_borrowers_who_lost_contact():
    """Under if_unreachable, even a team that presses every borrower's family weekly reaches
    only lost-contact borrowers' third parties unless it breaks the rule, and then each
    contact with a reachable borrower's third parties is a violation."""
    pressing = {
        **THIRD_PARTIES,
        "regime.name": "cn_2025",
        "collectors.third_party_all_dpd": 20,
        "run.warmup_days": 0,
    }
    compliant = market(**COMPLIANT, **pressing)
    lost, reachable = third_party_contacts_by_reach(compliant, 150)
    assert lost > 20
    assert reachable == 0
    assert compliant.summary()["disclosures"] == 0
    reckless = market(**RECKLESS, **pressing)
    lost, reachable = third_party_contacts_by_reach(reckless, 150)
    assert reachable > 20
    assert reckless.summary()["violations_third_party"] == reachable
    assert 0 < reckless.summary()["disclosures"] <= reachable


def test_third_parties_find_lost_borrowers_and_disclosure_stresses():
    """Third-party contact brings lost-contact borrowers back; disclosing the debt adds harm,
    and with it stress and complaints."""
    without = market(**{"regime.name": "cn_2025", "run.days": 150})
    with_ = market(**THIRD_PARTIES, **{"regime.name": "cn_2025"})
    without.run()
    with_.run()
    regained = BorrowerEvent.CONTACT_REGAINED
    assert with_.borrower_totals[regained] > 1.2 * without.borrower_totals[regained]
    assert (
        with_.series()["lost_contact_share"].mean() < without.series()["lost_contact_share"].mean()
    )
    disclosing = {
        **THIRD_PARTIES,
        "regime.name": "laissez_faire",
        "collectors.third_party_all_dpd": 20,
        "behaviour.complaint_logit": -7.0,
    }
    book = {"population.n_accounts": 4000}  # enough disclosures to move the mean harm
    quiet = summary_of(**disclosing, **book, **{"behaviour.harm_disclosure": 0.0})
    shaming = summary_of(**disclosing, **book)
    assert shaming["disclosures"] > 150
    assert shaming["harm_mean"] > 1.1 * quiet["harm_mean"]
    assert shaming["stress_mean"] > quiet["stress_mean"] + 0.01
    assert shaming["complaints_to_firm"] + shaming["complaints_to_regulator"] > 1.15 * (
        quiet["complaints_to_firm"] + quiet["complaints_to_regulator"]
    )


def visits_made(staff, collectors_per_visit):
    model = market(
        **{
            "regime.name": "cn_2025",
            "collectors.visit_min_dpd": 30,
            "collectors.staff_per_10k_accounts": staff,
            "regime.visit_collectors": collectors_per_visit,
        }
    )
    model.run()
    return int(model.series()["attempts_visit"].sum())


def test_more_collectors_per_visit_cost_visits_when_staff_is_scarce():
    """A rule of three collectors per home visit triples the staff time of each: a scarce team
    makes fewer visits, an ample one as many."""
    assert visits_made(2.0, 3) < 0.7 * visits_made(2.0, 1)
    ample = visits_made(200.0, 1)
    assert ample > 0
    assert visits_made(200.0, 3) == ample


def test_recorded_visits_are_substantiated_for_certain():
    """Where visits are recorded, an audit substantiates every violation on a visit: reckless
    visiting collectors are fined more than where visits go unrecorded (where an audit finds
    only 2% of the rest, so that the few threats made on visits show)."""
    common = {
        **RECKLESS,
        "regime.name": "cn_2025",
        "collectors.visit_min_dpd": 30,
        "regime.detection_probability": 0.02,
        "regime.audit_per_complaint": 2.0,
        "behaviour.complaint_logit": -7.0,
    }
    recorded = market(**common, **{"regime.visits_recorded": True})
    unrecorded = market(**common, **{"regime.visits_recorded": False})
    recorded.run()
    unrecorded.run()
    assert recorded.summary()["audits"] > 0
    assert recorded.summary()["fines"] > 1.5 * unrecorded.summary()["fines"]
