"""Harm is what borrowers live through, in every regime; a violation is what a regime forbids."""

from arrears.market.model import CollectionMarket
from tests.conftest import small_scenario

FREQUENT_COMPLAINTS = {"behaviour.complaint_logit": -9.0, "population.n_accounts": 3000}
"""Complaints frequent enough to compare in a small market."""


def summary_of(**overrides):
    model = CollectionMarket(small_scenario(**FREQUENT_COMPLAINTS | overrides))
    model.run()
    return model.summary()


def test_a_rule_alone_changes_nothing_a_borrower_lives_through():
    """Banning threats without enforcing the ban makes every threat a violation, but the
    borrowers live through the same threats: the same harm and stress; their complaints differ
    only through the breaches they know of (none, when awareness does not count)."""
    lax = {"regime.name": "laissez_faire", "collectors.aggressiveness": 0.9}
    no_breach_awareness = {"behaviour.complaint_breach_awareness": 0.0}
    allowed = summary_of(**lax, **no_breach_awareness)
    banned = summary_of(**lax, **no_breach_awareness, **{"regime.threats_banned": True})
    assert allowed["violations"] == 0
    assert banned["violations_threat"] == banned["threats"] == allowed["threats"] > 50
    for name in ("harm_mean", "stress_mean", "complaints_to_firm", "complaints_to_regulator"):
        assert banned[name] == allowed[name]
    aware = summary_of(**lax, **{"regime.threats_banned": True})
    assert aware["harm_mean"] == allowed["harm_mean"]
    assert aware["complaints_to_regulator"] > banned["complaints_to_regulator"]


def test_more_calls_harm_more_and_draw_more_complaints_without_any_rule():
    """Under laissez-faire, a team that calls each account six times a day rather than once
    takes borrowers past the calls they tolerate in a week: more harm, stress and complaints."""
    ample = {"regime.name": "laissez_faire", "collectors.staff_per_10k_accounts": 50.0}
    once = summary_of(**ample, **{"collectors.attempts_per_account_per_day": 1})
    six = summary_of(**ample, **{"collectors.attempts_per_account_per_day": 6})
    assert six["calls_beyond_tolerance"] > 5 * max(once["calls_beyond_tolerance"], 1)
    assert six["harm_mean"] > 1.2 * once["harm_mean"]
    assert six["stress_mean"] > once["stress_mean"]
    complaints = six["complaints_to_firm"] + six["complaints_to_regulator"]
    assert complaints > 1.2 * (once["complaints_to_firm"] + once["complaints_to_regulator"])


def test_calls_round_the_clock_intrude_on_sleep():
    """A team that staffs every hour of the day calls borrowers while they sleep: many more
    intrusive contacts and more harm than a team that calls when people answer."""
    free = {"regime.name": "laissez_faire"}
    answering = summary_of(**free)
    round_the_clock = summary_of(
        **free, **{"collectors.calling_hours": 24, "collectors.min_hour_value": 0.0}
    )
    assert round_the_clock["intrusive_contacts"] > 2 * answering["intrusive_contacts"]
    assert round_the_clock["harm_mean"] > answering["harm_mean"]
    assert round_the_clock["rpc_rate"] < answering["rpc_rate"]
