"""The package's shape: its imports form no cycle and point down the layers, its modules stay
small, no family of top-level modules stands in for a package, and the tests mirror its tree.

Imports are read from the source with :mod:`ast`, not by importing it, so every import counts:
those inside functions (loaded late, but loaded) and ``from arrears.x import y`` where ``y`` is a
submodule (then the import is of ``arrears.x.y``). Imports under ``if TYPE_CHECKING:`` are left
out: that block never runs (annotations stay strings under ``from __future__ import
annotations``), so it can make no runtime cycle and load no layer above; the market's agents name
:class:`~arrears.market.model.CollectionMarket` that way while the model imports the agents.
An import of ``arrears.x.y`` also runs the packages' ``__init__`` files on the way; those implicit
edges are left out too, since each ``__init__`` lists its own imports.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
PACKAGE = SRC / "arrears"

LAYERS = ("utilities", "scenario", "market", "outputs", "sweeps", "calibration", "dashboard", "cli")
"""From bottom to top: a module imports from its own layer and the layers below, never above."""

TOP_LEVEL_LAYERS = {
    "arrears": "utilities",
    "arrears._numba_cache": "utilities",
    "arrears._threads": "utilities",
    "arrears.atomic": "utilities",
    "arrears.interrupts": "utilities",
    "arrears.provenance": "utilities",
    "arrears.cli": "cli",
}
"""The layer of each module at the package's top; a module in a subpackage sits in its package."""

MAX_MODULE_LINES = 800

Imports = Mapping[str, Mapping[str, int]]
"""Each module's runtime imports of arrears modules, with the line of the first."""


def module_name(path: Path, src: Path) -> str:
    """The dotted name of the module at ``path`` (a package's ``__init__.py`` is the package)."""
    parts = path.relative_to(src).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node`` except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        yield child
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for runtime_child in child.orelse:
                yield runtime_child
                yield from _runtime_nodes(runtime_child)
        else:
            yield from _runtime_nodes(child)


def _imported_base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module a ``from ... import`` names, with a relative import resolved."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def runtime_imports(path: Path, src: Path, modules: set[str]) -> dict[str, int]:
    """The arrears modules the file at ``path`` imports at runtime, with each one's first line."""
    module = module_name(path, src)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: dict[str, int] = {}
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _imported_base(node, module, path.name == "__init__.py")
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target in modules:
                found.setdefault(target, node.lineno)
    return found


def read_imports(src: Path) -> dict[str, dict[str, int]]:
    """The runtime import graph of every module under ``src``."""
    paths = sorted(src.rglob("*.py"))
    modules = {module_name(path, src) for path in paths}
    return {module_name(path, src): runtime_imports(path, src, modules) for path in paths}


