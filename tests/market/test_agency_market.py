"""The collection market: agencies and platforms, placements, tone learning, entry and exit."""

import math

import numba
import numpy as np
import pytest

from arrears.market.agents.agency import Agency
from arrears.market.model import CollectionMarket
from arrears.market.tables import ACTIVE, BorrowerEvent, LenderEvent, ledger_error_cents
from arrears.scenario.fields import ScenarioError
from arrears.scenario.scenario import Scenario

SEEDS = range(3)


@pytest.fixture(autouse=True, scope="module")
def serial_kernels():
    """Small markets run faster on one thread (results do not depend on the thread count)."""
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    yield
    numba.set_num_threads(threads)


def market(**overrides):
    """A one-lender market of 3,000 accounts with agencies placed from 30 DPD."""
    base = {
        "population.n_accounts": 3000,
        "lenders.n_lenders": 1,
        "run.days": 240,
        "run.warmup_days": 60,
        "run.seed": 1,
        "regime.name": "cn_2025",
        "agencies.n_agencies": 2,
        "placement.placement_dpd": 30,
    }
    return Scenario().with_overrides(base | overrides)


def learning_market(**overrides):
    """One amply staffed agency holding every account in arrears, learning its tone fast."""
    return market(
        **{
            "population.n_accounts": 4000,
            "run.days": 300,
            "agencies.n_agencies": 1,
            "agencies.staff_per_100_accounts": 1.0,
            "agencies.staff_step": 0.0,
            "agencies.max_active": 1,
            "agencies.grace_months": 120,
            "agencies.starting_cash": 1e7,
            "agencies.tone_step": 0.25,
            "agencies.tone_test_share": 0.5,
            "placement.placement_dpd": 1,
            "placement.retain_share": 0.0,
        }
        | overrides
    )


def mean_agency_tone(scenario):
    """Mean tone of the agencies over the recorded days, averaged over seeds."""
    tones = []
    for seed in SEEDS:
        model = CollectionMarket(scenario.with_overrides({"run.seed": seed}))
        model.run()
        tones.append(model.series()["tone_agency"].mean())
    return float(np.mean(tones))


def test_higher_fees_without_enforcement_raise_agency_aggressiveness():
    """With no regulator and complaints costing placements, richer fees make agencies harsher,
    where a harsh tone collects more: with the trust-and-engagement channel off (trust does not
    draw borrowers into plans). 10,000 accounts: in a smaller book the tone arms' cash differs
    by less than its noise. With it on, harshness earns no more cash than neutrality and
    the fee does not move the tone (see experiments/tone_channels.py)."""
    loose = {
        "population.n_accounts": 10_000,
        "regime.name": "laissez_faire",
        "behaviour.complaint_logit": -12.0,
        "behaviour.plan_trust_weight": 0.0,
        "agencies.complaint_cost": 200.0,
    }
    low = mean_agency_tone(learning_market(**loose, **{"agencies.fee_rate": (0.05,) * 4}))
    high = mean_agency_tone(learning_market(**loose, **{"agencies.fee_rate": (0.5,) * 4}))
    assert high > 0.5 > low
    assert high - low > 0.05


def test_strong_enforcement_lowers_agency_aggressiveness():
    """Audits, fines and revocation teach agencies a softer tone than an absent regulator.

    Fines are the only cost of a harsh tone here (complaints cost no placements). Complaints
    are made frequent enough that the regulator, which audits on complaints, finds the agency
    (at the calibrated rate a 4,000-account market draws too few complaints for audits).
    """
    tight = {
        "regime.name": "ru_230fz",
        "behaviour.complaint_logit": -10.0,
        "agencies.complaint_cost": 0.0,
    }
    none = mean_agency_tone(learning_market(**tight, **{"regime.audit_per_complaint": 0.0}))
    strong = mean_agency_tone(
        learning_market(
            **tight,
            **{
                "regime.audit_per_complaint": 1.0,
                "regime.audits_per_month": 20,
                "regime.detection_probability": 0.9,
                "regime.fine_per_violation": 2000.0,
                "regime.suspension_findings": 0,
                "regime.revocation_findings": 10,
            },
        )
    )
    assert strong < 0.25
    assert none - strong > 0.2


