"""Turn a pytest-benchmark JSON into the results table and the scaling figure.

Usage: ``python benchmarks/report.py RESULTS.json OUT_DIR`` writes ``OUT_DIR/results.md`` (the
machine, then throughput of every phase and of whole-market days, the engine ratio, start-up,
peak memory per account, and the issue's targets met or missed) and ``OUT_DIR/scaling.png``
(account-days per second and memory per account against accounts, both engines, log scales).
Every number comes from the one JSON, so the ratios are between numbers measured in the same
run; each row shows the 1-minute load average when it was measured (the machine is shared).
Exits with status 1 if the JSON lacks the whole-market benchmarks the report is built on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

TARGETS = {
    "numba_rate_1e6": 2e7,
    "bytes_per_account_1e6": 250.0,
    "engine_ratio": 200.0,
    "cold_start_s": 3.0,
    "fresh_compile_s": 60.0,
}
"""The targets of issue 7: account-days/s at 10^6 accounts (numba, 2 cores), peak bytes per
account at 10^6, numba / agents per account-day, cold start and fresh compile in seconds."""


def load(path: Path) -> dict[str, Any]:
    """Read a pytest-benchmark JSON file."""
    return json.loads(path.read_text())


def of_kind(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The benchmarks of one kind (``extra_info["kind"]``), by accounts."""
    found = [b for b in data["benchmarks"] if b["extra_info"].get("kind") == kind]
    return sorted(found, key=lambda b: (b["extra_info"].get("accounts", 0), b["name"]))


def _si(value: float) -> str:
    return f"{value:.3g}" if 1e-3 <= abs(value) < 1e4 else f"{value:.2e}"


def _accounts(b: dict[str, Any]) -> str:
    return f"{b['extra_info']['accounts']:,}"


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def day_rates(data: dict[str, Any], engine: str) -> dict[int, dict[str, Any]]:
    """Whole-market benchmarks of one engine, by accounts."""
    return {
        b["extra_info"]["accounts"]: b
        for b in of_kind(data, "model_day")
        if b["extra_info"]["engine"] == engine
    }


def memory(data: dict[str, Any], engine: str) -> dict[int, dict[str, Any]]:
    """Peak-memory benchmarks of one engine, by accounts."""
    return {
        b["extra_info"]["accounts"]: b
        for b in of_kind(data, "memory")
        if b["extra_info"]["engine"] == engine
    }


def engine_ratios(data: dict[str, Any]) -> list[tuple[int, float, float, float]]:
    """``(accounts, numba rate, agents rate, ratio)`` at each size both engines ran."""
    numba, agents = day_rates(data, "numba"), day_rates(data, "agents")
    rows = []
    for n in sorted(set(numba) & set(agents)):
        fast = numba[n]["extra_info"]["account_days_per_s"]
        slow = agents[n]["extra_info"]["account_days_per_s"]
        rows.append((n, fast, slow, fast / slow))
    return rows


def markdown(data: dict[str, Any]) -> str:
    """The results table of a benchmark run, as markdown."""
    machine, commit = data["machine_info"], data.get("commit_info", {})
    numba_days = day_rates(data, "numba")
    if not numba_days:
        raise SystemExit("report: no whole-market (model_day) benchmarks in the JSON")
    lines = [
        "# Benchmark results",
        "",
        f"Run {data['datetime']} on {machine.get('node', '?')}: {machine['cpu'].get('count', '?')}"
        f" CPUs ({machine['cpu'].get('brand_raw', '?')}), Python {machine['python_version']},"
        f" commit {commit.get('id', '?')[:10]}{' (dirty)' if commit.get('dirty') else ''}."
        " The machine is shared: `load` is the 1-minute load average after each benchmark"
        " (2 cores: a load above 2 means the benchmark shared its cores).",
        "",
        "Throughput is account-days of the market per second (accounts x days simulated / the"
        " median round's time; `best` uses the fastest round). Each round runs on a fresh copy of"
        " the warmed-up baseline scenario (see benchmarks/common.py).",
        "",
        "## Whole market (a month of days per round)",
        "",
    ]
    rows = []
    for engine in ("numba", "agents"):
        for n, b in sorted(day_rates(data, engine).items()):
            info = b["extra_info"]
            rows.append(
                (
                    engine,
                    f"{n:,}",
                    _si(info["account_days_per_s"]),
                    _si(info["account_days_per_s_best"]),
                    _si(b["stats"]["median"] / info["days"] * 1e3),
                    f"{info['numba_threads']} ({info['threading_layer']})",
                    info["load_avg_1m"],
                )
            )
    lines += _table(
        ("engine", "accounts", "account-days/s", "best", "ms / day", "threads", "load"), rows
    )
    lines += ["## Engine ratio (numba / agents, per account-day, same scenario, same run)", ""]
    lines += _table(
        ("accounts", "numba account-days/s", "agents account-days/s", "ratio"),
        ((f"{n:,}", _si(f), _si(s), f"{r:.0f}x") for n, f, s, r in engine_ratios(data)),
    )
    phases = of_kind(data, "phase")
    if phases:
        lines += ["## Phases of the day (numba engine, the day after the warm-up)", ""]
        lines += _table(
            ("phase", "accounts", "ms", "account-days/s", "load"),
            (
                (
                    b["extra_info"]["label"],
                    _accounts(b),
                    _si(b["stats"]["median"] * 1e3),
                    _si(b["extra_info"]["account_days_per_s"]),
                    b["extra_info"]["load_avg_1m"],
                )
                for b in phases
            ),
        )
    lines += _other_sections(data)
    lines += _targets(data)
    return "\n".join(lines)


