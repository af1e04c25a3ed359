"""Keep numba's on-disk cache in step with the code the kernels are compiled from.

numba invalidates a cached kernel only when the kernel's own source file changes, not when a
module it reads constants from changes (an event index in ``market/tables.py``, a channel code in
the scenario): a cached kernel then silently uses the old values, or fails to load a class
that no longer exists. So arrears points numba's cache at a folder named by a hash of every
source file the kernels are compiled from; any change to them starts a fresh cache. A
``NUMBA_CACHE_DIR`` set by the user is respected.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numba

_KERNEL_SOURCES = (
    "market/kernels",
    "market/mathx.py",
    "market/rng.py",
    "market/tables.py",
    "scenario",
)
"""Files and folders (relative to the package) whose code is compiled into the kernels."""


def kernel_source_hash() -> str:
    """A short hash of the kernels' source files (their paths and contents)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for entry in _KERNEL_SOURCES:
        path = package / entry
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(file.relative_to(package)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def use_versioned_numba_cache() -> None:
    """Point numba's cache at a folder keyed by :func:`kernel_source_hash` (unless set)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cache_dir = base / "arrears" / "numba" / kernel_source_hash()
    numba.config.CACHE_DIR = str(cache_dir)  # type: ignore[attr-defined]
