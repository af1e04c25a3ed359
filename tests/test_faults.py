"""Faults: interrupts and kills leave only complete files; a full disk or an unwritable folder is
a clear error before work starts; a killed Dask worker loses and duplicates no run; Dask listens
on loopback only; configuration is never unpickled or evaluated."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib.image
import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest

import arrears
from arrears import atomic
from arrears.cli import main
from arrears.interrupts import EXIT_INTERRUPTED
from arrears.outputs import run_files
from arrears.sweeps.backends import Backend
from arrears.sweeps.definition import deep_merge, load_sweep, sweep_from_mapping
from arrears.sweeps.runner import _dask_client, _PoolWorkerContext, run_sweep
from arrears.sweeps.store import MANIFEST, SweepStore
from tests.sweep_files import GRID, write

SUBPROCESS_ENV = os.environ | {"NUMBA_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
"""The command line in a subprocess: one numba thread (fastest for small runs)."""


class Command:
    """`python -m arrears.cli ...` in a subprocess, its stderr collected as it comes.

    SIGINT is reset to its default in the child, so Python turns it into KeyboardInterrupt even
    when the test runner itself ignores SIGINT (as a background job of a shell does).
    """

    def __init__(self, args: list[str], new_session: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "arrears.cli", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=SUBPROCESS_ENV,
            start_new_session=new_session,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self._stderr = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for chunk in iter(lambda: self.process.stderr.read1(4096), b""):  # type: ignore[union-attr]
            self._stderr.extend(chunk)

    def days_done(self) -> int:
        """Days the run's progress bar has shown as done so far."""
        counts = re.findall(rb"\| *(\d+)/\d+ \[", bytes(self._stderr))
        return int(counts[-1]) if counts else 0

    def wait_until(self, condition: Callable[[], bool], timeout: float = 180) -> None:
        """Poll until a condition holds; fail if the command ends or time runs out first."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, f"ended early: {self.stderr()}"
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.005)

    def finish(self) -> int:
        """Wait for the command to end; its exit status."""
        status = self.process.wait(timeout=120)
        self._reader.join(timeout=10)
        self.process.stderr.close()  # type: ignore[union-attr]
        return status

    def stderr(self) -> str:
        """Stderr without progress-bar redraws (text after a carriage return on each line)."""
        text = bytes(self._stderr).decode(errors="replace")
        return "\n".join(line.rsplit("\r", 1)[-1] for line in text.splitlines())


def assert_only_complete_files(folder: Path, temporaries: bool = False) -> list[str]:
    """Every file under a folder is complete (parses as its kind).

    Args:
        folder: The folder.
        temporaries: Whether hidden temporaries of atomic writes may remain (after SIGKILL
            nothing can remove them); they never carry a result's name.

    Returns:
        The complete files' paths relative to the folder, sorted.
    """
    names = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.endswith(".tmp"):
            assert temporaries and path.name.startswith("."), f"temporary file left: {path}"
            continue
        names.append(str(path.relative_to(folder)))
        if path.suffix == ".parquet":
            pq.read_table(path)
        elif path.suffix == ".json":
            json.loads(path.read_text())
        elif path.suffix == ".png":
            matplotlib.image.imread(path)
        elif path.suffix == ".jsonl":
            assert path.read_text().endswith("\n")
        else:
            raise AssertionError(f"unexpected file {path}")
    return names


# --- interrupts and kills -----------------------------------------------------------------


@pytest.mark.slow
def test_sigint_stops_a_run_with_one_line_and_no_partial_file(tmp_path):
    """Ctrl-C during the simulation: exit 130, one line, no traceback, no file half-written."""
    out = tmp_path / "out"
    command = Command(["run", "--accounts", "2000", "--days", "20000", "--out", str(out)])
    command.wait_until(lambda: command.days_done() >= 20)
    command.process.send_signal(signal.SIGINT)
    assert command.finish() == EXIT_INTERRUPTED
    lines = command.stderr().strip().splitlines()
    assert lines[-1].startswith("interrupted:"), lines
    assert "Traceback" not in command.stderr()
    assert assert_only_complete_files(out) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "written",
    [None, (), ("series.parquet",), ("summary.json",), ("figures/delinquency.png",)],
    ids=["simulating", "last-day", "after-series", "after-summary", "after-first-figure"],
)
def test_sigkill_of_a_run_leaves_only_complete_files(tmp_path, written):
    """SIGKILL while simulating (None), or while writing the results: as soon as the last day
    is done and the files in ``written`` are (each stage of the writing, whatever the machine's
    speed). Whatever is in the folder is complete, under its final name."""
    out = tmp_path / "out"
    no_warmup = ["--set", "run.warmup_days=0"]  # the progress bar counts the recorded days
    command = Command(["run", "--accounts", "400", "--days", "300", *no_warmup, "--out", str(out)])
    if written is None:
        command.wait_until(lambda: command.days_done() >= 30)
    else:
        command.wait_until(
            lambda: command.days_done() == 300 and all((out / name).exists() for name in written)
        )
    command.process.send_signal(signal.SIGKILL)
    assert command.finish() == -signal.SIGKILL, "the run ended before it could be killed"
    files = assert_only_complete_files(out, temporaries=True)
    assert set(files) <= {
        "series.parquet",
        "summary.json",
        "figures/delinquency.png",
        "figures/collections.png",
    }


def test_an_interrupted_atomic_write_leaves_no_file(tmp_path):
    """KeyboardInterrupt in the middle of a write: neither the file nor its temporary remains."""
    target = tmp_path / "results.parquet"

    def half_then_interrupt(path: Path) -> None:
        path.write_bytes(b"PAR1 half a file")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomically(target, half_then_interrupt)
    assert list(tmp_path.iterdir()) == []


def test_sigkill_during_an_atomic_write_never_exposes_a_partial_file(tmp_path):
    """A process killed while writing leaves at most a hidden temporary, never a partial file
    under the final name."""
    target = tmp_path / "summary.json"
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from arrears.atomic import write_atomically\n"
        "def slow(path):\n"
        "    with open(path, 'w') as f:\n"
        "        f.write('{\"half\": ')\n"
        "        f.flush()\n"
        "        print('writing', flush=True)\n"
        "        time.sleep(60)\n"
        "write_atomically(Path(sys.argv[1]), slow)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "writing\n"
    process.kill()
    process.wait(timeout=30)
    process.stdout.close()
    assert not target.exists()
    assert [p.name.endswith(".tmp") for p in tmp_path.iterdir()] == [True]


def interruptible_sweep(tmp_path: Path) -> Path:
    """A sweep of 24 runs long enough to be stopped part-way: its file's path."""
    text = GRID.replace("seeds = 2", "seeds = 6").replace("days = 40", "days = 90")
    return write(tmp_path, text.replace("n_accounts = 300", "n_accounts = 1000"))


