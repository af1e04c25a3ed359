"""Direction of effect of litigation: suits, hearings, judgments and wage garnishment."""

import numpy as np

from arrears.market.model import CollectionMarket
from arrears.market.tables import ACTIVE, JUDGMENT, NO_SUIT, SUED, LenderEvent
from arrears.scenario.scenario import Scenario
from tests.conftest import small_scenario
from tests.invariants import assert_runs_agree

LITIGATING = {
    "population.n_accounts": 2500,
    "collectors.offers_plans": False,
    "lenders.charge_off_dpd": 120,
    "litigation.min_dpd": 60,
    "litigation.filing_share": 0.3,
    "run.days": 240,
    "credit.applications_per_month": 0.0,
}
"""A market that sues: suits from 60 DPD, before the 120-day charge-off, 30% a month. Its book is
closed to new loans, so account rows line up across days and across runs."""


def scenario(**overrides: object) -> Scenario:
    return small_scenario(**LITIGATING | overrides)


def ran(**overrides: object) -> CollectionMarket:
    model = CollectionMarket(scenario(**overrides))
    model.run()
    return model


def test_suing_raises_recovery_on_the_accounts_sued():
    """The accounts a lender sues pay more than the same accounts in a run without suits."""
    suing = ran()
    passive = ran(**{"litigation.filing_share": 0.0})
    sued = np.flatnonzero(suing.accounts.legal != NO_SUIT)
    assert len(sued) > 30
    assert (passive.accounts.legal == NO_SUIT).all()
    assert suing.accounts.paid[sued].sum() > 1.1 * passive.accounts.paid[sued].sum()
    assert suing.accounts.written_off[sued].sum() < passive.accounts.written_off[sued].sum()
    summary = suing.summary()
    assert summary["garnished"] > 0
    assert summary["litigation_cost"] == summary["suits_filed"] * 150.0
    assert summary["recovery_rate"] > passive.summary()["recovery_rate"]


def test_legal_aid_and_rights_awareness_lower_default_judgments():
    """Defendants with lawyers, or who know their rights, contest: fewer default judgments
    (about 140 judgments an arm)."""
    many = {"litigation.filing_share": 0.6, "population.n_accounts": 6000}
    alone = ran(**many, **{"litigation.legal_aid_share": 0.0}).summary()
    aided = ran(**many, **{"litigation.legal_aid_share": 0.6}).summary()
    assert alone["default_judgments"] + alone["contested_judgments"] > 40
    assert aided["default_judgment_share"] < alone["default_judgment_share"] - 0.2
    unaware = ran(**many, **{"population.rights_awareness_mean": 0.0}).summary()
    aware = ran(**many, **{"population.rights_awareness_mean": 0.9}).summary()
    assert aware["default_judgment_share"] < unaware["default_judgment_share"] - 0.08
    assert unaware["default_judgment_share"] > 0.7


def test_garnishment_takes_the_share_of_wages_and_stops_when_paid():
    """On a payday a judgment debtor loses exactly the regime's share of wages (less once the
    debt is nearly paid), never more, never on other days; a paid judgment closes the account."""
    model = CollectionMarket(
        scenario(**{"behaviour.self_cure_logit": -20.0, "population.n_accounts": 8000})
    )
    share = model.parameters.regime.garnishment_share
    borrowers, accounts = model.borrowers, model.accounts
    paid_off = garnished_days = 0
    for _ in range(300):
        judgment = (accounts.legal == JUDGMENT) & (accounts.status == ACTIVE)
        satisfied = (accounts.legal == JUDGMENT) & (accounts.status != ACTIVE)
        paid, balance = accounts.paid.copy(), accounts.balance.copy()
        model.step()
        taken = np.where(judgment, accounts.paid - paid, 0)
        per_borrower = np.bincount(accounts.borrower, taken, minlength=len(borrowers.tier))
        owed = np.bincount(accounts.borrower, np.where(judgment, balance, 0), len(borrowers.tier))
        payday = borrowers.payday == model.day % 30
        wage_share = np.floor(borrowers.income * share + 0.5)
        expected = np.where(payday & (borrowers.employed == 1), np.minimum(wage_share, owed), 0)
        np.testing.assert_array_equal(per_borrower, expected)
        garnished = model.lender_events_today[:, LenderEvent.GARNISHED].sum()
        assert garnished == taken.sum()
        garnished_days += garnished > 0
        closed = judgment & (accounts.status != ACTIVE)
        assert (accounts.balance[closed] == 0).all()
        assert (accounts.paid[satisfied] == paid[satisfied]).all()
        paid_off += int(closed.sum())
    assert garnished_days > 10
    assert paid_off >= 3


