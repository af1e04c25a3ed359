"""Hypothesis strategies for scenarios and sweep files, drawn from the declared field specs.

Everything here is read from the declarations (``dataclasses.fields`` and each field's
:class:`~arrears.scenario.fields.FieldSpec`), so new sections and fields are covered as they are
added.

**Valid** scenarios draw every field within its spec: numbers in ``[low, high]`` (a number with no
upper bound up to :data:`UNBOUNDED_SCALE` times its default, so runs stay meaningful), one of the
choices, true or false, lists of the default's length. The cross-field rules that can be read from
the declarations are respected: a list whose default sums to 1 with elements in [0, 1] holds
shares and is normalised to sum to 1; a field named ``*_end_*`` is at least its ``*_start_*``
partner; the regime's name is a named regime. Rules that only a section's ``check`` states are
met by :data:`CROSS_FIELD_RULES` (an agency fee schedule that starts at 0 DPD and rises, staffing
within its maximum and room for the firms at the start; a custom unemployment path only in the
baseline scenario, a shock that keeps unemployment at most 0.9). A draw that still breaks a
``check`` (a rule added later) is rejected by Hypothesis, never built.

**Invalid** inputs change one thing in a valid table: a value of the wrong type, out of range or
not a choice, an unknown key, or an unknown section. Each comes with the text the error message
must contain to name what is wrong.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, get_type_hints

from hypothesis import reject
from hypothesis import strategies as st

from arrears.scenario.fields import FieldSpec, ScenarioError, Section
from arrears.scenario.regimes import REGIMES
from arrears.scenario.scenario import Scenario
from arrears.sweeps.definition import SweepSettings
from tests.sweep_files import GRID

UNBOUNDED_SCALE = 4.0
"""A number with no declared upper bound is drawn up to this many times its default."""

SECTIONS: dict[str, type[Section]] = {
    field.name: hint
    for field in dataclasses.fields(Scenario)
    if dataclasses.is_dataclass(hint := get_type_hints(Scenario)[field.name])
}
"""The scenario's sections by name (``population``, ..., ``regime``, ...; not ``market``)."""

FREE_STRINGS = {"regime.name": st.sampled_from(sorted(REGIMES))}
"""Valid values of string fields that have no declared choices (others keep their default)."""

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12)
_WORD = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)


@dataclass(frozen=True)
class Declared:
    """One declared field of a section.

    Attributes:
        section: The section's name (``population``).
        name: The field's name.
        kind: ``int``, ``float``, ``bool``, ``str`` or ``tuple``.
        element: The element type of a tuple field (else the kind).
        spec: Its unit, range and choices.
        default: Its default value.
    """

    section: str
    name: str
    kind: type
    element: type
    spec: FieldSpec
    default: Any

    @property
    def path(self) -> str:
        """``section.field``."""
        return f"{self.section}.{self.name}"


def declared_fields(section: type[Section]) -> list[Declared]:
    """Every field of a section declared with ``param``, in declaration order."""
    hints = get_type_hints(section)
    found = []
    for field in dataclasses.fields(section):  # type: ignore[arg-type]
        spec = field.metadata.get("spec")
        if spec is None:
            continue
        hint = hints[field.name]
        kind = hint if hint in (int, float, str, bool) else tuple
        element = getattr(hint, "__args__", (kind,))[0] if kind is tuple else kind
        found.append(Declared(section.section, field.name, kind, element, spec, field.default))
    return found


def declared(path: str) -> Declared:
    """The declared scenario field at a path (``section.field``)."""
    section, _, name = path.partition(".")
    return next(f for f in declared_fields(SECTIONS[section]) if f.name == name)


# --- valid values ---------------------------------------------------------------------------


def _upper(field: Declared) -> float:
    """The largest value to draw: the declared bound, or a multiple of the default."""
    if field.spec.high is not None:
        return field.spec.high
    defaults = field.default if field.kind is tuple else (field.default,)
    largest = max((abs(value) for value in defaults), default=1.0)
    return max(UNBOUNDED_SCALE * largest, (field.spec.low or 0) + 1)


def _number_in_range(field: Declared) -> st.SearchStrategy[Any]:
    high = _upper(field)
    low = field.spec.low if field.spec.low is not None else -high
    if field.element is int:
        return st.integers(math.ceil(low), math.floor(high))
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _is_shares(field: Declared) -> bool:
    spec, default = field.spec, field.default
    return (
        field.kind is tuple
        and len(default) > 0
        and (spec.low, spec.high) == (0, 1)
        and abs(sum(default) - 1) < 1e-9
    )


def _shares(size: int) -> st.SearchStrategy[tuple[float, ...]]:
    weights = st.lists(st.floats(0, 1), min_size=size, max_size=size).filter(
        lambda w: sum(w) > 1e-3
    )
    return weights.map(lambda w: tuple(x / sum(w) for x in w))