def start_sweep(path: Path, out: Path, backend: str) -> Command:
    """Start a sweep on two workers in its own session; return once three runs are stored."""
    args = ["sweep", str(path), "--out", str(out), "--backend", backend, "--workers", "2"]
    command = Command([*args, "--quiet"], new_session=True)
    manifest = out / MANIFEST
    command.wait_until(lambda: manifest.exists() and manifest.read_text().count("\n") >= 3)
    return command


def assert_resume_finishes_the_sweep(path: Path, out: Path, tmp_path: Path) -> None:
    """A stopped sweep kept some but not all runs, and --resume finishes every run exactly
    once, with the table a serial sweep gives."""
    finished = SweepStore(out).finished()
    assert 3 <= len(finished) < 24
    reference = tmp_path / "reference"
    run_sweep(load_sweep(path), reference, Backend("serial"))
    run_sweep(load_sweep(path), out, Backend("serial"), resume=True)
    assert pq.read_table(out / "results.parquet").equals(
        pq.read_table(reference / "results.parquet")
    )
    ids = [json.loads(line)["run_id"] for line in (out / MANIFEST).read_text().splitlines()]
    assert sorted(ids) == list(range(24))


@pytest.mark.slow
def test_ctrl_c_stops_a_process_pool_sweep_and_it_resumes(tmp_path):
    """Ctrl-C to the whole process group (the pool's workers too) mid-sweep: exit 130 with one
    line; the folder holds only complete files; --resume finishes every run exactly once."""
    path, out = interruptible_sweep(tmp_path), tmp_path / "out"
    command = start_sweep(path, out, "processes")
    os.killpg(command.process.pid, signal.SIGINT)
    assert command.finish() == EXIT_INTERRUPTED
    assert command.stderr().strip().splitlines() == [
        "interrupted: the files written are complete (a sweep resumes with --resume)"
    ]
    assert_only_complete_files(out)
    assert_resume_finishes_the_sweep(path, out, tmp_path)


