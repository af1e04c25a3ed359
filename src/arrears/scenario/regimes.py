"""The regulatory regime and the library of named regimes, each with its sources.

A :class:`Regime` bounds when, how often and how collectors may contact borrowers, what lenders
may charge, which duties of forbearance apply, and how the regulator enforces the rules. The
named regimes encode public rules and figures, cited in each one's ``sources``; where a law
gives no number, the ``sources`` say so and name the documented default chosen instead.

Third-party contact (a collector calling a borrower's family, employer or reference contacts) is
``"never"`` lawful, lawful only ``"if_unreachable"`` (the borrower has lost contact, 失联: to find
them, never disclosing the debt), or ``"allowed"`` (and then it discloses the debt, which is
lawful). Contact against the rule is a ``third_party`` violation and discloses the debt.

Hours are local clock hours: a window ``[start, end)`` with ``start < end`` allows contact from
``start:00`` up to but not including ``end:00``. A window with ``start == end`` allows no contact
on those days. Day 0 of a simulation is a Monday; weekdays are Monday–Friday.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from arrears.scenario.fields import ScenarioError, Section, param

THIRD_PARTY_RULES = ("never", "if_unreachable", "allowed")
"""When a regime allows collectors to contact a borrower's third parties, by code."""

CAPS_SCOPES = ("all_loans", "high_cost_short_term")
"""Which loans a regime's fee and APR caps apply to."""

