"""Shared fixtures: small scenarios that run in well under a second once compiled, and the
Hypothesis profile.

Tests mirror the source tree: those of ``src/arrears/<package>/<module>.py`` live in
``tests/<package>/test_<module>.py``, and a mechanism spanning a package's modules is tested in
that package's folder under its own name (``tests/market/test_caps.py``). Tests of the top-level
modules and those spanning packages (the command line, faults, notebooks, experiment scripts, the
architecture) live at ``tests/`` top, beside the helpers they share.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from arrears.scenario.scenario import Scenario

# Property tests draw the same examples on every run (a suite that passes keeps passing);
# HYPOTHESIS_PROFILE=explore draws new ones each run, to hunt for bugs.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
