"""Agency market: do contingency fees and enforcement set off, or hold back, a tone race?

Collection agencies are paid a contingency fee on what they collect, so a higher fee raises the
reward to pressing harder; the regulator's audits turn complaints into fines, suspensions and
revocations, and lenders move placements away from agencies that draw complaints, which raises
the cost of pressing. Each month every agency and platform tests a neighbouring tone on a share
of its accounts (a two-armed test of fees less expected fines and lost placements) and steps
toward the better one, and hill-climbs its staffing on profit; loss-making firms exit after
their grace period and new firms enter when returns are high. This study crosses the agencies'
fee schedule (low 15-24%, standard 25-40%, high 40-55% of cash collected, by DPD at placement)
with the audit rate per complaint under China's 2025 rules (none, the regime's documented
default, ten times it), in a market of four agencies and two digital platforms on the baseline
portfolio, replicated over seeds with common random numbers.

Outputs (in results/agency_market/): ``results.parquet``, ``series.parquet`` (monthly means of
each run's daily series), ``by_point.csv`` and two figures:
``market_by_fee_and_enforcement.png`` — the mean tone of agencies and of platforms, agencies
active and their survival, the agencies' share of accounts in arrears, fees paid, the lenders'
net recovery after fees, recovery rate, violations, complaints, fines and the approval rate of
new applicants, against the fee schedule, one line per enforcement level, mean ± 95% interval
across seeds; ``tone_race_over_time.png`` — agencies' mean tone, agencies active and their
share of accounts in arrears month by month, one line per enforcement level, one column per fee
schedule.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from arrears.sweeps import study

SWEEP = Path(__file__).with_suffix(".toml")
FULL = {
    "sweep": {"seeds": 10},
    "scenario": {"population": {"n_accounts": 50_000}, "agencies": {"n_agencies": 12}},
}
TINY = {
    "parameters": {
        "agencies.fee_rate": {
            "levels": [[0.15, 0.18, 0.21, 0.24], [0.40, 0.45, 0.50, 0.55]],
            "labels": ["low", "high"],
        },
        "regime.audit_per_complaint": {"levels": [0.0, 0.5], "labels": ["no audits", "strict"]},
    }
}
METRICS = ("tone_agency", "agencies_active", "agency_survival", "lender_net_recovery")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study (see the module docstring); ``--help`` lists the options."""
    return study.main(__doc__, SWEEP, FULL, tiny=TINY, table_metrics=METRICS, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
