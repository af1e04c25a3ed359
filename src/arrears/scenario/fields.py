"""Declared parameter fields and their validation.

Every parameter of a scenario is a dataclass field declared with :func:`param`, which records its
unit, allowed range or choices and a one-line meaning. :class:`Section` checks every field when an
instance is created (from TOML or in code), so a bad value fails before a run starts with a
:class:`ScenarioError` naming the field, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import json
import math
import numbers
import operator
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Self, get_type_hints

import numpy as np


class ScenarioError(ValueError):
    """A scenario, regime or sweep value is wrong; the message names field, value and rule."""


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """What a parameter field allows.

    Attributes:
        unit: Unit of the value (e.g. ``"currency units"``, ``"days"``, ``"1/month"``).
        doc: One-line meaning, with its source where a default comes from a public figure.
        low: Smallest allowed value (for sequences: of every element), or None.
        high: Largest allowed value (for sequences: of every element), or None.
        choices: Allowed values of a string field, or None.
    """

    unit: str
    doc: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None

    def allowed(self) -> str:
        """Describe the allowed values in words."""
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.low is not None and self.high is not None:
            return f"in [{_number(self.low)}, {_number(self.high)}]"
        if self.low is not None:
            return f">= {_number(self.low)}"
        if self.high is not None:
            return f"<= {_number(self.high)}"
        return "any value"


def _number(value: float) -> str:
    """A bound in words: whole numbers in full (``20000000``), others as given."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def param(
    default: Any,
    *,
    unit: str,
    doc: str,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] | None = None,
) -> Any:
    """Declare a validated parameter field.

    Args:
        default: Default value (tuples for sequences, so sections stay immutable).
        unit: Unit of the value.
        doc: One-line meaning and source.
        low: Smallest allowed value, if bounded below.
        high: Largest allowed value, if bounded above.
        choices: Allowed strings, for a categorical field.

    Returns:
        A ``dataclasses.field`` carrying a :class:`FieldSpec` in its metadata.
    """
    spec = FieldSpec(unit=unit, doc=doc, low=low, high=high, choices=choices)
    return dataclasses.field(default=default, metadata={"spec": spec})


def _type_name(value: Any) -> str:
    return type(value).__name__


FLOAT_EXACT_MAX = 2**53
"""Largest magnitude below which a float64 holds every integer exactly."""


def _whole(value: numbers.Real) -> bool:
    """Whether a number is a finite whole number (``7``, ``7.0``, ``np.float64(7.0)``)."""
    return isinstance(value, numbers.Integral) or (
        math.isfinite(float(value)) and float(value).is_integer()
    )


