"""BorrowerSet: all the borrowers as one Mesa AgentSet, backed by the tables.

``model.agents_by_type[Borrower]`` is a :class:`BorrowerSet` in both engines. It holds every
borrower of the tables, in row order, those who join during the run included (``len`` follows
the tables as they grow), and it answers Mesa's AgentSet API: ``len``, iteration, ``in``,
indexing, ``get``, ``agg``, ``select``, ``groupby``, ``sort``, ``shuffle``, ``do``, ``map``,
``shuffle_do``, ``set``; a selection, a sorted or shuffled copy and each group of a ``groupby``
are BorrowerSets too (fixed lists of rows), so everything below works on them as well.

Two kinds of method, and what they cost in the numba engine, where a borrower is a row until
code asks for its agent (agents take about 200 bytes each and seconds a million to make:
measured, 150 MB and 3 s for 738,000 borrowers):

- **Vectorised, no agents made**: ``len``, ``get``, ``agg``, ``sort`` and ``groupby`` by the name
  of one of the Borrower attributes the tables hold (:data:`COLUMNS`: ``tier``, ``employed``,
  ``income``, ``buffer``, ``arrears``, ``max_dpd``, ...), ``select`` without a filter function
  (``at_most``), ``shuffle``, ``copy``, and the methods Mesa has not: :attr:`BorrowerSet.rows`,
  :meth:`BorrowerSet.values` (an attribute as a numpy array) and :meth:`BorrowerSet.where` (the
  borrowers where a boolean array is True)::

      borrowers = model.agents_by_type[Borrower]
      borrowers.agg("buffer", np.mean)                    # currency units, like Borrower.buffer
      borrowers.groupby("tier").agg("arrears", sum)       # {tier: total arrears}
      behind = borrowers.where(borrowers.values("max_dpd") >= 30)

- **Per agent, each agent reached is made**: iteration, ``do``, ``map``, ``shuffle_do``,
  ``set``, ``select`` with a filter function, and any method given a callable or an attribute
  the tables do not hold (indexing makes the agent asked for). An agent, once made, lives for
  the run (its own Python attributes stay), so iterating over all borrowers once makes all of
  them.

Values are the Borrower attributes' own, in the same units (money in currency units, not the
tables' cents) and of the same Python types, so each method returns exactly what Mesa's
``AgentSet`` would on the same agents. In the agents engine every borrower is an agent from the
start and steps each day through ``do("step")``, in row order.

``model.agents`` (Mesa's registry) holds the lenders, collectors, agencies and the regulator,
in both engines; the borrowers are here. A borrower's ``unique_id`` is
:data:`~.borrower.BORROWER_ID_OFFSET` (a billion) plus its row, apart from the ids Mesa gives
the others (1, 2, 3, ...); ``model.borrower(row)`` and positions in this set take the row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from mesa.agentset import AbstractAgentSet, GroupBy
from numba import njit

from arrears.market.agents.borrower import BORROWER_ID_OFFSET, Borrower
from arrears.market.kernels.behaviour import stress_now
from arrears.market.kernels.day import borrower_max_dpd
from arrears.market.kernels.harm import harm_now
from arrears.market.tables import Accounts, Borrowers
from arrears.scenario.reachability import ARCHETYPES
from arrears.scenario.sections.population import TIER_NAMES

if TYPE_CHECKING:
    from random import Random

    from arrears.market.kernels.inputs import RunConstants
    from arrears.market.model import CollectionMarket


# The kernels' own readers of one borrower, looped over many rows in compiled code: the same
# arithmetic as the agents' properties, so the values agree to the bit (numpy's exp would not).


@njit(cache=True)
def _stress_of(rows: np.ndarray, day: int, run: RunConstants, borrowers: Borrowers) -> np.ndarray:
    """float64[row], each borrower's stress today, as ``Borrower.stress`` reads it."""
    out = np.empty(rows.shape[0])
    for i in range(rows.shape[0]):
        out[i] = stress_now(rows[i], day, run, borrowers)
    return out