def test_no_suits_where_litigation_is_banned():
    """A regime that bans litigation sees no suit, judgment, garnishment or filing cost."""
    banned = ran(**{"regime.litigation_allowed": False}).summary()
    assert banned["suits_filed"] == banned["default_judgments"] == 0
    assert banned["garnished"] == banned["litigation_cost"] == 0
    assert ran().summary()["suits_filed"] > 0


def test_forbearance_duty_sues_only_after_a_plan_was_offered():
    """Under a forbearance duty every suit follows a plan offer; with no plan to offer, none."""
    model = CollectionMarket(scenario(**{"regime.forbearance_duty": True}))
    accounts = model.accounts
    filed = 0
    for _ in range(300):
        before = accounts.legal.copy()
        model.step()
        new = (before == NO_SUIT) & (accounts.legal == SUED)
        assert (accounts.plan_offered[new] == 1).all()
        filed += int(new.sum())
    assert filed > 5
    no_offer = ran()
    assert (no_offer.accounts.plan_offered == 0).all()
    assert no_offer.summary()["suits_filed"] > 0
    nothing_to_offer = {
        "regime.forbearance_duty": True,
        "lenders.instalment_plan_months": 0,
        "lenders.deferral_months": 0,
        "lenders.settlement_discount": 0.0,
    }
    assert ran(**nothing_to_offer).summary()["suits_filed"] == 0


def test_suits_end_without_judgment_when_the_borrower_wins_or_pays():
    """A suit the borrower wins, or whose arrears are cleared before the hearing, ends; the
    account is then charged off as usual if it is past the lender's threshold."""
    defended = ran(
        **{
            "litigation.creditor_win_logit": -20.0,
            "litigation.contest_logit": 20.0,
            "population.n_accounts": 4000,
        }
    )
    totals = defended.summary()
    assert totals["suits_lost"] > 0
    assert totals["default_judgments"] == totals["contested_judgments"] == 0
    assert totals["garnished"] == 0
    sued = defended.accounts.legal != NO_SUIT
    assert (defended.accounts.status[sued] != ACTIVE).mean() > 0.5
    assert ran(**{"litigation.court_delay_days": 200}).summary()["suits_withdrawn"] > 0


def test_lenders_that_charge_off_in_court_write_off_at_the_threshold():
    """Held from charge-off, accounts in suit or under judgment stay open past the lender's
    threshold; a lender that charges off in court too (US card issuers) writes every one off
    at it, and its judgments go unenforced once it has."""
    held = ran()
    past = (held.accounts.dpd > 120) & (held.accounts.status == ACTIVE)
    assert past.sum() > 0 and set(held.accounts.legal[past]) <= {SUED, JUDGMENT}
    written = ran(**{"lenders.charge_off_in_court": True})
    open_ = written.accounts.status == ACTIVE
    assert (written.accounts.dpd[open_] <= 120).all()
    assert written.summary()["charge_off_rate"] > held.summary()["charge_off_rate"]
    assert written.summary()["garnished"] < held.summary()["garnished"]


def test_engines_agree_and_money_is_conserved_with_every_mechanism():
    """With suits, garnishment, third-party contact and recorded visits, both engines agree
    exactly and money is conserved to the cent."""
    busy = small_scenario(
        **{
            "collectors.offers_plans": False,
            "collectors.breach_logit": 1.0,
            "collectors.visit_min_dpd": 50,
            "collectors.staff_per_10k_accounts": 20.0,
            "collectors.third_party_min_dpd": 30,
            "collectors.third_party_all_dpd": 40,
            "lenders.charge_off_dpd": 110,
            "litigation.min_dpd": 45,
            "litigation.filing_share": 0.5,
            "litigation.court_delay_days": 20,
            "litigation.legal_aid_share": 0.3,
            "regime.audit_per_complaint": 1.0,
            "behaviour.complaint_logit": -7.0,
            "run.days": 200,
        }
    )
    fast, slow = CollectionMarket(busy, engine="numba"), CollectionMarket(busy, engine="agents")
    fast.run()
    slow.run()
    assert_runs_agree(fast, slow)
    summary = fast.summary()
    assert summary["money_conservation_error"] == 0
    for exercised in (
        "suits_filed",
        "default_judgments",
        "garnished",
        "third_party_contacts",
        "violations_third_party",
        "violations_threat",
        "audits",
    ):
        assert summary[exercised] > 0, exercised
    assert fast.series()["attempts_visit"].sum() > 0
