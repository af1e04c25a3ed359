"""Writing a run's results: the daily series, the summary record and the figures.

Files are written atomically (a temporary file in the same folder, then a rename), so an
interrupted write never leaves a half-written file, and an output folder is checked for
writability before a run starts, so no simulation time is spent on results that cannot be saved.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt

from arrears.plots import RUN_FIGURES
from arrears.provenance import provenance
from arrears.validation import ScenarioError

if TYPE_CHECKING:
    from arrears.model import CollectionMarket


def prepare_output_dir(directory: str | Path) -> Path:
    """Create an output folder if needed and check that files can be written in it.

    Args:
        directory: The folder.

    Returns:
        The folder as a path.

    Raises:
        ScenarioError: If the folder cannot be created or written to.
    """
    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-check-"):
            pass
    except OSError as error:
        raise ScenarioError(f"output folder {str(path)!r} is not writable: {error}") from None
    return path


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file through a temporary sibling and rename it into place.

    Args:
        path: Final path.
        write: Writes the content to the path it is given.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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

    Args:
        model: The model after a run.
        directory: Output folder (see :func:`prepare_output_dir`).

    Returns:
        The run record written to ``summary.json``.
    """
    series = model.series()
    write_atomically(directory / "series.parquet", lambda p: series.to_parquet(p, index=False))
    record = run_record(model)
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
