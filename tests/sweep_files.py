"""Small sweep files shared by the sweep tests: a few hundred accounts over a few weeks."""

from __future__ import annotations

from pathlib import Path

GRID = """
[sweep]
name = "tiny_grid"
design = "grid"
seeds = 2
seed = 99
series_block_days = 5

[scenario.population]
n_accounts = 300

[scenario.run]
days = 40
warmup_days = 20

[parameters]
"regime.name" = ["us_reg_f", "firm_workday"]
collectors = { staff_per_10k_accounts = [2.0, 8.0] }
"""
"""A 2 x 2 grid with two seeds: 8 runs, weekly series kept."""

SOBOL = """
[sweep]
name = "tiny_sobol"
design = "sobol"
samples = 4
seed = 5

[scenario.population]
n_accounts = 300

[scenario.run]
days = 60
warmup_days = 30

[parameters]
"collectors.staff_per_10k_accounts" = { low = 1.0, high = 16.0 }
"collectors.aggressiveness" = { low = 0.0, high = 1.0 }
"regime.weekday_end_hour" = { low = 12, high = 22 }
"""
"""A Sobol design over three parameters (one an integer): 4 x 5 = 20 runs."""


def write(directory: Path, text: str, name: str = "sweep.toml") -> Path:
    """Write a sweep file and return its path."""
    path = directory / name
    path.write_text(text)
    return path
