"""The notebooks in the documentation, shown with the outputs of their test run.

The notebooks are committed without outputs, and the test suite executes each one on a small
market (``test_notebook_runs_small``), saving the executed copy to ``docs/_build/notebooks/``.
When the build starts, each committed notebook's executed copy is taken into the source tree
(``docs/notebooks/``, not committed) and rendered as it is, with ``nb_execution_mode = "off"``:
the notebooks are executed once, by their test, never again by the documentation.

A copy is taken only if its cells are the committed notebook's (same sources, in order). If a
notebook has none, or only one of an older version, the build reports an error saying how to
make one (the page is left out, so ``-W`` fails the build): ``make docs`` does, running the
notebook test first when a notebook or the package changed since the copies were made.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXECUTED = ROOT / "docs" / "_build" / "notebooks"
RENDERED = ROOT / "docs" / "notebooks"


def cell_sources(path: Path) -> list[tuple[str, str]]:
    """A notebook's cells as (type, source) pairs."""
    notebook = nbformat.read(path, as_version=4)
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def executed_copy(notebook: Path) -> Path | None:
    """The executed copy of a committed notebook, if there is one of this version of it.

    Reports an error, and returns None, when there is no copy or its cells differ from the
    notebook's.
    """
    copy = EXECUTED / notebook.name
    how = (
        "run `make docs` (it executes the notebooks once, through their test, when they or the "
        "package changed), or `python -m pytest tests -k test_notebook_runs_small`, then build "
        "again"
    )
    if not copy.exists():
        logger.error(
            f"notebooks/{notebook.name} has no executed copy in docs/_build/notebooks/: {how}"
        )
        return None
    if cell_sources(copy) != cell_sources(notebook):
        logger.error(
            f"docs/_build/notebooks/{notebook.name} was executed from another version of "
            f"notebooks/{notebook.name}: {how}"
        )
        return None
    return copy


def take_executed_notebooks(app: Sphinx) -> None:
    """Copy each notebook's executed copy into the source tree (unchanged ones are left).

    A notebook without a usable copy is left out of the source tree.
    """
    RENDERED.mkdir(exist_ok=True)
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        copy = executed_copy(notebook)
        target = RENDERED / notebook.name
        if copy is None:
            target.unlink(missing_ok=True)
        elif not target.exists() or target.read_bytes() != copy.read_bytes():
            shutil.copyfile(copy, target)
    wanted = {path.name for path in NOTEBOOKS.glob("*.ipynb")}
    for stale in RENDERED.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()


def setup(app: Sphinx) -> dict[str, Any]:
    """Take the executed notebooks in when the build starts."""
    app.connect("builder-inited", take_executed_notebooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
