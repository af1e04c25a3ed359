"""The regulatory regime and the library of named regimes, each with its sources.

A :class:`Regime` bounds when collectors may contact borrowers. The named regimes encode the
figures of ../shared/FACTS.md; where a law gives no number the docstring says so and the default
chosen is documented.

Hours are local clock hours: a window ``[start, end)`` with ``start < end`` allows contact from
``start:00`` up to but not including ``end:00``. A window with ``start == end`` allows no contact
on those days. Day 0 of a simulation is a Monday; weekdays are Monday–Friday.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from arrears.validation import ScenarioError, Section, param


@dataclass(frozen=True)
class Regime(Section):
    """A regulatory regime: the rules collectors must follow.

    Attributes:
        name: Regime identifier (a key of :data:`REGIMES`, or a custom name).
        sources: The rules the regime encodes, with citations; where a law gives no number,
            it says so and names the documented default used instead.
        weekday_start_hour: First hour of the contact window on Monday–Friday.
        weekday_end_hour: End (exclusive) of the contact window on Monday–Friday.
        weekend_start_hour: First hour of the contact window on Saturday and Sunday.
        weekend_end_hour: End (exclusive) of the weekend window; equal to the start for none.
    """

    section = "regime"

    name: str = param("laissez_faire", unit="-", doc="regime identifier")
    sources: str = param("", unit="-", doc="the rules this regime encodes, with citations")
    weekday_start_hour: int = param(
        0, unit="hour of day", doc="first hour of the contact window, Monday-Friday", low=0, high=24
    )
    weekday_end_hour: int = param(
        24,
        unit="hour of day",
        doc="end (exclusive) of the contact window, Monday-Friday",
        low=0,
        high=24,
    )
    weekend_start_hour: int = param(
        0, unit="hour of day", doc="first hour of the contact window, weekends", low=0, high=24
    )
    weekend_end_hour: int = param(
        24,
        unit="hour of day",
        doc="end (exclusive) of the contact window, weekends; = start for no weekend contact",
        low=0,
        high=24,
    )

    def check(self) -> None:
        """Each window must not end before it starts."""
        if self.weekday_end_hour < self.weekday_start_hour:
            self.fail(
                "weekday_end_hour",
                self.weekday_end_hour,
                f"must be >= regime.weekday_start_hour ({self.weekday_start_hour})",
            )
        if self.weekend_end_hour < self.weekend_start_hour:
            self.fail(
                "weekend_end_hour",
                self.weekend_end_hour,
                f"must be >= regime.weekend_start_hour ({self.weekend_start_hour})",
            )

    def window(self, day: int) -> tuple[int, int]:
        """The allowed contact hours ``[start, end)`` on a simulation day.

        Args:
            day: Simulation day (day 0 is a Monday).

        Returns:
            Start and end hour; equal when contact is not allowed that day.
        """
        if day % 7 < 5:
            return self.weekday_start_hour, self.weekday_end_hour
        return self.weekend_start_hour, self.weekend_end_hour


LAISSEZ_FAIRE = Regime(
    sources="No contact rules at all: collectors may call at any hour on any day (a reference "
    "point, not a real jurisdiction).",
)

US_REG_F = Regime(
    name="us_reg_f",
    sources="United States: FDCPA §805(a)(1) and Regulation F, 12 CFR 1006.6(b)(1)(i) (2021): "
    "contact is presumed inconvenient before 08:00 or after 21:00 local time, every day.",
    weekday_start_hour=8,
    weekday_end_hour=21,
    weekend_start_hour=8,
    weekend_end_hour=21,
)

UK_CONC = Regime(
    name="uk_conc",
    sources="United Kingdom: FCA Handbook CONC 7.9 forbids contact 'at unreasonable times' but "
    "sets no hours; 08:00-21:00 every day is a documented default (the industry reading of the "
    "rule), not a number from the rule.",
    weekday_start_hour=8,
    weekday_end_hour=21,
    weekend_start_hour=8,
    weekend_end_hour=21,
)

EU_CCD2 = Regime(
    name="eu_ccd2",
    sources="European Union: Consumer Credit Directive 2023/2225 Art 35 and Credit Servicers "
    "Directive 2021/2167 Art 10 set no contact hours (CSD Art 10 bans harassment and coercion); "
    "08:00-20:00 every day is a documented default standing for national rules.",
    weekday_start_hour=8,
    weekday_end_hour=20,
    weekend_start_hour=8,
    weekend_end_hour=20,
)

CN_2025 = Regime(
    name="cn_2025",
    sources="China: national standard GB/T 45251-2025 (financial collection services) and the "
    "China Banking Association collection guideline (2026): no collection 22:00-08:00.",
    weekday_start_hour=8,
    weekday_end_hour=22,
    weekend_start_hour=8,
    weekend_end_hour=22,
)

RU_230FZ = Regime(
    name="ru_230fz",
    sources="Russia: Federal Law 230-FZ (2016), art. 7: contact on working days 08:00-22:00 and "
    "on weekends and holidays 09:00-20:00.",
    weekday_start_hour=8,
    weekday_end_hour=22,
    weekend_start_hour=9,
    weekend_end_hour=20,
)

FIRM_WORKDAY = Regime(
    name="firm_workday",
    sources="A voluntary firm policy from practice (../shared/FACTS.md): contact only on "
    "workdays 09:00-18:00.",
    weekday_start_hour=9,
    weekday_end_hour=18,
    weekend_start_hour=0,
    weekend_end_hour=0,
)

REGIMES: dict[str, Regime] = {
    regime.name: regime
    for regime in (LAISSEZ_FAIRE, US_REG_F, UK_CONC, EU_CCD2, CN_2025, RU_230FZ, FIRM_WORKDAY)
}
"""The named regime library, by name; each regime's ``sources`` cites the rules it encodes."""


def named_regime(name: object) -> Regime:
    """Look up a named regime.

    Args:
        name: Regime name.

    Returns:
        The regime.

    Raises:
        ScenarioError: If the name is unknown; the message lists the valid names.
    """
    if isinstance(name, str) and name in REGIMES:
        return REGIMES[name]
    raise ScenarioError(f"regime.name must be one of {', '.join(sorted(REGIMES))}, got {name!r}")


def build_regime(table: Mapping[str, Any]) -> Regime:
    """Build a regime from a TOML table: a named regime with some rules changed, or a custom one.

    A table naming a regime of :data:`REGIMES` starts from it, and every rule it sets replaces
    the named one; the changes are appended to ``sources`` so the record says what was altered.
    A table with any other name is a custom regime and must set every rule.

    Args:
        table: ``{"name": ..., <rule>: <value>, ...}``; the name defaults to ``laissez_faire``.

    Returns:
        The validated regime.

    Raises:
        ScenarioError: On an unknown name or key, a custom regime with rules missing, or a bad
            value.
    """
    if not isinstance(table, Mapping):
        raise ScenarioError(f"[regime] must be a table of keys, got {table!r}")
    name = table.get("name", LAISSEZ_FAIRE.name)
    rules = {f.name for f in dataclasses.fields(Regime)} - {"name", "sources"}
    if isinstance(name, str) and name not in REGIMES and rules <= set(table):
        return Regime.from_mapping(table)
    base = dataclasses.asdict(named_regime(name))
    changed = {
        key: value
        for key, value in table.items()
        if key not in ("name", "sources") and base.get(key, object()) != value
    }
    merged = base | dict(table)
    if changed and "sources" not in table:
        notes = ", ".join(f"{key}={value!r}" for key, value in changed.items())
        merged["sources"] = f"{base['sources']} Changed here: {notes}."
    return Regime.from_mapping(merged)
