"""Tests of BorrowerSet: all the borrowers as a Mesa AgentSet, read from the tables.

Also the agents' ids and money units across all agents (issue 19).
"""

import inspect
import random

import mesa
import numpy as np
import pytest
from mesa.agentset import AbstractAgentSet

from arrears.market.agents import Agency, Borrower, Collector, Lender, Regulator
from arrears.market.agents.borrower import BORROWER_ID_OFFSET
from arrears.market.agents.borrower_set import COLUMNS, BorrowerSet
from arrears.market.agents.money import InCurrency
from arrears.market.model import CollectionMarket
from arrears.market.tables import LenderEvent
from tests.conftest import small_scenario

DAYS = 40


def run(engine: str, days: int = DAYS, **overrides: object) -> CollectionMarket:
    model = CollectionMarket(small_scenario(**overrides), engine=engine)
    model.run(days)
    return model


@pytest.fixture(scope="module")
def models() -> dict[str, CollectionMarket]:
    return {engine: run(engine) for engine in ("numba", "agents")}


def mesa_set(borrowers: BorrowerSet) -> mesa.agent.AgentSet:
    """The same agents in Mesa's own AgentSet, the reference for each method."""
    return mesa.agent.AgentSet(list(borrowers), random=random.Random(0))


def test_every_borrower_is_in_the_set_in_both_engines(models):
    """agents_by_type[Borrower] holds every row, in order; model.agents holds the firms."""
    for model in models.values():
        borrowers = model.agents_by_type[Borrower]
        assert isinstance(borrowers, BorrowerSet) and isinstance(borrowers, AbstractAgentSet)
        assert len(borrowers) == len(model.borrowers.tier) > 0
        assert borrowers.rows.tolist() == list(range(len(model.borrowers.tier)))
        kinds = {type(agent) for agent in model.agents}
        assert kinds == {Regulator, Lender, Collector}
        assert len(model.agents) == 5
    assert models["agents"].agents_by_type[Borrower].materialised == len(
        models["agents"].borrowers.tier
    )


def test_columns_are_the_borrower_attributes():
    """Every public property of Borrower is read from the tables by the set."""
    properties = {name for name, value in vars(Borrower).items() if isinstance(value, property)}
    assert properties | {"row", "unique_id"} == set(COLUMNS)


def test_vectorised_reads_equal_each_agents_own(models):
    """get and values give each agent's attribute, value for value and type for type."""
    model = models["numba"]
    borrowers = model.agents_by_type[Borrower]
    assert np.count_nonzero(borrowers.values("max_dpd")) > 0
    assert np.count_nonzero(borrowers.values("harm")) > 0
    agents = list(borrowers)
    for name in COLUMNS:
        expected = [getattr(agent, name) for agent in agents]
        got = borrowers.get(name)
        assert got == expected, name
        assert [type(v) for v in got] == [type(v) for v in expected], name
        assert borrowers.values(name).tolist() == expected, name
    assert borrowers.get(["tier", "buffer"]) == [[a.tier, a.buffer] for a in agents]


def test_agg_groupby_sort_select_match_mesa(models):
    """Each method gives what Mesa's AgentSet gives on the same agents."""
    borrowers = models["numba"].agents_by_type[Borrower]
    reference = mesa_set(borrowers)
    for name in ("buffer", "arrears", "income", "stress", "max_dpd", "employed"):
        assert borrowers.agg(name, np.mean) == reference.agg(name, np.mean), name
        assert borrowers.agg(name, [min, max, sum]) == reference.agg(name, [min, max, sum])
    for by in ("tier", "employed", "archetype", "max_dpd"):
        groups, expected = borrowers.groupby(by), reference.groupby(by)
        assert list(groups.count().items()) == list(expected.count().items()), by
        assert groups.agg("buffer", sum) == expected.agg("buffer", sum), by
        assert {k: [a.row for a in g] for k, g in groups} == {
            k: [a.row for a in g] for k, g in expected
        }
    by_function = borrowers.groupby(lambda b: b.buffer > 1000)
    assert by_function.count() == reference.groupby(lambda b: b.buffer > 1000).count()
    assert (
        borrowers.groupby("tier", result_type="list").count()
        == reference.groupby("tier", result_type="list").count()
    )
    for key in ("tier", "buffer", "max_dpd"):
        for ascending in (False, True):
            got = [a.row for a in borrowers.sort(key, ascending=ascending)]
            assert got == [a.row for a in reference.sort(key, ascending=ascending)], key
    assert [a.row for a in borrowers.sort(lambda b: b.tier)] == [
        a.row for a in reference.sort(lambda b: b.tier)
    ]
    for selection in (
        {"filter_func": lambda b: b.max_dpd > 0},
        {"filter_func": lambda b: b.employed, "at_most": 7},
        {"at_most": 0.25},
        {"at_most": 3},
        {"agent_type": Lender},
        {"agent_type": mesa.Agent},
    ):
        got = [a.row for a in borrowers.select(**selection)]
        assert got == [a.row for a in reference.select(**selection)], selection


