"""Sweep definitions: a base scenario, the parameters to vary, a design, seeds and figures.

A sweep file is TOML with up to four parts::

    [sweep]                 # how to sweep (see SweepSettings)
    name = "regime_comparison"
    base = "scenarios/baseline.toml"    # relative to the sweep file; omit for the defaults
    design = "grid"                     # grid | lhs | sobol | morris
    seeds = 5                           # replicate runs per design point
    seed = 20261125                     # master seed: every run's seed derives from it

    [scenario.population]   # scenario tables applied on top of the base
    n_accounts = 2000

    [parameters]            # what varies, by dotted path (as Scenario.with_overrides takes it)
    "regime.name" = ["us_reg_f", "cn_2025"]           # grid: the levels
    "collectors.call_reach" = { low = 0.3, high = 0.9 }  # lhs, sobol, morris: the bounds

    [[figures]]             # what to draw (see FigureSpec); defaults when omitted
    kind = "effects"
    x = "regime.name"
    metrics = ["recovery_rate", "cost_to_collect"]

Everything is checked when the sweep is loaded — every design point's scenario is built and
validated — so a malformed sweep fails with one :class:`~arrears.validation.ScenarioError` before
any run starts or any output is written.

Seeds never come from the clock. Run ``i`` (point ``i // seeds``, replicate ``i % seeds``) gets a
seed derived from the master seed and, with ``common_random_numbers`` (the default), from its
replicate index alone: replicate ``r`` then draws the same borrowers at every design point, so
differences between points are not confounded with sampling noise. Without it the key is the run
index and every run has its own seed.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from arrears.metrics import SERIES_UNITS, SUMMARY_UNITS
from arrears.overrides import ParameterPath, resolve_path
from arrears.params import Scenario, load_scenario
from arrears.regimes import REGIMES, Regime
from arrears.validation import ScenarioError, Section, param, read_toml

DESIGNS = ("grid", "lhs", "sobol", "morris")
"""Names of the supported experimental designs."""

SENSITIVITY_DESIGNS = ("sobol", "morris")
"""Designs whose results support sensitivity indices (see :mod:`arrears.sensitivity`)."""

FIGURE_KINDS = ("effects", "heatmap", "series", "indices")
"""Kinds of sweep figure (see :class:`FigureSpec`)."""

DEFAULT_METRICS = ("recovery_rate", "cost_to_collect", "delinquency_30p_share", "rpc_rate")
"""Summary metrics drawn and analysed when a sweep does not name its own."""

_TOP_LEVEL = ("sweep", "scenario", "parameters", "figures")
_NAME = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]*")
_FIGURE_KEYS = ("kind", "name", "x", "y", "hue", "facet", "metrics")


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
class Axis:
    """One varied parameter: its levels (grid) or its bounds (sampling designs).

    Attributes:
        parameter: The resolved parameter.
        levels: The values a grid takes, in order; empty for a sampling design.
        labels: A name for each level (for figures), or empty to show the values.
        low: Lower bound of a sampling design, or None.
        high: Upper bound of a sampling design, or None.
    """

    parameter: ParameterPath
    levels: tuple[Any, ...] = ()
    labels: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    @property
    def path(self) -> str:
        """The parameter's dotted path."""
        return self.parameter.path

    @property
    def categorical(self) -> bool:
        """Whether the levels are names or sequences rather than numbers on a scale."""
        return not self.parameter.numeric

    def label(self, cell: Any) -> str:
        """How a value of this parameter, as stored in the results table, is shown.

        Args:
            cell: The value (see :func:`cell_value`).

        Returns:
            The level's label if the sweep names its levels, else the value as text.
        """
        names = dict(zip((cell_value(level) for level in self.levels), self.labels, strict=False))
        return names.get(cell, f"{cell:g}" if isinstance(cell, float) else str(cell))


@dataclass(frozen=True)
class FigureSpec:
    """One figure a sweep draws from its results.

    Kinds: ``effects`` — each metric's mean over seeds with its 95% interval against parameter
    ``x`` (one line per level of ``hue``); ``heatmap`` — each metric's mean over an ``x`` × ``y``
    grid; ``series`` — daily series metrics over time, mean and 95% band across runs, one line
    per level of ``hue``, one column per level of ``facet``; ``indices`` — Sobol or Morris indices
    of each metric (sensitivity designs only).

    Attributes:
        kind: One of :data:`FIGURE_KINDS`.
        name: File stem of the figure.
        metrics: Summary metrics (series columns for ``series``) to draw, one panel each.
        x: Parameter on the horizontal axis, or None.
        y: Parameter on the vertical axis (heatmap), or None.
        hue: Parameter whose levels get their own line, or None.
        facet: Parameter whose levels get their own column of panels, or None.
    """

    kind: str
    name: str
    metrics: tuple[str, ...]
    x: str | None = None
    y: str | None = None
    hue: str | None = None
    facet: str | None = None


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


def cell_value(value: Any) -> Any:
    """A parameter value as a results-table cell: scalars as they are, sequences as JSON text.

    Args:
        value: The parameter value at a design point.

    Returns:
        The cell: a number, string or boolean, or a JSON list for a sequence parameter.
    """
    return json.dumps(list(value)) if isinstance(value, list | tuple) else value


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
    samples, points = _design(settings, axes)
    scenarios = tuple(_point_scenario(base, i, values) for i, values in enumerate(points))
    figures = _figures(settings, axes, data.get("figures"))
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


