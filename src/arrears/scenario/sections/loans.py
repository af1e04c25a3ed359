"""The loans section: the terms of the instalment loans in the book."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param


@dataclass(frozen=True)
class LoanParams(Section):
    """Loans: size, price, term, fees and renewal."""

    section = "loans"

    principal_median: float = param(
        2500.0,
        unit="currency units",
        doc="median amount borrowed (a typical Chinese consumer-finance loan is RMB 2,000-3,000 "
        "[S]; draws are capped at "
        "10^8, see arrears.market.tables.MAX_PRINCIPAL_CENTS)",
        low=1,
        high=1e7,
    )
    principal_log_sd: float = param(
        0.5, unit="log currency", doc="dispersion of log principal", low=0, high=5
    )
    apr_annual: float = param(
        0.20,
        unit="1/year",
        doc="annual percentage rate (Chinese consumer finance: about 20% [S])",
        low=0,
        high=10,
    )
    term_months: int = param(
        12,
        unit="months",
        doc="term of a loan (Chinese consumer finance: 9-12 months [S])",
        low=1,
        high=600,
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
        doc="chance a borrower asks for a new loan on the line when a loan is repaid (granted "
        "only below the lender's cut-off if credit.renewals_underwritten)",
        low=0,
        high=1,
    )
