"""The sweep store: one folder holding a sweep's runs, its results table and its provenance.

Layout of a store folder::

    sweep.json        the sweep's self-contained definition (what --resume compares)
    runs/run-000042.parquet     one row per finished run: ids, seed, parameters, summary
    series/run-000042.parquet   that run's thinned daily series (when the sweep keeps series)
    manifest.jsonl    one line per finished run, appended after its parts are in place
    results.parquet   the tidy union of runs/, one row per run, sorted by run id
    series.parquet    the union of series/, sorted by run id and day (when kept)
    provenance.json   versions, git revision, the sweep file's text, backend and timing
    figures/          the sweep's figures

The Parquet files carry their units and provenance, and name parameter columns ``section__field``
(see :mod:`arrears.outputs.parquet`); ``runs/`` and ``series/`` each read as one dataset. A kept
series has the model calendar of each block's first day.

Every file is written atomically (temporary sibling, then rename), and a run counts as finished
only once its manifest line is complete and its parts exist. A sweep killed at any moment —
even by SIGKILL in the middle of a manifest line — therefore resumes with ``--resume``: finished
runs are skipped, unfinished ones rerun (a rerun overwrites its part atomically, and runs are
deterministic), and the results table holds every run exactly once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from arrears.atomic import write_atomically
from arrears.outputs.parquet import read_table, with_calendar, write_parquet
from arrears.outputs.run_files import RUN_BYTES_PER_DAY, holds_files
from arrears.provenance import provenance
from arrears.scenario.fields import ScenarioError

DEFINITION = "sweep.json"
MANIFEST = "manifest.jsonl"
RESULTS = "results.parquet"
SERIES = "series.parquet"
PROVENANCE = "provenance.json"
FIGURES = "figures"


RUN_PART_BYTES = 64 << 10
"""Disk space one run's part, manifest line and results row take at most, bytes (~30 kB)."""

FIXED_BYTES = 4 << 20
"""Disk space a sweep's definition, provenance, summary tables and figures take at most, bytes."""


def sweep_output_bytes(n_runs: int, series_rows: int) -> int:
    """Disk space the runs of a sweep need, at most.

    Args:
        n_runs: Runs still to write.
        series_rows: Rows of thinned daily series each run keeps (0 for none).

    Returns:
        Bytes: each run's part, plus its series rows twice (its part and the union).
    """
    return FIXED_BYTES + n_runs * (RUN_PART_BYTES + 2 * RUN_BYTES_PER_DAY * series_rows)


@dataclass(frozen=True)
class RunResult:
    """What one run sends back to the store.

    Attributes:
        run_id: Index of the run.
        row: The run's row of the results table: ``run_id``, ``point``, ``replicate``,
            ``seed``, the varied parameters by path, then the summary metrics.
        series: The run's thinned daily series with a leading ``run_id`` column, or None.
        seconds: Wall time the run took, seconds (recorded in the manifest, not the results).
    """

    run_id: int
    row: Mapping[str, Any]
    series: pd.DataFrame | None
    seconds: float


def _write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))