def _design(
    settings: SweepSettings, axes: tuple[Axis, ...]
) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """The design's sample matrix and each point's parameter values."""
    if settings.design == "grid":
        combinations = list(itertools.product(*(axis.levels for axis in axes)))
        return np.zeros((len(combinations), 0)), [
            dict(zip((axis.path for axis in axes), combo, strict=True)) for combo in combinations
        ]
    from SALib.sample import latin, morris, sobol

    problem = salib_problem(axes)
    n, seed = settings.samples, settings.seed
    if settings.design == "lhs":
        samples = latin.sample(problem, n, seed=seed)
    elif settings.design == "sobol":
        samples = sobol.sample(problem, n, calc_second_order=False, scramble=True, seed=seed)
    else:
        samples = morris.sample(problem, n, num_levels=settings.morris_levels, seed=seed)
    points = [
        {
            axis.path: round(float(x)) if axis.parameter.kind is int else float(x)
            for axis, x in zip(axes, row, strict=True)
        }
        for row in samples
    ]
    return samples, points


def salib_problem(axes: tuple[Axis, ...]) -> dict[str, Any]:
    """The SALib problem definition of a sampling design's axes.

    Args:
        axes: Axes with bounds.

    Returns:
        ``{"num_vars", "names", "bounds"}`` as SALib's samplers and analysers take it.
    """
    return {
        "num_vars": len(axes),
        "names": [axis.path for axis in axes],
        "bounds": [[axis.low, axis.high] for axis in axes],
    }


def _point_scenario(base: Scenario, index: int, values: Mapping[str, Any]) -> Scenario:
    try:
        return base.with_overrides(values)
    except ScenarioError as error:
        raise ScenarioError(f"parameters: design point {index} {dict(values)}: {error}") from None


def _axis_definition(axis: Axis) -> Any:
    if axis.labels:
        return {"levels": list(axis.levels), "labels": list(axis.labels)}
    return list(axis.levels) if axis.levels else {"low": axis.low, "high": axis.high}


def _figures(settings: SweepSettings, axes: tuple[Axis, ...], table: Any) -> tuple[FigureSpec, ...]:
    """The declared figures, checked; or the default figures of the design."""
    if table is None:
        if settings.design in SENSITIVITY_DESIGNS:
            return (FigureSpec(kind="indices", name="indices", metrics=DEFAULT_METRICS),)
        return tuple(
            FigureSpec(
                kind="effects", name=f"effects_{axis.path}", x=axis.path, metrics=DEFAULT_METRICS
            )
            for axis in axes
        )
    if not isinstance(table, list):
        raise ScenarioError(f"figures must be an array of tables ([[figures]]), got {table!r}")
    return tuple(_figure(settings, axes, i, entry) for i, entry in enumerate(table))


def _figure(settings: SweepSettings, axes: tuple[Axis, ...], index: int, entry: Any) -> FigureSpec:
    where = f"figures[{index}]"
    if not isinstance(entry, Mapping):
        raise ScenarioError(f"{where} must be a table, got {entry!r}")
    for key in entry:
        if key not in _FIGURE_KEYS:
            raise ScenarioError(
                f"{where}.{key} is not a known key; allowed keys: {', '.join(_FIGURE_KEYS)}"
            )
    kind = entry.get("kind")
    if kind not in FIGURE_KINDS:
        raise ScenarioError(
            f"{where}.kind must be one of {', '.join(map(repr, FIGURE_KINDS))}, got {kind!r}"
        )
    paths = [axis.path for axis in axes]
    required = {"effects": ("x",), "heatmap": ("x", "y"), "series": (), "indices": ()}[kind]
    for key in ("x", "y", "hue", "facet"):
        value = entry.get(key)
        if value is None:
            if key in required:
                raise ScenarioError(
                    f"{where}: figure kind {kind!r} needs {key} (a varied parameter)"
                )
            continue
        if value not in paths:
            raise ScenarioError(
                f"{where}.{key} must be a varied parameter ({', '.join(paths) or 'none'}), "
                f"got {value!r}"
            )
    if kind == "indices" and settings.design not in SENSITIVITY_DESIGNS:
        raise ScenarioError(
            f"{where}: an 'indices' figure needs design 'sobol' or 'morris', "
            f"not {settings.design!r}"
        )
    if kind == "heatmap" and settings.design != "grid":
        raise ScenarioError(f"{where}: a 'heatmap' figure needs design 'grid'")
    if kind == "series" and settings.series_block_days == 0:
        raise ScenarioError(f"{where}: a 'series' figure needs sweep.series_block_days >= 1")
    known = SERIES_UNITS if kind == "series" else SUMMARY_UNITS
    metrics = entry.get("metrics", list(DEFAULT_METRICS) if kind != "series" else None)
    if not isinstance(metrics, list) or not metrics:
        raise ScenarioError(f"{where}.metrics must be a non-empty list of names, got {metrics!r}")
    for metric in metrics:
        if metric not in known:
            raise ScenarioError(
                f"{where}.metrics: {metric!r} is not a "
                f"{'series column' if kind == 'series' else 'summary metric'}; "
                f"allowed: {', '.join(known)}"
            )
    name = entry.get("name", f"{index + 1:02d}_{kind}")
    if not isinstance(name, str) or not name or "/" in name:
        raise ScenarioError(f"{where}.name must be a file stem (no '/'), got {name!r}")
    return FigureSpec(
        kind=kind,
        name=name,
        metrics=tuple(metrics),
        **{key: entry.get(key) for key in ("x", "y", "hue", "facet")},
    )
