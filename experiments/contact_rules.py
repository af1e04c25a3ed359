"""Contact rules: how do the contact window, an attempts cap and enforcement interact?

A regime's contact window bounds both when a call can reach the borrower (the chance of a
right-party contact is the borrowers' mean answering probability over the window's hours) and how
many calls a team can place (capacity = staff x attempts per staff-hour x hours in the window).
A cap on call attempts per account per rolling 7 days (Regulation F presumes harassment above 7)
bounds how hard each account is worked; a collector keeps to it or, with its breach probability,
breaks it (a recorded frequency violation). Enforcement turns complaints into audits, fines and
training, which lower breaches over time. This study crosses the weekday window 08:00-12:00 ...
08:00-21:00 with the cap (none, 14, 7, 3) and the regulator's audit rate per complaint (none,
Regulation F's documented default, ten times it), on the baseline portfolio under Regulation F's
other rules.

Outputs (in results/contact_rules/): ``results.parquet``, ``by_point.csv`` and two figures:
``window_by_cap_heatmaps.png`` — recovery rate, complaints per 1,000 accounts in arrears a year and
violations over window x cap, one column per enforcement level (means across seeds);
``outcomes_by_cap.png`` — recovery, call attempts, violations, complaints, fines and cost to
collect against the cap, one line per enforcement level, with 95% intervals across seeds (pooled
over the windows).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from arrears.sweeps import study

SWEEP = Path(__file__).with_suffix(".toml")
FULL = {"sweep": {"seeds": 10}, "scenario": {"population": {"n_accounts": 20_000}}}
TINY = {
    "parameters": {
        "regime.weekday_end_hour": {"levels": [12, 21], "labels": ["08-12", "08-21"]},
        "regime.max_attempts_per_7d": {"levels": [0, 3], "labels": ["no cap", "3"]},
        "regime.audit_per_complaint": {
            "levels": [0.0, 0.5],
            "labels": ["no audits", "strict (0.5)"],
        },
    }
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study (see the module docstring); ``--help`` lists the options."""
    return study.main(__doc__, SWEEP, FULL, tiny=TINY, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
