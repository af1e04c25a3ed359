"""Running a sweep: one run, the backends that run many, and the sweep from start to store.

Backends:

- ``serial``: runs one after another in this process.
- ``processes`` (default): a pool of ``workers`` processes.
- ``dask``: Dask distributed, on the scheduler at ``scheduler`` (``tcp://host:8786``), or on a
  ``LocalCluster`` of ``workers`` single-threaded worker processes listening on 127.0.0.1 only.
  Remote workers need the same arrears version installed; runs return their results to this
  process, which alone writes the store, so workers need no shared file system.

Workers end with the sweep: when its process ends in any way, SIGKILL included, a pool's workers
(and with them the multiprocessing resource tracker) exit within a second or two, as a local Dask
cluster's do (each Dask worker watches a pipe from the sweep's process). Nothing stored is lost:
the store holds the runs finished before, and ``resume`` runs the rest.

Each run uses one numba thread: a sweep's parallelism is across runs, which scales with the
workers, whereas threads within a small run mostly wait on each other (on a busy two-core machine a
2,000-account run took 0.19 s on one thread and 1.6 s on two). Runs are deterministic whatever the
thread count and every backend runs the same runs with the same seeds, so the results table is
identical on every backend and worker count.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing.context
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future
from pathlib import Path
from typing import Any

import numba
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from arrears.market.first_compile import compile_kernels
from arrears.market.model import CollectionMarket
from arrears.outputs.run_files import check_free_space
from arrears.provenance import provenance
from arrears.scenario.fields import ScenarioError
from arrears.sweeps.backends import Backend
from arrears.sweeps.definition import RunSpec, Sweep
from arrears.sweeps.designs import cell_value
from arrears.sweeps.store import RunResult, SweepStore, sweep_output_bytes

_IN_FLIGHT_PER_SLOT = 2
"""Runs submitted ahead per worker thread: keeps workers busy without queueing the whole sweep."""


def execute(spec: RunSpec, series_block_days: int, threads: int | None = None) -> RunResult:
    """Simulate one run of a sweep.

    Args:
        spec: The run.
        series_block_days: Keep the daily series as means over blocks of this many recorded days
            (each labelled by its first day; a trailing partial block is dropped, so every
            point averages the same number of days); 0 keeps no series.
        threads: Numba threads to set for this run (and after it, in this thread), or None to
            leave the setting as it is.

    Returns:
        The run's results-table row, thinned series and wall time.
    """
    if threads is not None:
        numba.set_num_threads(threads)
    start = time.perf_counter()
    model = CollectionMarket(spec.scenario)
    model.run()
    row = {
        "run_id": spec.run_id,
        "point": spec.point,
        "replicate": spec.replicate,
        "seed": spec.seed,
        **{path: cell_value(value) for path, value in spec.values.items()},
        **{name: np.asarray(value).item() for name, value in model.summary().items()},
    }
    series = None
    if series_block_days:
        daily = model.series()
        frame = daily.iloc[: len(daily) // series_block_days * series_block_days]
        blocks = np.arange(len(frame)) // series_block_days
        series = frame.groupby(blocks).mean().reset_index(drop=True)
        series["day"] = frame["day"].groupby(blocks).first().to_numpy()
        series.insert(0, "run_id", spec.run_id)
    return RunResult(spec.run_id, row, series, time.perf_counter() - start)


@contextlib.contextmanager
def _executor(backend: Backend) -> Iterator[tuple[Executor | None, int]]:
    """The executor of a backend (None for serial) and how many runs it works at once."""
    if backend.name == "serial":
        threads = numba.get_num_threads()
        try:
            yield None, 1
        finally:
            numba.set_num_threads(threads)
    elif backend.name == "processes":
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=backend.workers, mp_context=_PoolWorkerContext()
        )
        try:
            yield pool, backend.workers
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        with _dask_client(backend) as client:
            slots = sum(client.nthreads().values())
            yield client.get_executor(pure=False), max(1, slots)


@contextlib.contextmanager
def _dask_client(backend: Backend) -> Iterator[Any]:
    """A Dask client on the given scheduler, or on a loopback-only local cluster."""
    from dask.distributed import Client, LocalCluster

    if backend.scheduler is not None:
        try:
            client = Client(backend.scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise ScenarioError(
                f"cannot reach the Dask scheduler at {backend.scheduler!r}: {error}"
            ) from None
        with client:
            yield client
        return
    with _sigint_ignored():
        cluster = LocalCluster(
            n_workers=backend.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # its HTTP endpoints on a free loopback port: the default, 8787, may be taken by
            # another cluster on the machine (Dask then warns and moves)
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )
    with cluster, Client(cluster) as client:
        yield client


class _PoolWorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned pool worker that ignores Ctrl-C from its first instruction and dies with its pool.

    A terminal's SIGINT reaches the whole process group, and the pool's owner stops the sweep. A
    worker told to ignore SIGINT only once it runs (a pool initializer) is still importing arrears
    for a second or two after it starts, and a Ctrl-C then printed a KeyboardInterrupt
    traceback; a worker started while its parent ignores SIGINT inherits that instead.

    A pool worker waits for its next run on a pipe it holds both ends of, so it would wait for
    ever once the pool's owner is killed (SIGKILL leaves no chance to stop the pool): each worker
    watches its parent instead and exits once it is gone (see :func:`_exit_when_orphaned`). The
    multiprocessing resource tracker then exits too, its last client gone.
    """

    def start(self) -> None:
        """Start the worker with SIGINT ignored (see :func:`_sigint_ignored`)."""
        self._owner_pid = os.getpid()
        with _sigint_ignored():
            super().start()

    def run(self) -> None:
        """In the worker: watch the pool's owner, then serve the pool."""
        _exit_when_orphaned(self._owner_pid)
        super().run()


