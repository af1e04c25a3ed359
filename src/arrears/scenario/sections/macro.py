"""The macro section: the unemployment path, job finding and payment moratoria."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param

MACRO_SCENARIOS = ("baseline", "recession", "pandemic")
"""Named unemployment paths of ``macro.scenario``."""


@dataclass(frozen=True)
class MacroParams(Section):
    """The macro economy: the unemployment path, job finding and a payment moratorium policy.

    The unemployment path is either a named scenario (``baseline``: the baseline rate
    throughout; ``recession``: up by ``recession_points`` over ``recession_rise_months``,
    held, then back over ``recession_recovery_months``; ``pandemic``: up by
    ``pandemic_points`` within one month, held, then back) or a custom ``unemployment_path``.
    The two are exclusive: a custom path needs ``scenario = "baseline"``, and a named shock
    with a path given is refused. Shocks start in month ``shock_start_month``.

    A payment moratorium (``moratorium_months > 0``) is a policy, not a shock, so it combines
    with any path: for its length, borrowers in it are billed nothing, charged no interest or
    fees, do not age and are not contacted (the breathing-space machinery plus a payment
    holiday).
    """

    section = "macro"

    scenario: str = param(
        "baseline",
        unit="-",
        doc="named unemployment path: baseline, recession or pandemic (see shock fields); "
        "baseline when a custom unemployment_path is given",
        choices=MACRO_SCENARIOS,
    )
    unemployment_rate: float = param(
        0.05, unit="share", doc="baseline unemployment rate", low=0, high=0.9
    )
    unemployment_path: tuple[float, ...] = param(
        (),
        unit="share",
        doc="custom unemployment rate by month (month 0 first); the last value holds after its "
        "end; empty for the named scenario",
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
    shock_start_month: int = param(
        6,
        unit="month",
        doc="month in which a recession or pandemic shock begins (6 = after a 180-day warm-up)",
        low=0,
        high=1200,
    )
    recession_points: float = param(
        0.05,
        unit="share",
        doc="rise of unemployment at a recession's peak (0.05 = five points; the 2008-09 US "
        "recession took unemployment from 5% to 10%) [S]",
        low=0,
        high=0.9,
    )
    recession_rise_months: int = param(
        6, unit="months", doc="months over which a recession's unemployment rises", low=1, high=120
    )
    recession_hold_months: int = param(
        6, unit="months", doc="months a recession's unemployment stays at its peak", low=0, high=120
    )
    recession_recovery_months: int = param(
        12,
        unit="months",
        doc="months over which unemployment falls back to the baseline after a recession",
        low=0,
        high=120,
    )
    pandemic_points: float = param(
        0.08,
        unit="share",
        doc="sharp rise of unemployment in a pandemic's first month (US 2020: 3.5% in February "
        "to 14.7% in April, BLS) [S]",
        low=0,
        high=0.9,
    )
    pandemic_hold_months: int = param(
        2, unit="months", doc="months a pandemic's unemployment stays at its peak", low=0, high=120
    )
    pandemic_recovery_months: int = param(
        12,
        unit="months",
        doc="months over which unemployment falls back to the baseline after a pandemic",
        low=0,
        high=120,
    )
    moratorium_months: int = param(
        0,
        unit="months",
        doc="length of a general payment moratorium (no billing, interest, fees, ageing or "
        "contact); 0 = none (UK 2020: payment deferrals of up to 3 months on consumer credit, "
        "FCA guidance) [S]",
        low=0,
        high=60,
    )
    moratorium_start_month: int = param(
        6, unit="month", doc="month in which the payment moratorium opens", low=0, high=1200
    )
    moratorium_scope: str = param(
        "all",
        unit="-",
        doc="all: every borrower is in the moratorium from its first day; on_request: "
        "borrowers in difficulty (unemployed or in arrears) ask for it on a payday while it is "
        "open, each with chance moratorium_take_up, and keep it to its end",
        choices=("all", "on_request"),
    )
    moratorium_take_up: float = param(
        0.5,
        unit="probability",
        doc="on_request: chance a borrower in difficulty asks for the moratorium on a payday",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """A custom path excludes a named shock, and a shock must keep unemployment <= 0.9."""
        if self.unemployment_path and self.scenario != "baseline":
            self.fail(
                "scenario",
                self.scenario,
                "must be 'baseline' when macro.unemployment_path is given (a custom path "
                "replaces the named scenarios; give one or the other)",
            )
        for shock in ("recession", "pandemic"):
            points = getattr(self, f"{shock}_points")
            if self.scenario == shock and self.unemployment_rate + points > 0.9:
                self.fail(
                    f"{shock}_points",
                    points,
                    f"must keep unemployment <= 0.9 (macro.unemployment_rate is "
                    f"{self.unemployment_rate})",
                )

    def _shock(self) -> tuple[float, int, int, int]:
        """The scenario's shock: peak rise, rise, hold and recovery months (zeros: none)."""
        if self.scenario == "recession":
            return (
                self.recession_points,
                self.recession_rise_months,
                self.recession_hold_months,
                self.recession_recovery_months,
            )
        if self.scenario == "pandemic":
            return self.pandemic_points, 1, self.pandemic_hold_months, self.pandemic_recovery_months
        return 0.0, 1, 0, 0

    def unemployment(self, month: int) -> float:
        """The target unemployment rate in a month.

        A shock rises linearly over its rise months (reaching the peak in the last of them),
        holds, then falls linearly back, reaching the baseline in its last recovery month.

        Args:
            month: Simulation month (day // 30).

        Returns:
            The unemployment rate (share).
        """
        if self.unemployment_path:
            return self.unemployment_path[min(month, len(self.unemployment_path) - 1)]
        points, rise, hold, recovery = self._shock()
        t = month - self.shock_start_month
        if points == 0.0 or t < 0:
            return self.unemployment_rate
        if t < rise:
            share = (t + 1) / rise
        elif t < rise + hold:
            share = 1.0
        else:
            back = t - rise - hold + 1
            share = max(0.0, 1.0 - back / recovery) if recovery > 0 else 0.0
        return self.unemployment_rate + points * share

    def separation_rate(self, month: int, unemployed_share: float) -> float:
        """Monthly job-loss probability that moves unemployment onto its target this month.

        In a two-state monthly Markov chain ``u' = u (1 - f) + (1 - u) s``; solving for ``s``
        with ``u'`` the month's target gives ``s = (u' - u (1 - f)) / (1 - u)``, clipped to
        [0, 1] (unemployment cannot fall faster than job finding allows). At the steady state
        this is ``u f / (1 - u)``.

        Args:
            month: Simulation month.
            unemployed_share: Share of borrowers unemployed as the month starts.

        Returns:
            The monthly separation probability (share).
        """
        target = self.unemployment(month)
        u = min(unemployed_share, 0.999)
        rate = (target - u * (1.0 - self.job_finding_rate)) / (1.0 - u)
        return min(1.0, max(0.0, rate))