def _other_sections(data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    builds = of_kind(data, "build")
    if builds:
        lines += ["## Model build", ""]
        lines += _table(
            ("engine", "accounts", "s", "accounts/s", "load"),
            (
                (
                    b["extra_info"]["engine"],
                    _accounts(b),
                    _si(b["stats"]["median"]),
                    _si(b["extra_info"]["accounts_per_s"]),
                    b["extra_info"]["load_avg_1m"],
                )
                for b in builds
            ),
        )
    rows: list[tuple[Any, ...]] = []
    for b in of_kind(data, "rng"):
        rows.append(
            (f"RNG {b['extra_info']['draw']}", "draws/s", _si(b["extra_info"]["draws_per_s"]))
        )
    for b in of_kind(data, "sweep"):
        info = b["extra_info"]
        label = f"sweep, {info['runs']} runs of {info['accounts']:,} accounts, {info['backend']}"
        rows.append((label, "runs/min", _si(info["runs_per_minute"])))
    for kind, label in (
        ("cold_start", "cold start of `arrears run` (1,000 accounts, 1 day)"),
        ("import", "`import arrears.market.model`"),
        ("fresh_compile", "`arrears run` with an empty numba cache"),
    ):
        for b in of_kind(data, kind):
            rows.append((label, "s", _si(b["stats"]["median"])))
    if rows:
        lines += ["## Random numbers, sweeps, start-up", ""]
        lines += _table(("what", "unit", "median"), rows)
    mem_rows = [
        (
            engine,
            f"{n:,}",
            f"{b['extra_info']['peak_rss_bytes'] / 2**20:.0f}",
            f"{b['extra_info']['bytes_per_account']:.0f}",
        )
        for engine in ("numba", "agents")
        for n, b in sorted(memory(data, engine).items())
    ]
    if mem_rows:
        lines += [
            "## Peak memory (fresh process, warm-up plus a month)",
            "",
            "Peak resident set size of the process (`VmHWM`, Linux); bytes per account = (peak -"
            " peak of a 100-account run) / (accounts - 100), i.e. without the interpreter and"
            " libraries.",
            "",
        ]
        lines += _table(("engine", "accounts", "peak MiB", "bytes / account"), mem_rows)
    return lines


def _targets(data: dict[str, Any]) -> list[str]:
    numba, mem = day_rates(data, "numba"), memory(data, "numba")
    ratios = engine_ratios(data)
    measured: list[tuple[str, float | None, float, bool]] = []
    rate = numba.get(10**6, {}).get("extra_info", {}).get("account_days_per_s")
    measured.append(("numba account-days/s at 10^6", rate, TARGETS["numba_rate_1e6"], True))
    per_account = mem.get(10**6, {}).get("extra_info", {}).get("bytes_per_account")
    measured.append(
        ("peak bytes / account at 10^6", per_account, TARGETS["bytes_per_account_1e6"], False)
    )
    ratio = ratios[-1][3] if ratios else None
    measured.append(("engine ratio (largest common size)", ratio, TARGETS["engine_ratio"], True))
    for kind, key, label in (
        ("cold_start", "cold_start_s", "cold start, s"),
        ("fresh_compile", "fresh_compile_s", "fresh compile, s"),
    ):
        found = of_kind(data, kind)
        value = found[0]["stats"]["median"] if found else None
        measured.append((label, value, TARGETS[key], False))
    rows = []
    for label, value, target, higher in measured:
        if value is None:
            rows.append((label, "not measured", _si(target), "-"))
            continue
        met = value >= target if higher else value <= target
        rows.append((label, _si(value), ("≥ " if higher else "≤ ") + _si(target), _met(met)))
    return ["## Targets (issue 7)", "", *_table(("what", "measured", "target", ""), rows)]


def _met(met: bool) -> str:
    return "met" if met else "**missed**"


def scaling_figure(data: dict[str, Any], path: Path) -> None:
    """Account-days/s and memory per account against accounts, both engines, log scales."""
    fig, (speed, mem) = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for engine, marker in (("numba", "o"), ("agents", "s")):
        days = sorted(day_rates(data, engine).items())
        if days:
            speed.plot(
                [n for n, _ in days],
                [b["extra_info"]["account_days_per_s"] for _, b in days],
                marker=marker,
                label=f"{engine} engine",
            )
        peaks = sorted(memory(data, engine).items())
        if peaks:
            mem.plot(
                [n for n, _ in peaks],
                [b["extra_info"]["bytes_per_account"] for _, b in peaks],
                marker=marker,
                label=f"{engine} engine",
            )
    speed.axhline(TARGETS["numba_rate_1e6"], color="grey", ls="--", lw=1, label="target (numba)")
    mem.axhline(
        TARGETS["bytes_per_account_1e6"], color="grey", ls="--", lw=1, label="target (numba)"
    )
    speed.set(
        xscale="log",
        yscale="log",
        xlabel="accounts",
        ylabel="account-days per second",
        title="Whole-market throughput (median round)",
    )
    mem.set(
        xscale="log",
        yscale="log",
        xlabel="accounts",
        ylabel="peak memory, bytes per account",
        title="Peak memory per account (VmHWM)",
    )
    for ax in (speed, mem):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str]) -> int:
    """Write ``results.md`` and ``scaling.png`` for a benchmark JSON.

    Args:
        argv: ``[RESULTS.json, OUT_DIR]``.

    Returns:
        The exit status.
    """
    if len(argv) != 2:
        print("usage: python benchmarks/report.py RESULTS.json OUT_DIR", file=sys.stderr)
        return 2
    data = load(Path(argv[0]))
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(markdown(data))
    scaling_figure(data, out / "scaling.png")
    print(f"wrote {out / 'results.md'} and {out / 'scaling.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
