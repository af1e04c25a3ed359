"""Shared fixtures: small scenarios that run in well under a second once compiled."""

from __future__ import annotations

import pytest

from arrears.params import Scenario


def small_scenario(**overrides: object) -> Scenario:
    """A small, fast scenario: 600 accounts, two lenders, 120 days after a 60-day warm-up."""
    base = {
        "population.n_accounts": 600,
        "lenders.n_lenders": 2,
        "lenders.charge_off_dpd": 90,
        "run.days": 120,
        "run.warmup_days": 60,
        "run.seed": 7,
        "regime.name": "cn_2025",
    }
    return Scenario().with_overrides(base | overrides)


@pytest.fixture
def scenario() -> Scenario:
    return small_scenario()