def test_engines_agree_on_the_set():
    """The set reads the same in both engines (the agents engine made every agent)."""
    numba, agents = (run(engine, days=70) for engine in ("numba", "agents"))
    a, b = numba.agents_by_type[Borrower], agents.agents_by_type[Borrower]
    assert len(a) == len(b)
    for name in COLUMNS:
        assert a.get(name) == b.get(name), name
    assert a.agg("buffer", np.mean) == b.agg("buffer", np.mean)
    assert a.groupby("tier").agg("arrears", sum) == b.groupby("tier").agg("arrears", sum)
    assert a.groupby("max_dpd").count() == b.groupby("max_dpd").count()
    assert a.select(lambda x: x.max_dpd > 0).rows.tolist() == (
        b.select(lambda x: x.max_dpd > 0).rows.tolist()
    )
    assert [x.row for x in a] == [x.row for x in b]


def test_vectorised_methods_make_no_agents():
    """In the numba engine, reads by table attribute, where, sort and len make no agent."""
    model = run("numba")
    borrowers = model.agents_by_type[Borrower]
    for name in COLUMNS:
        borrowers.get(name)
        borrowers.agg(name, len)
    groups = borrowers.groupby("tier")
    groups.count(), groups.agg("buffer", np.mean), groups.map("agg", "arrears", sum)
    behind = borrowers.where(borrowers.values("max_dpd") > 0)
    behind.agg("arrears", sum), behind.groupby("employed").agg("buffer", max)
    borrowers.sort("buffer").select(at_most=10).get("tier")
    borrowers.shuffle().get("row")
    len(borrowers), borrowers.select(), repr(borrowers)
    assert borrowers.materialised == 0
    assert not any(isinstance(agent, Borrower) for agent in model.agents)
    assert len(list(behind)) == borrowers.materialised == len(behind) > 0
    list(borrowers)
    assert borrowers.materialised == len(borrowers)


def test_new_borrowers_join_the_set():
    """Borrowers who join during the run are in the set; in the agents engine as agents."""
    for engine in ("numba", "agents"):
        model = CollectionMarket(
            small_scenario(**{"credit.applications_per_month": 0.2}), engine=engine
        )
        borrowers = model.agents_by_type[Borrower]
        before = len(borrowers)
        model.run(31)
        assert len(borrowers) == len(model.borrowers.tier) > before
        newest = borrowers[len(borrowers) - 1]
        assert newest is model.borrower(len(model.borrowers.tier) - 1)
        assert newest.accounts and newest.buffer == model.borrowers.buffer[newest.row] / 100
        if engine == "agents":
            assert borrowers.materialised == len(borrowers)


def test_do_runs_each_borrower_in_row_order():
    """do, map and shuffle_do reach every borrower once (do and map in row order)."""
    model = CollectionMarket(small_scenario())
    borrowers = model.agents_by_type[Borrower]
    seen: list[int] = []
    borrowers.do(lambda b: seen.append(b.row))
    assert seen == list(range(len(borrowers)))
    assert borrowers.map("__getattribute__", "row") == seen
    shuffled: list[int] = []
    borrowers.shuffle_do(lambda b: shuffled.append(b.row))
    assert sorted(shuffled) == seen and shuffled != seen


def test_membership_indexing_and_editing():
    """in, [], copies and in-place edits behave as an AgentSet (the set of all stays whole)."""
    model = CollectionMarket(small_scenario())
    other = CollectionMarket(small_scenario())
    borrowers = model.agents_by_type[Borrower]
    agent = model.borrower(3)
    assert agent in borrowers and borrowers[3] is agent and borrowers[-1].row == len(borrowers) - 1
    assert [b.row for b in borrowers[2:4]] == [2, 3]
    assert other.borrower(3) not in borrowers and model.lenders[0] not in borrowers
    few = borrowers.select(at_most=5)
    few.discard(model.borrower(1))
    few.add(model.borrower(9))
    assert few.rows.tolist() == [0, 2, 3, 4, 9] and model.borrower(1) not in few
    few.sort("row", inplace=True)
    assert few.rows.tolist() == [9, 4, 3, 2, 0]
    assert (few & borrowers.select(at_most=3)).rows.tolist() == [0, 2]
    with pytest.raises(KeyError):
        few.remove(model.borrower(1))
    for edit in (
        lambda: borrowers.shuffle(inplace=True),
        lambda: borrowers.sort("buffer", inplace=True),
        lambda: borrowers.select(at_most=3, inplace=True),
        lambda: borrowers.discard(agent),
    ):
        with pytest.raises(TypeError, match="the set of all borrowers"):
            edit()
    borrowers.add(agent)
    assert len(borrowers) == len(model.borrowers.tier)
    with pytest.raises(TypeError, match="cannot be removed"):
        agent.remove()
    with pytest.raises(ValueError, match="already has its agent"):
        Borrower(model, 3)


