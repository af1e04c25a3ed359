"""The run section: how long, with which seed and which engine."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


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
