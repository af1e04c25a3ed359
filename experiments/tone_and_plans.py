"""Tone and plans: does friendly collection with repayment plans recover as much, with less harm?

Collector tone (``collectors.aggressiveness``: 0 friendly ... 1 aggressive; aggressive
conversations raise the chance of paying now but also stress and distrust, and stress past the
borrower's resistance threshold lowers willingness to pay) is crossed with plan availability
(``collectors.offers_plans``: whether collectors offer the lenders' settlement, deferral and
instalment re-plan) on the baseline portfolio, replicated over seeds with common random numbers.

The recovery side of the frontier is recovery rate, cure rate, loss rate, cash collected on
delinquent accounts, charge-offs and the 30+ DPD share. The harm side should be complaints, but
complaints are not modelled yet (the regulation mechanism is being built), so harm is measured by
what the model has: the stress of borrowers in arrears (``stress_mean``, and ``stress_p90`` for
the most distressed tenth) and the refusals and disputes in collection conversations. When
complaints exist, add them to the frontier figures' ``x_metric`` in tone_and_plans.toml.

Outputs (in results/tone_and_plans/): ``results.parquet``, ``by_point.csv`` and four figures:
``frontier_stress.png`` — recovery, cure and loss rates and cash collected against mean borrower
stress, one line per plan arm traced by aggressiveness, mean ± 95% interval across seeds on both
axes (friendly and efficient is up and left; loss rate is better down); ``frontier_refusals.png``
— recovery rate and cash collected against refusals; ``outcomes_by_tone.png`` — every outcome and
harm measure against aggressiveness, by plan arm; ``change_from_hard_collection.png`` (and its
table ``figures/change_from_hard_collection.csv``, printed) — each arm's relative change against
hard collection (aggressiveness 1, no plans), paired by seed, with 95% intervals.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from arrears import study

SWEEP = Path(__file__).with_suffix(".toml")
FULL = {"sweep": {"seeds": 20}, "scenario": {"population": {"n_accounts": 20_000}}}
TINY = {"parameters": {"collectors.aggressiveness": [0.0, 1.0]}}
METRICS = ("recovery_rate", "cure_rate", "collected_delinquent", "stress_mean", "refusals")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study (see the module docstring); ``--help`` lists the options."""
    return study.main(__doc__, SWEEP, FULL, tiny=TINY, table_metrics=METRICS, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
