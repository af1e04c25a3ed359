"""Writing a run's results: the daily series, the summary record and the figures.

Files are written atomically (:mod:`arrears.atomic`), so an interrupted write never leaves a
half-written file, and an output folder is checked for free
space and writability before a run starts, so no simulation time is spent on results that cannot
be saved.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt

from arrears.atomic import write_atomically
from arrears.parquet import with_calendar, write_parquet
from arrears.plots import RUN_FIGURES
from arrears.provenance import provenance
from arrears.validation import ScenarioError

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


RUN_FIXED_BYTES = 1 << 20
"""Disk space a run's summary and figures take at most, bytes (about 0.3 MB measured)."""

RUN_BYTES_PER_DAY = 256
"""Disk space each recorded day adds to a run's ``series.parquet`` at most, bytes (about 80)."""


def run_output_bytes(days: int) -> int:
    """Disk space the results of one run need, at most.

    Args:
        days: Recorded days of the run.

    Returns:
        Bytes.
    """
    return RUN_FIXED_BYTES + RUN_BYTES_PER_DAY * days


def check_free_space(directory: str | Path, needed_bytes: int) -> None:
    """Check that the file system an output folder is (or will be) on has room for the results.

    Args:
        directory: The folder; it need not exist yet (its nearest existing parent is measured).
        needed_bytes: Space the results need, bytes.

    Raises:
        ScenarioError: If less space is free, or the file system cannot be queried.
    """
    path = Path(directory)
    try:
        existing = path.absolute()
        while not existing.exists():
            existing = existing.parent
        free = shutil.disk_usage(existing).free
    except OSError as error:
        raise ScenarioError(f"output folder {str(path)!r} is not writable: {error}") from None
    if free < needed_bytes:
        raise ScenarioError(
            f"output folder {str(path)!r} cannot hold the results: its file system has "
            f"{free / 1e6:.2f} MB free and they need about {needed_bytes / 1e6:.2f} MB; free "
            "some space or choose another folder"
        )


def prepare_output_dir(directory: str | Path, needed_bytes: int = 0) -> Path:
    """Check for free space, create an output folder if needed and check it can be written.

    Args:
        directory: The folder.
        needed_bytes: Space the results will need, bytes (see :func:`run_output_bytes`).

    Returns:
        The folder as a path.

    Raises:
        ScenarioError: If the file system lacks the space (nothing is created then), or the
            folder cannot be created or written to.
    """
    path = Path(directory)
    check_free_space(path, needed_bytes)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-", suffix=".tmp"):
            pass
    except OSError as error:
        raise ScenarioError(f"output folder {str(path)!r} is not writable: {error}") from None
    return path


def _plain(value: Any) -> Any:
    """Numpy scalars to Python numbers, for JSON."""
    return value.item() if hasattr(value, "item") else value


def run_record(model: CollectionMarket) -> dict[str, Any]:
    """Everything that identifies a run and its headline results.

    Args:
        model: The model after a run.

    Returns:
        ``{"summary", "scenario", "seed", "engine", "provenance"}``.
    """
    return {
        "summary": {key: _plain(value) for key, value in model.summary().items()},
        "scenario": model.parameters.to_dict(),
        "seed": model.parameters.run.seed,
        "engine": model.engine,
        "provenance": provenance(),
    }


def save_run(model: CollectionMarket, directory: Path) -> dict[str, Any]:
    """Write ``series.parquet``, ``summary.json`` and ``figures/*.png`` for a finished run.

    The series carries the model calendar, units and provenance (see :mod:`arrears.parquet`).

    Args:
        model: The model after a run.
        directory: Output folder (see :func:`prepare_output_dir`).

    Returns:
        The run record written to ``summary.json``.
    """
    series = model.series()
    record = run_record(model)
    write_parquet(
        directory / "series.parquet",
        with_calendar(series),
        {key: record[key] for key in ("scenario", "seed", "engine", "provenance")},
    )
    write_atomically(
        directory / "summary.json",
        lambda p: p.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n"),
    )
    figures = directory / "figures"
    figures.mkdir(exist_ok=True)
    for name, draw in RUN_FIGURES.items():
        figure = draw(series)
        write_atomically(figures / f"{name}.png", partial(figure.savefig, format="png", dpi=120))
        plt.close(figure)
    return record
