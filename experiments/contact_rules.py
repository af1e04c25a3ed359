"""Contact rules: how do the contact window's width and collection capacity trade off?

A regime's contact window bounds both when a call can reach the borrower (the chance of a
right-party contact is the borrowers' mean answering probability over the window's hours) and how
many calls a team can place (capacity = staff x attempts per staff-hour x hours in the window).
This study crosses the weekday window 08:00-10:00 ... 08:00-22:00 (weekends closed) with the
in-house team's size (1-16 staff per 10,000 accounts) on the baseline portfolio.

Staffing is a stand-in: the question asked of this study is window x attempts cap x enforcement,
but the model has no cap on attempts per 7 days and no enforcement yet. Capacity is the nearest
existing lever on how many attempts are made; when the attempts cap and enforcement exist, vary
``regime.max_attempts_per_7d`` (and the enforcement parameters) in contact_rules.toml in place of
staffing, and add complaints to the metrics.

Outputs (in results/contact_rules/): ``results.parquet``, ``by_point.csv`` and two figures:
``window_by_staff_heatmaps.png`` — recovery rate, call attempts, right-party-contact rate and cost
to collect over window x staff (means across seeds); ``recovery_by_window.png`` — the same
outcomes against the window, one line per staffing level, with 95% bands across seeds.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from arrears import study

SWEEP = Path(__file__).with_suffix(".toml")
FULL = {"sweep": {"seeds": 10}, "scenario": {"population": {"n_accounts": 20_000}}}
TINY = {"parameters": {"collectors.staff_per_10k_accounts": [2.0, 8.0]}}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study (see the module docstring); ``--help`` lists the options."""
    return study.main(__doc__, SWEEP, FULL, tiny=TINY, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
