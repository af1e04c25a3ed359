"""The two engines, and which version of a kernel each one runs.

Per-account logic is written once, as ``@njit`` functions in :mod:`arrears.market.kernels`.
``engine="numba"`` calls them compiled; ``engine="agents"`` calls their Python bodies
(``.py_func``), each Borrower from its own ``step``. A Python body still calls the *compiled*
versions of the ``@njit`` functions it calls (the math helpers, the random draws and the kernels'
own helpers), so the two engines do the same arithmetic on the same machine code where it could
differ, and agree to the bit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol

Engine = Literal["numba", "agents"]
"""The engine a model runs: compiled batch kernels, or one Mesa agent step at a time."""


class Kernel(Protocol):
    """A compiled ``@njit`` function (a numba dispatcher) and its Python body."""

    py_func: Callable[..., Any]

    def __call__(self, *args: Any) -> Any:
        """Run the compiled function."""


def for_engine(kernel: Kernel, engine: Engine) -> Callable[..., Any]:
    """The version of a kernel an engine runs.

    Args:
        kernel: An ``@njit`` function.
        engine: ``"numba"`` or ``"agents"``.

    Returns:
        The compiled function in the numba engine; in the agents engine its Python body
        (``kernel.py_func``), whose calls to other ``@njit`` functions stay compiled.
    """
    return kernel if engine == "numba" else kernel.py_func
