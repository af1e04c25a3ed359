"""Tests of the run constants: typed fields derived from the scenario's sections."""

from __future__ import annotations

from dataclasses import fields
from typing import get_args, get_origin, get_type_hints

import numpy as np
import numpy.typing as npt
import pytest

from arrears.market.kernels.inputs import RunConstants, run_constants
from arrears.scenario.markets import MARKETS
from arrears.scenario.regimes import REGIMES, Regime
from arrears.scenario.scenario import Scenario
from arrears.scenario.sections.behaviour import BehaviourParams
from arrears.scenario.sections.channels import ChannelParams
from arrears.scenario.sections.lenders import LenderParams
from arrears.scenario.sections.litigation import LitigationParams

LITIGATION_NUMBERS = [
    name for name, hint in get_type_hints(LitigationParams).items() if hint in (int, float)
]
"""The numeric fields of the litigation section (its choices stay with the Lender agent)."""

SECTION_FIELDS = (
    [f.name for f in fields(LenderParams) if f.name != "n_lenders"]
    + [f"channel_{f.name}" for f in fields(ChannelParams)]
    + [f.name for f in fields(BehaviourParams)]
    + [f"litigation_{name}" for name in LITIGATION_NUMBERS]
    + [f"regime_{f.name}" for f in fields(Regime) if f.name not in ("name", "sources")]
)
"""The run constants the sections give, by the naming rules of ``RunConstants``."""

BUILT_FIELDS = {
    "seed",
    "reach_profile",
    "intrusion",
    "monthly_rate",
    "late_fee",
    "term_months",
    "principal_log_median",
    "principal_log_sd",
    "renewal_probability",
    "saving_rate",
    "benefit_replacement",
    "job_finding_rate",
    "job_loss_multiplier",
    "scorecard_tier_logit",
    "scorecard_score_weight",
    "scorecard_income_weight",
    "scorecard_unemployed_logit",
    "renewals_underwritten",
    "tier_willingness_logit",
    "tier_log_income_median",
    "moratorium_take_up",
}
"""The run constants built from several sections (``RunConstants``'s attributes)."""

SCENARIOS = {
    "defaults": Scenario(),
    "three_lenders": Scenario().with_overrides(
        {"lenders.n_lenders": 3, "lenders.charge_off_in_court": True}
    ),
    **{f"market_{name}": Scenario.for_market(name) for name in MARKETS},
    **{f"regime_{name}": Scenario().with_overrides({"regime.name": name}) for name in REGIMES},
}


def test_typed_fields_are_the_sections_fields():
    """Every section parameter has its typed field, and the class has no other."""
    assert len(set(SECTION_FIELDS)) == len(SECTION_FIELDS)
    assert not BUILT_FIELDS & set(SECTION_FIELDS)
    declared = set(RunConstants._fields)
    expected = set(SECTION_FIELDS) | BUILT_FIELDS
    assert declared == expected, (
        f"missing from RunConstants: {sorted(expected - declared)}; "
        f"not a section's: {sorted(declared - expected)}"
    )


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_built_values_have_the_declared_types(scenario):
    """Scalars are exactly their declared type; arrays have the declared dtype."""
    hints = get_type_hints(RunConstants)
    for name, value in run_constants(scenario)._asdict().items():
        hint = hints[name]
        if get_origin(hint) is npt.NDArray:
            assert isinstance(value, np.ndarray), name
            assert value.dtype == get_args(hint)[0], (name, value.dtype, hint)
        else:
            assert type(value) is hint, (name, type(value), hint)


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_section_fields_carry_the_sections_values(scenario):
    """Each lender holds the lenders' policy; the other sections' values are as given."""
    run = run_constants(scenario)
    for f in fields(LenderParams):
        if f.name != "n_lenders":
            column = getattr(run, f.name)
            assert column.shape == (scenario.lenders.n_lenders,)
            assert (column == getattr(scenario.lenders, f.name)).all()
    for f in fields(ChannelParams):
        assert list(getattr(run, f"channel_{f.name}")) == list(getattr(scenario.channels, f.name))
    for f in fields(BehaviourParams):
        assert getattr(run, f.name) == getattr(scenario.behaviour, f.name)
    for name in LITIGATION_NUMBERS:
        assert getattr(run, f"litigation_{name}") == getattr(scenario.litigation, name)
    for f in fields(Regime):
        choices = f.metadata["spec"].choices
        if f.name not in ("name", "sources"):
            value = getattr(scenario.regime, f.name)
            expected = value if choices is None else choices.index(value)
            assert getattr(run, f"regime_{f.name}") == expected
