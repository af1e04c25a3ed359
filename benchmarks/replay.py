"""Record the kernels a market's day calls, with their arguments, to replay them one by one.

The model's day calls its compiled kernels from Python: ``model.py`` (worklist building, the
active set, the borrower-day batch, the list of accounts in arrears), the agents (each
collector's contact planning, the regulator's audits) and the daily record. Rather than
rebuild each kernel's inputs by hand, which would tie the benchmarks to the kernels'
signatures while they are being changed, :func:`record_day` steps a copy of a warmed-up model
once with every such kernel wrapped, and keeps a deep copy of the arguments of each call as it
happened. A replay calls the kernel again on a fresh copy of those arguments. A kernel that a
new mechanism adds to the day is found and benchmarked the same way.
"""

from __future__ import annotations

import contextlib
import copy
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import FunctionType, ModuleType
from typing import Any

import pytest
from numba.core.registry import CPUDispatcher

from arrears.market.model import CollectionMarket

Kernel = Callable[..., Any]
"""A kernel: a numba dispatcher, or a Python function driving compiled kernels."""

CALLERS = (
    "arrears.market.model",
    "arrears.market.series",
    "arrears.market.summary",
    "arrears.market.agents.",
)
"""Modules (or packages, with a trailing dot) whose calls into kernels are recorded."""


@dataclass
class Call:
    """One call of a kernel: its arguments, copied at the moment of the call."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)


def caller_modules() -> list[ModuleType]:
    """The modules whose kernel calls make up a day (all imported with ``arrears.market.model``)."""
    return [
        module
        for name, module in sorted(sys.modules.items())
        if any(name == c or (c.endswith(".") and name.startswith(c)) for c in CALLERS)
    ]


def _is_kernel(obj: object) -> bool:
    """Whether ``obj`` is a kernel of ``arrears.market.kernels``: compiled, or a Python driver of
    compiled kernels (``run_borrower_days`` shares a day's borrowers out to threads).

    Helpers compiled with ``inline="always"`` are left out: the numba engine runs them only
    inside other kernels (the agents engine calls them un-jitted).
    """
    if isinstance(obj, CPUDispatcher):
        return obj.py_func.__module__.startswith("arrears.market.kernels") and (
            obj.targetoptions.get("inline") != "always"
        )
    return isinstance(obj, FunctionType) and obj.__module__.startswith("arrears.market.kernels")


def kernel_name(kernel: Kernel) -> str:
    """A kernel's name (its Python function's)."""
    return str(getattr(kernel, "py_func", kernel).__name__)


def day_kernels() -> dict[str, Kernel]:
    """Every kernel of ``arrears.market.kernels`` the day's callers can call, by name."""
    found: dict[str, Kernel] = {}
    for module in caller_modules():
        for obj in vars(module).values():
            if _is_kernel(obj):
                found[kernel_name(obj)] = obj
    return dict(sorted(found.items()))


@contextlib.contextmanager
def wrapped_kernels(wrap: Callable[[Kernel], Kernel]) -> Iterator[None]:
    """Within the block, the day's callers call ``wrap(kernel)`` instead of each kernel.

    The wrapper keeps the kernel's ``py_func`` (the agents engine calls it).
    """
    kernels = list(day_kernels().values())
    with pytest.MonkeyPatch.context() as patch:
        for module in caller_modules():
            for attribute, obj in list(vars(module).items()):
                if _is_kernel(obj) and obj in kernels:
                    wrapper = wrap(obj)
                    if hasattr(obj, "py_func"):
                        wrapper.py_func = obj.py_func  # type: ignore[attr-defined]
                    patch.setattr(module, attribute, wrapper)
        yield


def record_day(model: CollectionMarket) -> dict[str, list[Call]]:
    """Step ``model`` one day, recording every kernel call the day makes.

    Args:
        model: A model to step (it is advanced by one day; pass a copy).

    Returns:
        The calls of each kernel, in order, by kernel name (kernels not called are absent).
    """
    calls: dict[str, list[Call]] = {}

    def recorder(kernel: Kernel) -> Kernel:
        def record(*args: Any, **kwargs: Any) -> Any:
            calls.setdefault(kernel_name(kernel), []).append(
                Call(copy.deepcopy(args), copy.deepcopy(kwargs))
            )
            return kernel(*args, **kwargs)

        return record

    with wrapped_kernels(recorder):
        model.step()
    return calls


def replay(kernel: Kernel, calls: list[Call]) -> None:
    """Call ``kernel`` again with each recorded call's arguments (which it may change)."""
    for call in calls:
        kernel(*call.args, **call.kwargs)
