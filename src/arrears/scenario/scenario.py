"""A scenario: every parameter of one run, its sections together, and the TOML loader.

A scenario has one section per part of the market — population, loans, lenders, litigation,
credit, collectors, channels, behaviour, regime, macro, run, agencies, placement — each a frozen
dataclass in its own module (:mod:`arrears.scenario.sections`, and :mod:`arrears.scenario.regimes`
for the regime) whose fields carry unit, allowed range, default and meaning (see
:func:`arrears.scenario.fields.param`). :func:`load_scenario` reads a TOML file with one table per
section; any bad value fails with a :class:`~arrears.scenario.fields.ScenarioError` before the
run starts.

Money parameters are in currency units (e.g. RMB or USD; the model is currency-agnostic) and are
held as integer cents in the simulation tables. Defaults follow public figures where there is
one, cited in the parameter's doc; the others are documented modelling choices to be calibrated.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from arrears.scenario.fields import ScenarioError, Section, read_toml
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS, merge_tables, named_market
from arrears.scenario.regimes import LAISSEZ_FAIRE, Regime, build_regime
from arrears.scenario.sections.agencies import AgencyParams
from arrears.scenario.sections.behaviour import BehaviourParams
from arrears.scenario.sections.channels import ChannelParams
from arrears.scenario.sections.collectors import CollectorParams
from arrears.scenario.sections.credit import CreditParams
from arrears.scenario.sections.lenders import LenderParams
from arrears.scenario.sections.litigation import LitigationParams
from arrears.scenario.sections.loans import LoanParams
from arrears.scenario.sections.macro import MacroParams
from arrears.scenario.sections.placement import PlacementParams
from arrears.scenario.sections.population import PopulationParams
from arrears.scenario.sections.run import RunParams


@dataclass(frozen=True)
class Scenario:
    """A complete, validated scenario: every parameter of one simulation run."""

    population: PopulationParams = field(default_factory=PopulationParams)
    loans: LoanParams = field(default_factory=LoanParams)
    lenders: LenderParams = field(default_factory=LenderParams)
    litigation: LitigationParams = field(default_factory=LitigationParams)
    credit: CreditParams = field(default_factory=CreditParams)
    collectors: CollectorParams = field(default_factory=CollectorParams)
    channels: ChannelParams = field(default_factory=ChannelParams)
    behaviour: BehaviourParams = field(default_factory=BehaviourParams)
    regime: Regime = field(default_factory=lambda: LAISSEZ_FAIRE)
    macro: MacroParams = field(default_factory=MacroParams)
    run: RunParams = field(default_factory=RunParams)
    agencies: AgencyParams = field(default_factory=AgencyParams)
    placement: PlacementParams = field(default_factory=PlacementParams)
    market: str = ""
    """The named market the scenario starts from (:mod:`arrears.scenario.markets`); "" for the
    parameter defaults."""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Scenario:
        """Build a scenario from nested tables (as parsed from TOML).

        Args:
            data: ``{section: {field: value}}``; missing sections take their defaults. A
                top-level ``market = "name"`` starts from that named market instead, and the
                tables given change it.

        Returns:
            The validated scenario.

        Raises:
            ScenarioError: On an unknown market, section or key, or any bad value.
        """
        market = data.get("market", "")
        if market != "":
            data = merge_tables(named_market(market).tables(), data)
        kinds = section_types()
        allowed = list(kinds)
        for name in data:
            if name not in [*allowed, "market"]:
                raise ScenarioError(
                    f"[{name}] is not a known section; allowed sections: {', '.join(allowed)}"
                    " (and a top-level market = NAME)"
                )
        sections: dict[str, Any] = {
            name: build_regime(table) if kind is Regime else kind.from_mapping(table)
            for name, kind in kinds.items()
            for table in [data.get(name, {})]
        }
        return cls(**sections, market=market)

    @classmethod
    def for_market(cls, name: str, overrides: Mapping[str, Any] | None = None) -> Scenario:
        """The named market's scenario, with some fields changed.

        Args:
            name: A named market (``arrears markets``), e.g. ``"cn_consumer_finance"``.
            overrides: ``{"section.field": value}`` applied on top (see :meth:`with_overrides`).

        Returns:
            The validated scenario.

        Raises:
            ScenarioError: On an unknown market, or a bad override.
        """
        return cls.from_mapping({"market": name}).with_overrides(overrides or {})

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The scenario as nested plain data (TOML- and JSON-ready)."""
        return dataclasses.asdict(self)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A copy with some fields replaced, addressed by dotted path.

        Setting ``market`` starts the whole scenario from that named market, and setting
        ``regime.name`` starts the regime from that named regime; the other fields given in the
        same call are applied on top.

        Args:
            overrides: ``{"section.field": value}``, e.g. ``{"population.n_accounts": 5000}``,
                and optionally ``{"market": name}``.

        Returns:
            The validated new scenario.

        Raises:
            ScenarioError: On a malformed path, unknown market or field, or bad value.
        """
        data: dict[str, Any] = self.to_dict()
        if "market" in overrides:
            data = Scenario.from_mapping({"market": overrides["market"]}).to_dict()
        if "regime.name" in overrides:
            data["regime"] = {"name": overrides["regime.name"]}
        for path, value in overrides.items():
            if path == "market":
                continue
            section, _, name = path.partition(".")
            if not name or "." in name:
                raise ScenarioError(
                    f"{path!r} is not a parameter path; write section.field, e.g. run.days"
                )
            if not isinstance(data.get(section), dict):
                allowed = ", ".join(key for key, table in data.items() if isinstance(table, dict))
                raise ScenarioError(f"{path!r}: unknown section {section!r}; allowed: {allowed}")
            data[section][name] = value
        return Scenario.from_mapping(data)


@functools.cache
def section_types() -> dict[str, type[Section]]:
    """The scenario's sections by name, in the order of :class:`Scenario`'s fields."""
    hints = get_type_hints(Scenario)
    return {f.name: hints[f.name] for f in dataclasses.fields(Scenario) if f.name != "market"}


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Args:
        path: Path of the TOML file.

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: If the file is missing or unreadable, is not valid TOML, or holds a bad
            section, key or value.
    """
    _, data = read_toml(Path(path), "scenario file")
    return Scenario.from_mapping(data)


def starting_scenario(path: str | Path | None = None, market: str | None = None) -> Scenario:
    """The scenario a command starts from: a file, a named market, both, or the default market.

    Args:
        path: A scenario TOML file, or None.
        market: A named market, or None; with a file, it replaces the market the file names
            (the file's tables still change it).

    Returns:
        The validated scenario; :data:`arrears.scenario.markets.DEFAULT_MARKET` when given neither.

    Raises:
        ScenarioError: On a bad file or an unknown market (see :func:`load_scenario`).
    """
    if path is None:
        return Scenario.for_market(DEFAULT_MARKET if market is None else market)
    _, data = read_toml(Path(path), "scenario file")
    return Scenario.from_mapping(data if market is None else data | {"market": market})


def describe_parameters() -> list[dict[str, str]]:
    """Every parameter of a scenario: field path, default, unit, allowed values and meaning."""
    rows = [
        {
            "field": "market",
            "default": '""',
            "unit": "-",
            "allowed": "'' or one of " + ", ".join(repr(name) for name in MARKETS),
            "meaning": "named market the scenario starts from (a top-level key; the other "
            "fields change it; '' for these defaults; see `arrears markets`)",
        }
    ]
    for kind in section_types().values():
        rows.extend(kind.describe())
    return rows