def valid_value(field: Declared) -> st.SearchStrategy[Any] | None:
    """Values a field allows, or None for a free string kept at its default.

    Args:
        field: The declared field.

    Returns:
        The strategy.
    """
    if field.kind is bool:
        return st.booleans()
    if field.kind is str:
        if field.spec.choices is not None:
            return st.sampled_from(field.spec.choices)
        return FREE_STRINGS.get(field.path)
    if field.kind in (int, float):
        return _number_in_range(field)
    if _is_shares(field):
        return _shares(len(field.default))
    sizes = (len(field.default),) * 2 if field.default else (0, 6)
    element = _number_in_range(field)
    return st.lists(element, min_size=sizes[0], max_size=sizes[1]).map(tuple)


def _windows_in_order(table: dict[str, Any]) -> dict[str, Any]:
    """Put every ``*_end_*`` value at or after its ``*_start_*`` partner."""
    ordered = dict(table)
    for name in table:
        partner = name.replace("_end_", "_start_")
        if partner != name and partner in table:
            low, high = sorted((table[partner], table[name]))
            ordered[partner], ordered[name] = low, high
    return ordered


def _agencies_consistent(table: dict[str, Any]) -> dict[str, Any]:
    """Agency fee thresholds strictly rising from 0 DPD; staffing within its maximum; room for
    the firms at the start."""
    starts = sorted(table["fee_from_dpd"])
    ordered = [0]
    for start in starts[1:]:
        ordered.append(max(start, ordered[-1] + 1))
    staffing = ("staff_per_100_accounts", "platform_staff_per_100_accounts")
    return table | {
        "fee_from_dpd": tuple(ordered),
        "max_staff_per_100_accounts": max(
            table[name] for name in (*staffing, "max_staff_per_100_accounts")
        ),
        "max_active": max(table["max_active"], table["n_agencies"] + table["n_platforms"]),
    }


def _one_unemployment_path(table: dict[str, Any]) -> dict[str, Any]:
    """A custom unemployment path only with the baseline scenario; shocks peak at most at 0.9."""
    repaired = dict(table)
    if repaired["scenario"] != "baseline":
        repaired["unemployment_path"] = ()
    for shock in ("recession_points", "pandemic_points"):
        repaired[shock] = min(repaired[shock], 0.9 - repaired["unemployment_rate"])
    return repaired


def _month_caps_with_day_caps(table: dict[str, Any]) -> dict[str, Any]:
    """A 30-day cap only with a daily cap of 1-3 on the same channel."""
    repaired = dict(table)
    for channel in ("attempts", "messages"):
        if repaired[f"max_{channel}_per_30d"] > 0:
            per_day = repaired[f"max_{channel}_per_day"]
            repaired[f"max_{channel}_per_day"] = min(max(per_day, 1), 3)
    return repaired


CROSS_FIELD_RULES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "agencies": _agencies_consistent,
    "macro": _one_unemployment_path,
    "regime": _month_caps_with_day_caps,
}
"""Repairs that put a section's drawn values in line with the rules only its ``check`` states."""


@st.composite
def valid_scenarios(
    draw: st.DrawFn, fixed: Mapping[str, st.SearchStrategy[Any]] | None = None
) -> Scenario:
    """Random valid scenarios: every declared field drawn within its spec.

    Args:
        draw: Hypothesis's draw function.
        fixed: Strategies that replace the generic one for some paths (e.g. a small
            ``population.n_accounts`` and ``run.days``).

    Returns:
        A validated scenario.
    """
    fixed = fixed or {}
    tables: dict[str, dict[str, Any]] = {}
    for section, kind in SECTIONS.items():
        table = {}
        for field in declared_fields(kind):
            strategy = fixed[field.path] if field.path in fixed else valid_value(field)
            if strategy is not None:
                table[field.name] = draw(strategy)
        tables[section] = CROSS_FIELD_RULES.get(section, dict)(_windows_in_order(table))
    try:
        return Scenario.from_mapping(tables)
    except ScenarioError:
        reject()


# --- invalid values -------------------------------------------------------------------------

_WRONG_SCALARS = st.one_of(_TEXT, st.booleans(), st.dictionaries(_WORD, st.integers(), max_size=2))


def _out_of_range(field: Declared) -> list[st.SearchStrategy[Any]]:
    spec, options = field.spec, []
    if field.element is int:
        if spec.low is not None:
            options.append(st.integers(max_value=math.ceil(spec.low) - 1))
        if spec.high is not None:
            options.append(st.integers(min_value=math.floor(spec.high) + 1))
        options.append(st.floats(allow_nan=True).filter(lambda x: not float(x).is_integer()))
        return options
    if spec.low is not None:
        options.append(st.floats(max_value=spec.low, exclude_max=True))
    if spec.high is not None:
        options.append(st.floats(min_value=spec.high, exclude_min=True))
    options.append(st.sampled_from([math.nan, math.inf, -math.inf]))
    options.append(st.integers(min_value=2**1024, max_value=2**1100))  # no float holds these
    return options


