"""Sweep definitions: a base scenario, the parameters to vary, a design, seeds and figures.

A sweep file is TOML with up to four parts::

    [sweep]                 # how to sweep (see SweepSettings)
    name = "regime_comparison"
    base = "scenarios/baseline.toml"    # relative to the sweep file; omit for the defaults
    design = "grid"                     # grid | lhs | sobol | morris
    seeds = 5                           # replicate runs per design point
    seed = 20261125                     # master seed: every run's seed derives from it

    [scenario]              # optional: start from a named market instead of the base's
    market = "us_cards"

    [scenario.population]   # scenario tables applied on top of the base
    n_accounts = 2000

    [parameters]            # what varies, by dotted path (as Scenario.with_overrides takes it)
    "regime.name" = ["us_reg_f", "cn_2025"]           # grid: the levels
    "collectors.aggressiveness" = { low = 0.3, high = 0.9 }  # lhs, sobol, morris: the bounds

    [[figures]]             # what to draw (arrears.sweeps.figure_specs); defaults when omitted
    kind = "effects"
    x = "regime.name"
    metrics = ["recovery_rate", "cost_to_collect"]

Everything is checked when the sweep is loaded — every design point's scenario is built and
validated — so a malformed sweep fails with one :class:`~arrears.scenario.fields.ScenarioError`
before any run starts or any output is written.

Seeds never come from the clock. Run ``i`` (point ``i // seeds``, replicate ``i % seeds``) gets a
seed derived from the master seed and, with ``common_random_numbers`` (the default), from its
replicate index alone: replicate ``r`` then draws the same borrowers at every design point, so
differences between points are not confounded with sampling noise. Without it the key is the run
index and every run has its own seed.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from arrears.scenario.fields import ScenarioError, Section, param, read_toml
from arrears.scenario.overrides import ParameterPath, resolve_path
from arrears.scenario.regimes import REGIMES, Regime
from arrears.scenario.scenario import Scenario, load_scenario
from arrears.sweeps.designs import DESIGNS, Axis, design_points
from arrears.sweeps.figure_specs import FigureSpec, figure_specs

_TOP_LEVEL = ("sweep", "scenario", "parameters", "figures")
_NAME = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]*")


@dataclass(frozen=True)
class SweepSettings(Section):
    """The ``[sweep]`` table: design, size and seeds of a sweep."""

    section = "sweep"

    name: str = param("sweep", unit="-", doc="name of the sweep (titles and progress bar)")
    base: str = param(
        "",
        unit="-",
        doc="scenario TOML the sweep starts from, relative to the sweep file; empty for defaults",
    )
    design: str = param("grid", unit="-", doc="experimental design", choices=DESIGNS)
    seeds: int = param(1, unit="runs", doc="replicate runs per design point", low=1, high=100_000)
    seed: int = param(0, unit="-", doc="master seed of the sweep", low=0, high=2**63 - 1)
    samples: int = param(
        16,
        unit="-",
        doc="lhs: design points; sobol: base sample N, a power of 2 (N x (parameters + 2) "
        "points); morris: trajectories (parameters + 1 points each)",
        low=1,
        high=10_000_000,
    )
    morris_levels: int = param(
        4, unit="levels", doc="grid levels of the Morris design (even)", low=2, high=1000
    )
    common_random_numbers: bool = param(
        True,
        unit="-",
        doc="replicate r uses the same seed at every design point (else one seed per run)",
    )
    series_block_days: int = param(
        0,
        unit="days",
        doc="keep each run's daily series as means over whole blocks of this many recorded "
        "days (1 keeps every day); 0 keeps no series",
        low=0,
        high=36_500,
    )

    def check(self) -> None:
        """The name suits a folder; Sobol needs a power-of-two sample; Morris even levels."""
        if not _NAME.fullmatch(self.name):
            self.fail("name", self.name, "must be letters, digits, '_', '-' or '.' (a folder name)")
        if self.design == "sobol" and self.samples & (self.samples - 1):
            self.fail("samples", self.samples, "must be a power of 2 for design 'sobol'")
        if self.design == "morris" and self.morris_levels % 2:
            self.fail("morris_levels", self.morris_levels, "must be even")


@dataclass(frozen=True)
class RunSpec:
    """One run of a sweep.

    Attributes:
        run_id: Index of the run, ``point * seeds + replicate``.
        point: Index of the design point.
        replicate: Index of the replicate at that point.
        seed: The run's seed.
        values: The varied parameters' values at the point, by path.
        scenario: The complete scenario of the run (its ``run.seed`` is ``seed``).
    """

    run_id: int
    point: int
    replicate: int
    seed: int
    values: Mapping[str, Any]
    scenario: Scenario


@dataclass(frozen=True)
class Sweep:
    """A validated sweep.

    Attributes:
        settings: The ``[sweep]`` table.
        base: The scenario every point starts from (base file plus inline tables).
        axes: The varied parameters, in file order.
        figures: The figures to draw.
        samples: The design's unit-free sample matrix (points × axes), before integer fields are
            rounded; what sensitivity analysis reads.
        points: The varied parameters' values at each design point, by path.
        scenarios: The validated scenario of each design point (seed not yet set).
        definition: The sweep as self-contained plain data: what a store records and compares.
        text: The text of the sweep file, or "" for a sweep built in code.
    """

    settings: SweepSettings
    base: Scenario
    axes: tuple[Axis, ...]
    figures: tuple[FigureSpec, ...]
    samples: np.ndarray = field(compare=False, repr=False)
    points: tuple[Mapping[str, Any], ...]
    scenarios: tuple[Scenario, ...] = field(repr=False)
    definition: Mapping[str, Any] = field(repr=False)
    text: str = field(default="", repr=False)

    @property
    def n_runs(self) -> int:
        """Number of runs: design points × seeds."""
        return len(self.points) * self.settings.seeds

    @property
    def paths(self) -> tuple[str, ...]:
        """The varied parameters' paths."""
        return tuple(axis.path for axis in self.axes)

    def axis(self, path: str) -> Axis:
        """The varied parameter at a path.

        Args:
            path: A path of :attr:`paths`.

        Returns:
            Its axis.
        """
        return next(axis for axis in self.axes if axis.path == path)

    def run_seed(self, run_id: int) -> int:
        """The seed of a run, derived from the master seed (see the module docstring).

        Args:
            run_id: Index of the run.

        Returns:
            A seed in ``[0, 2**63)``.
        """
        key = run_id % self.settings.seeds if self.settings.common_random_numbers else run_id
        return derive_seed(self.settings.seed, key)

    def run(self, run_id: int) -> RunSpec:
        """The specification of one run.

        Args:
            run_id: Index of the run, in ``[0, n_runs)``.

        Returns:
            The run's point, replicate, seed, parameter values and scenario.
        """
        point, replicate = divmod(run_id, self.settings.seeds)
        seed = self.run_seed(run_id)
        scenario = self.scenarios[point]
        run = dataclasses.replace(scenario.run, seed=seed)
        return RunSpec(
            run_id=run_id,
            point=point,
            replicate=replicate,
            seed=seed,
            values=self.points[point],
            scenario=dataclasses.replace(scenario, run=run),
        )

    def runs(self) -> Iterator[RunSpec]:
        """Every run of the sweep, in run-id order."""
        return (self.run(run_id) for run_id in range(self.n_runs))


