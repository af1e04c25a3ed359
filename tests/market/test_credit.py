"""Direction of effect of credit supply, reputation and macro scenarios, and growing tables."""

import tracemalloc
import weakref

import numpy as np
import pytest

from arrears.market.agents import Borrower
from arrears.market.kernels.delinquency import bucket_stocks
from arrears.market.kernels.underwriting import grant_loans
from arrears.market.model import CollectionMarket
from arrears.market.tables import (
    ACTIVE,
    LenderEvent,
    appended,
    empty_accounts,
    first_rows,
    ledger_error_cents,
)
from arrears.scenario.fields import ScenarioError
from arrears.scenario.sections.macro import MacroParams
from tests.conftest import small_scenario
from tests.invariants import assert_runs_agree

SEEDS = (7, 8)


def market(**overrides):
    return CollectionMarket(small_scenario(**{"population.n_accounts": 1500} | overrides))


def summary_of(**overrides):
    model = market(**overrides)
    model.run()
    return model.summary()


def series_of(**overrides):
    model = market(**overrides)
    model.run()
    return model.series()


def test_recession_and_pandemic_paths_have_their_shape():
    """A recession rises over its months, holds and recovers; a pandemic jumps in one month."""
    recession = MacroParams(
        scenario="recession",
        shock_start_month=2,
        recession_points=0.06,
        recession_rise_months=3,
        recession_hold_months=2,
        recession_recovery_months=3,
    )
    path = [round(recession.unemployment(m), 6) for m in range(12)]
    assert path == [0.05, 0.05, 0.07, 0.09, 0.11, 0.11, 0.11, 0.09, 0.07, 0.05, 0.05, 0.05]
    pandemic = MacroParams(scenario="pandemic", shock_start_month=1, pandemic_hold_months=1)
    assert pandemic.unemployment(0) == 0.05
    assert pandemic.unemployment(1) == pandemic.unemployment(2) == pytest.approx(0.13)
    assert pandemic.unemployment(3) < 0.13
    assert MacroParams(unemployment_path=(0.05, 0.2)).unemployment(5) == 0.2


def test_contradictory_macro_settings_fail_naming_the_field():
    """A custom path with a named shock, or a shock beyond 0.9 unemployment, is refused."""
    with pytest.raises(ScenarioError, match=r"macro\.scenario must be 'baseline'.*'recession'"):
        small_scenario(**{"macro.scenario": "recession", "macro.unemployment_path": [0.05, 0.1]})
    with pytest.raises(ScenarioError, match=r"macro\.pandemic_points must keep unemployment"):
        small_scenario(**{"macro.scenario": "pandemic", "macro.pandemic_points": 0.88})
    with pytest.raises(ScenarioError, match=r"macro\.moratorium_scope must be one of"):
        small_scenario(**{"macro.moratorium_scope": "some"})


@pytest.mark.parametrize("seed", SEEDS)
def test_recession_raises_30p_delinquency_within_a_few_months(seed):
    """With the same seed, a recession raises the 30+ DPD share within four months of onset
    (in a market of 4,000 accounts: the 30+ stock of a smaller one is a few dozen accounts)."""
    common = {
        "run.seed": seed,
        "run.days": 120,
        "macro.shock_start_month": 2,
        "population.n_accounts": 4000,
    }
    calm = series_of(**common)
    recession = series_of(
        **common,
        **{"macro.scenario": "recession", "macro.recession_points": 0.1},
        **{"macro.recession_rise_months": 2},
    )
    months = (calm["day"] >= 120) & (calm["day"] < 180)
    assert recession.loc[months, "unemployment_rate"].mean() > 0.12
    for column in ("delinquency_30p_share", "new_delinquent"):
        assert recession.loc[months, column].mean() > 1.05 * calm.loc[months, column].mean()


def test_unemployment_follows_a_sharp_shock():
    """The job-loss rate moves unemployment onto a pandemic's path within its first month."""
    series = series_of(**{"macro.scenario": "pandemic", "macro.shock_start_month": 3})
    at_peak = series[(series["day"] >= 120) & (series["day"] < 150)]["unemployment_rate"]
    assert at_peak.iloc[-1] > 0.11
    before = series[series["day"] < 90]["unemployment_rate"]
    assert before.max() < 0.08


PANDEMIC = {
    "macro.scenario": "pandemic",
    "macro.shock_start_month": 3,
    "macro.moratorium_start_month": 3,
    "run.days": 210,
}


