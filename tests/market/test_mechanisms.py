"""Direction of effect of each foundation mechanism, on small populations with fixed seeds."""

from arrears.market.model import CollectionMarket
from tests.conftest import small_scenario


def summary_of(**overrides):
    model = CollectionMarket(small_scenario(**{"population.n_accounts": 1500} | overrides))
    model.run()
    return model.summary()


def test_collection_calls_raise_recovery():
    """A collection team recovers more, and cures more accounts, than no team at all."""
    none = summary_of(**{"collectors.staff_per_10k_accounts": 0.0})
    team = summary_of()
    assert none["call_attempts"] == 0
    assert team["collected_delinquent"] > 1.1 * none["collected_delinquent"]
    assert team["cures"] > none["cures"]
    assert team["delinquency_30p_share"] < none["delinquency_30p_share"]


def test_narrow_window_means_fewer_attempts():
    """With scarce staff, workday 09-18 contact allows fewer attempts than 08-22 every day."""
    scarce = {"collectors.staff_per_10k_accounts": 1.0}
    workday = summary_of(**scarce, **{"regime.name": "firm_workday"})
    wide = summary_of(**scarce, **{"regime.name": "cn_2025"})
    assert workday["call_attempts"] < 0.7 * wide["call_attempts"]


def test_unconstrained_teams_call_when_people_answer():
    """Free to call at any hour, a team calls into the evening, when people answer, and not at
    night; a window closing at 18:00 every day leaves it fewer and worse hours: fewer
    right-party contacts per attempt, fewer contacts, fewer wages paid."""
    compliant = {"collectors.breach_logit": -20.0, "regime.name": "laissez_faire"}
    free = CollectionMarket(small_scenario(**{"population.n_accounts": 1500} | compliant))
    for _ in range(7):
        free.step()
        hours = set(free.collectors[0].hours.tolist())
        assert {18, 19, 20} <= hours
        assert not hours & {0, 1, 2, 3, 4, 5, 6}
    early = {"regime.weekday_end_hour": 18, "regime.weekend_end_hour": 18}
    book = {"population.n_accounts": 4000}  # 1,500 accounts hold too few contacts to tell
    anytime = summary_of(**compliant, **book)
    daytime = summary_of(**compliant, **early, **book)
    assert daytime["rpc_rate"] < 0.95 * anytime["rpc_rate"]
    assert daytime["right_party_contacts"] < anytime["right_party_contacts"]
    assert daytime["collection_cost"] < 0.9 * anytime["collection_cost"]


def test_unemployment_raises_delinquency():
    """A recession-level unemployment path raises new delinquencies and the 30+ share."""
    calm = summary_of()
    recession = summary_of(**{"macro.unemployment_path": [0.05, 0.08, 0.12, 0.15]})
    assert recession["new_delinquent"] > calm["new_delinquent"]
    assert recession["delinquency_30p_share"] > calm["delinquency_30p_share"]


def test_willingness_lowers_delinquency():
    """More willing borrowers fall delinquent less often."""
    reluctant = summary_of(**{"population.willingness_logit": [2.0, 1.0, 0.0]})
    willing = summary_of(**{"population.willingness_logit": [5.0, 4.0, 3.0]})
    assert willing["new_delinquent"] < reluctant["new_delinquent"]


def test_earlier_charge_off_writes_off_more_accounts():
    """A 60-day charge-off rule charges off more accounts than a 150-day rule."""
    early = summary_of(**{"lenders.charge_off_dpd": 60})
    late = summary_of(**{"lenders.charge_off_dpd": 150})
    assert early["charge_offs"] > late["charge_offs"]
