"""Provenance of a result: package version, code revision and library versions."""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata
from pathlib import Path

import arrears

_LIBRARIES = ("mesa", "numpy", "numba", "pandas", "pyarrow", "matplotlib", "scipy", "SALib", "dask")


def git_revision() -> str:
    """The git commit of the arrears source tree, with ``+dirty`` for uncommitted changes.

    Returns:
        The revision, or ``"unknown"`` when the code is not in a git checkout.
    """
    source = Path(arrears.__file__).resolve().parent
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=source,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return revision + ("+dirty" if dirty else "")


def provenance() -> dict[str, object]:
    """Versions of everything that determines a result, for the record beside it."""
    return {
        "arrears_version": arrears.__version__,
        "git_revision": git_revision(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libraries": {name: metadata.version(name) for name in _LIBRARIES},
    }


def version_text() -> str:
    """The version ``arrears --version`` prints: the one the results' provenance records.

    Returns:
        ``arrears <version>``, with ``(git <revision>)`` when the code is in a git checkout.
    """
    revision = git_revision()
    suffix = "" if revision == "unknown" else f" (git {revision})"
    return f"arrears {arrears.__version__}{suffix}"
