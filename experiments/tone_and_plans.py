"""Tone and plans: does friendly collection with repayment plans recover as much, with less harm?

Collector tone (``collectors.aggressiveness``: 0 friendly ... 1 aggressive; aggressive
conversations raise the chance of paying now but also stress and distrust, and stress past the
borrower's resistance threshold lowers willingness to pay) is crossed with plan availability
(``collectors.offers_plans``: whether collectors offer the lenders' settlement, deferral and
instalment re-plan) on the baseline portfolio, replicated over seeds with common random numbers.

The recovery side of the frontier is recovery rate, cure rate, loss rate, cash collected on
delinquent accounts, charge-offs and the 30+ DPD share. The harm side is complaints (to the firm
and the regulator, per 1,000 accounts in arrears a year; a complaint is likelier the more
stressed the borrower, the more rule breaches they remember and the more aware of their rights),
the stress of borrowers in arrears (``stress_mean``, and ``stress_p90`` for the most distressed
tenth), rule breaches, and the refusals and disputes in collection conversations.

Outputs (in results/tone_and_plans/): ``results.parquet``, ``by_point.csv`` and five figures:
``frontier_stress.png`` — recovery, cure and loss rates and cash collected against mean borrower
stress, one line per plan arm traced by aggressiveness, mean ± 95% interval across seeds on both
axes (friendly and efficient is up and left; loss rate is better down);
``frontier_complaints.png`` and ``frontier_refusals.png`` — recovery rate and cash collected
against complaints and against refusals; ``outcomes_by_tone.png`` — every outcome and harm
measure against aggressiveness, by plan arm; ``change_from_hard_collection.png`` (and its table
``figures/change_from_hard_collection.csv``, printed) — each arm's relative change against hard
collection (aggressiveness 1, no plans), paired by seed, with 95% intervals.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from arrears.sweeps import study

SWEEP = Path(__file__).with_suffix(".toml")
FULL = {"sweep": {"seeds": 20}, "scenario": {"population": {"n_accounts": 20_000}}}
TINY = {"parameters": {"collectors.aggressiveness": [0.0, 1.0]}}
METRICS = (
    "recovery_rate",
    "cure_rate",
    "collected_delinquent",
    "stress_mean",
    "complaints_per_1000_delinquent",
    "refusals",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study (see the module docstring); ``--help`` lists the options."""
    return study.main(__doc__, SWEEP, FULL, tiny=TINY, table_metrics=METRICS, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