def session_processes(session: int) -> list[psutil.Process]:
    """The living processes of a session: a command started in its own session and every
    process it started, re-parented or not (zombies, which hold no memory, left out)."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error, OSError):
            if os.getsid(process.pid) == session and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["processes", "dask"])
def test_sigkill_of_a_sweep_ends_its_workers_and_it_resumes(tmp_path, backend):
    """SIGKILL to a sweep mid-run (no chance to close its pool or cluster): its workers and the
    resource tracker exit within 20 s; what it stored is complete and --resume finishes it."""
    path, out = interruptible_sweep(tmp_path), tmp_path / "out"
    command = start_sweep(path, out, backend)
    session = command.process.pid
    helpers = [p.pid for p in session_processes(session) if p.pid != session]
    assert len(helpers) >= 3, "expected two workers and the resource tracker"
    command.process.kill()
    assert command.process.wait(timeout=30) == -signal.SIGKILL
    deadline = time.monotonic() + 20
    try:
        while session_processes(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {p.pid: " ".join(p.cmdline())[-60:] for p in session_processes(session)}
        assert left == {}, f"still running 20 s after the sweep was killed: {left}"
    finally:
        for process in session_processes(session):
            process.kill()
        command.finish()
    assert_only_complete_files(out, temporaries=True)
    assert_resume_finishes_the_sweep(path, out, tmp_path)


def test_a_pool_worker_ignores_ctrl_c_while_it_starts():
    """SIGINT to a pool worker still starting up (importing) neither kills it nor prints a
    traceback: it is born ignoring SIGINT, before any of its own code runs."""
    worker = _PoolWorkerContext().Process(target=time.sleep, args=(0.5,))
    worker.start()
    os.kill(worker.pid, signal.SIGINT)
    worker.join(timeout=30)
    assert worker.exitcode == 0
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


# --- full disk and unwritable folders -----------------------------------------------------


@contextlib.contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted at a path for the test; skipped where mounting is not allowed."""
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): {mounted.stderr}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def run_args(out: Path) -> list[str]:
    return ["run", "--accounts", "200", "--days", "365", "--quiet", "--out", str(out)]


def test_full_disk_is_a_clear_error_before_work_starts(tmp_path, capsys):
    """A disk too small for the results: `run` and `sweep` exit 2 naming the space, nothing
    runs and no folder is created."""
    with tmpfs(tmp_path / "disk", "size=256k") as disk:
        (disk / "filler").write_bytes(b"x" * 128 * 1024)
        assert main(run_args(disk / "out")) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot hold the results" in err and "MB free" in err
        assert main(["sweep", str(write(tmp_path, GRID)), "--out", str(disk / "sweep")]) == 2
        assert "cannot hold the results" in capsys.readouterr().err
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_too_little_free_space_is_refused_whatever_the_disk(tmp_path, monkeypatch, capsys):
    """The free-space check itself, on any machine: a file system reporting too little space is
    refused for a run before the folder is created."""
    usage = run_files.shutil.disk_usage(tmp_path)
    needed = run_files.run_output_bytes(365)
    short = usage._replace(free=needed - 1)
    monkeypatch.setattr(run_files.shutil, "disk_usage", lambda path: short)
    assert main(run_args(tmp_path / "a" / "b")) == 2
    assert "cannot hold the results" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(run_files.shutil, "disk_usage", lambda path: usage._replace(free=needed))
    assert run_files.prepare_output_dir(tmp_path / "a" / "b", needed).is_dir()


def test_read_only_mount_is_unwritable_even_for_root(tmp_path, capsys):
    """A read-only file system (which stops root too): exit 2, 'not writable', nothing runs."""
    with tmpfs(tmp_path / "ro", "ro,size=4m") as disk:
        assert main(run_args(disk / "out")) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is not writable" in err and "Read-only" in err


def test_read_only_folder_is_unwritable(tmp_path, capsys):
    """A folder without write permission: exit 2 before the run (root ignores the mode bits;
    the read-only mount above covers root)."""
    if os.geteuid() == 0:
        pytest.skip(
            "root ignores permission bits; test_read_only_mount_is_unwritable_even_for_root"
        )
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    assert main(run_args(folder / "out")) == 2
    assert "is not writable" in capsys.readouterr().err


