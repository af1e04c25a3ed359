"""The population section: borrowers' risk tiers, income, spending, savings and willingness."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param
from arrears.scenario.reachability import ARCHETYPES

TIER_NAMES = ("prime", "near_prime", "subprime")
"""Names of the borrower risk tiers, in the order of every per-tier parameter."""


@dataclass(frozen=True)
class PopulationParams(Section):
    """Borrowers: risk tiers, income, spending, savings and willingness to pay."""

    section = "population"

    n_accounts: int = param(
        5000,
        unit="accounts",
        doc="number of loan accounts (borrowers hold one or more)",
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
        low=1,
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
    accounts_per_borrower_shares: tuple[float, ...] = param(
        (0.7, 0.2, 0.1),
        unit="share",
        doc="share of borrowers holding 1, 2, 3, ... accounts (at different lenders when there "
        "are enough lenders); multiple borrowing is common in consumer finance",
        low=0,
        high=1,
    )
    archetype_shares: tuple[float, ...] = param(
        (0.45, 0.25, 0.15, 0.15),
        unit="share",
        doc="share of borrowers by reachability archetype (day, evening, shift, hard_to_reach)",
        low=0,
        high=1,
    )
    initial_trust: float = param(
        0.5,
        unit="0-1",
        doc="trust in each creditor at the start of the relationship",
        low=0,
        high=1,
    )
    rights_awareness_mean: float = param(
        0.3,
        unit="0-1",
        doc="mean awareness of borrower rights (complaints, breathing space)",
        low=0,
        high=1,
    )
    rights_awareness_sd: float = param(
        0.2, unit="0-1", doc="spread of rights awareness between borrowers", low=0, high=1
    )
    initial_stress: float = param(
        0.1, unit="0-1", doc="financial stress of every borrower at day 0", low=0, high=1
    )

    def check(self) -> None:
        """Per-tier and per-archetype lists have the right lengths; shares sum to one."""
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
        if len(self.archetype_shares) != len(ARCHETYPES):
            self.fail(
                "archetype_shares",
                self.archetype_shares,
                f"must list {len(ARCHETYPES)} values ({', '.join(ARCHETYPES)})",
            )
        if not self.accounts_per_borrower_shares:
            self.fail("accounts_per_borrower_shares", (), "must list at least one share")
        for name in ("tier_shares", "archetype_shares", "accounts_per_borrower_shares"):
            if abs(sum(getattr(self, name)) - 1.0) > 1e-9:
                self.fail(name, getattr(self, name), "must sum to 1")
