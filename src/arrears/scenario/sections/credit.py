"""The credit section: applications, lenders' scorecards and underwriting cut-offs."""

from __future__ import annotations

from dataclasses import dataclass

from arrears.scenario.fields import Section, param
from arrears.scenario.sections.population import TIER_NAMES


@dataclass(frozen=True)
class CreditParams(Section):
    """Credit supply: applicants, the lenders' scorecard, the underwriting cut-off, reputation.

    Each month every lender receives ``applications_per_month x`` its day-0 accounts ``x
    reputation ** application_reputation_elasticity`` applicants, drawn like the day-0
    population (tilted toward riskier tiers as reputation falls). The scorecard predicts each
    applicant's chance of falling behind within a year: ``PD = sigmoid(scorecard_tier_logit[tier]
    - scorecard_score_weight (score - willingness_logit[tier]) - scorecard_income_weight
    ln(income / income_median[tier]) + scorecard_unemployed_logit (1 - employed))``, where the
    credit score is the applicant's willingness seen with error ``score_noise_sd``. Applicants
    with ``PD < cut-off`` are approved. The cut-off is the lender's break-even default
    probability: a loan that keeps paying earns the margin ``m = loans.apr_annual -
    funding_cost - servicing_cost`` a year, one that falls behind loses ``L``, the share of the
    balance falling behind that the lender ends up writing off or discounting, so a loan pays
    while ``(1 - PD) m > PD L``, i.e. ``PD < m / (m + L)`` (credit scoring's break-even odds,
    Thomas, Edelman & Crook 2002, *Credit Scoring and Its Applications*, ch. 1). ``L`` is
    measured lag-aligned on the lender's own book: write-offs and settlement discounts of the
    last ``loss_window_months`` over the balance that fell behind in the same number of months
    ending ``ceil(charge_off_dpd / 30)`` months earlier, when those losses began (the months not
    yet observed count at ``prior_delinquency_loss``). Aligning the two windows matters: losses
    lag delinquency by the charge-off horizon, so an unaligned ratio reads a shrinking book as
    riskier and a growing one as safer, and a cut-off built on it runs the book off or up
    without end. The cut-off moves each month a share ``cutoff_adjustment`` of the way to
    ``(1 - underwriting_margin) m / (m + L)``: lenders revise credit policy gradually, not on
    one month's losses. Defaults are documented modelling choices; the scorecard's
    coefficients were fitted (logistic regression) to whether new loans of the baseline scenario
    (every applicant approved, 6,500 loans) fell behind within a year.
    """

    section = "credit"

    applications_per_month: float = param(
        0.028,
        unit="applicants / day-0 account / month",
        doc="applicant flow per lender at full reputation, relative to its day-0 portfolio "
        "(0.028 holds the default book near its day-0 size over 5 years: approved applicants "
        "borrow 1.4 loans each on average, as day-0 borrowers do); 0 = no new borrowers",
        low=0,
        high=10,
    )
    application_reputation_elasticity: float = param(
        1.0,
        unit="-",
        doc="applications scale with reputation ** elasticity; 0 = reputation does not matter",
        low=0,
        high=10,
    )
    applicant_selection: float = param(
        1.0,
        unit="log-odds / tier / unit reputation lost",
        doc="adverse selection: as reputation falls, applicants tilt toward riskier tiers "
        "(tier weights x exp(selection x (1 - reputation) x tier index)); 0 = no tilt",
        low=0,
        high=10,
    )
    scorecard_tier_logit: tuple[float, ...] = param(
        (-1.6, -0.4, 1.6),
        unit="log-odds",
        doc="scorecard: log-odds of falling behind within a year for an average applicant of "
        "each tier (fitted: new baseline loans fell behind within a year 21%, 43% and 80% of "
        "the time)",
        low=-20,
        high=20,
    )
    scorecard_score_weight: float = param(
        0.7,
        unit="log-odds / log-odds",
        doc="scorecard: fall of the predicted default log-odds per unit of credit score above "
        "the tier's mean willingness",
        low=0,
        high=10,
    )
    scorecard_income_weight: float = param(
        0.3,
        unit="log-odds / log income",
        doc="scorecard: fall of the predicted default log-odds per unit of log income above "
        "the tier's median",
        low=0,
        high=10,
    )
    scorecard_unemployed_logit: float = param(
        0.8,
        unit="log-odds",
        doc="scorecard: rise of the predicted default log-odds for an applicant out of work",
        low=0,
        high=20,
    )
    score_noise_sd: float = param(
        0.5,
        unit="log-odds",
        doc="error of the credit score about an applicant's willingness to pay",
        low=0,
        high=10,
    )
    funding_cost: float = param(
        0.05,
        unit="1/year",
        doc="cost of the lender's funds per unit of balance lent [U]",
        low=0,
        high=10,
    )
    servicing_cost: float = param(
        0.05,
        unit="1/year",
        doc="operating cost of servicing a performing loan per unit of balance [U]",
        low=0,
        high=10,
    )
    underwriting_margin: float = param(
        0.0,
        unit="share",
        doc="stricter underwriting at origination (firm intervention): the cut-off aims this "
        "share below the break-even one; 0 = none",
        low=0,
        high=1,
    )
    cutoff_adjustment: float = param(
        0.2,
        unit="share / month",
        doc="share of the gap to its break-even target the cut-off closes each month (credit "
        "policy is revised gradually)",
        low=0,
        high=1,
    )
    prior_delinquency_loss: float = param(
        0.05,
        unit="share of the balance falling behind",
        doc="loss per unit of balance falling behind that a lender assumes for the months it "
        "has not yet observed",
        low=0,
        high=10,
    )
    loss_window_months: int = param(
        12,
        unit="months",
        doc="months of its own losses (and of the balances that fell behind a charge-off "
        "horizon earlier) a lender's loss estimate covers",
        low=1,
        high=120,
    )
    renewals_underwritten: bool = param(
        True,
        unit="-",
        doc="a renewal is a new loan: granted only if the borrower's predicted default (scored "
        "again, with current employment) is below the lender's cut-off",
    )
    initial_reputation: float = param(
        1.0, unit="0-1", doc="every lender's reputation at day 0", low=0, high=1
    )
    reputation_per_complaint: float = param(
        0.1,
        unit="1 / (complaint per 1,000 accounts)",
        doc="reputation lost on publication: reputation x exp(-rate x published complaints per "
        "1,000 open accounts that month). Small by the evidence: borrowers on average do not "
        "apply less to lenders after public enforcement actions, only where the media cover "
        "them (Flannery, Wang & Zhang, working paper) [S]; at complaint rates near the public "
        "figure (a few a year per 1,000 accounts in arrears, ~0.01 a month per 1,000 open "
        "accounts) reputation stays above 0.95, so applications fall by 5% at most",
        low=0,
        high=100,
    )
    reputation_recovery: float = param(
        0.05,
        unit="share / month",
        doc="share of the gap to full reputation recovered each month",
        low=0,
        high=1,
    )

    def check(self) -> None:
        """The scorecard has one log-odds per tier."""
        if len(self.scorecard_tier_logit) != len(TIER_NAMES):
            self.fail(
                "scorecard_tier_logit",
                self.scorecard_tier_logit,
                f"must list {len(TIER_NAMES)} values ({', '.join(TIER_NAMES)})",
            )