def test_pandemic_moratorium_stops_billing_ageing_and_interest():
    """On a payment holiday nothing is billed, accrues interest or fees, ages or is called."""
    model = market(**PANDEMIC, **{"macro.moratorium_months": 3})
    start, end = model.moratorium_days
    checked = 0
    for _ in range(start + 30):
        columns = ("interest", "fees", "dpd", "arrears", "months_remaining")
        before = {name: getattr(model.accounts, name).copy() for name in columns}
        model.step()
        accounts = first_rows(model.accounts, len(before["dpd"]))
        on_holiday = model.borrowers.holiday_until[accounts.borrower] > model.day
        rows = on_holiday & (accounts.status == ACTIVE) & (model.day > start)
        checked += int(rows.sum())
        unpaid = accounts.arrears[rows] == before["arrears"][rows]
        for name in ("interest", "fees", "months_remaining"):
            assert (getattr(accounts, name)[rows] == before[name][rows]).all()
        assert (accounts.dpd[rows][unpaid] == before["dpd"][rows][unpaid]).all()
        assert (accounts.arrears[rows] <= before["arrears"][rows]).all()
        called = (accounts.ring_day == model.day) & ((accounts.attempts_ring & 15) > 0)
        assert not called[rows].any()
    assert checked > 20 * 1500
    assert model.summary()["payment_holidays"] > 1000
    model.run(end - model.day + 40)
    assert model.series()["interest"].iloc[-30:].sum() > 0


def test_pandemic_moratorium_lowers_charge_offs():
    """A three-month general moratorium in a pandemic means fewer charge-offs than none."""
    without = summary_of(**PANDEMIC, **{"macro.moratorium_months": 0})
    with_holiday = summary_of(**PANDEMIC, **{"macro.moratorium_months": 3})
    assert with_holiday["payment_holidays"] > 0 == without["payment_holidays"]
    assert with_holiday["charge_offs"] < 0.8 * without["charge_offs"]
    assert with_holiday["written_off"] < without["written_off"]


def test_moratorium_on_request_goes_to_borrowers_in_difficulty():
    """On request, only borrowers out of work or in arrears take the holiday, as they choose."""
    common = PANDEMIC | {"macro.moratorium_months": 3}
    model = market(**common, **{"macro.moratorium_scope": "on_request"})
    start, _ = model.moratorium_days
    model.run(start + 31)
    borrowers = model.borrowers
    on_holiday = borrowers.holiday_until > model.day
    everyone = market(**common, **{"macro.moratorium_scope": "all"})
    everyone.run(start + 31)
    assert 0 < on_holiday.sum() < 0.5 * (everyone.borrowers.holiday_until > everyone.day).sum()
    out_of_work = borrowers.employed == 0
    assert out_of_work[on_holiday].mean() > 2 * out_of_work.mean()
    nobody = market(
        **common, **{"macro.moratorium_scope": "on_request", "macro.moratorium_take_up": 0.0}
    )
    nobody.run(start + 31)
    assert (nobody.borrowers.holiday_until == -1).all()


def test_lower_recoveries_lower_the_cutoff_and_approvals():
    """Without collection staff lenders lose more, so they cut the cut-off and approve less."""
    common = {"run.days": 240}
    staffed = market(**common)
    unstaffed = market(**common, **{"collectors.staff_per_10k_accounts": 0.0})
    staffed.run()
    unstaffed.run()
    assert unstaffed.summary()["recovery_rate"] < staffed.summary()["recovery_rate"]
    late = staffed.series()["day"] >= 200
    staffed_late, unstaffed_late = staffed.series().loc[late], unstaffed.series().loc[late]
    loss = "loss_given_delinquency"
    assert unstaffed_late[loss].mean() > staffed_late[loss].mean()
    for name in ("underwriting_cutoff", "approval_rate"):
        assert unstaffed_late[name].mean() < staffed_late[name].mean(), name
    assert unstaffed.summary()["approvals"] < staffed.summary()["approvals"]


def test_cutoff_is_break_even():
    """The cut-off approves while a performing loan's margin covers the expected loss."""
    lender = market(**{"loans.apr_annual": 0.3, "credit.funding_cost": 0.1}).lenders[0]
    margin = 0.3 - 0.1 - 0.05
    assert lender.cutoff == pytest.approx(margin / (margin + 0.05))
    lender.loss_given_delinquency = margin
    assert lender.cutoff_target() == pytest.approx(0.5)


@pytest.mark.parametrize("growth", [0.8, 1.0, 1.25])
def test_loss_estimate_is_lag_aligned(growth):
    """Losses are set against the balances they came from, however fast the book changes.

    Each month's balance falling behind loses 8% a charge-off horizon (6 months at 180 days)
    later. The estimate reads 8% whether the book shrinks, holds or grows; a ratio of this
    month's losses to this month's balances falling behind would read a shrinking book as
    riskier (8% / 0.8^6 = 31%) and a growing one as safer (2%).
    """
    lender = market(**{"lenders.charge_off_dpd": 180, "credit.loss_window_months": 12}).lenders[0]
    lag = 6
    exposure = [1_000_000 * growth**month for month in range(30)]
    for month in range(30):
        loss = 0.08 * exposure[month - lag] if month >= lag else 0
        lender._months.append((round(exposure[month]), round(loss)))
    assert lender.estimate_loss() == pytest.approx(0.08, rel=1e-4)


