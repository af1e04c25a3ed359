"""Where a sweep's runs execute: the backend choice and its settings.

Kept apart from :mod:`arrears.sweeps.runner` so that the command line can describe the backends
without importing the model, numba or Dask.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from arrears.scenario.fields import ScenarioError

BACKENDS = ("serial", "processes", "dask")
"""Names of the backends (see :mod:`arrears.sweeps.runner`)."""


@dataclass(frozen=True)
class Backend:
    """Where runs execute.

    Attributes:
        name: One of :data:`BACKENDS`.
        workers: Worker processes (``processes``, and a local Dask cluster).
        scheduler: Address of a Dask scheduler, or None for a local cluster.
    """

    name: str = "processes"
    workers: int = max(1, os.cpu_count() or 1)
    scheduler: str | None = None

    def check(self) -> None:
        """Check the backend's settings.

        Raises:
            ScenarioError: On an unknown backend, fewer than one worker, or a scheduler
                address for a backend other than dask.
        """
        if self.name not in BACKENDS:
            raise ScenarioError(
                f"--backend must be one of {', '.join(BACKENDS)}, got {self.name!r}"
            )
        if self.workers < 1:
            raise ScenarioError(f"--workers must be an integer >= 1, got {self.workers}")
        if self.scheduler is not None and self.name != "dask":
            raise ScenarioError(
                f"--scheduler {self.scheduler!r} needs --backend dask, got {self.name!r}"
            )
        if self.scheduler is not None and "://" not in self.scheduler:
            raise ScenarioError(
                f"--scheduler must be an address like tcp://host:8786, got {self.scheduler!r}"
            )