def test_placement_shares_move_toward_the_agency_with_better_net_recovery():
    """An agency that contacts no one loses its placements to one that works its accounts (in a
    market large enough that the agencies' books are not dominated by a few self-cures: at 8,000
    accounts one seed in three let the idle agency lead for months)."""
    scenario = market(
        **{
            "population.n_accounts": 16_000,
            "agencies.tone_test_share": 0.0,
            "agencies.grace_months": 120,
            "agencies.starting_cash": 1e7,
            "agencies.staff_per_100_accounts": 2.0,
            "agencies.staff_step": 0.0,
            "agencies.initial_aggressiveness": 0.1,
        }
    )
    for seed in SEEDS:
        model = CollectionMarket(scenario.with_overrides({"run.seed": seed}))
        idle, worker = model.market.agencies
        idle.suspended_until = 10**9
        model.run()
        lender = model.lenders[0]
        policy = model.parameters.placement
        assert lender.agency_score(worker.index, policy) > lender.agency_score(idle.index, policy)
        assert lender.shares[worker.index] > 0.7 > 0.3 > lender.shares[idle.index]


def test_loss_making_agency_exits_after_its_grace_period_and_its_accounts_return():
    """With almost no fee an agency loses money, works out its grace period, then leaves."""
    scenario = market(
        **{
            "agencies.n_agencies": 1,
            "agencies.max_active": 1,
            "agencies.fee_rate": (0.001,) * 4,
            "agencies.grace_months": 3,
        }
    )
    model = CollectionMarket(scenario)
    (agency,) = model.market.agencies
    held_before_exit = agency.rows
    while not agency.exited and model.day < 299:
        held_before_exit = agency.rows.copy()
        model.step()
    assert agency.exited
    assert agency.months >= 3
    assert sum(agency.profits[-3:]) < 0
    accounts = model.accounts
    assert not (accounts.collector == agency.index).any()
    open_rows = held_before_exit[accounts.status[held_before_exit] == ACTIVE]
    assert len(open_rows) > 0
    assert (accounts.collector[open_rows] == accounts.lender[open_rows]).all()
    assert (accounts.tone_arm[open_rows] == 0).all()
    assert model.lenders[0].shares == {}


def test_revoked_agency_leaves_at_once_and_its_accounts_return():
    """The regulator's revocation takes an agency out of the market the day it is revoked."""
    model = CollectionMarket(
        market(
            **{
                "agencies.n_agencies": 1,
                "agencies.max_active": 1,
                "agencies.initial_aggressiveness": 1.0,
                "agencies.compliance_training": 0.0,
                "agencies.tone_test_share": 0.0,
                "regime.name": "ru_230fz",
                "regime.audit_per_complaint": 1.0,
                "regime.detection_probability": 1.0,
                "regime.revocation_findings": 1,
                "behaviour.complaint_logit": -6.0,
            }
        )
    )
    model.run()
    (agency,) = model.market.agencies
    assert agency.revoked and agency.exited
    assert model.summary()["revocations"] >= 1
    assert (agency.exit_day + 1) % 30 == 0
    assert not (model.accounts.collector == agency.index).any()


def test_entry_happens_when_returns_are_high_and_not_when_low():
    """Rich fees draw entrants into the market; thin fees draw none."""
    entries = {}
    for fee in (0.02, 0.6):
        scenario = market(
            **{
                "agencies.n_agencies": 1,
                "agencies.max_active": 4,
                "agencies.fee_rate": (fee,) * 4,
                "agencies.overhead_per_month": 0.0,
                "agencies.starting_cash": 5000.0,
            }
        )
        model = CollectionMarket(scenario)
        model.run()
        entries[fee] = model.summary()["agency_entries"]
    assert entries[0.02] == 0
    assert entries[0.6] >= 1


@pytest.fixture(scope="module")
def busy_market():
    """Agencies, a platform, debt sales and enforcement, recorded from day 0."""
    model = CollectionMarket(
        market(
            **{
                "lenders.n_lenders": 2,
                "agencies.n_platforms": 1,
                "agencies.max_active": 4,
                "agencies.grace_months": 2,
                "placement.debt_sale_share": 0.5,
                "regime.audit_per_complaint": 1.0,
                "behaviour.complaint_logit": -8.0,
                "run.warmup_days": 0,
                "run.days": 300,
            }
        )
    )
    model.run()
    return model


