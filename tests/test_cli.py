import json
import subprocess
import sys

import pandas as pd

from arrears.cli import EXIT_CLOSED_PIPE, main


def test_run_writes_series_summary_and_figures(tmp_path, capsys):
    """`arrears run` writes the three outputs and prints a summary table."""
    out = tmp_path / "out"
    status = main(["run", "--accounts", "400", "--days", "40", "--seed", "3", "--out", str(out)])
    assert status == 0
    series = pd.read_parquet(out / "series.parquet")
    assert len(series) == 40
    record = json.loads((out / "summary.json").read_text())
    assert record["seed"] == 3
    assert record["engine"] == "numba"
    assert record["scenario"]["population"]["n_accounts"] == 400
    assert record["summary"]["money_conservation_error"] == 0
    assert {"arrears_version", "git_revision", "libraries"} <= set(record["provenance"])
    for key in (
        "recovery_rate",
        "cost_to_collect",
        "charge_off_rate",
        "delinquency_30p_share",
        "delinquency_60p_share",
        "right_party_contacts",
        "money_conservation_error",
    ):
        assert key in record["summary"]
    assert (out / "figures" / "delinquency.png").stat().st_size > 10_000
    assert (out / "figures" / "collections.png").stat().st_size > 10_000
    printed = capsys.readouterr().out
    assert "recovery_rate" in printed
    assert "market cn_consumer_finance, regime cn_2025: 400 accounts, 40 recorded days" in printed
    assert "after a 720-day warm-up (not in the series or summary)" in printed
    assert record["scenario"]["market"] == "cn_consumer_finance"


def test_bad_scenario_value_is_one_line_and_exit_2(tmp_path, capsys):
    """A bad value fails before the run with one line naming field, value and range."""
    scenario = tmp_path / "bad.toml"
    scenario.write_text("[population]\nn_accounts = -5\n")
    out = tmp_path / "out"
    assert main(["run", str(scenario), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "population.n_accounts" in err
    assert "-5" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_unknown_regime_lists_the_valid_ones(tmp_path, capsys):
    """An unknown regime name exits 2 and lists the named regimes."""
    assert main(["run", "--regime", "mars", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "'mars'" in err
    assert "cn_2025" in err
    assert "us_reg_f" in err


def test_missing_and_malformed_files(tmp_path, capsys):
    """A missing or malformed scenario file is a clear error, not a traceback."""
    assert main(["run", str(tmp_path / "nope.toml")]) == 2
    assert "does not exist" in capsys.readouterr().err
    broken = tmp_path / "broken.toml"
    broken.write_text("[run\ndays = 3\n")
    assert main(["run", str(broken)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_unwritable_output_folder_fails_before_the_run(tmp_path, capsys):
    """An output path that cannot be a folder is reported before any simulation."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["run", "--accounts", "10", "--out", str(blocker / "sub")]) == 2
    assert "not writable" in capsys.readouterr().err


def test_regimes_list_and_show(capsys):
    """`arrears regimes` lists all seven; `show` prints one with its sources."""
    assert main(["regimes"]) == 0
    listing = capsys.readouterr().out
    for name in (
        "laissez_faire",
        "us_reg_f",
        "uk_conc",
        "eu_ccd2",
        "cn_2025",
        "ru_230fz",
        "firm_workday",
    ):
        assert name in listing
    assert main(["regimes", "show", "ru_230fz"]) == 0
    shown = capsys.readouterr().out
    assert "230-FZ" in shown
    assert "weekend_start_hour" in shown
    assert main(["regimes", "show", "atlantis"]) == 2


def test_params_lists_fields_with_units(capsys):
    """`arrears params` documents every parameter."""
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    assert "population.n_accounts" in out
    assert "currency units" in out


def test_a_closed_pipe_ends_the_listing_quietly():
    """`arrears params | head`: the reader goes after one line; no traceback, status 141."""
    command = [sys.executable, "-c", "from arrears.cli import console_main; console_main()"]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    with subprocess.Popen([*command, "params"], **pipes) as process:
        assert process.stdout is not None and process.stdout.readline().startswith(b"field")
        process.stdout.close()  # the listing (160 kB) is far longer than the pipe holds
        assert process.wait(timeout=60) == EXIT_CLOSED_PIPE
        assert process.stderr is not None and process.stderr.read() == b""


def test_show_without_a_name_is_one_line_and_exit_2(capsys):
    for listing in ("regimes", "markets"):
        assert main([listing, "show"]) == 2
        assert capsys.readouterr().err == f"error: arrears {listing} show NAME needs a name\n"
