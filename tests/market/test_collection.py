"""Direction of effect of the collection mechanics (channels, reachability, strategy, tone,
plans, lost contact and the split of one payment across creditors)."""

import numpy as np
import pytest

from arrears.market.model import CollectionMarket
from arrears.market.tables import LenderEvent
from tests.conftest import small_scenario


def run(**overrides):
    model = CollectionMarket(small_scenario(**{"population.n_accounts": 3000} | overrides))
    model.run()
    return model


def summary_of(**overrides):
    return run(**overrides).summary()


@pytest.mark.parametrize(("archetype", "fewer"), [([0, 1, 0, 0], True), ([1, 0, 0, 0], False)])
def test_workday_window_misses_evening_borrowers(archetype, fewer):
    """Evening borrowers are reached far less often by 09-18 workday calls than by 08-21 calls
    (though the collectors call them at lunchtime); daytime borrowers are not."""
    wide = summary_of(**{"population.archetype_shares": archetype, "regime.name": "us_reg_f"})
    narrow = summary_of(**{"population.archetype_shares": archetype, "regime.name": "firm_workday"})
    if fewer:
        assert narrow["rpc_rate"] < 0.7 * wide["rpc_rate"]
    else:
        assert narrow["rpc_rate"] > 0.9 * wide["rpc_rate"]


def test_aggressive_tone_raises_stress_and_refusals():
    """An aggressive tone raises borrowers' stress and the share of refused conversations."""
    friendly = summary_of(**{"collectors.aggressiveness": 0.0})
    aggressive = summary_of(**{"collectors.aggressiveness": 1.0})
    assert aggressive["stress_mean"] > friendly["stress_mean"] + 0.2
    assert aggressive["stress_p90"] > friendly["stress_p90"]
    assert (
        aggressive["refusals"] / aggressive["conversations"]
        > 2 * friendly["refusals"] / friendly["conversations"]
    )


def test_segmentation_collects_more_for_the_same_effort():
    """With scarce capacity, risk-based segmentation collects more per call and per unit cost."""
    scarce = {"collectors.staff_per_10k_accounts": 1.0}
    by_dpd = summary_of(**scarce)
    segmented = summary_of(**scarce, **{"collectors.strategy": "segmented"})
    assert segmented["contact_attempts"] > segmented["call_attempts"]
    assert segmented["collected_per_call_attempt"] > 1.05 * by_dpd["collected_per_call_attempt"]
    assert segmented["collected_per_cost"] > 1.05 * by_dpd["collected_per_cost"]
    assert segmented["charge_offs"] < by_dpd["charge_offs"]


def test_a_conversation_raises_the_chance_of_cure():
    """Accounts reached by a collector cure more often than accounts left alone."""
    alone = summary_of(**{"collectors.staff_per_10k_accounts": 0.0})
    worked = summary_of()
    assert alone["conversations"] == 0
    assert worked["cure_rate"] > alone["cure_rate"] + 0.03
    assert worked["delinquency_30p_share"] < 0.5 * alone["delinquency_30p_share"]


def test_a_more_persuasive_call_cures_more():
    """A call channel that moves borrowers to pay now cures more and leaves less 30+ arrears
    (summed over three seeds: one small run's 30+ stock is a few dozen accounts)."""

    def pooled(call_pay_logit):
        logits = [call_pay_logit, 0.3, 0.1, -0.5, 0.5, 0.2, 0.0]
        runs = [summary_of(**{"channels.pay_logit": logits, "run.seed": s}) for s in range(3)]
        return {key: sum(run[key] for run in runs) for key in runs[0]}

    weak, strong = pooled(-3.0), pooled(1.5)
    assert strong["pay_now"] > 2 * weak["pay_now"]
    assert strong["cure_rate"] > weak["cure_rate"]
    assert strong["delinquency_30p_share"] < weak["delinquency_30p_share"]


def test_plans_are_offered_accepted_and_cut_charge_offs():
    """Offering the lender's plans gets them accepted and lowers charge-offs."""
    no_plans = summary_of(**{"collectors.offers_plans": False})
    plans = summary_of()
    assert no_plans["plans_offered"] == no_plans["plans_accepted"] == 0
    assert plans["plans_accepted"] > 0
    assert plans["plans_completed"] + plans["plans_redefaulted"] > 0
    assert plans["charge_offs"] < no_plans["charge_offs"]