def invalid_value(field: Declared) -> st.SearchStrategy[Any]:
    """Values a field does not allow: wrong type, out of range, not a choice, bad element.

    Args:
        field: The declared field.

    Returns:
        The strategy.
    """
    if field.kind is bool:
        return st.one_of(st.integers(), st.floats(), _TEXT, st.lists(st.booleans(), max_size=2))
    if field.kind is str:
        options = [st.integers(), st.floats(), st.booleans(), st.lists(_TEXT, max_size=2)]
        if field.spec.choices is not None:
            options.append(_TEXT.filter(lambda text: text not in field.spec.choices))
        return st.one_of(options)
    if field.kind in (int, float):
        return st.one_of([*_out_of_range(field), _WRONG_SCALARS, st.lists(st.integers())])
    return st.one_of(
        _number_in_range(field),  # a scalar where a list belongs
        _WRONG_SCALARS,
        _list_with_one_bad_element(field),
    )


@st.composite
def _list_with_one_bad_element(draw: st.DrawFn, field: Declared) -> list[Any]:
    size = max(len(field.default), 1)
    items: list[Any] = draw(st.lists(_number_in_range(field), min_size=size, max_size=size))
    bad = st.one_of([*_out_of_range(field), _WRONG_SCALARS, st.lists(st.integers(), max_size=2)])
    items[draw(st.integers(0, size - 1))] = draw(bad)
    return items


def _any_field(sections: Mapping[str, type[Section]]) -> st.SearchStrategy[Declared]:
    return st.sampled_from([f for kind in sections.values() for f in declared_fields(kind)])


@st.composite
def bad_field_values(draw: st.DrawFn) -> tuple[Declared, Any]:
    """A scenario field and a value it does not allow."""
    field = draw(_any_field(SECTIONS))
    return field, draw(invalid_value(field))


SMALL_SCENARIO = {"population": {"n_accounts": 200}, "run": {"days": 5}}
"""The tables every invalid scenario starts from (small, in case one were wrongly accepted)."""


@st.composite
def invalid_scenario_tables(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """Scenario tables with one thing wrong, and the text the error must contain.

    Returns:
        ``(tables, named)``: TOML-ready tables and the field path, key or section the error
        message must name.
    """
    tables: dict[str, Any] = {name: dict(table) for name, table in SMALL_SCENARIO.items()}
    kind = draw(st.sampled_from(("value", "key", "section", "not_a_table")))
    if kind == "value":
        field, value = draw(bad_field_values())
        tables.setdefault(field.section, {})[field.name] = value
        return tables, field.path
    section = draw(st.sampled_from(sorted(SECTIONS)))
    if kind == "key":
        known = {f.name for f in declared_fields(SECTIONS[section])}
        key = draw(_WORD.filter(lambda word: word not in known))
        tables.setdefault(section, {})[key] = draw(st.integers())
        return tables, f"{section}.{key}"
    if kind == "section":
        name = draw(_WORD.filter(lambda word: word not in SECTIONS))
        tables[name] = {"days": 1}
        return tables, f"[{name}]"
    tables[section] = draw(st.one_of(st.integers(), _TEXT, st.lists(st.integers(), max_size=2)))
    return tables, f"[{section}]"


SWEEP_TABLES = {"sweep": SweepSettings}
"""The sweep file's tables that are declared sections."""


@st.composite
def invalid_sweep_tables(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """The tiny grid sweep (:data:`tests.sweep_files.GRID`) with one thing wrong.

    Returns:
        ``(tables, named)``: TOML-ready tables and the text the error message must contain.
    """
    tables = tomllib.loads(GRID)
    kind = draw(
        st.sampled_from(
            ("setting", "scenario", "level", "bounds", "table", "sweep_key", "path", "section")
        )
    )
    if kind == "setting":
        field = draw(_any_field(SWEEP_TABLES))
        tables["sweep"][field.name] = draw(invalid_value(field))
        return tables, field.path
    if kind in ("scenario", "level", "bounds"):
        field, value = draw(bad_field_values())
        if kind == "scenario":
            tables["scenario"].setdefault(field.section, {})[field.name] = value
        elif kind == "level":
            tables["parameters"][field.path] = [value]
        else:
            tables["sweep"]["design"] = "lhs"
            tables["parameters"] = {field.path: {"low": value, "high": value}}
        return tables, field.path
    if kind == "table":
        name = draw(_WORD.filter(lambda word: word not in tables and word != "figures"))
        tables[name] = {"x": 1}
        return tables, f"[{name}]"
    if kind == "sweep_key":
        known = {f.name for f in declared_fields(SweepSettings)}
        name = draw(_WORD.filter(lambda word: word not in known))
        tables["sweep"][name] = 1
        return tables, f"sweep.{name}"
    section = draw(st.sampled_from(sorted(SECTIONS)))
    if kind == "path":
        known = {f.name for f in declared_fields(SECTIONS[section])}
        name = draw(_WORD.filter(lambda word: word not in known))
        tables["parameters"][f"{section}.{name}"] = [1]
        return tables, f"{section}.{name}"
    name = draw(_WORD.filter(lambda word: word not in SECTIONS))
    tables["scenario"][name] = {"days": 1}
    return tables, f"{name}.days"
