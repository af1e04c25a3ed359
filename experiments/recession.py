"""Recession: delinquency, recoveries and credit supply after an unemployment shock, by regime.

What does a payment moratorium change?

The macro unemployment path drives each borrower's job-loss hazard (a two-state Markov chain whose
separation rate moves unemployment onto the path's monthly target). This study runs a steady 5%
path, a moderate recession (peak 10%) and a severe one (peak 15%), all starting in the first
recorded month and unwinding within a year, each without and with a 3-month general payment
moratorium opening with the shock (no billing, interest, fees, ageing or contact), under four
contact regimes (laissez-faire, US Regulation F, China 2025, a firm's weekday-only policy),
replicated over seeds with common random numbers.

Outputs (in results/recession/): ``results.parquet``, ``series.parquet`` (weekly means of each
run's daily series), ``by_point.csv`` and three figures: ``shock_over_time.png`` —
unemployment, 30+ DPD share and cash collected on delinquent accounts over time, one line per
shock path (mean and 95% band across seeds and regimes), one column per moratorium arm;
``outcomes_by_regime_and_shock.png`` — recovery rate, 30+ DPD share, charge-off rate and cost
to collect by regime and shock (over both arms); ``moratorium_by_shock.png`` — charge-off rate,
30+ DPD share, recovery rate and approval rate by shock, without and with the moratorium.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from arrears.sweeps import study

SWEEP = Path(__file__).with_suffix(".toml")
FULL = {"sweep": {"seeds": 20}, "scenario": {"population": {"n_accounts": 20_000}}}
TINY = {"parameters": {"regime.name": ["us_reg_f", "firm_workday"]}}
METRICS = ("recovery_rate", "delinquency_30p_share", "charge_off_rate", "approval_rate")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study (see the module docstring); ``--help`` lists the options."""
    return study.main(__doc__, SWEEP, FULL, tiny=TINY, table_metrics=METRICS, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
