import tomllib

import numpy as np
import pandas as pd
import pytest

from arrears.cli import main
from arrears.scenario.fields import ScenarioError
from arrears.sweeps.definition import deep_merge, sweep_from_mapping
from arrears.sweeps.sensitivity import indices
from tests.sweep_files import GRID, SOBOL, write


def test_sweep_plot_and_resume_from_the_command_line(tmp_path, capsys):
    """`arrears sweep` writes the store, table and figures; `plot` redraws; --resume is a no-op."""
    path = write(tmp_path, GRID)
    out = tmp_path / "out"
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "firm_workday" in printed and "recovery_rate" in printed and "±" in printed
    figures = sorted((out / "figures").glob("*.png"))
    assert [f.name for f in figures] == [
        "effects_collectors.staff_per_10k_accounts.png",
        "effects_regime.name.png",
    ]
    by_point = pd.read_csv(out / "by_point.csv")
    assert set(by_point["point"]) == {0, 1, 2, 3}
    assert (by_point["n"] == 2).all()
    assert (by_point["low"] <= by_point["mean"]).all()
    for figure in figures:
        figure.unlink()
    assert main(["plot", str(out)]) == 0
    assert all(figure.stat().st_size > 20_000 for figure in figures)
    before = (out / "results.parquet").read_bytes()
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out), "--resume"]) == 0
    assert (out / "results.parquet").read_bytes() == before


def test_bad_sweep_file_is_one_line_exit_2_and_no_folder(tmp_path, capsys):
    """A malformed sweep exits 2 with one line naming the problem; no output folder appears."""
    path = write(tmp_path, GRID.replace("[2.0, 8.0]", "[2.0, -8.0]"))
    out = tmp_path / "out"
    assert main(["sweep", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "collectors.staff_per_10k_accounts" in err and "-8.0" in err and ">= 0" in err
    assert not out.exists()
    assert main(["plot", str(tmp_path)]) == 2
    assert "not a sweep folder" in capsys.readouterr().err


@pytest.mark.parametrize(("design", "kinds"), [("sobol", {"S1", "ST"}), ("morris", {"mu_star"})])
def test_analyze_prints_indices(tmp_path, capsys, design, kinds):
    """`arrears analyze` prints the indices of a Sobol or Morris sweep."""
    path = write(tmp_path, SOBOL.replace('design = "sobol"', f'design = "{design}"'))
    out = tmp_path / "out"
    assert main(["sweep", str(path), "--backend", "serial", "--out", str(out), "--quiet"]) == 0
    assert (out / "figures" / "indices.png").exists()
    assert main(["analyze", str(out), "--metric", "cost_to_collect"]) == 0
    printed = capsys.readouterr().out
    assert "collectors.staff_per_10k_accounts" in printed
    assert all(f" {kind} " in printed for kind in kinds)
    assert main(["analyze", str(out), "--metric", "happiness"]) == 2
    assert "'happiness' is not in the results" in capsys.readouterr().err


def synthetic(design, samples):
    """A sensitivity sweep and made-up results where y = 3 * staff, with two seeds per point."""
    changes = {"sweep": {"design": design, "samples": samples, "seeds": 2}}
    sweep = sweep_from_mapping(deep_merge(tomllib.loads(SOBOL), changes))
    rows = []
    for run in sweep.runs():
        staff = run.values["collectors.staff_per_10k_accounts"]
        noise = 0.01 if run.replicate else -0.01
        rows.append(
            {"run_id": run.run_id, "point": run.point, **run.values, "y": 3 * staff + noise}
        )
    return sweep, pd.DataFrame(rows)


def test_sobol_indices_find_the_one_parameter_that_matters():
    """With y = 3 * staff, staff explains all the variance and the others none."""
    sweep, results = synthetic("sobol", 256)
    found = indices(sweep, results, ["y"]).set_index(["parameter", "index"])["value"]
    assert found["collectors.staff_per_10k_accounts", "S1"] == pytest.approx(1, abs=0.05)
    assert found["collectors.staff_per_10k_accounts", "ST"] == pytest.approx(1, abs=0.05)
    assert abs(found["regime.weekday_end_hour", "ST"]) < 0.01
    assert abs(found["collectors.aggressiveness", "S1"]) < 0.05


def test_morris_effects_are_in_metric_units_per_range():
    """With y = 3 * staff over [1, 16], mu* of staff is 3 x 15 and the others' are 0."""
    sweep, results = synthetic("morris", 10)
    found = indices(sweep, results, ["y"]).set_index(["parameter", "index"])["value"]
    assert found["collectors.staff_per_10k_accounts", "mu_star"] == pytest.approx(45)
    assert found["regime.weekday_end_hour", "mu_star"] == pytest.approx(0)


def test_indices_are_salibs_own_with_the_recorded_bootstrap_seed():
    """Repeating the analysis with SALib directly, from the documented mapping and the recorded
    seed, gives the same indices and intervals; so does recomputing them."""
    from SALib.analyze import sobol

    from arrears.sweeps.designs import salib_problem

    sweep, results = synthetic("sobol", 64)
    found = indices(sweep, results, ["y"])
    assert (found["bootstrap_seed"] == sweep.settings.seed).all()
    y = results.groupby("point")["y"].mean().sort_index().to_numpy()
    direct = sobol.analyze(
        salib_problem(sweep.axes), y, calc_second_order=False, seed=sweep.settings.seed
    )
    confs = found[found["index"] == "ST"].set_index("parameter")["conf"]
    assert confs.tolist() == [float(c) for c in direct["ST_conf"]]
    assert indices(sweep, results, ["y"]).equals(found)


def test_indices_refuse_results_of_another_design():
    """Results whose parameter values differ from the design are refused, not misanalysed."""
    sweep, results = synthetic("sobol", 4)
    results["regime.weekday_end_hour"] = np.roll(results["regime.weekday_end_hour"], 2)
    with pytest.raises(ScenarioError, match="differ from this sweep's design"):
        indices(sweep, results, ["y"])