def _check_number(path: str, value: Any, kind: type, spec: FieldSpec) -> int | float:
    """Check a number field's value, returned as a Python ``int`` or ``float``.

    Numpy scalars are accepted (samplers produce them), and whole-number floats for an integer
    field (``7.0``, never ``7.5``).
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise ScenarioError(
            f"{path} must be {'an integer' if kind is int else 'a number'} "
            f"{spec.allowed()} ({spec.unit}), got {value!r} ({_type_name(value)})"
        )
    if kind is int and not _whole(value):
        raise ScenarioError(
            f"{path} must be an integer {spec.allowed()} ({spec.unit}), got {value!r}"
        )
    if (
        kind is int
        and not isinstance(value, numbers.Integral)
        and abs(float(value)) > FLOAT_EXACT_MAX
    ):
        raise ScenarioError(
            f"{path} = {value!r} is a float beyond 2**53, so it may not be the integer it came "
            f"from (a 63-bit seed read from a pandas row of numbers turns into a float); pass "
            f"the integer itself, e.g. int(table.at[row, column])"
        )
    try:
        number: int | float
        if kind is float:
            number = float(value)
        elif isinstance(value, numbers.Integral):
            number = operator.index(value)
        else:
            number = int(float(value))
    except OverflowError:  # an integer too large for a float
        number = math.inf
    if isinstance(number, float) and not math.isfinite(number):
        raise ScenarioError(f"{path} must be a finite number {spec.allowed()}, got {value!r}")
    too_low = spec.low is not None and number < spec.low
    too_high = spec.high is not None and number > spec.high
    if too_low or too_high:
        raise ScenarioError(
            f"{path} must be {'an integer' if kind is int else 'a number'} "
            f"{spec.allowed()} ({spec.unit}), got {value!r}"
        )
    return number


def _check_value(path: str, value: Any, hint: Any, spec: FieldSpec) -> Any:
    """Check one value against its type hint and spec; return it in canonical form."""
    if hint is bool:
        if not isinstance(value, bool | np.bool_):
            raise ScenarioError(f"{path} must be true or false, got {value!r}")
        return bool(value)
    if hint is str:
        if not isinstance(value, str):
            raise ScenarioError(f"{path} must be a string ({spec.allowed()}), got {value!r}")
        if spec.choices is not None and value not in spec.choices:
            raise ScenarioError(f"{path} must be {spec.allowed()}, got {value!r}")
        return str(value)
    if hint in (int, float):
        return _check_number(path, value, hint, spec)
    element = getattr(hint, "__args__", (float,))[0]
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = list(value)
    if not isinstance(value, list | tuple):
        raise ScenarioError(
            f"{path} must be {_allowed_text(spec, hint)} ({spec.unit}), got {value!r}"
        )
    return tuple(_check_number(f"{path}[{i}]", item, element, spec) for i, item in enumerate(value))


class Section:
    """Base of every parameter section: validates its fields when created.

    Subclasses are frozen dataclasses whose fields are declared with :func:`param` and set the
    class attribute ``section`` to their dotted name in the scenario (``"population"``).
    Cross-field rules go in :meth:`check`.
    """

    section: ClassVar[str] = ""

    def __post_init__(self) -> None:
        hints = get_type_hints(type(self))
        for name, spec in self.specs().items():
            canonical = _check_value(
                f"{self.section}.{name}", getattr(self, name), hints[name], spec
            )
            object.__setattr__(self, name, canonical)
        self.check()

    @classmethod
    def specs(cls) -> dict[str, FieldSpec]:
        """Each declared field's spec (unit, range, default, meaning), by field name."""
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        return {f.name: f.metadata["spec"] for f in fields if "spec" in f.metadata}

    def check(self) -> None:
        """Check rules that involve several fields; raise :class:`ScenarioError` if broken."""

    def fail(self, field_name: str, value: Any, rule: str) -> None:
        """Raise a :class:`ScenarioError` for one of this section's fields.

        Args:
            field_name: Name of the offending field.
            value: Its value.
            rule: What is allowed, in words.

        Raises:
            ScenarioError: Always.
        """
        raise ScenarioError(f"{self.section}.{field_name} {rule}, got {value!r}")

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> Self:
        """Build a section from a TOML table, rejecting unknown keys.

        Args:
            table: Keys and values as read from TOML.

        Returns:
            A validated section.

        Raises:
            ScenarioError: On an unknown key or a bad value.
        """
        if not isinstance(table, Mapping):
            raise ScenarioError(f"[{cls.section}] must be a table of keys, got {table!r}")
        known = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        for key in table:
            if key not in known:
                raise ScenarioError(
                    f"{cls.section}.{key} is not a known parameter; "
                    f"allowed keys: {', '.join(known)}"
                )
        return cls(**table)

    @classmethod
    def describe(cls) -> list[dict[str, str]]:
        """Rows describing every field: name, default (as TOML), unit, allowed values, meaning."""
        hints = get_type_hints(cls)
        defaults = {f.name: f.default for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        return [
            {
                "field": f"{cls.section}.{name}",
                "default": toml_text(defaults[name]),
                "unit": spec.unit,
                "allowed": _allowed_text(spec, hints[name]),
                "meaning": spec.doc,
            }
            for name, spec in cls.specs().items()
        ]


def _allowed_text(spec: FieldSpec, hint: Any) -> str:
    """The values a field of a type allows, in words, as its errors say them."""
    if hint is bool:
        return "true or false"
    if hint is str and spec.choices is None:
        return "any text"
    if hint in (str, int, float):
        return spec.allowed()
    return f"a list of numbers {spec.allowed()}"


def toml_text(value: Any) -> str:
    """A parameter value as TOML writes it (as ``--set`` and scenario files take it).

    Args:
        value: A boolean, number, string or sequence of numbers.

    Returns:
        The TOML text, e.g. ``true``, ``0.25``, ``"dpd_order"`` or ``[0.5, 0.35, 0.15]``.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are valid in TOML
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_text(item) for item in value) + "]"
    return repr(value)


def read_toml(path: Path, what: str) -> tuple[str, dict[str, Any]]:
    """Read a TOML file, turning every failure into one clear :class:`ScenarioError`.

    Args:
        path: The file.
        what: What the file is, for the message (``"scenario file"``, ``"sweep file"``).

    Returns:
        The file's text and its parsed tables.

    Raises:
        ScenarioError: If the file is missing or unreadable, or is not valid TOML.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{what} {str(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(f"{what} {str(path)!r} cannot be read: {error}") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{what} {str(path)!r} is not valid TOML: {error}") from None