def test_money_closes_across_lenders_agencies_borrowers_and_the_regulator(busy_market):
    """Collections equal payments; fees paid equal fees earned; cash and fines add up."""
    model = busy_market
    summary = model.summary()
    assert summary["money_conservation_error"] == 0
    assert not ledger_error_cents(model.accounts).any()
    collected = int(model.lender_totals[:, LenderEvent.COLLECTED].sum())
    assert collected == int(model.borrower_totals[BorrowerEvent.PAID]) > 0
    agencies = model.market.agencies
    fees_paid = sum(lender.cents.fees_paid for lender in model.lenders)
    assert fees_paid == sum(a.cents.fees for a in agencies) == model.market.fees_cents > 0
    start = round(model.parameters.agencies.starting_cash * 100)
    assert all(a.cents.cash == start + sum(a.cents.profits) for a in agencies)
    assert sum(c.cents.fines for c in model.collectors) == model.regulator.cents.fines > 0
    in_house = int(model.recorded_cost_by_kind[0]) / 100
    assert summary["lender_net_recovery"] == pytest.approx(
        summary["collected_delinquent"]
        - summary["agency_fees"]
        - in_house
        + summary["debt_sale_proceeds"]
    )


def test_debt_is_sold_at_its_price_and_stays_written_off(busy_market):
    """A share of each month's charge-offs is sold at the price; the ledger keeps it off."""
    model = busy_market
    summary = model.summary()
    assert summary["debt_sale_proceeds"] == pytest.approx(0.04 * summary["debt_sold"], abs=0.1)
    months = summary["days"] // 30
    assert 0.4 * summary["written_off"] < summary["debt_sold"]
    assert summary["debt_sold"] <= 0.5 * summary["written_off"] + 0.01 * months


def test_market_series_show_firms_shares_and_tones(busy_market):
    """The series carry firms active, entries, exits, shares and tones by kind."""
    series = busy_market.series()
    total = series[["share_in_house", "share_agency", "share_digital_platform"]].sum(axis=1)
    assert np.allclose(total[total > 0], 1.0)
    assert series["share_agency"].max() > 0 and series["share_digital_platform"].max() > 0
    assert series["agencies_active"].iloc[0] == 2 and series["platforms_active"].iloc[0] == 1
    assert series["tone_in_house"].eq(0.5).all()
    assert series["agency_fees"].gt(0).sum() <= len(series) // 30 + 1
    assert series["attempts_ai_bot"].sum() > 0


def test_platforms_call_with_bots_and_agencies_score_with_more_noise():
    """A platform calls with AI bots for a lower fee; a firm scores its accounts less well."""
    scenario = market(**{"agencies.n_platforms": 1, "run.days": 180})
    model = CollectionMarket(scenario)
    model.run()
    agency, _, platform = model.market.agencies
    assert platform.policy.call_channel == "ai_bot"
    assert platform.fee_rate[0] < agency.fee_rate[0]
    assert model.series()["attempts_ai_bot"].sum() > 0
    unplaced = CollectionMarket(scenario).accounts
    rows = agency.rows[agency.rows < len(unplaced.score)]
    assert len(rows) > 10
    truth = model.borrowers.willingness[model.accounts.borrower[rows]]
    lender_scores = unplaced.score[rows]
    agency_error = np.mean((model.accounts.score[rows] - truth) ** 2)
    assert agency_error > np.mean((lender_scores - truth) ** 2)


def test_in_house_only_market_places_nothing():
    """Without agencies every account stays with its lender's team and no fee is paid."""
    model = CollectionMarket(market(**{"agencies.n_agencies": 0}))
    model.run()
    accounts = model.accounts
    assert (accounts.collector == accounts.lender).all()
    summary = model.summary()
    assert summary["agency_fees"] == 0 and summary["share_in_house"] == 1.0
    assert summary["tone_agency"] == model.parameters.agencies.initial_aggressiveness
    assert all(math.isfinite(value) for value in summary.values())


