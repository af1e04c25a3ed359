"""Start-up and memory, each measured in a fresh process.

- Cold start: wall time of ``arrears run`` on a tiny market (1,000 accounts, one day, no
  warm-up) from process start to exit: imports, loading the cached compiled kernels, the run
  and its outputs. The import of ``arrears.market.model`` alone is timed too.
- Fresh compile: the same command with an empty numba cache (``NUMBA_CACHE_DIR``), so every
  kernel is compiled (full suite only).
- Peak memory: ``peak_memory.py`` runs a market (warm-up plus a month) and reports its peak
  resident set size (``VmHWM``); the memory an account costs is the difference from a
  100-account run, divided by the difference in accounts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from common import ROOT, record_throughput

HERE = Path(__file__).resolve().parent
ARREARS = Path(sys.executable).parent / "arrears"
BASE_ACCOUNTS = 100


def _run(command: list[str], **env: str) -> str:
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=ROOT, env=os.environ | env
    )
    return result.stdout


def _tiny_run(out: Path) -> list[str]:
    return [
        str(ARREARS),
        "run",
        "--accounts",
        "1000",
        "--days",
        "1",
        "--set",
        "run.warmup_days=0",
        "--quiet",
        "--out",
        str(out),
        "--overwrite",  # every round writes the same folder
    ]


def test_cold_start(benchmark, pedantic, tmp_path):
    """``arrears run`` of a tiny market in a new process, compiled kernels cached."""
    _run(_tiny_run(tmp_path / "first"))  # fills the cache if this checkout never ran
    pedantic(_run, setup=lambda: ((_tiny_run(tmp_path / "out"),), {}))
    record_throughput(benchmark, "cold_start", 1000, 0, command="arrears run")


def test_import(benchmark, pedantic):
    """``import arrears.market.model`` in a new process."""
    command = [sys.executable, "-c", "import arrears.market.model"]
    pedantic(_run, setup=lambda: ((command,), {}))
    record_throughput(benchmark, "import", 0, 0, command="import arrears.market.model")


@pytest.mark.full_only
def test_fresh_compile(benchmark, tmp_path_factory):
    """``arrears run`` of a tiny market with an empty numba cache: every kernel compiles."""

    def setup():
        cache = tmp_path_factory.mktemp("numba_cache")
        return (_tiny_run(cache / "out"),), {"NUMBA_CACHE_DIR": str(cache)}

    benchmark.pedantic(_run, setup=setup, rounds=1, iterations=1)
    record_throughput(benchmark, "fresh_compile", 1000, 0, command="arrears run")


_PEAKS: dict[tuple[str, int], int] = {}


def peak_rss(accounts: int, engine: str) -> int:
    """Peak resident memory of a run in a fresh process, bytes (each size measured once)."""
    key = (engine, accounts)
    if key not in _PEAKS:
        out = _run([sys.executable, str(HERE / "peak_memory.py"), str(accounts), engine])
        _PEAKS[key] = int(json.loads(out)["peak_rss_bytes"])
    return _PEAKS[key]


def _memory(benchmark, accounts: int, engine: str) -> None:
    peak_rss(BASE_ACCOUNTS, engine)
    benchmark.pedantic(peak_rss, args=(accounts, engine), rounds=1, iterations=1)
    peak, base = peak_rss(accounts, engine), peak_rss(BASE_ACCOUNTS, engine)
    record_throughput(benchmark, "memory", accounts, 0, engine=engine, measure="VmHWM")
    benchmark.extra_info["peak_rss_bytes"] = peak
    benchmark.extra_info["base_peak_rss_bytes"] = base
    benchmark.extra_info["bytes_per_account"] = (peak - base) / (accounts - BASE_ACCOUNTS)


@pytest.mark.sizes("numba_memory")
def test_memory_numba(benchmark, accounts):
    """Peak memory per account, numba engine."""
    _memory(benchmark, accounts, "numba")


@pytest.mark.sizes("agents_memory")
def test_memory_agents(benchmark, accounts):
    """Peak memory per account, agents engine (a Mesa agent per borrower)."""
    _memory(benchmark, accounts, "agents")
