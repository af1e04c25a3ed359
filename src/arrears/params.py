"""Scenario parameters: frozen, validated dataclasses and the TOML loader.

A scenario has one section per part of the market — population, loans, lenders, collectors,
regime, macro, run — each a frozen dataclass whose fields carry unit, allowed range, default and
meaning (see :func:`arrears.validation.param`). ``load_scenario`` reads a TOML file with one table
per section; any bad value fails with a :class:`ScenarioError` before the run starts.

Money parameters are in currency units (e.g. RMB or USD; the model is currency-agnostic) and are
held as integer cents in the simulation tables. Defaults follow ../shared/FACTS.md where it has a
figure (a Chinese consumer-finance portfolio: loans of RMB 2,000-3,000 at ~20% APR over 9-12
months); the others are documented modelling choices to be calibrated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arrears.regimes import LAISSEZ_FAIRE, Regime, build_regime
from arrears.validation import ScenarioError, Section, param, read_toml

TIER_NAMES = ("prime", "near_prime", "subprime")
"""Names of the borrower risk tiers, in the order of every per-tier parameter."""


@dataclass(frozen=True)
class PopulationParams(Section):
    """Borrowers: risk tiers, income, spending, savings and willingness to pay."""

    section = "population"

    n_accounts: int = param(
        5000,
        unit="accounts",
        doc="number of loan accounts (one borrower each)",
        low=1,
        high=20_000_000,
    )
    tier_shares: tuple[float, ...] = param(
        (0.5, 0.35, 0.15), unit="share", doc="share of borrowers in each risk tier", low=0, high=1
    )
    income_median: tuple[float, ...] = param(
        (8000.0, 6000.0, 4500.0),
        unit="currency units / month",
        doc="median monthly income when employed, by tier",
        low=0,
    )
    income_log_sd: float = param(
        0.5, unit="log currency", doc="dispersion of log income within a tier", low=0, high=3
    )
    essentials_share: float = param(
        0.55,
        unit="share of income",
        doc="essential spending as a share of own income",
        low=0,
        high=2,
    )
    saving_rate: float = param(
        0.25,
        unit="share of surplus",
        doc="share of income left after essentials that is saved into the liquid buffer",
        low=0,
        high=1,
    )
    buffer_months: tuple[float, ...] = param(
        (1.0, 0.5, 0.2),
        unit="months of income",
        doc="median initial liquid buffer, by tier",
        low=0,
    )
    buffer_log_sd: float = param(
        1.0, unit="log currency", doc="dispersion of the initial buffer", low=0, high=5
    )
    benefit_replacement: float = param(
        0.3,
        unit="share of income",
        doc="unemployment benefit as a share of the lost income",
        low=0,
        high=1,
    )
    job_loss_multiplier: tuple[float, ...] = param(
        (0.6, 1.0, 2.0),
        unit="x",
        doc="job-loss hazard relative to the macro separation rate, by tier",
        low=0,
    )
    willingness_logit: tuple[float, ...] = param(
        (4.0, 3.0, 1.5),
        unit="log-odds",
        doc="mean willingness to pay an instalment that is due and affordable, by tier",
        low=-20,
        high=20,
    )
    willingness_logit_sd: float = param(
        1.0, unit="log-odds", doc="dispersion of willingness between borrowers", low=0, high=10
    )
    reach_by_hour: tuple[float, ...] = param(
        (
            0.02,
            0.02,
            0.02,
            0.02,
            0.02,
            0.03,
            0.08,
            0.2,
            0.35,
            0.45,
            0.5,
            0.5,
            0.55,
            0.5,
            0.45,
            0.45,
            0.45,
            0.5,
            0.6,
            0.65,
            0.6,
            0.45,
            0.25,
            0.08,
        ),
        unit="probability",
        doc="chance a borrower answers a call placed in each hour 0-23 (a daytime profile)",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """Per-tier lists match the tiers; shares sum to one; 24 hourly reach values."""
        n_tiers = len(TIER_NAMES)
        for name in (
            "tier_shares",
            "income_median",
            "buffer_months",
            "job_loss_multiplier",
            "willingness_logit",
        ):
            value = getattr(self, name)
            if len(value) != n_tiers:
                self.fail(name, value, f"must list {n_tiers} values ({', '.join(TIER_NAMES)})")
        if abs(sum(self.tier_shares) - 1.0) > 1e-9:
            self.fail("tier_shares", self.tier_shares, "must sum to 1")
        if len(self.reach_by_hour) != 24:
            self.fail("reach_by_hour", self.reach_by_hour, "must list 24 values (hours 0-23)")


@dataclass(frozen=True)
class LoanParams(Section):
    """Loans: size, price, term, fees and renewal."""

    section = "loans"

    principal_median: float = param(
        2500.0,
        unit="currency units",
        doc="median amount borrowed (FACTS: typical RMB 2,000-3,000 loan)",
        low=1,
    )
    principal_log_sd: float = param(
        0.5, unit="log currency", doc="dispersion of log principal", low=0, high=5
    )
    apr_annual: float = param(
        0.20, unit="1/year", doc="annual percentage rate (FACTS: ~20% APR)", low=0, high=10
    )
    term_months: int = param(
        12, unit="months", doc="term of a loan (FACTS: 9-12 months)", low=1, high=600
    )
    late_fee: float = param(
        20.0,
        unit="currency units",
        doc="fee charged each time an instalment is missed (documented default)",
        low=0,
    )
    renewal_probability: float = param(
        0.6,
        unit="probability",
        doc="chance a borrower draws a new loan on the line when a loan is repaid",
        low=0,
        high=1,
    )


@dataclass(frozen=True)
class LenderParams(Section):
    """Lenders: how many, and when they charge off."""

    section = "lenders"

    n_lenders: int = param(1, unit="lenders", doc="number of lenders", low=1, high=20)
    charge_off_dpd: int = param(
        180,
        unit="days past due",
        doc="charge-off threshold (FACTS: 180 open-end, 120 closed-end; China NPL at 60-90)",
        low=30,
        high=720,
    )


@dataclass(frozen=True)
class CollectorParams(Section):
    """In-house collectors: staff, productivity, cost and the effect of a conversation."""

    section = "collectors"

    staff_per_10k_accounts: float = param(
        4.0,
        unit="staff per 10,000 accounts",
        doc="collection staff of each lender's in-house team, scaled to its portfolio",
        low=0,
    )
    attempts_per_staff_hour: float = param(
        12.0, unit="attempts / staff-hour", doc="dialling productivity", low=0, high=1000
    )
    attempts_per_account_per_day: int = param(
        2,
        unit="attempts",
        doc="call attempts on each worked account per day (FACTS: 1.25-2.99 actual)",
        low=1,
        high=15,
    )
    call_reach: float = param(
        0.6,
        unit="probability",
        doc="chance the right party picks up a call when reachable (FACTS: 2-4 attempts/RPC)",
        low=0,
        high=1,
    )
    cost_per_attempt: float = param(
        0.5, unit="currency units / attempt", doc="telephony cost of one call attempt", low=0
    )
    staff_cost_per_day: float = param(
        300.0, unit="currency units / staff-day", doc="wage cost of one collector-day", low=0
    )
    contact_pay_logit: float = param(
        -1.0,
        unit="log-odds",
        doc="log-odds shift of paying today after a right-party conversation (vs willingness)",
        low=-20,
        high=20,
    )
    self_cure_logit: float = param(
        -7.0,
        unit="log-odds",
        doc="log-odds shift of paying on an ordinary delinquent day without contact",
        low=-20,
        high=20,
    )


@dataclass(frozen=True)
class MacroParams(Section):
    """The macro economy: the unemployment path and job finding."""

    section = "macro"

    unemployment_rate: float = param(
        0.05, unit="share", doc="baseline unemployment rate", low=0, high=0.9
    )
    unemployment_path: tuple[float, ...] = param(
        (),
        unit="share",
        doc="unemployment rate by month (month 0 first); the last value holds after its end; "
        "empty for the baseline rate throughout",
        low=0,
        high=0.9,
    )
    job_finding_rate: float = param(
        0.3,
        unit="1/month",
        doc="monthly chance an unemployed borrower finds a job",
        low=0.001,
        high=1,
    )

    def unemployment(self, month: int) -> float:
        """The target unemployment rate in a month.

        Args:
            month: Simulation month (day // 30).

        Returns:
            The unemployment rate (share).
        """
        if not self.unemployment_path:
            return self.unemployment_rate
        return self.unemployment_path[min(month, len(self.unemployment_path) - 1)]

    def separation_rate(self, month: int) -> float:
        """Monthly job-loss probability that holds unemployment at its target in a month.

        In a two-state Markov chain the steady-state unemployment is ``s / (s + f)``; solving
        for ``s`` given the target ``u`` and job-finding rate ``f`` gives ``s = u f / (1 - u)``.

        Args:
            month: Simulation month.

        Returns:
            The monthly separation probability (share), capped at 1.
        """
        u = self.unemployment(month)
        return min(1.0, u * self.job_finding_rate / (1.0 - u))


@dataclass(frozen=True)
class RunParams(Section):
    """How long, with which seed and which engine."""

    section = "run"

    days: int = param(365, unit="days", doc="days simulated and recorded", low=1, high=36_500)
    warmup_days: int = param(
        0,
        unit="days",
        doc="days simulated before recording starts, so the portfolio's delinquency reaches its "
        "working level (every account starts current)",
        low=0,
        high=36_500,
    )
    seed: int = param(0, unit="-", doc="random seed", low=0, high=2**63 - 1)
    engine: str = param(
        "numba",
        unit="-",
        doc="numba (fast batch kernels) or agents (one Mesa step per borrower)",
        choices=("numba", "agents"),
    )


_SECTIONS: dict[str, type[Section]] = {
    "population": PopulationParams,
    "loans": LoanParams,
    "lenders": LenderParams,
    "collectors": CollectorParams,
    "macro": MacroParams,
    "run": RunParams,
}


@dataclass(frozen=True)
class Scenario:
    """A complete, validated scenario: every parameter of one simulation run."""

    population: PopulationParams = field(default_factory=PopulationParams)
    loans: LoanParams = field(default_factory=LoanParams)
    lenders: LenderParams = field(default_factory=LenderParams)
    collectors: CollectorParams = field(default_factory=CollectorParams)
    regime: Regime = field(default_factory=lambda: LAISSEZ_FAIRE)
    macro: MacroParams = field(default_factory=MacroParams)
    run: RunParams = field(default_factory=RunParams)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Scenario:
        """Build a scenario from nested tables (as parsed from TOML).

        Args:
            data: ``{section: {field: value}}``; missing sections take their defaults.

        Returns:
            The validated scenario.

        Raises:
            ScenarioError: On an unknown section or key, or any bad value.
        """
        allowed = [*_SECTIONS, "regime"]
        for name in data:
            if name not in allowed:
                raise ScenarioError(
                    f"[{name}] is not a known section; allowed sections: {', '.join(allowed)}"
                )
        sections: dict[str, Any] = {
            name: kind.from_mapping(data.get(name, {})) for name, kind in _SECTIONS.items()
        }
        sections["regime"] = build_regime(data.get("regime", {}))
        return cls(**sections)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The scenario as nested plain data (TOML- and JSON-ready)."""
        return dataclasses.asdict(self)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A copy with some fields replaced, addressed by dotted path.

        Setting ``regime.name`` starts the regime from that named regime; other regime fields
        given in the same call are applied on top of it.

        Args:
            overrides: ``{"section.field": value}``, e.g. ``{"population.n_accounts": 5000}``.

        Returns:
            The validated new scenario.

        Raises:
            ScenarioError: On a malformed path, unknown field or bad value.
        """
        data = self.to_dict()
        if "regime.name" in overrides:
            data["regime"] = {"name": overrides["regime.name"]}
        for path, value in overrides.items():
            section, _, name = path.partition(".")
            if not name or "." in name:
                raise ScenarioError(
                    f"{path!r} is not a parameter path; write section.field, e.g. run.days"
                )
            if section not in data:
                raise ScenarioError(
                    f"{path!r}: unknown section {section!r}; allowed: {', '.join(data)}"
                )
            data[section][name] = value
        return Scenario.from_mapping(data)


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


def describe_parameters() -> list[dict[str, str]]:
    """Every parameter of a scenario: field path, default, unit, allowed values and meaning."""
    rows: list[dict[str, str]] = []
    kinds: list[type[Section]] = [*_SECTIONS.values(), Regime]
    for kind in kinds:
        rows.extend(kind.describe())
    return rows
