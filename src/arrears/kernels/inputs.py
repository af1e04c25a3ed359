"""What the kernels are told: run constants and the inputs of one day.

Both are ``NamedTuple``s of scalars and small arrays, built by the model from the scenario and
from the decisions of the lender, collector and regulator agents. Money is in cents.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class RunConstants(NamedTuple):
    """Parameters fixed for a run.

    Attributes:
        seed: Run seed for the counter-based generator.
        monthly_rate: Interest per month as a fraction (APR / 12).
        late_fee: Fee per missed instalment, cents.
        term_months: Term of a new loan, months.
        principal_log_median: Log of the median principal of a new loan (log cents).
        principal_log_sd: Dispersion of log principal.
        renewal_probability: Chance a repaid loan is renewed on the same line.
        saving_rate: Share of the income surplus over essentials that is saved.
        benefit_replacement: Unemployment benefit as a share of income.
        job_finding_rate: Monthly chance an unemployed borrower finds a job.
        job_loss_multiplier: float64[tier], job-loss hazard relative to the macro rate.
        contact_pay_logit: Log-odds shift of paying after a right-party conversation.
        self_cure_logit: Log-odds shift of paying on a delinquent day without contact.
        charge_off_dpd: int64[lender], days past due at which each lender charges off.
    """

    seed: int
    monthly_rate: float
    late_fee: int
    term_months: int
    principal_log_median: float
    principal_log_sd: float
    renewal_probability: float
    saving_rate: float
    benefit_replacement: float
    job_finding_rate: float
    job_loss_multiplier: np.ndarray
    contact_pay_logit: float
    self_cure_logit: float
    charge_off_dpd: np.ndarray


class DayInputs(NamedTuple):
    """Inputs that change from day to day.

    Attributes:
        day: Simulation day (day 0 is a Monday; the day of the month is ``day % 30``).
        separation_rate: Monthly job-loss probability from the macro path this month.
        rpc_probability: float64[collector], chance that one call attempt by each collector
            today reaches the right party (reach x mean answering probability in its window).
    """

    day: int
    separation_rate: float
    rpc_probability: np.ndarray