HIGH_COST_MIN_APR = 1.0
HIGH_COST_MAX_TERM_MONTHS = 12
"""High-cost short-term credit as the FCA defines it (FCA Handbook, Glossary: an APR of 100% or
more, the credit due to be repaid or substantially repaid within 12 months)."""


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

    max_attempts_per_day: int = param(
        0,
        unit="call attempts / account / day",
        doc="cap on call attempts per account per day; 0 = no cap",
        low=0,
        high=100,
    )
    max_attempts_per_7d: int = param(
        0,
        unit="call attempts / account / 7 days",
        doc="cap on call attempts per account in any rolling 7 days; 0 = no cap",
        low=0,
        high=15 * 7,
    )
    max_attempts_per_30d: int = param(
        0,
        unit="call attempts / account / 30 days",
        doc="cap on call attempts per account in any rolling 30 days (a month); 0 = no cap; "
        "needs max_attempts_per_day between 1 and 3",
        low=0,
        high=3 * 30,
    )
    max_connected_calls_per_day: int = param(
        0,
        unit="connected calls / borrower / day",
        doc="cap on calls that reach a borrower in a day, over all her debts and collectors: "
        "once reached, no collector calls her again that day; 0 = no cap",
        low=0,
        high=100,
    )
    cooldown_days: int = param(
        0,
        unit="days",
        doc="no calls for this many days after a conversation, its day included; 0 = none",
        low=0,
        high=60,
    )
    max_messages_per_day: int = param(
        0,
        unit="messages / account / day",
        doc="cap on SMS and e-mail messages per account per day; 0 = no cap",
        low=0,
        high=15,
    )
    max_messages_per_7d: int = param(
        0,
        unit="messages / account / 7 days",
        doc="cap on SMS and e-mail messages per account in any rolling 7 days; 0 = no cap",
        low=0,
        high=15 * 7,
    )
    max_messages_per_30d: int = param(
        0,
        unit="messages / account / 30 days",
        doc="cap on SMS and e-mail messages per account in any rolling 30 days (a month); "
        "0 = no cap; needs max_messages_per_day between 1 and 3",
        low=0,
        high=3 * 30,
    )
    home_visits_allowed: bool = param(True, unit="-", doc="whether home visits are lawful")
    max_visits_per_7d: int = param(
        0,
        unit="visits / account / 7 days",
        doc="cap on home visits per account in any rolling 7 days; 0 = no cap",
        low=0,
        high=7,
    )
    visit_collectors: int = param(
        1,
        unit="collectors / visit",
        doc="collectors who must attend each home visit (each spends the visit's staff-minutes)",
        low=1,
        high=10,
    )
    visits_recorded: bool = param(
        False,
        unit="-",
        doc="home visits are recorded on audio/video: an audit substantiates every violation "
        "committed on a visit",
    )
    third_party_contact: str = param(
        "allowed",
        unit="-",
        doc="when collectors may contact a borrower's family, employer or contacts: never; "
        "if_unreachable (only borrowers who lost contact, to locate them, without disclosing "
        "the debt); allowed (disclosing it)",
        choices=THIRD_PARTY_RULES,
    )
    threats_banned: bool = param(
        False, unit="-", doc="whether threats and harassment in conversations are violations"
    )
    forbearance_duty: bool = param(
        False, unit="-", doc="collectors must offer the lender's repayment plans"
    )
    breathing_space_days: int = param(
        0,
        unit="days",
        doc="statutory moratorium a borrower in arrears may request: no contact, interest, fees "
        "or ageing for its length, at most once in 365 days; 0 = none",
        low=0,
        high=365,
    )
    litigation_allowed: bool = param(
        True,
        unit="-",
        doc="whether lenders may sue borrowers (with a forbearance duty, only after a plan was "
        "offered on the loan)",
    )
    garnishment_share: float = param(
        0.25,
        unit="share of wages",
        doc="share of a judgment debtor's wages withheld on each payday until the judgment is "
        "paid; 0 = no wage garnishment (benefits are never garnished)",
        low=0,
        high=1,
    )
    late_fee_cap: float = param(
        -1.0, unit="currency units", doc="cap on a late fee; -1 = no cap", low=-1
    )
    apr_cap: float = param(-1.0, unit="1/year", doc="cap on the APR; -1 = no cap", low=-1)
    caps_scope: str = param(
        "all_loans",
        unit="-",
        doc="loans the fee and APR caps apply to: all_loans, or high_cost_short_term (APR of "
        "100% or more, repaid within 12 months: the UK's high-cost short-term credit)",
        choices=CAPS_SCOPES,
    )
    audit_per_complaint: float = param(
        0.0,
        unit="1 / complaint",
        doc="audit hazard per complaint received about a collector in a month "
        "(P(audit) = 1 - exp(-rate x complaints)); 0 = no enforcement",
        low=0,
        high=10,
    )
    audits_per_month: int = param(
        0, unit="audits / month", doc="regulator's audit budget", low=0, high=1000
    )
    detection_probability: float = param(
        0.5, unit="probability", doc="chance an audit substantiates each violation", low=0, high=1
    )
    fine_per_violation: float = param(
        0.0, unit="currency units", doc="fine per substantiated violation", low=0
    )
    suspension_findings: int = param(
        0,
        unit="audits with findings",
        doc="findings after which a collector is suspended; 0 = never",
        low=0,
        high=100,
    )
    suspension_days: int = param(
        30, unit="days", doc="length of a suspension (no contact allowed)", low=0, high=365
    )
    revocation_findings: int = param(
        0,
        unit="audits with findings",
        doc="findings after which a collector's licence is revoked for good; 0 = never",
        low=0,
        high=100,
    )
    licence_fee_per_year: float = param(
        0.0,
        unit="currency units / firm / year",
        doc="cost of the registration or licence every collection agency and platform must "
        "hold (fees, surety-bond premiums), paid day by day; 0 = none",
        low=0,
    )
    min_capital: float = param(
        0.0,
        unit="currency units",
        doc="net assets a collection agency or platform must hold: an entrant brings it on top "
        "of its working cash (agencies.starting_cash), and a firm whose cash falls below it "
        "loses its registration and leaves; 0 = none",
        low=0,
    )
    compliance_cost_per_month: float = param(
        0.0,
        unit="currency units / firm / month",
        doc="fixed cost of the compliance function the rules demand of every collector (a "
        "compliance officer, reviews of its own conduct), in-house teams included; 0 = none",
        low=0,
    )
    recording_cost_per_hour: float = param(
        0.0,
        unit="currency units / staff-hour",
        doc="cost of recording collection calls and keeping the recordings, per staff-hour of "
        "calling; 0 = no recording duty",
        low=0,
    )
    publish_complaints: bool = param(
        False,
        unit="-",
        doc="the regulator publishes each lender's complaint count every month, which lowers "
        "the reputation of lenders complained about (regulators publish complaint data: the "
        "CFPB's complaint database, the FCA's firm complaint tables; monthly is a modelling "
        "choice) [S]",
    )

    def check(self) -> None:
        """Each window must not end before it starts; a 30-day cap needs a daily cap of 1-3."""
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
        for month_cap, day_cap in (
            ("max_attempts_per_30d", "max_attempts_per_day"),
            ("max_messages_per_30d", "max_messages_per_day"),
        ):
            per_day = getattr(self, day_cap)
            if getattr(self, month_cap) > 0 and not 1 <= per_day <= 3:
                self.fail(
                    day_cap,
                    per_day,
                    f"must be between 1 and 3 where regime.{month_cap} is set (the 30-day "
                    "count keeps 2 bits a day)",
                )

    @classmethod
    def describe(cls) -> list[dict[str, str]]:
        """Rows describing every rule (see :meth:`.Section.describe`), the named regimes too."""
        rows = super().describe()
        for row in rows:
            if row["field"] == "regime.name":
                row["allowed"] = allowed_names()
        return rows

    def caps_apply(self, apr_annual: float, term_months: int) -> bool:
        """Whether the fee and APR caps apply to a loan.

        Args:
            apr_annual: The loan's APR (1/year).
            term_months: Its term, months.

        Returns:
            True for every loan when ``caps_scope`` is ``all_loans``; for high-cost short-term
            credit only otherwise.
        """
        if self.caps_scope == "all_loans":
            return True
        return apr_annual >= HIGH_COST_MIN_APR and term_months <= HIGH_COST_MAX_TERM_MONTHS

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
    sources="No rules at all: collectors may call at any hour on any day, as often as they like, "
    "contact (and tell) a borrower's family and employer, and threats are not sanctioned (a "
    "reference point, not a real jurisdiction). Lenders may sue; a judgment garnishes 25% of "
    "wages (a documented default, the US federal cap).",
)

