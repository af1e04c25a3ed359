import numpy as np
import pandas as pd
import pytest

from arrears.market.agents import Borrower, Collector, Lender, Regulator
from arrears.market.kernels.delinquency import bucket_stocks
from arrears.market.model import CollectionMarket
from arrears.market.tables import ACTIVE, ledger_error_cents
from tests.conftest import small_scenario
from tests.invariants import assert_runs_agree, check_day, snapshot


def run(scenario, engine="numba"):
    model = CollectionMarket(scenario, engine=engine)
    model.run()
    return model


def test_engines_agree_exactly(scenario):
    """The numba and agents engines give identical series and summaries."""
    assert_runs_agree(run(scenario, "numba"), run(scenario, "agents"))


def test_engines_agree_exactly_with_agencies_entering_and_leaving():
    """With agencies, platforms, placements, tone tests, entries, exits and debt sales."""
    scenario = small_scenario(
        **{
            "agencies.n_agencies": 2,
            "agencies.n_platforms": 1,
            "agencies.max_active": 5,
            "agencies.entry_return": -100.0,
            "agencies.grace_months": 1,
            "placement.placement_dpd": 20,
            "placement.debt_sale_share": 0.5,
        }
    )
    fast, slow = run(scenario, "numba"), run(scenario, "agents")
    assert_runs_agree(fast, slow)
    summary = fast.summary()
    assert summary["agency_entries"] > 0 and summary["agency_exits"] > 0
    assert summary["agency_fees"] > 0 and summary["debt_sale_proceeds"] > 0
    for a, b in zip(fast.market.agencies, slow.market.agencies, strict=True):
        assert (a.tone, a.staff_per_100, a.cents.cash, a.profits) == (
            b.tone,
            b.staff_per_100,
            b.cents.cash,
            b.profits,
        )
    assert [lender.shares for lender in fast.lenders] == [lender.shares for lender in slow.lenders]


def test_same_seed_same_results_and_other_seed_differs(scenario):
    """A run is determined by its scenario and seed."""
    first, again = run(scenario), run(scenario)
    pd.testing.assert_frame_equal(first.series(), again.series(), check_exact=True)
    other = run(scenario.with_overrides({"run.seed": 8}))
    assert first.summary() != other.summary()


def test_the_market_moves(scenario):
    """Accounts fall delinquent, are called, cure and charge off: a real market, not a still."""
    summary = run(scenario.with_overrides({"collectors.offers_plans": False})).summary()
    assert summary["new_delinquent"] > 0
    assert summary["call_attempts"] > 0
    assert summary["right_party_contacts"] > 0
    assert summary["cures"] > 0
    assert summary["charge_offs"] > 0
    assert 0 < summary["delinquency_30p_share"] < 0.5
    assert 0 < summary["recovery_rate"] < 1


def test_money_is_conserved_to_the_cent(scenario):
    """Every account's ledger closes exactly and the market's cash flows balance."""
    model = run(scenario)
    assert not ledger_error_cents(model.accounts).any()
    assert model.summary()["money_conservation_error"] == 0


def test_invariants_hold_every_day(scenario):
    """No negative money, DPD +1 a day unless paid or re-planned, closed stays closed, ...

    (the rules of :func:`tests.invariants.check_day`), every day of a run."""
    model = CollectionMarket(scenario)
    aged = 0
    for _ in range(200):
        before = snapshot(model)
        model.step()
        aged += check_day(before, model)
    assert aged > 1000


def test_incremental_stocks_and_arrears_list_match_a_full_recount(scenario):
    """The sparse bookkeeping (bucket stocks, list of accounts in arrears) is exact."""
    model = CollectionMarket(scenario)
    for _ in range(130):
        model.step()
        in_arrears = np.flatnonzero(
            (model.accounts.status == ACTIVE) & (model.accounts.arrears > 0)
        )
        np.testing.assert_array_equal(model.delinquent, in_arrears)
    np.testing.assert_array_equal(model.stocks, bucket_stocks(model.accounts, 2))


def test_warmup_days_are_not_recorded():
    """The series starts after the warm-up and has one row per recorded day."""
    model = run(small_scenario(**{"run.days": 30, "run.warmup_days": 20}))
    series = model.series()
    assert len(series) == 30
    assert series["day"].tolist() == list(range(20, 50))
    assert model.summary()["days"] == 30


def test_mesa_agents_are_wired():
    """Lenders, collectors and the regulator are Mesa agents; borrowers are views on rows."""
    model = CollectionMarket(small_scenario(), engine="numba")
    assert len(model.agents_by_type[Lender]) == 2
    assert len(model.agents_by_type[Collector]) == 2
    assert len(model.agents_by_type[Regulator]) == 1
    assert len(model.agents_by_type[Borrower]) == len(model.borrowers.tier)
    borrower = model.borrower(5)
    assert model.borrower(5) is borrower and borrower.row == 5
    assert model.agents_by_type[Borrower].materialised == 1
    model.run(40)
    assert borrower.buffer == model.borrowers.buffer[5] / 100
    assert borrower.tier in ("prime", "near_prime", "subprime")
    assert list(borrower.accounts) == list(np.flatnonzero(model.accounts.borrower == 5))
    agents_model = CollectionMarket(small_scenario(), engine="agents")
    assert len(agents_model.agents_by_type[Borrower]) == len(agents_model.borrowers.tier) < 600
    rows = [agent.row for agent in agents_model.agents_by_type[Borrower]]
    assert rows == list(range(len(agents_model.borrowers.tier)))


def test_borrower_row_out_of_range_is_a_clear_error(scenario):
    """Asking for a borrower that does not exist names the valid range."""
    from arrears.scenario.fields import ScenarioError

    model = CollectionMarket(scenario)
    last = len(model.borrowers.tier) - 1
    with pytest.raises(ScenarioError, match=rf"borrower row must be in \[0, {last}\], got 600"):
        model.borrower(600)
