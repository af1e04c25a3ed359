import json
import signal
import subprocess
import sys
import time
import tomllib

import numba
import pyarrow.parquet as pq
import pytest

from arrears.market.summary import SUMMARY_UNITS
from arrears.outputs.parquet import read_table
from arrears.scenario.fields import ScenarioError
from arrears.sweeps.backends import Backend
from arrears.sweeps.definition import deep_merge, load_sweep, sweep_from_mapping
from arrears.sweeps.runner import run_sweep
from arrears.sweeps.store import MANIFEST, SweepStore
from tests.sweep_files import GRID, write


def grid(**changes):
    return sweep_from_mapping(deep_merge(tomllib.loads(GRID), changes))


def table(directory, name="results.parquet"):
    return pq.read_table(directory / name)


@pytest.fixture(scope="module")
def serial_store(tmp_path_factory):
    """The tiny grid run serially: the reference every other way of running must match."""
    out = tmp_path_factory.mktemp("serial") / "store"
    run_sweep(grid(), out, Backend("serial"))
    return out


def test_results_table_is_tidy(serial_store):
    """One row per run, sorted by run id: ids, seed, parameters, then summary metrics."""
    results = read_table(serial_store / "results.parquet")
    assert list(results["run_id"]) == list(range(8))
    assert list(results.columns[:6]) == [
        "run_id",
        "point",
        "replicate",
        "seed",
        "regime.name",
        "collectors.staff_per_10k_accounts",
    ]
    assert {"recovery_rate", "cost_to_collect", "money_conservation_error"} <= set(results)
    assert (results["money_conservation_error"] == 0).all()
    series = table(serial_store, "series.parquet").to_pandas()
    assert series.groupby("run_id").size().eq(40 // 5).all()
    record = json.loads((serial_store / "provenance.json").read_text())
    assert record["runs"] == 8 and record["sweep"]["sweep"]["name"] == "tiny_grid"
    assert {"git_revision", "libraries", "sweep_text"} <= set(record)
    assert "SALib" in record["libraries"]


def test_every_summary_metric_has_a_unit(serial_store):
    """Figures and by_point.csv need each summary metric's unit
    (arrears.market.summary.SUMMARY_UNITS)."""
    columns = list(read_table(serial_store / "results.parquet").columns)
    metrics = columns[columns.index("collectors.staff_per_10k_accounts") + 1 :]
    assert metrics == list(SUMMARY_UNITS)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["processes", "dask"])
def test_every_backend_and_worker_count_gives_the_same_bytes(serial_store, tmp_path, name):
    """A process pool and a loopback Dask LocalCluster, with one worker or two, write
    results.parquet and series.parquet byte for byte as the serial run does."""
    for workers in (1, 2):
        out = tmp_path / f"{name}-{workers}"
        run_sweep(grid(), out, Backend(name, workers=workers))
        for part in ("results.parquet", "series.parquet"):
            assert (out / part).read_bytes() == (serial_store / part).read_bytes(), (out, part)


def test_existing_folder_is_never_overwritten(serial_store, tmp_path):
    """A non-empty folder needs --resume, and then must hold the same sweep."""
    before = (serial_store / "results.parquet").read_bytes()
    with pytest.raises(ScenarioError, match="is not empty; pass --resume"):
        run_sweep(grid(), serial_store, Backend("serial"))
    with pytest.raises(ScenarioError, match="holds a different sweep"):
        run_sweep(grid(sweep={"seeds": 3}), serial_store, Backend("serial"), resume=True)
    assert (serial_store / "results.parquet").read_bytes() == before
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ScenarioError, match="holds no sweep"):
        run_sweep(grid(), other, Backend("serial"), resume=True)
    assert (other / "notes.txt").read_text() == "mine"


def test_bad_backend_settings_fail_before_anything_is_written(tmp_path):
    """Backend errors come before the output folder exists."""
    out = tmp_path / "out"
    for backend, message in (
        (Backend("serial", scheduler="tcp://127.0.0.1:1"), "needs --backend dask"),
        (Backend("dask", scheduler="127.0.0.1:8786"), "tcp://host:8786"),
        (Backend("processes", workers=0), "--workers must be"),
        (Backend("threads"), "--backend must be one of"),
    ):
        with pytest.raises(ScenarioError, match=message):
            run_sweep(grid(), out, backend)
    assert not out.exists()


def test_resume_repairs_every_interrupted_state(serial_store, tmp_path):
    """Torn manifest line, part without manifest line, stray temp file: all resume exactly once."""
    sweep = grid()
    out = tmp_path / "store"
    threads = numba.get_num_threads()
    stopped = []

    def interrupt(result):
        stopped.append(result.run_id)
        if len(stopped) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(sweep, out, Backend("serial"), on_result=interrupt)
    assert numba.get_num_threads() == threads, "the serial backend restores numba's threads"
    manifest = out / MANIFEST
    lines = manifest.read_text().splitlines(keepends=True)
    assert len(lines) == 5 and not (out / "results.parquet").exists()
    # run 4's parts are in place but its manifest line is torn; run 3's line is lost entirely
    manifest.write_text("".join(lines[:3]) + lines[4][:17])
    (out / "runs" / ".run-000006.parquet.abc.tmp").write_bytes(b"half a file")
    assert SweepStore(out).finished() == {0, 1, 2}
    run_sweep(sweep, out, Backend("serial"), resume=True)
    assert table(out).equals(table(serial_store))
    ids = [json.loads(line)["run_id"] for line in manifest.read_text().splitlines()]
    assert sorted(ids) == list(range(8))


def test_kill_before_the_definition_is_in_place_starts_afresh(serial_store, tmp_path):
    """A folder holding only the temporary file of an interrupted first write is a fresh start."""
    out = tmp_path / "store"
    out.mkdir()
    (out / ".sweep.json.x1.tmp").write_text('{"swe')
    run_sweep(grid(), out, Backend("serial"))
    assert table(out).equals(table(serial_store))


@pytest.mark.slow
def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path):
    """A sweep SIGKILLed mid-run finishes on --resume with every run present exactly once."""
    text = GRID.replace("seeds = 2", "seeds = 8").replace("days = 40", "days = 90")
    text = text.replace("n_accounts = 300", "n_accounts = 600")
    path = write(tmp_path, text)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "arrears.cli", "sweep", str(path), "--out", str(out)]
    process = subprocess.Popen([*command, "--backend", "serial", "--quiet"])
    manifest = out / MANIFEST
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if manifest.exists() and manifest.read_text().count("\n") >= 4:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the sweep ended before it could be killed"
    finished = SweepStore(out).finished()
    assert 4 <= len(finished) < 32
    reference = tmp_path / "clean"
    run_sweep(load_sweep(path), reference, Backend("serial"))
    run_sweep(load_sweep(path), out, Backend("serial"), resume=True)
    assert table(out).equals(table(reference))
    assert table(out, "series.parquet").equals(table(reference, "series.parquet"))