_ENFORCED: dict[str, Any] = {
    "audits_per_month": 5,
    "detection_probability": 0.5,
    "threats_banned": True,
    "publish_complaints": True,
    "compliance_cost_per_month": 500.0,
}
"""Enforcement machinery shared by the statutory regimes (audits, detection, the threat ban, a
monthly publication of complaint counts) and the compliance function each collector keeps for
it (500 a month, a documented default: about one collector's wages for two weeks); the audit
rate and fines differ."""

US_REG_F = Regime(
    name="us_reg_f",
    sources="United States: FDCPA §805(a)(1) and Regulation F, 12 CFR 1006.6(b)(1)(i) (2021): "
    "contact presumed inconvenient before 08:00 or after 21:00 local time; 12 CFR 1006.14(b)(2): "
    "harassment presumed above 7 call attempts in 7 days per debt, or any call within 7 days "
    "after a telephone conversation; FDCPA §806 bans threats; FDCPA §804 and §805(b) allow "
    "contact with third parties only to acquire location information, never disclosing the "
    "debt (if_unreachable). Lenders may sue; 15 U.S.C. §1673 caps wage garnishment at 25% of "
    "disposable earnings. Statutory damages up to $1,000 per individual suit stand in for the "
    "fine per substantiated violation; the audit rate per complaint is a documented default. "
    "Most states license collection agencies, many with a surety bond of $5,000-50,000 at a "
    "premium of 1-3% a year [S]: 1,500 a year stands for a small agency's licences and bonds "
    "(a documented default).",
    weekday_start_hour=8,
    weekday_end_hour=21,
    weekend_start_hour=8,
    weekend_end_hour=21,
    max_attempts_per_7d=7,
    cooldown_days=7,
    third_party_contact="if_unreachable",
    garnishment_share=0.25,
    audit_per_complaint=0.05,
    fine_per_violation=1000.0,
    licence_fee_per_year=1500.0,
    **_ENFORCED,
)