def test_loss_estimate_starts_from_the_prior():
    """Before any losses could mature the estimate is the prior; then it moves month by month."""
    lender = market(
        **{"credit.prior_delinquency_loss": 0.3, "lenders.charge_off_dpd": 180}
    ).lenders[0]
    for _ in range(6):
        lender._months.append((1000, 0))
    assert lender.estimate_loss() == 0.3
    lender._months.append((1000, 0))
    assert lender.estimate_loss() == pytest.approx(0.3 * 11 / 12)


def test_published_complaints_lower_reputation_and_applications():
    """More complaints, published, lower lenders' reputation and so the applications they get."""
    common = {"run.days": 240}
    quiet = summary_of(**common)
    complained = summary_of(**common, **{"behaviour.complaint_logit": -7.0})
    unpublished = summary_of(
        **common, **{"behaviour.complaint_logit": -7.0, "regime.publish_complaints": False}
    )
    assert complained["complaints_to_regulator"] > 2 * quiet["complaints_to_regulator"]
    assert complained["reputation"] < quiet["reputation"] - 0.3
    assert complained["applications"] < 0.9 * quiet["applications"]
    assert unpublished["reputation"] == 1.0
    assert unpublished["applications"] > complained["applications"]


def test_reputation_tilts_applicants_toward_risk():
    """A lender with a bad name draws riskier applicants: higher predicted default."""
    common = {"run.days": 120, "credit.initial_reputation": 0.3, "credit.reputation_recovery": 0.0}
    neutral = summary_of(**common, **{"credit.applicant_selection": 0.0})
    selected = summary_of(**common, **{"credit.applicant_selection": 3.0})
    model = market(**common, **{"credit.applicant_selection": 3.0})
    pool = model._population(0.05)
    tilted = np.diff(model.lenders[0].applicant_pool(pool).tier_cumulative_share, prepend=0.0)
    assert tilted[2] > 0.5
    assert tilted[0] < 0.1
    assert selected["new_borrower_pd"] > neutral["new_borrower_pd"]


def test_stricter_underwriting_lowers_the_risk_of_new_borrowers():
    """A safety margin on the cut-off approves fewer, and safer, applicants."""
    usual = summary_of()
    strict = summary_of(**{"credit.underwriting_margin": 0.6})
    assert strict["underwriting_cutoff"] < usual["underwriting_cutoff"]
    assert strict["approvals"] < usual["approvals"]
    assert strict["new_borrower_pd"] < 0.8 * usual["new_borrower_pd"]
    assert strict["new_borrower_score"] > usual["new_borrower_score"]


def test_renewals_are_underwritten():
    """When lending earns no margin no renewal is granted; unless renewals skip underwriting."""
    no_margin = {"credit.funding_cost": 0.15, "credit.servicing_cost": 0.05}
    shut = summary_of(**no_margin)
    assert shut["approvals"] == shut["renewals"] == 0
    assert shut["renewals_declined"] > 0
    ungated = summary_of(**no_margin, **{"credit.renewals_underwritten": False})
    assert ungated["renewals"] > 0 == ungated["renewals_declined"]


def test_no_applicants_means_no_new_borrowers():
    """With no applicant flow the tables keep their size."""
    model = market(**{"credit.applications_per_month": 0.0})
    n = len(model.accounts.status)
    model.run()
    assert len(model.accounts.status) == n
    assert model.summary()["approval_rate"] == 0.0


def test_tables_grow_consistently():
    """New borrowers join with their loans in one block; every ledger and stock stays exact."""
    model = market(**{"credit.applications_per_month": 0.2})
    n_borrowers, n_accounts = len(model.borrowers.tier), len(model.accounts.status)
    grew = 0
    for _ in range(180):
        before = len(model.accounts.status)
        model.step()
        accounts, borrowers = model.accounts, model.borrowers
        assert len(accounts.status) >= before
        grew += len(accounts.status) > before
        assert not ledger_error_cents(accounts).any()
        assert (accounts.balance >= 0).all()
        assert (accounts.arrears <= accounts.balance).all()
        assert (borrowers.buffer >= 0).all()
        rows = np.arange(len(borrowers.tier))
        np.testing.assert_array_equal(
            accounts.borrower, np.repeat(rows, borrowers.n_accounts.astype(np.int64))
        )
        np.testing.assert_array_equal(
            borrowers.first_account[1:], np.cumsum(borrowers.n_accounts)[:-1]
        )
        in_arrears = np.flatnonzero((accounts.status == ACTIVE) & (accounts.arrears > 0))
        np.testing.assert_array_equal(model.delinquent, in_arrears)
        assert np.isin(np.flatnonzero(accounts.status == ACTIVE), model._due_order).all()
    assert grew == 6
    joined = len(model.borrowers.tier) - n_borrowers
    assert joined < len(model.accounts.status) - n_accounts, "some hold several loans"
    assert (model.borrowers.n_accounts[n_borrowers:] >= 1).all()
    np.testing.assert_array_equal(model.stocks, bucket_stocks(model.accounts, 2))
    new = slice(n_accounts, None)
    assert (model.accounts.originated[new] > 0).all()
    assert model.summary()["money_conservation_error"] == 0
    totals = model.lender_totals.sum(axis=0)
    assert totals[LenderEvent.APPROVALS] == joined
    assert model.record["borrowers"] == len(model.borrowers.tier)


