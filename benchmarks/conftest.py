"""Hooks and fixtures of the benchmark suite (see :mod:`common` for the market it runs).

The suite is not part of the test run (``benchmarks/`` is outside pytest's ``testpaths``):
``make bench`` runs all of it, ``make bench-quick`` (``--quick``) a small subset that also runs
in ``make test``, so the benchmarks never rot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from common import SIZES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="the quick subset: 10^3-10^5 accounts, no 10^6, no fresh compile",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sizes(family): parametrise `accounts` with the sizes of a benchmark family"
    )
    config.addinivalue_line("markers", "full_only: left out of the quick subset")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("sizes")
    if marker is None or "accounts" not in metafunc.fixturenames:
        return
    suite = "quick" if metafunc.config.getoption("--quick") else "full"
    sizes = SIZES[suite][marker.args[0]]
    metafunc.parametrize("accounts", sizes, ids=[f"{n:.0e}".replace("+0", "") for n in sizes])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--quick"):
        return
    skip = pytest.mark.skip(reason="not in the quick subset")
    for item in items:
        if item.get_closest_marker("full_only"):
            item.add_marker(skip)


def rounds(config: pytest.Config) -> int:
    """Rounds per benchmark: ``--benchmark-min-rounds`` (pedantic runs take it literally)."""
    return max(1, int(config.getoption("benchmark_min_rounds")))


@pytest.fixture
def pedantic(benchmark: Any, request: pytest.FixtureRequest) -> Callable[..., Any]:
    """``benchmark.pedantic`` with the suite's rounds, one iteration and a set-up per round."""

    def run(target: Callable[..., Any], setup: Callable[[], Any] | None = None) -> Any:
        return benchmark.pedantic(
            target, setup=setup, rounds=rounds(request.config), iterations=1, warmup_rounds=0
        )

    return run