UK_CONC = Regime(
    name="uk_conc",
    sources="United Kingdom: FCA Handbook CONC 7.9 forbids contact 'at unreasonable times' but "
    "sets no hours (08:00-21:00 every day is a documented default) and no call cap; CONC 7.3 "
    "requires forbearance and due consideration; the Debt Respite Scheme gives a 60-day "
    "Breathing Space moratorium at most once in 12 months; the high-cost short-term credit price "
    "cap (CONC 5A: interest and fees at most 0.8% a day, default fees at most £15, total cost "
    "at most 100% of the loan, the last not modelled) binds only loans of that kind: an APR of "
    "100% or more repaid within 12 months (caps_scope). A firm must not disclose the debt to "
    "third parties; tracing "
    "a customer who cannot be reached is lawful (if_unreachable). Lenders may sue (with "
    "forbearance first, CONC 7.3); an attachment of earnings order's rate is set by the court "
    "case by case, so 20% of wages is a documented default. FCA enforcement has no "
    "per-violation tariff: the fine, audit rate and suspension thresholds are documented "
    "defaults. Debt collecting needs FCA authorisation (application fees of £600-15,000 by "
    "income and complexity [V], then periodic fees): 1,500 a year is a documented default.",
    weekday_start_hour=8,
    weekday_end_hour=21,
    weekend_start_hour=8,
    weekend_end_hour=21,
    forbearance_duty=True,
    breathing_space_days=60,
    third_party_contact="if_unreachable",
    garnishment_share=0.2,
    late_fee_cap=15.0,
    apr_cap=0.008 * 365,
    caps_scope="high_cost_short_term",
    audit_per_complaint=0.1,
    fine_per_violation=500.0,
    suspension_findings=3,
    revocation_findings=6,
    licence_fee_per_year=1500.0,
    **_ENFORCED,
)

EU_CCD2 = Regime(
    name="eu_ccd2",
    sources="European Union: Consumer Credit Directive 2023/2225 Art 35 requires reasonable "
    "forbearance before enforcement (from 20 Nov 2026); Credit Servicers Directive 2021/2167 "
    "Art 10 bans harassment and coercion and requires the protection of privacy: third parties "
    "only to locate an unreachable borrower (if_unreachable, a documented reading). Neither "
    "sets contact hours or caps: 08:00-20:00 every day stands for national rules. Lenders may "
    "sue after reasonable forbearance (Art 35); wage garnishment limits are national, 20% a "
    "documented default; fines and audit rates are documented defaults. Credit servicers need "
    "national authorisation (CSD Art 5) [V]: 1,000 a year is a documented default.",
    weekday_start_hour=8,
    weekday_end_hour=20,
    weekend_start_hour=8,
    weekend_end_hour=20,
    forbearance_duty=True,
    third_party_contact="if_unreachable",
    garnishment_share=0.2,
    audit_per_complaint=0.05,
    fine_per_violation=500.0,
    suspension_findings=4,
    licence_fee_per_year=1000.0,
    **_ENFORCED,
)

CN_2025 = Regime(
    name="cn_2025",
    sources="China: national standard GB/T 45251-2025 (financial collection services) and the "
    "China Banking Association collection guideline (2026): no collection 22:00-08:00; at most 6 "
    "unanswered attempts per number per day; threats and violent collection banned; home visits "
    "recorded on audio/video with at least 2 collectors; third parties only when the debtor is "
    "unreachable (number invalid or 3 failed attempts; lost contact here), never disclosing the "
    "debt; comprehensive financing cost at most 24% APR. Lenders may sue; the Civil Procedure "
    "Law leaves the debtor the necessary living expenses but sets no share of wages, so 20% is "
    "a documented default. At most 3 connected calls per debtor per day, the institution and "
    "its agencies combined [S], read here over all her creditors (binding for a borrower with "
    "more than three debts in collection: a collector makes one conversation per account a "
    "day). A regulator fined a consumer-finance firm RMB 1.6 m in 2024 for collection conduct; "
    "the fine per violation and audit rate are documented defaults. Collection firms need no "
    "licence [U]; telephone collection is recorded (CBA guideline) [S], at 0.5 a staff-hour "
    "(a documented default).",
    weekday_start_hour=8,
    weekday_end_hour=22,
    weekend_start_hour=8,
    weekend_end_hour=22,
    max_attempts_per_day=6,
    max_connected_calls_per_day=3,
    visit_collectors=2,
    visits_recorded=True,
    third_party_contact="if_unreachable",
    garnishment_share=0.2,
    apr_cap=0.24,
    audit_per_complaint=0.05,
    fine_per_violation=2000.0,
    suspension_findings=3,
    recording_cost_per_hour=0.5,
    **_ENFORCED,
)