def test_settlements_close_accounts_with_a_discount():
    """Early, generous settlements are taken up and their discounts are booked."""
    summary = summary_of(
        **{
            "lenders.settlement_min_dpd": 5,
            "lenders.settlement_discount": 0.5,
            "population.buffer_months": [3.0, 2.0, 1.0],
        }
    )
    assert summary["settlements"] > 0
    assert summary["discounts"] > 0
    assert summary["money_conservation_error"] == 0


def test_deferral_goes_to_the_unemployed():
    """A recession with a payment-holiday policy produces accepted deferrals."""
    model = run(**{"macro.unemployment_path": [0.05, 0.2], "lenders.instalment_plan_months": 0})
    assert model.summary()["plans_accepted"] > 0


def test_lost_contact_grows_with_stress_and_blocks_calls():
    """Stress drives borrowers out of reach; calls then reach fewer of them; visits still do."""
    calm = summary_of(**{"behaviour.lost_contact_stress": 0.0})
    touchy = summary_of(**{"behaviour.lost_contact_stress": 12.0})
    assert touchy["rpc_rate"] < calm["rpc_rate"]
    visiting = run(**{"behaviour.lost_contact_stress": 12.0, "collectors.visit_min_dpd": 10})
    series = visiting.series()
    assert series["attempts_visit"].sum() > 0
    assert series["contacts_visit"].sum() > 0
    assert series["lost_contact_share"].max() > 0


def test_legal_letters_add_threat_and_payments():
    """Legal letters go out at the letter DPD; the threat they carry gets promises kept
    (pooled over three seeds: one small run holds too few promises to tell)."""
    never = run(**{"collectors.legal_letter_dpd": 0})
    assert never.series()["attempts_legal_letter"].sum() == 0
    letters = {"collectors.legal_letter_dpd": 10}
    idle = [run(**letters, **{"behaviour.threat_weight": 0.0, "run.seed": s}) for s in range(3)]
    feared = [run(**letters, **{"behaviour.threat_weight": 3.0, "run.seed": s}) for s in range(3)]
    assert idle[0].series()["contacts_legal_letter"].sum() > 100

    def kept_rate(runs):
        kept = sum(m.summary()["promises_kept"] for m in runs)
        return kept / (kept + sum(m.summary()["promises_broken"] for m in runs))

    assert kept_rate(feared) > kept_rate(idle) + 0.01
    assert sum(m.summary()["promises_kept"] for m in feared) > sum(
        m.summary()["promises_kept"] for m in idle
    )


def test_ai_bot_is_cheaper_but_converts_less():
    """AI-bot calls cost less than human calls and turn fewer conversations into payment."""
    human = summary_of()
    bot = summary_of(**{"collectors.call_channel": "ai_bot"})
    assert bot["collection_cost"] < human["collection_cost"]
    assert bot["pay_now"] / bot["conversations"] < human["pay_now"] / human["conversations"]


def test_the_squeaky_wheel_gets_paid():
    """A borrower short of cash pays the creditor that presses more, at the other's expense."""
    scenario = small_scenario(
        **{
            "population.n_accounts": 3000,
            "population.accounts_per_borrower_shares": [0.0, 1.0],
            "population.buffer_months": [0.2, 0.1, 0.05],
            "lenders.n_lenders": 2,
            "behaviour.pressure_weight": 5.0,
        }
    )
    model = CollectionMarket(scenario)
    model.collectors[1].staff = 0.0
    model.run()
    gained = model.lender_totals[:, LenderEvent.CASH_GAINED]
    lost = model.lender_totals[:, LenderEvent.CASH_LOST]
    assert gained[0] > 0
    assert lost[1] > 0
    assert gained[0] - lost[0] > 0 > gained[1] - lost[1]
    share_pressing = model.lender_totals[0, LenderEvent.COLLECTED_DELINQUENT] / np.sum(
        model.lender_totals[:, LenderEvent.COLLECTED_DELINQUENT]
    )
    assert share_pressing > 0.5