class _PoolWorkerContext(multiprocessing.context.SpawnContext):
    """The ``spawn`` start method, with workers that ignore Ctrl-C and die with their pool."""

    Process = _PoolWorkerProcess


_ORPHAN_CHECK_SECONDS = 0.5
"""How often a pool worker checks that the process that started it is still alive, seconds."""


def _exit_when_orphaned(owner_pid: int) -> None:
    """Exit this process soon after the process that started it has ended, however it ended.

    A daemon thread polls the parent's pid: once the owner is gone the worker is re-parented (to
    init or a subreaper) and the pid changes, also when the owner died before this ran. The
    worker exits at once, with status 1: it writes no file (the owner alone writes the store),
    so nothing is lost.

    Args:
        owner_pid: The pid of the process that started this one.
    """

    def watch() -> None:
        while os.getppid() == owner_pid:
            time.sleep(_ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit when orphaned", daemon=True).start()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while child processes start, so they inherit that and leave Ctrl-C to us.

    A terminal's Ctrl-C reaches the whole process group; this process then stops the sweep and
    closes its pool or local cluster, instead of every worker printing a KeyboardInterrupt. A
    Ctrl-C in the few milliseconds a start takes is lost. Off the main thread (where Python cannot
    set signal handlers) children start as they are.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _results(
    executor: Executor | None, slots: int, specs: Sequence[RunSpec], series_block_days: int
) -> Iterator[RunResult]:
    """Run every spec, yielding results as they finish (in any order).

    At most a few runs per slot are queued at a time, so a large sweep's specs are not all
    shipped at once.

    Args:
        executor: The backend's executor, or None to run here, one after another.
        slots: How many runs the executor works at once.
        specs: The runs.
        series_block_days: Series thinning (see :func:`execute`).

    Yields:
        Each run's result.
    """
    if executor is None:
        for spec in specs:
            yield execute(spec, series_block_days, 1)
        return
    waiting = iter(specs)
    pending: set[Future[RunResult]] = set()

    def submit_next() -> None:
        spec = next(waiting, None)
        if spec is not None:
            pending.add(executor.submit(execute, spec, series_block_days, 1))

    for _ in range(slots * _IN_FLIGHT_PER_SLOT):
        submit_next()
    while pending:
        done, _ = concurrent.futures.wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            pending.remove(future)
            submit_next()
            yield future.result()


def run_specs(
    specs: Sequence[RunSpec], backend: Backend, series_block_days: int = 0
) -> Iterator[RunResult]:
    """Run some runs on a backend, outside any store (e.g. the runs of ``arrears validate``).

    Args:
        specs: The runs.
        backend: Where to run them.
        series_block_days: Series thinning (see :func:`execute`); 1 keeps every day.

    Yields:
        Each run's result, as it finishes (in any order).

    Raises:
        ScenarioError: On a bad backend setting, before anything runs.
    """
    with runner(backend, series_block_days) as run:
        yield from run(specs)


Runner = Callable[[Sequence[RunSpec]], Iterator[RunResult]]
"""Runs some runs, yielding each result as it finishes (in any order)."""


@contextlib.contextmanager
def runner(backend: Backend, series_block_days: int = 0) -> Iterator[Runner]:
    """A backend kept open for several batches of runs (one worker pool for all of them).

    Args:
        backend: Where to run.
        series_block_days: Series thinning (see :func:`execute`); 1 keeps every day.

    Yields:
        A function that runs a batch of runs.

    Raises:
        ScenarioError: On a bad backend setting, before anything runs.
    """
    backend.check()
    with _executor(backend) as (executor, slots):

        def run(specs: Sequence[RunSpec]) -> Iterator[RunResult]:
            return _results(executor, slots, specs, series_block_days)

        yield run


def run_sweep(
    sweep: Sweep,
    out: str | Path,
    backend: Backend | None = None,
    resume: bool = False,
    progress: bool = False,
    on_result: Callable[[RunResult], None] | None = None,
) -> pd.DataFrame:
    """Run a sweep into a store folder and collect its results table.

    Everything is checked before any run starts or the folder is created: the backend's
    settings, whether the folder may be written (empty, or holding this very sweep when
    resuming), the free space the runs need, and the connection to the backend.

    Args:
        sweep: The validated sweep.
        out: The store folder (see :mod:`arrears.sweeps.store`).
        backend: Where to run (default: a process pool of one worker per core).
        resume: Skip runs an earlier attempt finished in ``out``.
        progress: Show a progress bar (runs done / total, rate, ETA).
        on_result: Called after each run is stored (used by tests to interrupt a sweep).

    Returns:
        The results table, one row per run, sorted by run id.

    Raises:
        ScenarioError: On a bad backend setting or output folder, or too little free space,
            before anything runs.
    """
    backend = backend or Backend()
    backend.check()
    store = SweepStore(out)
    store.check(sweep.definition, resume)
    done = store.finished()
    todo = [sweep.run(run_id) for run_id in range(sweep.n_runs) if run_id not in done]
    block = sweep.settings.series_block_days
    series_rows = max(s.run.days for s in sweep.scenarios) // block if block else 0
    check_free_space(out, sweep_output_bytes(len(todo), series_rows))
    started = time.time()
    if progress and todo and backend.scheduler is None:
        compile_kernels()  # once, here, rather than silently in every local worker
    session = _executor(backend) if todo else contextlib.nullcontext((None, 1))
    with (
        session as (executor, slots),
        tqdm(
            total=sweep.n_runs,
            initial=len(done),
            desc=sweep.settings.name,
            unit="run",
            disable=not progress,
        ) as bar,
    ):
        store.initialise(sweep.definition)
        for result in _results(executor, slots, todo, sweep.settings.series_block_days):
            store.save(result)
            bar.update()
            if on_result is not None:
                on_result(result)
    results = store.collect(sweep.n_runs, with_series=sweep.settings.series_block_days > 0)
    store.write_provenance(
        provenance()
        | {
            "sweep_name": sweep.settings.name,
            "sweep_text": sweep.text,
            "sweep": sweep.definition,
            "runs": sweep.n_runs,
            "runs_this_session": len(todo),
            "backend": backend.name,
            "workers": backend.workers if backend.name != "serial" else 1,
            "scheduler": backend.scheduler,
            "wall_seconds_this_session": round(time.time() - started, 3),
        }
    )
    return results
