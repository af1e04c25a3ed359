"""The notebooks run top to bottom on a small market, so they never break silently."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from arrears.atomic import write_atomically

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
EXECUTED = Path(__file__).parent.parent / "docs" / "_build" / "notebooks"
"""Where each notebook is saved once it has run: the documentation shows these copies."""
SMALL = {
    "ARREARS_NB_ACCOUNTS": "600",
    "ARREARS_NB_ENGINE_ACCOUNTS": "300",
    "ARREARS_NB_DAYS": "40",
    "ARREARS_NB_WARMUP_DAYS": "40",
    "ARREARS_NB_SEEDS": "2",
    "ARREARS_NB_SOBOL_SAMPLES": "4",
    "ARREARS_NB_EXPERIMENTS": "8",
    "ARREARS_NB_WORKERS": "1",
}
"""Sizes the notebooks read from the environment in their `parameters` cell."""
CELL_TIMEOUT_S = 300


def test_notebooks_are_found():
    """The notebooks of this round are present (a typo in the folder would skip them all)."""
    assert {path.name for path in NOTEBOOKS} >= {
        "01_quickstart.ipynb",
        "02_regimes.ipynb",
        "03_sweep_analysis.ipynb",
        "04_ema_workbench.ipynb",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_stored_without_outputs(path):
    """Notebooks are committed clean: no outputs, no execution counts."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_small(path, monkeypatch):
    """Every cell runs without error or warning, and every figure is drawn."""
    for name, value in SMALL.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    notebook = nbformat.read(path, as_version=4)
    parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and "ARREARS_NB_" in parameters[0].source
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3", resources={"metadata": {}}
    )
    client.execute()
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert stderr == []
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    figure_cells = [
        c for c in notebook.cells if c.cell_type == "code" and "plt.subplots" in c.source
    ]
    assert len(figures) >= len(figure_cells) > 0
    EXECUTED.mkdir(parents=True, exist_ok=True)
    write_atomically(EXECUTED / path.name, lambda temporary: nbformat.write(notebook, temporary))
