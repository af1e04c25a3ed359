import importlib.util
from pathlib import Path

import pandas as pd
import pytest

EXPERIMENTS = Path(__file__).resolve().parent.parent / "experiments"

SCRIPTS = {
    "agency_market": (2 * 2 * 2, ["market_by_fee_and_enforcement", "tone_race_over_time"]),
    "regime_comparison": (7 * 2, ["outcomes_by_regime", "delinquency_over_time"]),
    "contact_rules": (2 * 2 * 2 * 2, ["window_by_cap_heatmaps", "outcomes_by_cap"]),
    "recession": (
        2 * 3 * 2 * 2,
        ["shock_over_time", "outcomes_by_regime_and_shock", "moratorium_by_shock"],
    ),
    "sensitivity": (4 * (7 + 2), ["sobol_indices", "recovery_scatter"]),
    "tone_and_plans": (
        2 * 2 * 2,
        [
            "frontier_stress",
            "frontier_complaints",
            "frontier_refusals",
            "outcomes_by_tone",
            "change_from_hard_collection",
        ],
    ),
    "segmentation": (2 * 2 * 2 * 2, ["change_from_dpd_order"]),
    "tone_channels": (3 * 2 * 2, ["change_from_neutral", "outcomes_by_tone"]),
}
CONTRASTS = {
    "tone_and_plans": ("change_from_hard_collection", 3 * 7),
    "segmentation": ("change_from_dpd_order", 3 * 2 * 5),
    "tone_channels": ("change_from_neutral", 2 * 2 * 8),
}
"""Each script's contrast table at the tiny size: figure name, compared points x metrics."""


def load(name):
    spec = importlib.util.spec_from_file_location(f"experiments_{name}", EXPERIMENTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_script_runs_at_tiny_size(name, tmp_path, capsys):
    """Each research script runs its sweep at the tiny size and writes its data and figures."""
    runs, figures = SCRIPTS[name]
    out = tmp_path / name
    argv = ["--tiny", "--backend", "serial", "--out", str(out)]
    assert load(name).main(argv) == 0
    printed = capsys.readouterr().out
    results = pd.read_parquet(out / "results.parquet")
    assert len(results) == runs
    assert (results["money_conservation_error"] == 0).all()
    assert (results["accounts"] == 300).all()
    for figure in figures:
        assert (out / "figures" / f"{figure}.png").stat().st_size > 20_000
    assert (out / "by_point.csv").exists()
    if name in CONTRASTS:
        figure, rows = CONTRASTS[name]
        table = pd.read_csv(out / "figures" / f"{figure}.csv")
        assert len(table) == rows and table["n"].max() == 2
        assert f"{figure}: relative change against" in printed


def test_scripts_have_their_sweep_and_help(capsys):
    """Every script is run above, has a sweep file beside it and explains its question in
    --help."""
    scripts = {path.stem for path in EXPERIMENTS.glob("*.py")} - {"calibrate"}
    assert scripts == set(SCRIPTS)
    for name in SCRIPTS:
        assert (EXPERIMENTS / f"{name}.toml").exists()
        with pytest.raises(SystemExit):
            load(name).main(["--help"])
        assert "--full" in capsys.readouterr().out


def test_script_reports_bad_input_in_one_line(tmp_path, capsys):
    """A script's bad option value is one error line and exit 2, with nothing written."""
    out = tmp_path / "out"
    assert load("recession").main(["--tiny", "--workers", "0", "--out", str(out)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not out.exists()


def test_script_stopped_by_ctrl_c_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    """Ctrl-C during a script's sweep is one line and exit 130, not a traceback."""

    def interrupted_sweep(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("arrears.sweeps.study.run_sweep", interrupted_sweep)
    assert load("recession").main(["--tiny", "--out", str(tmp_path / "out")]) == 130
    assert capsys.readouterr().err.startswith("interrupted:")