class SweepStore:
    """A sweep's output folder.

    Args:
        directory: The folder (created by :meth:`initialise`).
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self._provenance: dict[str, object] | None = None

    def _file_provenance(self, **record: Any) -> dict[str, Any]:
        """What a Parquet file of the store records about itself (versions computed once)."""
        if self._provenance is None:
            self._provenance = provenance()
        return {**record, "provenance": self._provenance}

    def part(self, kind: str, run_id: int) -> Path:
        """Path of a run's part file.

        Args:
            kind: ``"runs"`` or ``"series"``.
            run_id: Index of the run.

        Returns:
            ``<store>/<kind>/run-<run_id:06d>.parquet``.
        """
        return self.directory / kind / f"run-{run_id:06d}.parquet"

    def check(self, definition: Mapping[str, Any], resume: bool) -> None:
        """Check that the sweep may be written here, without touching anything.

        Args:
            definition: The sweep's definition (:attr:`arrears.sweeps.definition.Sweep.definition`).
            resume: Whether finished runs of an earlier attempt may be reused.

        Raises:
            ScenarioError: If the path is a file; if the folder is not empty (temporary files of
                an interrupted write aside) and ``resume`` is false (nothing is overwritten); or,
                resuming, if the folder holds no sweep or a different one.
        """
        path = self.directory
        if path.exists() and not path.is_dir():
            raise ScenarioError(f"output folder {str(path)!r} is a file, not a folder")
        if not holds_files(path):
            return
        if not resume:
            raise ScenarioError(
                f"output folder {str(path)!r} is not empty; pass --resume to finish the sweep "
                "stored there, or choose another --out (nothing was overwritten)"
            )
        stored = path / DEFINITION
        if not stored.is_file():
            raise ScenarioError(
                f"output folder {str(path)!r} is not empty and holds no sweep ({DEFINITION} is "
                "missing); choose another --out"
            )
        if json.loads(stored.read_text(encoding="utf-8")) != definition:
            raise ScenarioError(
                f"output folder {str(path)!r} holds a different sweep (its {DEFINITION} differs "
                "from this sweep's definition); choose another --out to run this one"
            )

    def initialise(self, definition: Mapping[str, Any]) -> None:
        """Create the folder and record the definition; repair the manifest of a resumed sweep.

        Args:
            definition: The sweep's definition.

        Raises:
            ScenarioError: If the folder cannot be created or written to.
        """
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if not (self.directory / DEFINITION).exists():
                _write_json(self.directory / DEFINITION, definition)
            for kind in ("runs", "series"):
                (self.directory / kind).mkdir(exist_ok=True)
        except OSError as error:
            raise ScenarioError(
                f"output folder {str(self.directory)!r} is not writable: {error}"
            ) from None
        self._repair_manifest()

    def _manifest_entries(self) -> list[dict[str, Any]]:
        """Complete, parseable manifest lines, first occurrence of each run, file order."""
        path = self.directory / MANIFEST
        if not path.exists():
            return []
        entries: dict[int, dict[str, Any]] = {}
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if not line.endswith("\n"):
                break
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            entries.setdefault(int(entry["run_id"]), entry)
        return list(entries.values())

    def _repair_manifest(self) -> None:
        """Rewrite the manifest without a torn last line, duplicates or entries missing parts."""
        path = self.directory / MANIFEST
        if not path.exists():
            return
        kept = [entry for entry in self._manifest_entries() if self._parts_exist(entry)]
        text = "".join(json.dumps(entry) + "\n" for entry in kept)
        if text != path.read_text(encoding="utf-8"):
            write_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))

    def _parts_exist(self, entry: Mapping[str, Any]) -> bool:
        return all((self.directory / part).is_file() for part in entry["parts"])

    def finished(self) -> set[int]:
        """Ids of the runs recorded as finished (manifest line complete, parts present)."""
        return {
            int(entry["run_id"]) for entry in self._manifest_entries() if self._parts_exist(entry)
        }

    def save(self, result: RunResult) -> None:
        """Write a run's parts atomically, then append its manifest line.

        Args:
            result: The finished run.
        """
        parts = []
        if result.series is not None:
            series_part = self.part("series", result.run_id)
            write_parquet(
                series_part,
                with_calendar(result.series),
                self._file_provenance(run_id=result.run_id, seed=result.row["seed"]),
            )
            parts.append(series_part)
        run_part = self.part("runs", result.run_id)
        write_parquet(
            run_part,
            pd.DataFrame([dict(result.row)]),
            self._file_provenance(run_id=result.run_id, seed=result.row["seed"]),
        )
        parts.append(run_part)
        entry = {
            "run_id": result.run_id,
            "seed": result.row["seed"],
            "seconds": round(result.seconds, 4),
            "parts": [str(part.relative_to(self.directory)) for part in parts],
        }
        with open(self.directory / MANIFEST, "a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(entry) + "\n")
            manifest.flush()
            os.fsync(manifest.fileno())

    def collect(self, n_runs: int, with_series: bool) -> pd.DataFrame:
        """Union the parts into ``results.parquet`` (and ``series.parquet``), sorted by run id.

        Args:
            n_runs: Number of runs of the sweep; every one must be finished.
            with_series: Whether the sweep keeps daily series.

        Returns:
            The results table.

        Raises:
            ScenarioError: If some runs are not finished.
        """
        missing = sorted(set(range(n_runs)) - self.finished())
        if missing:
            raise ScenarioError(
                f"{len(missing)} of {n_runs} runs of the sweep in {str(self.directory)!r} are "
                f"not finished (first: run {missing[0]}); run the sweep again with --resume"
            )
        record = self._file_provenance(sweep=self.definition())
        results = _union(self.part("runs", i) for i in range(n_runs))
        write_parquet(self.directory / RESULTS, results, record)
        if with_series:
            series = _union(self.part("series", i) for i in range(n_runs))
            write_parquet(self.directory / SERIES, series, record)
        return results

    def write_provenance(self, record: Mapping[str, Any]) -> None:
        """Write ``provenance.json`` atomically.

        Args:
            record: The provenance record.
        """
        _write_json(self.directory / PROVENANCE, record)

    def definition(self) -> dict[str, Any]:
        """The stored sweep definition.

        Raises:
            ScenarioError: If the folder holds no sweep.
        """
        path = self.directory / DEFINITION
        if not path.is_file():
            raise ScenarioError(
                f"{str(self.directory)!r} is not a sweep folder ({DEFINITION} is missing)"
            )
        return dict(json.loads(path.read_text(encoding="utf-8")))

    def results(self) -> pd.DataFrame:
        """The results table of a finished sweep.

        Raises:
            ScenarioError: If the sweep has not been collected into ``results.parquet``.
        """
        return self._read(RESULTS)

    def series(self) -> pd.DataFrame:
        """The kept daily series of a finished sweep.

        Raises:
            ScenarioError: If the sweep kept no series.
        """
        return self._read(SERIES)

    def _read(self, name: str) -> pd.DataFrame:
        path = self.directory / name
        if not path.is_file():
            raise ScenarioError(
                f"{str(path)!r} does not exist; finish the sweep with arrears sweep ... --resume"
            )
        return read_table(path)


def _union(parts: Iterable[Path]) -> pd.DataFrame:
    """Concatenate part files in the given order into one table with a fresh index."""
    return pd.concat([read_table(part) for part in parts], ignore_index=True)