def test_new_borrowers_borrow_like_the_day_0_book():
    """An approved applicant wants loans in the day-0 shares; the approving lender grants the
    first, and each other lender grants its loan only if her PD is below its own cut-off."""
    model = market(**{"population.accounts_per_borrower_shares": [0.5, 0.5]})
    pool = model._population(0.05)
    numbers, pd = np.arange(4000), np.full(4000, 0.3)
    open_to_her = grant_loans(0, 1, numbers, pd, np.array([0.5, 0.5]), pool)
    assert open_to_her.shape == (4000, 2)
    assert (open_to_her[:, 0] == 1).all()
    assert 0.45 < open_to_her[:, 1].mean() < 0.55
    stricter = grant_loans(0, 1, numbers, pd, np.array([0.2, 0.5]), pool)
    assert not stricter[:, 1].any(), "lender 0's cut-off 0.2 is below her PD 0.3"
    np.testing.assert_array_equal(stricter[:, 0], open_to_her[:, 0])


def test_appending_rows_copies_one_column_at_a_time():
    """Growing a table whose caller has let go of it needs one column of extra memory, not a
    second copy of the table."""
    tracemalloc.start()
    try:
        columns = list(empty_accounts(100_000))
        table_bytes = sum(column.nbytes for column in columns)
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        grown = appended(columns, [empty_accounts(10), empty_accounts(5)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(grown.balance) == 100_015
    assert peak - before < 2 * max(column.nbytes for column in grown) < table_bytes / 4


@pytest.mark.parametrize("engine", ["numba", "agents"])
def test_growing_tables_lets_go_of_the_old_columns(engine):
    """Once the month's new borrowers have joined, nothing keeps the shorter tables alive:
    each old column is freed as it is copied, so growth never holds two copies of a table."""
    model = CollectionMarket(
        small_scenario(**{"population.n_accounts": 300, "run.warmup_days": 0}), engine=engine
    )
    model.run(30)
    old_columns = [
        weakref.ref(column) for table in (model.borrowers, model.accounts) for column in table
    ]
    n_accounts = len(model.accounts.status)
    model.step()
    assert len(model.accounts.status) > n_accounts
    assert all(column() is None for column in old_columns)


def test_new_borrowers_are_agents_in_the_agents_engine():
    """The agents engine gives every new borrower its Borrower agent."""
    scenario = small_scenario(
        **{
            "population.n_accounts": 200,
            "credit.applications_per_month": 0.2,
            "run.days": 31,
            "run.warmup_days": 0,
        }
    )
    model = CollectionMarket(scenario, engine="agents")
    model.run()
    assert len(model.accounts.status) > 200
    assert len(model.agents_by_type[Borrower]) == len(model.borrowers.tier)
    assert model.borrower(len(model.borrowers.tier) - 1).accounts


def test_engines_agree_with_originations_reputation_and_a_moratorium():
    """Both engines agree exactly on a run where tables grow, reputation moves and borrowers
    ask for payment holidays."""
    scenario = small_scenario(
        **{
            "run.days": 90,
            "run.warmup_days": 30,
            "regime.name": "us_reg_f",
            "behaviour.complaint_logit": -7.0,
            "credit.applications_per_month": 0.2,
            "macro.scenario": "pandemic",
            "macro.shock_start_month": 1,
            "macro.moratorium_months": 2,
            "macro.moratorium_start_month": 2,
            "macro.moratorium_scope": "on_request",
        }
    )
    fast = CollectionMarket(scenario, engine="numba")
    slow = CollectionMarket(scenario, engine="agents")
    fast.run()
    slow.run()
    summary = fast.summary()
    assert summary["approvals"] > 0 and summary["payment_holidays"] > 0
    assert summary["reputation"] < 1.0
    assert_runs_agree(fast, slow)