def test_a_folder_under_proc_is_refused(capsys):
    """/proc takes no new folders, for root neither: exit 2 with one line naming the folder."""
    out = Path("/proc/self/arrears-out")
    assert main(run_args(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err


def test_written_files_have_ordinary_permissions(tmp_path):
    """Results are readable like any new file (mode 0o666 less the umask), not owner-only."""
    umask = os.umask(0o022)
    try:
        atomic.write_atomically(tmp_path / "a.json", lambda p: p.write_text("{}"))
    finally:
        os.umask(umask)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == atomic._new_file_mode()


# --- Dask ---------------------------------------------------------------------------------


def _listening(process: psutil.Process) -> list[str]:
    return [
        c.laddr.ip for c in process.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN
    ]


@pytest.mark.slow
def test_local_dask_cluster_listens_on_loopback_only():
    """The scheduler, workers and nannies arrears starts listen on 127.0.0.1 and nowhere else."""
    with _dask_client(Backend("dask", workers=2)) as client:
        me = psutil.Process()
        assert client.scheduler.address.startswith("tcp://127.0.0.1:")
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2 and all(a.startswith("tcp://127.0.0.1:") for a in workers)
        addresses = [ip for p in (me, *me.children(recursive=True)) for ip in _listening(p)]
        assert len(addresses) >= 4
        assert set(addresses) == {"127.0.0.1"}


@pytest.mark.slow
def test_a_dask_worker_killed_mid_sweep_loses_and_duplicates_no_run(tmp_path):
    """SIGKILL to a worker after the first result: Dask reruns its tasks elsewhere and the
    table equals the serial one, every run exactly once."""
    from dask.distributed import Client, LocalCluster

    changes = {"sweep": {"seeds": 4}, "scenario": {"population": {"n_accounts": 600}}}
    sweep = sweep_from_mapping(deep_merge(tomllib.loads(GRID), changes))
    reference = run_sweep(sweep, tmp_path / "serial", Backend("serial"))
    killed: list[int] = []
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        Client(cluster) as client,
    ):
        victim = min(client.run(os.getpid).values())

        def kill_a_worker(result):
            if not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        backend = Backend("dask", scheduler=cluster.scheduler_address)
        results = run_sweep(sweep, tmp_path / "dask", backend, on_result=kill_a_worker)
        assert victim not in client.run(os.getpid).values()
    assert killed == [victim]
    pd.testing.assert_frame_equal(results, reference)
    manifest = (tmp_path / "dask" / MANIFEST).read_text().splitlines()
    assert sorted(json.loads(line)["run_id"] for line in manifest) == list(range(sweep.n_runs))


# --- configuration is data ----------------------------------------------------------------

_UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle"}
_UNSAFE_MODULES |= {"yaml", "jsonpickle", "joblib"}
_UNSAFE_BUILTINS = {"eval", "exec", "compile", "__import__", "import_module"}
_UNSAFE_CALLS = {"read_pickle", "to_pickle", "loads", "load"}


def unsafe_uses(source: str) -> list[str]:
    """Ways a module could run code from data: unpickling, evaluating or importing by name.

    Args:
        source: A module's text.

    Returns:
        One description per offence (empty when the module reads data as data).
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"imports {n}" for n in names if n.split(".")[0] in _UNSAFE_MODULES]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _UNSAFE_BUILTINS:
                found.append(f"calls {func.id}()")
            if isinstance(func, ast.Attribute) and func.attr == "import_module":
                found.append("imports a module by name")
            if isinstance(func, ast.Attribute) and func.attr in _UNSAFE_CALLS:
                owner = ast.unparse(func.value)
                if func.attr.endswith("pickle") or owner.split(".")[0] in _UNSAFE_MODULES:
                    found.append(f"calls {owner}.{func.attr}()")
            for keyword in node.keywords:
                if keyword.arg == "allow_pickle" and ast.unparse(keyword.value) != "False":
                    found.append("allows pickles in numpy.load")
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        "import pickle",
        "from pickle import loads",
        "import yaml",
        "eval(text)",
        "exec(code)",
        "__import__(name)",
        "importlib.import_module(name)",
        "import_module(name)",
        "pd.read_pickle(path)",
        "np.load(path, allow_pickle=True)",
        "pickle.loads(data)",
    ],
)
def test_the_unsafe_use_detector_finds_each_kind(snippet):
    """The detector below is not blind: it flags each way of running code from data."""
    assert unsafe_uses(snippet)


def test_no_module_unpickles_evaluates_or_imports_user_input():
    """Configuration is TOML only: no module unpickles, evaluates or imports by name."""
    package = Path(arrears.__file__).parent
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 30
    offences = {
        str(path.relative_to(package)): unsafe_uses(path.read_text(encoding="utf-8"))
        for path in modules
    }
    assert {name: found for name, found in offences.items() if found} == {}