def test_set_and_bad_arguments_are_clear_errors():
    """Table attributes cannot be set through agents; a bad mask or name says what was wrong."""
    model = CollectionMarket(small_scenario())
    borrowers = model.agents_by_type[Borrower]
    with pytest.raises(AttributeError, match="buffer is read from the tables"):
        borrowers.set("buffer", 0.0)
    assert borrowers.materialised == 0
    borrowers.select(at_most=2).set("note", "called")
    assert borrowers.get("note", handle_missing="default")[:3] == ["called", "called", None]
    with pytest.raises(ValueError, match=r"one entry per borrower of the set \(\d+\)"):
        borrowers.where(np.ones(3, bool))
    with pytest.raises(KeyError, match="'note' is not read from the tables"):
        borrowers.values("note")


def test_datacollector_reports_on_every_borrower():
    """Mesa's agent-type reporters read every borrower, the same in both engines."""
    tables = []
    for engine in ("numba", "agents"):
        model = CollectionMarket(small_scenario(), engine=engine)
        collector = mesa.DataCollector(agenttype_reporters={Borrower: {"buffer": "buffer"}})
        model.run(5)
        collector.collect(model)
        tables.append(collector.get_agenttype_vars_dataframe(Borrower))
    assert len(tables[0]) == len(model.borrowers.tier)
    assert tables[0].equals(tables[1])


def test_unique_ids_are_unique_and_stable():
    """Firms are numbered 1, 2, ... by Mesa in both engines; a borrower's id is offset + row."""
    overrides = {"credit.applications_per_month": 0.2, "agencies.n_agencies": 2}
    firm_ids = []
    for engine, ask_first in (("numba", False), ("numba", True), ("agents", False)):
        model = CollectionMarket(small_scenario(**overrides), engine=engine)
        if ask_first:
            model.borrower(7), list(model.agents_by_type[Borrower].select(at_most=50))
        model.run(61)
        borrowers = model.agents_by_type[Borrower]
        firms = {type(agent).__name__: [] for agent in model.agents}
        for agent in model.agents:
            firms[type(agent).__name__].append(agent.unique_id)
        firm_ids.append(firms)
        ids = [agent.unique_id for agent in model.agents] + borrowers.get("unique_id")
        assert len(set(ids)) == len(ids)
        assert borrowers.get("unique_id") == [BORROWER_ID_OFFSET + row for row in borrowers.rows]
        assert model.borrower(12).unique_id == BORROWER_ID_OFFSET + 12
        assert max(agent.unique_id for agent in model.agents) < BORROWER_ID_OFFSET
    assert firm_ids[0] == firm_ids[1] == firm_ids[2]
    assert firm_ids[0]["Regulator"] == [1] and len(firm_ids[0][Agency.__name__]) >= 2


def documented_attributes(cls: type) -> dict[str, str]:
    """The Attributes section of a class's docstring and its bases' in arrears: name -> text."""
    entries: dict[str, str] = {}
    for klass in cls.__mro__:
        if not klass.__module__.startswith("arrears") or "Attributes:" not in (klass.__doc__ or ""):
            continue
        name = None
        for line in inspect.getdoc(klass).split("Attributes:\n", 1)[1].splitlines():
            if line.startswith("    ") and not line.startswith("     ") and ":" in line:
                name, text = line.strip().split(":", 1)
                entries.setdefault(name, text)
            elif name and line.startswith("        "):
                entries[name] += " " + line.strip()
    return entries


def test_every_agent_shows_money_in_currency_units():
    """Outside agent.cents, no agent attribute or property is documented or kept in cents."""
    scenario = small_scenario(**{"agencies.n_agencies": 1, "placement.placement_dpd": 20})
    model = CollectionMarket(scenario, regime="us_reg_f")
    model.run(75)
    agents = [*model.agents, model.borrower(int(model.accounts.borrower[model.delinquent[0]]))]
    assert {type(agent) for agent in agents} == {Regulator, Lender, Collector, Agency, Borrower}
    for agent in agents:
        cls = type(agent)
        documented = documented_attributes(cls)
        public = {name for name in vars(agent) if not name.startswith("_")}
        assert public - {"model", "unique_id", "pos"} <= set(documented), cls.__name__
        for name, text in documented.items():
            assert name == "cents" or "cents" not in text, f"{cls.__name__}.{name}: {text}"
        for name in dir(cls):
            member = inspect.getattr_static(agent, name)
            if isinstance(member, property) and not name.startswith("_"):
                assert "cents" not in (member.__doc__ or ""), f"{cls.__name__}.{name}"
            if isinstance(member, InCurrency):
                assert getattr(agent, name) == getattr(agent.cents, name) / 100
    lender = model.lenders[0]
    assert lender.cents.totals.base is model.lender_totals
    assert lender.collected == lender.cents.totals[LenderEvent.COLLECTED] / 100 > 0
    assert lender.cents.scorecard and not hasattr(lender, "scorecard")
