import csv
import dataclasses
import fcntl
import io
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from arrears.cli import EXIT_CLOSED_PIPE, main
from arrears.provenance import provenance
from arrears.scenario.regimes import REGIMES
from arrears.scenario.scenario import describe_parameters
from tests.toml_text import toml_value


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


def test_params_table_reads_at_100_columns(capsys):
    """`arrears params` lists every parameter in lines of at most 100 characters: its default in
    TOML, what it allows (closed sets spelled out) with its unit, and its meaning."""
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    for row in describe_parameters():
        assert f"{row['field']} = {row['default']}\n" in out
    assert "population.n_accounts = 5000\n    in [1, 20000000] (accounts)\n" in out
    assert "collectors.offers_plans = true\n    true or false\n" in out
    named = out.split("regime.name = ")[1].split("\nregime.sources")[0]
    assert all(f"'{name}'" in named for name in REGIMES)
    assert "any value" not in out


def test_params_formats_give_every_row_whole(capsys):
    """csv, json and markdown carry the same rows as describe_parameters, unwrapped."""
    rows = describe_parameters()
    assert main(["params", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == rows
    assert main(["params", "--format", "csv"]) == 0
    assert list(csv.DictReader(io.StringIO(capsys.readouterr().out))) == rows
    assert main(["params", "--format", "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| field | default | unit | allowed | meaning |"
    assert len(lines) == 2 + len(rows)
    assert all(line.count(" | ") == 4 for line in lines[2:])


def test_version_is_the_one_results_record(capsys):
    """`arrears --version` prints the version (and revision) a run's provenance records."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    record = provenance()
    expected = f"arrears {record['arrears_version']} (git {record['git_revision']})"
    if record["git_revision"] == "unknown":
        expected = f"arrears {record['arrears_version']}"
    assert capsys.readouterr().out == expected + "\n"


def tiny_run(*options: str) -> list[str]:
    """A run of seconds (no warm-up), quiet, with extra options."""
    return [
        "run",
        "--accounts",
        "50",
        "--days",
        "5",
        "--set",
        "run.warmup_days=0",
        "--quiet",
        *options,
    ]


def test_runs_without_out_get_new_folders(tmp_path, monkeypatch):
    """Without --out each run writes to a new folder named from market, regime and seed,
    numbered when the name is taken: a second run never replaces the first's results."""
    monkeypatch.chdir(tmp_path)
    for seed in ("1", "2", "1"):
        assert main(tiny_run("--seed", seed)) == 0
    folders = sorted(p.name for p in (tmp_path / "results").iterdir())
    base = "cn_consumer_finance-cn_2025-seed"
    assert folders == [f"{base}1", f"{base}1-2", f"{base}2"]
    seeds = [
        json.loads((tmp_path / "results" / f / "summary.json").read_text())["seed"] for f in folders
    ]
    assert seeds == [1, 1, 2]


def test_a_custom_regime_name_is_made_a_safe_folder_name(tmp_path, monkeypatch):
    """A default folder's name takes no path separator from a custom regime's name."""
    monkeypatch.chdir(tmp_path)
    rules = dataclasses.asdict(REGIMES["us_reg_f"]) | {"name": "../my/regime"}
    table = "\n".join(f"{key} = {toml_value(value)}" for key, value in rules.items())
    scenario = tmp_path / "custom.toml"
    scenario.write_text(f'market = "us_cards"\n[regime]\n{table}\n')
    assert main(tiny_run(str(scenario), "--seed", "4")) == 0
    assert [p.name for p in (tmp_path / "results").iterdir()] == ["us_cards-.._my_regime-seed4"]


@pytest.mark.parametrize("command", ["run", "validate"])
def test_a_non_empty_out_is_refused_unless_overwrite(tmp_path, capsys, command):
    """An --out holding files is refused before any run, naming the folder and --overwrite,
    and is left as it was."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("{}")
    args = tiny_run() if command == "run" else ["validate", "--seeds", "2", "--quiet"]
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"output folder {str(out)!r} is not empty" in err and "--overwrite" in err
    assert [p.name for p in out.iterdir()] == ["summary.json"]
    assert (out / "summary.json").read_text() == "{}"


def test_overwrite_writes_into_a_non_empty_out(tmp_path):
    """--overwrite replaces the results in a folder that holds some; an empty folder, or one
    holding only temporaries of killed writes, needs no flag."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".summary.json.x1y2.tmp").write_text("")
    assert main(tiny_run("--seed", "1", "--out", str(out))) == 0
    assert main(tiny_run("--seed", "2", "--out", str(out), "--overwrite")) == 0
    assert json.loads((out / "summary.json").read_text())["seed"] == 2


def test_a_closed_pipe_ends_the_listing_quietly():
    """`arrears params | head`: the reader goes after one line; no traceback, status 141."""
    command = [sys.executable, "-c", "from arrears.cli import console_main; console_main()"]
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # the listing (40 kB) cannot fit
    with subprocess.Popen(
        [*command, "params"], stdout=write_end, stderr=subprocess.PIPE
    ) as process:
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            assert reader.readline() == b'market = ""\n'
        assert process.wait(timeout=60) == EXIT_CLOSED_PIPE
        assert process.stderr is not None and process.stderr.read() == b""


def test_show_without_a_name_is_one_line_and_exit_2(capsys):
    for listing in ("regimes", "markets"):
        assert main([listing, "show"]) == 2
        assert capsys.readouterr().err == f"error: arrears {listing} show NAME needs a name\n"