@pytest.mark.parametrize(
    ("overrides", "shown"),
    [
        ({"agencies.fee_rate": (0.2, 0.3)}, "agencies.fee_rate must list one rate per"),
        ({"agencies.fee_from_dpd": (30, 60, 90, 120)}, "agencies.fee_from_dpd must start at 0"),
        ({"agencies.fee_from_dpd": (0, 90, 90, 150)}, "must be strictly increasing"),
        ({"agencies.n_agencies": 5, "agencies.max_active": 4}, "agencies.max_active must be >="),
        ({"agencies.fee_rate": (0.2, 0.3, 1.5, 0.4)}, r"agencies.fee_rate\[2\] must be"),
        ({"placement.placement_dpd": 0}, "placement.placement_dpd must be an integer"),
        (
            {"agencies.staff_per_100_accounts": 6.0},
            r"agencies.staff_per_100_accounts must be <= agencies.max_staff_per_100_accounts",
        ),
    ],
)
def test_bad_market_parameters_name_the_field(overrides, shown):
    """A bad agency or placement parameter fails before the run, naming field and rule."""
    with pytest.raises(ScenarioError, match=shown):
        Scenario().with_overrides(overrides)


def test_agencies_are_mesa_agents_of_their_own_type():
    """Agencies are Mesa agents; an exited one is deregistered but keeps its index."""
    model = CollectionMarket(market(**{"agencies.n_platforms": 1}))
    agencies = model.agents_by_type[Agency]
    assert len(agencies) == 3
    assert [a.index for a in agencies] == [1, 2, 3]
    assert {a.kind for a in agencies} == {"agency", "digital_platform"}
    first = model.market.agencies[0]
    model.market.retire(first)
    assert len(model.agents_by_type[Agency]) == 2
    assert model.collectors[first.index] is first and not first.working


def test_every_collector_pays_the_regimes_obligations_day_by_day():
    """Each collector pays the compliance function every day whatever its size, an agency its
    licence on top, and every collector the recording of its calls per staff-hour (checked on
    the days agencies keep the staff they planned with: not at month ends)."""
    model = CollectionMarket(
        market(
            **{
                "regime.compliance_cost_per_month": 300.0,
                "regime.licence_fee_per_year": 3650.0,
                "regime.recording_cost_per_hour": 1.0,
                "run.warmup_days": 0,
                "run.days": 60,
            }
        )
    )
    paid = 0
    for _ in range(60):
        model.step()
        for collector in model.working_collectors():
            licence = 0 if collector.kind == "in_house" else 1000
            recording = round(collector.staff * len(collector.hours) * 100)
            if (model.day + 1) % 30:
                assert collector.cents.obligations_today == 1000 + licence + recording
            paid += collector.cents.obligations_today
    assert model.summary()["compliance_cost"] == paid / 100
    assert paid > 0


def obligations_market(**overrides):
    """Two agencies working thin books for a year, with entry open."""
    return market(
        **{
            "regime.name": "laissez_faire",
            "agencies.max_active": 4,
            "agencies.grace_months": 3,
            "run.days": 360,
        }
        | overrides
    )


def test_fixed_obligations_weigh_on_small_agencies():
    """A compliance function and a licence that cost the same for every firm cut the small
    agencies' profit far more, relative to their size, than the lender's: fewer of them stay."""
    free, burdened = [], []
    for seed in SEEDS:
        common = {"run.seed": seed}
        free.append(CollectionMarket(obligations_market(**common)))
        burdened.append(
            CollectionMarket(
                obligations_market(
                    **common,
                    **{
                        "regime.compliance_cost_per_month": 1500.0,
                        "regime.licence_fee_per_year": 6000.0,
                    },
                )
            )
        )
    for model in (*free, *burdened):
        model.run()

    def total(models, name):
        return sum(model.summary()[name] for model in models)

    assert total(burdened, "agency_profit") < total(free, "agency_profit")
    assert total(burdened, "agency_exits") > total(free, "agency_exits")
    in_house = [
        sum(c.cents.obligations_today for c in m.collectors if c.kind == "in_house")
        for m in burdened
    ]
    assert all(cost == 5000 for cost in in_house)


def test_minimum_capital_keeps_entrants_away():
    """Rich fees draw entrants, unless entering takes capital that the returns do not repay."""
    entries = {}
    for capital in (0.0, 1e7):
        scenario = market(
            **{
                "agencies.n_agencies": 1,
                "agencies.max_active": 4,
                "agencies.fee_rate": (0.6,) * 4,
                "agencies.overhead_per_month": 0.0,
                "agencies.starting_cash": 5000.0,
                "regime.min_capital": capital,
            }
        )
        model = CollectionMarket(scenario)
        model.run()
        entries[capital] = model.summary()["agency_entries"]
        assert all(a.cents.starting_cash == (5000.0 + capital) * 100 for a in model.market.agencies)
    assert entries[0.0] >= 1
    assert entries[1e7] == 0