@njit(cache=True)
def _harm_of(rows: np.ndarray, day: int, run: RunConstants, borrowers: Borrowers) -> np.ndarray:
    """float64[row], each borrower's remembered harm today, as ``Borrower.harm`` reads it."""
    out = np.empty(rows.shape[0])
    for i in range(rows.shape[0]):
        out[i] = harm_now(rows[i], day, run, borrowers)
    return out


@njit(cache=True)
def _max_dpd_of(rows: np.ndarray, borrowers: Borrowers, accounts: Accounts) -> np.ndarray:
    """int64[row], each borrower's days past due, as ``Borrower.max_dpd`` reads it."""
    out = np.empty(rows.shape[0], np.int64)
    for i in range(rows.shape[0]):
        out[i] = borrower_max_dpd(rows[i], borrowers, accounts)
    return out


type ColumnReader = Callable[["CollectionMarket", np.ndarray], np.ndarray]
"""Reads one Borrower attribute for many rows at once: ``reader(model, rows) -> array``."""


def _row(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """The rows themselves (``Borrower.row``)."""
    return rows


def _unique_id(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """Each borrower's ``unique_id``: :data:`~.borrower.BORROWER_ID_OFFSET` plus its row."""
    return BORROWER_ID_OFFSET + rows


def _labels(column: str, names: tuple[str, ...]) -> ColumnReader:
    """A reader of a column of category codes, as their names (``tier``, ``archetype``)."""

    def read(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
        return np.asarray(names)[getattr(model.borrowers, column)[rows]]

    return read


def _flags(column: str) -> ColumnReader:
    """A reader of a 0/1 column, as booleans (``employed``, ``lost_contact``)."""

    def read(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
        return getattr(model.borrowers, column)[rows].astype(np.bool_)

    return read


def _money(column: str) -> ColumnReader:
    """A reader of a column of cents, in currency units (``income``, ``buffer``)."""

    def read(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
        return getattr(model.borrowers, column)[rows] / 100

    return read


def _willingness(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """Each borrower's own willingness to pay, log-odds (``Borrower.willingness``)."""
    return model.borrowers.willingness[rows].astype(np.float64)


def _stress(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """Each borrower's stress today (``Borrower.stress``)."""
    return _stress_of(rows, model.day, model.run_constants, model.borrowers)


def _harm(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """Each borrower's remembered harm today (``Borrower.harm``)."""
    return _harm_of(rows, model.day, model.run_constants, model.borrowers)


def _max_dpd(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """Each borrower's days past due on open accounts (``Borrower.max_dpd``)."""
    return _max_dpd_of(rows, model.borrowers, model.accounts)


def _accounts(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """object[row], each borrower's account rows as a ``range`` (``Borrower.accounts``)."""
    first = model.borrowers.first_account[rows].tolist()
    count = model.borrowers.n_accounts[rows].tolist()
    out = np.empty(len(rows), object)
    for i, (start, n) in enumerate(zip(first, count, strict=True)):
        out[i] = range(start, start + n)
    return out


def _arrears(model: CollectionMarket, rows: np.ndarray) -> np.ndarray:
    """Each borrower's unpaid billed amount, currency units (``Borrower.arrears``).

    A borrower's accounts are one block of rows, so each sum is a difference of running
    totals, in exact integer cents.
    """
    borrowers = model.borrowers
    running = np.concatenate(([0], np.cumsum(model.accounts.arrears)))
    first = borrowers.first_account[rows]
    return (running[first + borrowers.n_accounts[rows]] - running[first]) / 100


COLUMNS: dict[str, ColumnReader] = {
    "row": _row,
    "unique_id": _unique_id,
    "tier": _labels("tier", TIER_NAMES),
    "employed": _flags("employed"),
    "income": _money("income"),
    "buffer": _money("buffer"),
    "willingness": _willingness,
    "stress": _stress,
    "harm": _harm,
    "lost_contact": _flags("lost_contact"),
    "archetype": _labels("archetype", ARCHETYPES),
    "accounts": _accounts,
    "arrears": _arrears,
    "max_dpd": _max_dpd,
}
"""The Borrower attributes a BorrowerSet reads straight from the tables, for many rows at once
(each equal, value for value, to what the Borrower agent of each row reads)."""


class BorrowerSet(AbstractAgentSet[Borrower]):
    """Borrowers as a Mesa AgentSet: all the rows of the tables, or a fixed list of rows.

    The model makes one, the set of all borrowers (``model.agents_by_type[Borrower]``): its
    rows are ``0 .. len(model.borrowers) - 1`` as they are now, so it grows with the tables and
    cannot be reordered, added to or removed from in place. Selections, sorted and shuffled
    copies and groups are BorrowerSets of a fixed list of rows, in their own order, which may
    be changed in place like any AgentSet. All of them share the model's Borrower agents: one
    agent per row, made the first time anything asks for it (see the module's description
    for which methods make agents and which read the tables).

    Mesa's ``AgentSet`` is not subclassed: it keeps its agents in a ``WeakKeyDictionary`` that
    its methods read directly, so every one of them would have to be overridden, and a weak set
    cannot stand for rows that have no agent yet. This class implements Mesa's
    ``AbstractAgentSet`` interface (the one ``AgentSet`` and Mesa's own registry implement), so
    ``isinstance(s, AbstractAgentSet)`` holds and the set mixins (``&``, ``|``, ``-``) work.

    Attributes:
        model: The model whose borrowers these are.
        random: The model's ``random`` (Mesa's generator for shuffles).
    """

    def __init__(self, model: CollectionMarket) -> None:
        """The set of all the model's borrowers (made once, by the model).

        Args:
            model: The model.
        """
        self.model = model
        self.random: Random = model.random
        self._rows: np.ndarray | None = None
        self._agents: dict[int, Borrower] = {}

    # -- rows and agents ---------------------------------------------------------------

    @property
    def rows(self) -> np.ndarray:
        """int64, the borrowers' rows in the set's order.

        For the set of all borrowers: every row, ascending, as the tables are now.
        """
        if self._rows is None:
            return np.arange(len(self.model.borrowers.tier), dtype=np.int64)
        return self._rows

    @property
    def materialised(self) -> int:
        """How many Borrower agents the model has made so far.

        All of them in the agents engine; in the numba engine only those asked for (the
        vectorised methods make none).
        """
        return len(self._agents)

    def register(self, agent: Borrower) -> None:
        """Take in a new Borrower agent, the one agent of its row (the model's ``register_agent``).

        Args:
            agent: The agent, of this set's model.

        Raises:
            ValueError: If its row is out of range or already has an agent.
        """
        n = len(self.model.borrowers.tier)
        if not 0 <= agent.row < n:
            raise ValueError(f"a Borrower's row must be in [0, {n - 1}], got {agent.row}")
        if agent.row in self._agents:
            raise ValueError(
                f"borrower row {agent.row} already has its agent; ask model.borrower({agent.row})"
            )
        self._agents[agent.row] = agent

    def _agent(self, row: int) -> Borrower:
        """The agent of a row (a valid one), made on first use."""
        agent = self._agents.get(row)
        if agent is None:
            agent = Borrower(self.model, row)
        return agent

    def _row_list(self) -> Iterable[int]:
        """The rows, as Python integers (so the agents' rows are too)."""
        if self._rows is None:
            return range(len(self.model.borrowers.tier))
        return self._rows.tolist()

    def _with_rows(self, rows: np.ndarray | Iterable[int]) -> BorrowerSet:
        """A BorrowerSet of these rows, in this order, sharing this set's agents."""
        subset = object.__new__(BorrowerSet)
        subset.__dict__.update(self.__dict__)
        subset._rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        return subset

    def _set_rows(self, rows: np.ndarray | Iterable[int], operation: str) -> BorrowerSet:
        """Change this set's rows in place (a fixed list of rows only)."""
        if self._rows is None:
            raise TypeError(
                f"{operation} in place: the set of all borrowers is the tables' rows in order; "
                f"use the new set {operation} returns (inplace=False)"
            )
        self._rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        return self

    # -- vectorised reads --------------------------------------------------------------

    def values(self, attribute: str) -> np.ndarray:
        """One Borrower attribute of every borrower in the set, read from the tables.

        No agent is made. The values are those of the agents' attribute, in the same units
        (money in currency units).

        Args:
            attribute: A name in :data:`COLUMNS`.

        Returns:
            The values in the set's order (numpy booleans, integers, floats or strings;
            ``accounts`` as ``range`` objects).

        Raises:
            KeyError: If the tables do not hold the attribute.
        """
        reader = COLUMNS.get(attribute)
        if reader is None:
            raise KeyError(
                f"Borrower attribute {attribute!r} is not read from the tables; "
                f"those that are: {', '.join(COLUMNS)}"
            )
        return reader(self.model, self.rows)

    def where(self, mask: np.ndarray | Iterable[bool]) -> BorrowerSet:
        """The borrowers of the set where a boolean array is True (no agent is made).

        Args:
            mask: bool[len(self)], in the set's order, e.g. ``s.values("buffer") < 100``.

        Returns:
            A BorrowerSet of those rows, in the set's order.

        Raises:
            ValueError: If the mask is not one boolean per borrower of the set.
        """
        mask = np.asarray(mask)
        if mask.dtype != np.bool_ or mask.shape != (len(self),):
            raise ValueError(
                f"mask must be a boolean array with one entry per borrower of the set "
                f"({len(self)}), got dtype {mask.dtype} and shape {mask.shape}"
            )
        return self._with_rows(self.rows[mask])

    # -- Mesa's AgentSet ---------------------------------------------------------------

    def __len__(self) -> int:
        """The number of borrowers in the set."""
        if self._rows is None:
            return len(self.model.borrowers.tier)
        return len(self._rows)

    def __iter__(self) -> Iterator[Borrower]:
        """The borrowers' agents in the set's order (making each one not made yet)."""
        for row in self._row_list():
            yield self._agent(row)

    def __contains__(self, agent: object) -> bool:
        """Whether an object is the agent of one of the set's borrowers."""
        if not isinstance(agent, Borrower) or agent.model is not self.model:
            return False
        if self._rows is None:
            return 0 <= agent.row < len(self.model.borrowers.tier)
        return bool(np.any(self._rows == agent.row))

    def __getitem__(self, item: int | slice) -> Borrower | list[Borrower]:
        """The agent at a position, or a list of them for a slice.

        In the set of all borrowers a position is a row.
        """
        rows = self.rows[item]
        if isinstance(item, slice):
            return [self._agent(row) for row in rows.tolist()]
        return self._agent(int(rows))

    def __repr__(self) -> str:
        return f"BorrowerSet({len(self)} borrowers, {self.materialised} agents made)"

    def __copy__(self) -> BorrowerSet:
        """A BorrowerSet of the rows the set has now."""
        return self._with_rows(self.rows.copy())

    def copy(self) -> BorrowerSet:
        """A BorrowerSet of the rows the set has now (it does not grow with the tables)."""
        return self.__copy__()

    def to_list(self) -> list[Borrower]:
        """The agents as a list (making every one)."""
        return list(self)

    def _from_iterable(self, agents: Iterable[Borrower]) -> BorrowerSet:
        """A BorrowerSet of these agents (the set operations' results)."""
        return self._with_rows([agent.row for agent in agents])

    def _update(self, agents: Iterable[Borrower]) -> BorrowerSet:
        """Make these agents the set's (a fixed list of rows only)."""
        return self._set_rows([agent.row for agent in agents], "update")

    def add(self, agent: Borrower) -> None:
        """Add a borrower's agent (the set of all borrowers holds every one already).

        Args:
            agent: A Borrower agent of the model.

        Raises:
            TypeError: If it is not one.
        """
        if not isinstance(agent, Borrower) or agent.model is not self.model:
            raise TypeError(f"a BorrowerSet holds the model's Borrower agents, got {agent!r}")
        if agent not in self:
            self._set_rows(np.append(self.rows, agent.row), "add")

    def discard(self, agent: Borrower) -> None:
        """Remove a borrower's agent if it is in the set (not from the set of all borrowers).

        Args:
            agent: The agent.
        """
        if agent in self:
            self._set_rows(self.rows[self.rows != agent.row], "discard")

    def remove(self, agent: Borrower) -> None:
        """Remove a borrower's agent (not from the set of all borrowers).

        Args:
            agent: The agent.

        Raises:
            KeyError: If it is not in the set.
        """
        if agent not in self:
            raise KeyError(agent)
        self.discard(agent)

    def get(
        self,
        attr_names: str | list[str],
        handle_missing: Literal["error", "default"] = "error",
        default_value: Any = None,
    ) -> list[Any]:
        """Each borrower's attribute(s), as Mesa's ``AgentSet.get``.

        Attributes in :data:`COLUMNS` are read from the tables (no agent made); any other is
        read from each agent.

        Args:
            attr_names: An attribute name, or a list of them.
            handle_missing: ``"error"`` to raise on a missing attribute, ``"default"`` to use
                ``default_value``.
            default_value: The value of a missing attribute with ``handle_missing="default"``.

        Returns:
            One value per borrower (a list of values per borrower for a list of names).

        Raises:
            ValueError: On an unknown ``handle_missing``.
        """
        if handle_missing not in ("error", "default"):
            raise ValueError(
                f"Unknown handle_missing option: {handle_missing}, "
                "should be one of 'error' or 'default'"
            )
        names = [attr_names] if isinstance(attr_names, str) else list(attr_names)
        columns = [self._attribute(name, handle_missing, default_value) for name in names]
        if isinstance(attr_names, str):
            return columns[0]
        return [list(values) for values in zip(*columns, strict=True)]

    def _attribute(
        self, name: str, handle_missing: Literal["error", "default"], default_value: Any
    ) -> list[Any]:
        """One attribute of every borrower: from the tables, or from each agent."""
        if name in COLUMNS:
            return self.values(name).tolist()
        if handle_missing == "default":
            return [getattr(agent, name, default_value) for agent in self]
        return [getattr(agent, name) for agent in self]

    def agg(self, attribute: str, func: Callable | Iterable[Callable]) -> Any:
        """Aggregate an attribute over the borrowers, as Mesa's ``AgentSet.agg``.

        ``func`` gets the list of values Mesa's would (so ``sum`` adds Python floats, with
        Python's compensated sum), read from the tables for an attribute in :data:`COLUMNS` (no
        agent made), else from each agent. For numpy's speed on the array itself, use
        ``func(s.values(attribute))``.

        Args:
            attribute: The attribute's name.
            func: A function of the values (``np.mean``, ``sum``, ``max``...), or several.

        Returns:
            The function's result, or a list of them.
        """
        values = self.get(attribute)
        if callable(func):
            return func(values)
        return [f(values) for f in func]

    def set(self, attr_name: str, value: Any) -> BorrowerSet:
        """Set an attribute on every borrower's agent (making every one).

        Args:
            attr_name: The attribute's name.
            value: Its value.

        Returns:
            The set.

        Raises:
            AttributeError: For an attribute read from the tables: agents read their rows,
                and the model writes them.
        """
        if attr_name in COLUMNS:
            raise AttributeError(
                f"Borrower.{attr_name} is read from the tables and cannot be set on agents"
            )
        for agent in self:
            setattr(agent, attr_name, value)
        return self

    def select(
        self,
        filter_func: Callable[[Borrower], bool] | None = None,
        at_most: int | float = float("inf"),
        inplace: bool = False,
        agent_type: type | None = None,
    ) -> BorrowerSet:
        """Borrowers passing a filter, as Mesa's ``AgentSet.select``.

        The filter is called on each agent (making it); :meth:`where` selects by an array
        instead, making none. Without a filter no agent is made.

        Args:
            filter_func: Keep the borrowers for which it returns True (all if None).
            at_most: At most this many (the first ones), or this share of the set if a float
                up to 1.
            inplace: Change this set (not the set of all borrowers) instead of returning a new
                one.
            agent_type: Keep none unless Borrowers are of this type.

        Returns:
            The selection, a BorrowerSet in the set's order.
        """
        if filter_func is None and agent_type is None and at_most == float("inf"):
            return self if inplace else self.copy()
        if at_most <= 1.0 and isinstance(at_most, float):
            at_most = int(len(self) * at_most)
        rows = self.rows
        if agent_type is not None and not issubclass(Borrower, agent_type):
            rows = rows[:0]
        if filter_func is not None:
            kept: list[int] = []
            for row in rows.tolist():
                if len(kept) >= at_most:
                    break
                if filter_func(self._agent(row)):
                    kept.append(row)
            rows = np.asarray(kept, dtype=np.int64)
        elif at_most < len(rows):
            rows = rows[: int(at_most)]
        if inplace:
            return self._set_rows(rows, "select")
        return self._with_rows(rows.copy())

    def groupby(
        self, by: Callable[[Borrower], Hashable] | str, result_type: str = "agentset"
    ) -> BorrowerGroupBy:
        """Group the borrowers, as Mesa's ``AgentSet.groupby``.

        By an attribute in :data:`COLUMNS` the groups are found from the tables (no agent
        made); by a callable or another attribute, from each agent. Groups come in the order
        of their first borrower, each a BorrowerSet in the set's order.

        Args:
            by: An attribute's name, or a function of a Borrower.
            result_type: ``"agentset"`` (groups as BorrowerSets) or ``"list"`` (lists of
                agents, making every one).

        Returns:
            The groups (``count``, ``agg``, ``map``, ``do``, as Mesa's ``GroupBy``).
        """
        rows = self.rows
        values: Iterable[Hashable]
        if isinstance(by, str) and by in COLUMNS:
            array = self.values(by)
            if array.dtype != object:
                groups = _groups_of(rows, array)
                return self._grouped(groups, result_type)
            values = array.tolist()
        elif isinstance(by, str):
            values = (getattr(agent, by) for agent in self)
        else:
            values = (by(agent) for agent in self)
        members: defaultdict[Hashable, list[int]] = defaultdict(list)
        for row, value in zip(rows.tolist(), values, strict=True):
            members[value].append(row)
        return self._grouped(
            {key: np.asarray(group, np.int64) for key, group in members.items()}, result_type
        )

    def _grouped(self, groups: dict[Hashable, np.ndarray], result_type: str) -> BorrowerGroupBy:
        """The GroupBy of groups of rows."""
        if result_type == "agentset":
            return BorrowerGroupBy({key: self._with_rows(rows) for key, rows in groups.items()})
        return BorrowerGroupBy(
            {key: [self._agent(row) for row in rows.tolist()] for key, rows in groups.items()}
        )

    def sort(
        self,
        key: Callable[[Borrower], Any] | str,
        ascending: bool = False,
        inplace: bool = False,
    ) -> BorrowerSet:
        """The borrowers sorted by an attribute or a function, as Mesa's ``AgentSet.sort``.

        Stable, as Python's ``sorted``: borrowers with equal keys keep their order. By an
        attribute in :data:`COLUMNS` no agent is made.

        Args:
            key: An attribute's name, or a function of a Borrower.
            ascending: Smallest first (Mesa's default is largest first).
            inplace: Reorder this set (not the set of all borrowers).

        Returns:
            The sorted set.
        """
        rows = self.rows
        array = self.values(key) if isinstance(key, str) and key in COLUMNS else None
        if array is not None and array.dtype != object:
            if ascending:
                order = np.argsort(array, kind="stable")
            else:
                order = len(array) - 1 - np.argsort(array[::-1], kind="stable")[::-1]
            sorted_rows = rows[order]
        else:
            keys = (
                array.tolist()
                if array is not None
                else [key(agent) if callable(key) else getattr(agent, key) for agent in self]
            )
            positions = sorted(range(len(rows)), key=keys.__getitem__, reverse=not ascending)
            sorted_rows = rows[np.asarray(positions, np.int64)]
        if inplace:
            return self._set_rows(sorted_rows, "sort")
        return self._with_rows(sorted_rows)

    def shuffle(self, inplace: bool = False) -> BorrowerSet:
        """The borrowers in a random order (from the model's ``random``); no agent is made.

        Args:
            inplace: Reorder this set (not the set of all borrowers).

        Returns:
            The shuffled set.
        """
        rows = list(self._row_list())
        self.random.shuffle(rows)
        if inplace:
            return self._set_rows(rows, "shuffle")
        return self._with_rows(rows)

    def do(self, method: str | Callable, *args: Any, **kwargs: Any) -> BorrowerSet:
        """Call a method of each borrower's agent (or a function of it), in the set's order.

        Args:
            method: The method's name, or a function taking the agent first.
            *args: Passed on.
            **kwargs: Passed on.

        Returns:
            The set.
        """
        self._call_each(self._row_list(), method, args, kwargs)
        return self

    def shuffle_do(self, method: str | Callable, *args: Any, **kwargs: Any) -> BorrowerSet:
        """Call a method of each borrower's agent, in a random order (the model's ``random``).

        Args:
            method: The method's name, or a function taking the agent first.
            *args: Passed on.
            **kwargs: Passed on.

        Returns:
            The set.
        """
        rows = list(self._row_list())
        self.random.shuffle(rows)
        self._call_each(rows, method, args, kwargs)
        return self

    def map(self, method: str | Callable, *args: Any, **kwargs: Any) -> list[Any]:
        """Call a method of each borrower's agent (or a function of it) and return the results.

        Args:
            method: The method's name, or a function taking the agent first.
            *args: Passed on.
            **kwargs: Passed on.

        Returns:
            The results in the set's order.
        """
        return self._call_each(self._row_list(), method, args, kwargs)

    def _call_each(
        self,
        rows: Iterable[int],
        method: str | Callable,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> list[Any]:
        """Call a method (or function) on the agent of each row, in order; the results."""
        if isinstance(method, str):
            return [getattr(self._agent(row), method)(*args, **kwargs) for row in rows]
        return [method(self._agent(row), *args, **kwargs) for row in rows]


class BorrowerGroupBy(GroupBy):
    """Mesa's ``GroupBy`` whose ``agg`` reads each group of borrowers from the tables."""

    def agg(self, attr_name: str, func: Callable) -> dict[Hashable, Any]:
        """Aggregate an attribute within each group, as Mesa's ``GroupBy.agg``.

        Args:
            attr_name: The attribute's name.
            func: A function of the values (``np.mean``, ``sum``...).

        Returns:
            Each group's result, by group.
        """
        return {
            key: group.agg(attr_name, func)
            if isinstance(group, BorrowerSet)
            else func([getattr(agent, attr_name) for agent in group])
            for key, group in self.groups.items()
        }


def _groups_of(rows: np.ndarray, values: np.ndarray) -> dict[Hashable, np.ndarray]:
    """Rows grouped by value: groups in the order of their first row, rows in order."""
    keys, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    by_group = rows[np.argsort(inverse, kind="stable")]
    parts = np.split(by_group, np.cumsum(np.bincount(inverse, minlength=len(keys)))[:-1])
    return {keys[k].item(): parts[k] for k in np.argsort(first, kind="stable").tolist()}