def derive_seed(master: int, key: int) -> int:
    """A run seed from the master seed and a key, via numpy's ``SeedSequence`` (no clock).

    Args:
        master: The sweep's master seed.
        key: The replicate or run index.

    Returns:
        A seed in ``[0, 2**63)``, the same on every machine and backend.
    """
    state = np.random.SeedSequence(master, spawn_key=(key,)).generate_state(1, np.uint64)
    return int(state[0] >> np.uint64(1))


def deep_merge(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Merge nested tables: values of ``changes`` replace those of ``base``, tables merge.

    Args:
        base: The original tables.
        changes: The tables to lay over them.

    Returns:
        A new merged mapping; neither input is modified.
    """
    merged = copy.deepcopy(dict(base))
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def load_sweep(path: str | Path, changes: Mapping[str, Any] | None = None) -> Sweep:
    """Read and validate a sweep file.

    Args:
        path: The sweep TOML.
        changes: Tables laid over the file's (see :func:`deep_merge`), e.g. an experiment
            script's size: ``{"sweep": {"seeds": 2}, "scenario": {"run": {"days": 60}}}``.

    Returns:
        The validated sweep.

    Raises:
        ScenarioError: If the file is missing, unreadable or not TOML, or anything in it is
            wrong; before anything runs.
    """
    path = Path(path)
    text, data = read_toml(path, "sweep file")
    return sweep_from_mapping(deep_merge(data, changes or {}), base_dir=path.parent, text=text)


def sweep_from_mapping(
    data: Mapping[str, Any], base_dir: str | Path = ".", text: str = ""
) -> Sweep:
    """Build and validate a sweep from its tables (as parsed from TOML).

    Args:
        data: ``{"sweep": ..., "scenario": ..., "parameters": ..., "figures": ...}``.
        base_dir: Folder that ``sweep.base`` is relative to.
        text: The sweep file's text, kept for provenance.

    Returns:
        The validated sweep, every design point's scenario built.

    Raises:
        ScenarioError: On an unknown table or key, a bad setting, an unknown parameter path,
            bad levels or bounds, a bad parameter value at any point, or a bad figure.
    """
    for key in data:
        if key not in _TOP_LEVEL:
            raise ScenarioError(
                f"[{key}] is not a known table of a sweep file; allowed: {', '.join(_TOP_LEVEL)}"
            )
    settings = SweepSettings.from_mapping(data.get("sweep", {}))
    base = _base_scenario(settings, data.get("scenario", {}), Path(base_dir))
    axes = _axes(settings, data.get("parameters", {}), base)
    samples, points = design_points(
        settings.design, axes, settings.samples, settings.morris_levels, settings.seed
    )
    scenarios = tuple(_point_scenario(base, i, values) for i, values in enumerate(points))
    figures = figure_specs(data.get("figures"), settings, axes)
    definition = {
        "sweep": dataclasses.asdict(settings) | {"base": ""},
        "scenario": base.to_dict(),
        "parameters": {axis.path: _axis_definition(axis) for axis in axes},
        "figures": [
            {k: v for k, v in dataclasses.asdict(f).items() if v is not None} for f in figures
        ],
    }
    return Sweep(
        settings=settings,
        base=base,
        axes=axes,
        figures=figures,
        samples=samples,
        points=tuple(points),
        scenarios=scenarios,
        definition=json.loads(json.dumps(definition)),
        text=text,
    )


def _base_scenario(settings: SweepSettings, inline: Any, base_dir: Path) -> Scenario:
    """The base file's scenario with the inline ``[scenario]`` tables applied."""
    if not isinstance(inline, Mapping):
        raise ScenarioError(f"[scenario] must be a table of scenario sections, got {inline!r}")
    base = load_scenario(base_dir / settings.base) if settings.base else Scenario()
    overrides: dict[str, Any] = {}
    for section, table in inline.items():
        if section == "market":  # start over from a named market (Scenario.with_overrides)
            overrides["market"] = table
            continue
        if not isinstance(table, Mapping):
            raise ScenarioError(
                f"scenario.{section} must be a table of parameters, got {table!r}; write "
                f"[scenario.{section}] with one key per parameter"
            )
        for name, value in table.items():
            overrides[resolve_path(f"{section}.{name}").path] = value
    return base.with_overrides(overrides)


def _flatten_parameters(table: Any) -> dict[str, Any]:
    """``[parameters]`` as ``{path: levels or bounds}``, from quoted or nested keys."""
    if not isinstance(table, Mapping):
        raise ScenarioError(f"[parameters] must be a table of parameter paths, got {table!r}")
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if "." in key:
            entries = {key: value}
        elif isinstance(value, Mapping):
            entries = {f"{key}.{name}": spec for name, spec in value.items()}
        else:
            raise ScenarioError(
                f'parameters.{key}: write each varied parameter as "section.field" = levels '
                f'or bounds, e.g. "regime.name" = ["us_reg_f", "cn_2025"]; got {value!r}'
            )
        for path, spec in entries.items():
            if path in flat:
                raise ScenarioError(f"parameters: {path} is given twice")
            flat[path] = spec
    return flat


def _axes(settings: SweepSettings, table: Any, base: Scenario) -> tuple[Axis, ...]:
    """Resolve and check every varied parameter against the design."""
    axes = []
    for path, spec in _flatten_parameters(table).items():
        parameter = resolve_path(path)
        if path == "run.seed":
            raise ScenarioError(
                "parameters: run.seed cannot be varied; each run's seed derives from sweep.seed "
                "and the run index (set sweep.seeds for replicates)"
            )
        axes.append(
            _grid_axis(parameter, spec)
            if settings.design == "grid"
            else _bounded_axis(parameter, spec, settings.design, base)
        )
    if settings.design != "grid" and not axes:
        raise ScenarioError(
            f"design {settings.design!r} needs at least one parameter with bounds in [parameters]"
        )
    if any(axis.path == "regime.name" for axis in axes):
        _check_regime_rules_kept(base.regime)
    return tuple(axes)


def _check_regime_rules_kept(regime: Regime) -> None:
    """Refuse a base regime with its own rules when ``regime.name`` varies (they would be lost).

    Varying ``regime.name`` starts each point from that named regime, as ``--regime`` does.
    """
    named = REGIMES.get(regime.name)
    changed = sorted(
        key
        for key, value in dataclasses.asdict(regime).items()
        if key not in ("name", "sources") and (named is None or getattr(named, key) != value)
    )
    if changed:
        raise ScenarioError(
            "parameters: regime.name varies, so each point starts from the named regime and "
            f"the base scenario's own regime rules ({', '.join(changed)}) would be dropped; "
            "vary those rules in [parameters] too, or remove them from the base"
        )


def _grid_axis(parameter: ParameterPath, spec: Any) -> Axis:
    path = parameter.path
    labels: list[Any] = []
    if isinstance(spec, Mapping):
        if set(spec) != {"levels", "labels"}:
            raise ScenarioError(
                f"parameters.{path}: a table of levels needs exactly the keys levels and labels, "
                f"got {sorted(spec)}"
            )
        spec, labels = spec["levels"], spec["labels"]
    if not isinstance(spec, list) or not spec:
        raise ScenarioError(
            f"parameters.{path}: design 'grid' needs a non-empty list of levels, e.g. [1, 2, 4], "
            f"or {{ levels = [...], labels = [...] }}; got {spec!r}"
        )
    if labels and (
        not isinstance(labels, list)
        or len(labels) != len(spec)
        or not all(isinstance(label, str) for label in labels)
    ):
        raise ScenarioError(
            f"parameters.{path}.labels must list one string per level ({len(spec)}), got {labels!r}"
        )
    return Axis(parameter=parameter, levels=tuple(spec), labels=tuple(labels))


def _bounded_axis(parameter: ParameterPath, spec: Any, design: str, base: Scenario) -> Axis:
    path = parameter.path
    if not parameter.numeric:
        raise ScenarioError(
            f"parameters.{path}: design {design!r} samples numbers between bounds, but {path} "
            f"is not a number ({parameter.spec.allowed()}); vary it with design = 'grid'"
        )
    if not isinstance(spec, Mapping) or set(spec) != {"low", "high"}:
        raise ScenarioError(
            f"parameters.{path}: design {design!r} needs bounds {{ low = ..., high = ... }}, "
            f"got {spec!r}"
        )
    low, high = spec["low"], spec["high"]
    for bound in (low, high):
        if isinstance(bound, bool) or not isinstance(bound, int | float):
            raise ScenarioError(f"parameters.{path}: bounds must be numbers, got {spec!r}")
        try:
            base.with_overrides({path: bound})
        except ScenarioError as error:
            raise ScenarioError(
                f"parameters.{path}: bound {bound!r} is not allowed: {error}"
            ) from None
    if not low < high:
        raise ScenarioError(f"parameters.{path}: low must be below high, got {spec!r}")
    return Axis(parameter=parameter, low=low, high=high)


def _point_scenario(base: Scenario, index: int, values: Mapping[str, Any]) -> Scenario:
    try:
        return base.with_overrides(values)
    except ScenarioError as error:
        raise ScenarioError(f"parameters: design point {index} {dict(values)}: {error}") from None


def _axis_definition(axis: Axis) -> Any:
    if axis.labels:
        return {"levels": list(axis.levels), "labels": list(axis.labels)}
    return list(axis.levels) if axis.levels else {"low": axis.low, "high": axis.high}