def import_cycles(imports: Imports) -> list[list[str]]:
    """The import cycles: each strongly connected component of two or more modules, or of one
    module importing itself, sorted (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in imports.get(module, {}):
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in on_stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
                on_stack.discard(component[-1])
            if len(component) > 1 or module in imports.get(module, {}):
                cycles.append(sorted(component))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return sorted(cycles)


def layer_of(module: str) -> str:
    """The layer a module sits in: its package's, or its own at the package's top."""
    if module in TOP_LEVEL_LAYERS:
        return TOP_LEVEL_LAYERS[module]
    return module.split(".")[1]


def upward_imports(
    imports: Imports, layer: Callable[[str], str], order: tuple[str, ...]
) -> list[str]:
    """Each import of a module in a higher layer, as ``importer:line imports imported``."""
    rank = {name: position for position, name in enumerate(order)}
    return [
        f"{module}:{line} imports {target}"
        for module, targets in sorted(imports.items())
        for target, line in sorted(targets.items())
        if rank[layer(target)] > rank[layer(module)]
    ]


@functools.cache
def package_imports() -> dict[str, dict[str, int]]:
    return read_imports(SRC)


def test_no_runtime_import_cycle():
    """No arrears module imports itself at runtime, directly or through others."""
    assert import_cycles(package_imports()) == []


def test_every_module_sits_in_a_layer():
    """A new package or top-level module is placed in LAYERS before the layer check trusts it."""
    unplaced = [module for module in package_imports() if layer_of(module) not in LAYERS]
    assert unplaced == [], "add these to LAYERS or TOP_LEVEL_LAYERS"


def test_imports_point_down_the_layers():
    """Each package imports only from itself and the packages below it."""
    assert upward_imports(package_imports(), layer_of, LAYERS) == []


def test_the_simulation_imports_nothing_above_it():
    """The scenario and the market run without output files, sweeps, calibration or a UI."""
    simulation = {"utilities", "scenario", "market"}
    imported = {
        layer_of(target)
        for module, targets in package_imports().items()
        if layer_of(module) in simulation
        for target in targets
    }
    assert imported <= simulation


def test_cycle_finder_finds_a_cycle_and_nothing_else():
    """The cycle finder reports a three-module loop and a self-import, not the modules around."""
    imports = {
        "a": {"b": 1},
        "b": {"c": 1},
        "c": {"a": 1, "d": 1},
        "d": {},
        "e": {"a": 1, "e": 2},
    }
    assert import_cycles(imports) == [["a", "b", "c"], ["e"]]


def test_cycle_finder_passes_a_graph_without_cycles():
    """A diamond (two paths to one module) is not a cycle."""
    imports = {"top": {"left": 1, "right": 1}, "left": {"bottom": 1}, "right": {"bottom": 1}}
    assert import_cycles(imports) == []


def test_layer_check_reports_an_upward_import_with_its_line():
    """An import from a higher layer is reported; from its own or a lower layer it is not."""
    imports = {
        "arrears.market.model": {"arrears.outputs.run_files": 12, "arrears.scenario.fields": 3},
        "arrears.market.tables": {"arrears.market.model": 5},
        "arrears.outputs.run_files": {"arrears.market.model": 7},
    }
    assert upward_imports(imports, layer_of, LAYERS) == [
        "arrears.market.model:12 imports arrears.outputs.run_files"
    ]


def test_import_reader_skips_type_checking_and_sees_late_and_submodule_imports(tmp_path):
    """Imports in functions, of submodules by ``from``, and relative ones count; TYPE_CHECKING's
    do not."""
    package = tmp_path / "arrears"
    (package / "market").mkdir(parents=True)
    for name in ("__init__.py", "atomic.py", "cli.py", "market/__init__.py", "market/tables.py"):
        (package / name).write_text("")
    (package / "market" / "model.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from arrears import atomic\n"
        "from . import tables\n"
        "if TYPE_CHECKING:\n"
        "    from arrears.cli import main\n"
        "def run():\n"
        "    import arrears.market\n"
    )
    assert read_imports(tmp_path)["arrears.market.model"] == {
        "arrears.atomic": 2,
        "arrears.market.tables": 3,
        "arrears.market": 7,
    }


def _source_files() -> list[str]:
    return sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("relative_path", _source_files())
def test_module_is_at_most_800_lines(relative_path):
    """A module holds one idea; past 800 lines it holds several."""
    lines = len((PACKAGE / relative_path).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES


def prefix_families(names: list[str]) -> list[list[str]]:
    """The groups of two or more names sharing the prefix before their first underscore."""
    by_prefix: dict[str, list[str]] = {}
    for name in sorted(names):
        by_prefix.setdefault(name.split("_")[0], []).append(name)
    return [family for family in by_prefix.values() if len(family) > 1]


def test_no_family_of_top_level_modules_stands_in_for_a_package():
    """No two public modules or packages at the package's top share a prefix before an
    underscore (``sweep.py`` beside ``sweep_cli.py`` is a package waiting to be made)."""
    names = [
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if not path.name.startswith(("_", ".")) and (path.suffix == ".py" or path.is_dir())
    ]
    assert prefix_families(names) == []


def test_prefix_families_finds_a_family():
    """A module and its ``_cli`` sibling are a family; names merely alike are not."""
    names = ["sweep", "sweep_cli", "sweeps", "atomic", "cli"]
    assert prefix_families(names) == [["sweep", "sweep_cli"]]


def misplaced_tests(tests: Path, package: Path) -> list[str]:
    """Test files in a folder with no namesake under the package (``tests/`` itself is the
    package's top)."""
    return sorted(
        path.relative_to(tests).as_posix()
        for path in tests.rglob("test_*.py")
        if not (package / path.parent.relative_to(tests)).is_dir()
    )


def test_tests_live_in_folders_named_like_the_packages():
    """Each test file sits at tests/ top or in a folder named after a package under src/arrears
    (see the layout in conftest.py)."""
    assert misplaced_tests(TESTS, PACKAGE) == []


def test_every_test_folder_is_a_package():
    """Each folder of tests has an __init__.py, so test files of one name in two folders
    (tests/test_cli.py, tests/sweeps/test_cli.py) import as two modules."""
    folders = {path.parent for path in TESTS.rglob("test_*.py")}
    without_init = [folder for folder in folders if not (folder / "__init__.py").is_file()]
    assert sorted(folder.relative_to(TESTS).as_posix() for folder in without_init) == []


def test_misplaced_tests_finds_a_folder_with_no_package(tmp_path):
    """A test in a folder no package is named after is reported; at the top or beside its
    package it is not."""
    (tmp_path / "src" / "arrears" / "market").mkdir(parents=True)
    for name in ("test_cli.py", "market/test_model.py", "markets/test_model.py"):
        (tmp_path / "tests" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "tests" / name).write_text("")
    assert misplaced_tests(tmp_path / "tests", tmp_path / "src" / "arrears") == [
        "markets/test_model.py"
    ]