RU_230FZ = Regime(
    name="ru_230fz",
    sources="Russia: Federal Law 230-FZ (2016), art. 7: contact on working days 08:00-22:00 and "
    "on weekends and holidays 09:00-20:00; calls at most 1 a day, 2 a week, 8 a month; messages "
    "at most 2 a day, 4 a week, 16 a month (a week read as any 7 days and a month as any 30, "
    "today included; calls counted as attempts, the strict reading); personal meetings at most "
    "1 a week; threats banned; "
    "art. 4: contact with third parties needs the debtor's written consent and disclosure is "
    "banned (never). Lenders may sue; Federal Law 229-FZ art. 99 allows at most 50% of wages "
    "to be withheld. Agencies are registered and excluded from the registry for repeated "
    "breaches (revocation here); fines and audit rates are documented defaults. A registered "
    "collector holds net assets of at least RUB 10 m and liability insurance [S], about 14 "
    "years of a collector's wages: 500,000 here (at the agencies' 20 a staff-hour), with 500 a "
    "year of registry costs (a documented default); calls are recorded on licensed equipment "
    "and kept for 3 years [V], at 0.5 a staff-hour (a documented default).",
    weekday_start_hour=8,
    weekday_end_hour=22,
    weekend_start_hour=9,
    weekend_end_hour=20,
    max_attempts_per_day=1,
    max_attempts_per_7d=2,
    max_attempts_per_30d=8,
    max_messages_per_day=2,
    max_messages_per_7d=4,
    max_messages_per_30d=16,
    max_visits_per_7d=1,
    third_party_contact="never",
    garnishment_share=0.5,
    audit_per_complaint=0.1,
    fine_per_violation=1000.0,
    suspension_findings=2,
    revocation_findings=4,
    licence_fee_per_year=500.0,
    min_capital=500_000.0,
    recording_cost_per_hour=0.5,
    **_ENFORCED,
)

FIRM_WORKDAY = Regime(
    name="firm_workday",
    sources="A voluntary firm policy of the kind consumer-finance firms report: contact only on "
    "workdays 09:00-18:00, no threats, repayment plans offered (and so before any suit), no "
    "contact with third parties; no regulator behind it "
    "(violations are recorded but never audited). Courts garnish 25% of wages (a documented "
    "default).",
    weekday_start_hour=9,
    weekday_end_hour=18,
    weekend_start_hour=0,
    weekend_end_hour=0,
    threats_banned=True,
    forbearance_duty=True,
    third_party_contact="never",
)

REGIMES: dict[str, Regime] = {
    regime.name: regime
    for regime in (LAISSEZ_FAIRE, US_REG_F, UK_CONC, EU_CCD2, CN_2025, RU_230FZ, FIRM_WORKDAY)
}
"""The named regime library, by name; each regime's ``sources`` cites the rules it encodes."""


def allowed_names() -> str:
    """What ``regime.name`` allows, in words: a named regime, or a custom one with every rule."""
    named = ", ".join(repr(name) for name in REGIMES)
    return f"one of {named}, or another name with every rule set (a custom regime)"


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
    raise ScenarioError(f"regime.name must be {allowed_names()}, got {name!r}")


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
