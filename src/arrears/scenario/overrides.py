"""Parameter paths and ``section.field=value`` assignments.

A scenario parameter is addressed by its dotted path ``section.field``
(``regime.weekday_end_hour``), exactly as :meth:`arrears.scenario.scenario.Scenario.with_overrides`
takes it. This module resolves such paths to the field's type and declared range, and parses
``section.field=value`` assignments whose value is written as a TOML value (``7``, ``0.25``,
``"us_reg_f"``, ``[0.05, 0.08]``). The same resolution serves ``arrears run --set`` and the
``[parameters]`` table of a sweep file.

Python keywords address the same parameters (``CollectionMarket(n_accounts=2000)``, as Mesa's
``batch_run`` passes them): ``section__field``, or a field's short name where no other section
has a field of that name, plus ``market`` and ``regime`` (the named market or regime to start
from); see :func:`keyword_overrides`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, get_type_hints

from arrears.scenario.fields import FieldSpec, ScenarioError
from arrears.scenario.scenario import Scenario, section_types

_BARE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")

_NAMED_KEYWORDS = {"market": "market", "regime": "regime.name"}
"""Keywords that start from a named market or regime, and the override each one is."""


@dataclass(frozen=True)
class ParameterPath:
    """A resolved scenario parameter.

    Attributes:
        path: The dotted path, ``section.field``.
        kind: The field's value type: ``int``, ``float``, ``str``, ``bool`` or ``tuple``.
        spec: The field's unit, allowed range and meaning.
    """

    path: str
    kind: type
    spec: FieldSpec

    @property
    def numeric(self) -> bool:
        """Whether the field holds one number (and so can be sampled between bounds)."""
        return self.kind in (int, float)

    def label(self) -> str:
        """An axis label: the path, and its unit on a second line (``run.days``)."""
        return self.path if self.spec.unit == "-" else f"{self.path}\n({self.spec.unit})"


def resolve_path(path: object) -> ParameterPath:
    """Resolve a dotted parameter path to its field's type and spec.

    Args:
        path: ``section.field``, e.g. ``"population.n_accounts"``.

    Returns:
        The resolved parameter.

    Raises:
        ScenarioError: If the path is malformed, or names an unknown section or field; the
            message lists what is allowed.
    """
    parts = path.split(".") if isinstance(path, str) else []
    if len(parts) != 2 or not all(parts):
        raise ScenarioError(f"{path!r} is not a parameter path; write section.field, e.g. run.days")
    section_name, name = parts
    sections = section_types()
    if section_name not in sections:
        raise ScenarioError(
            f"{path!r}: unknown section {section_name!r}; allowed: {', '.join(sections)}"
        )
    section = sections[section_name]
    specs = section.specs()
    if name not in specs:
        raise ScenarioError(
            f"{path!r} is not a known parameter; allowed fields of [{section_name}]: "
            f"{', '.join(specs)}"
        )
    hint = get_type_hints(section)[name]
    kind = hint if hint in (int, float, str, bool) else tuple
    return ParameterPath(path=f"{section_name}.{name}", kind=kind, spec=specs[name])


def path_value(scenario: Scenario, path: str) -> Any:
    """The value of the parameter at ``path`` (``section.field``) in ``scenario``.

    Raises:
        ScenarioError: If ``path`` does not name a parameter (see :func:`resolve_path`).
    """
    section, name = resolve_path(path).path.split(".")
    return getattr(getattr(scenario, section), name)


def parse_value(text: str, path: str) -> Any:
    """Parse a value written as TOML (a bare word is taken as a string).

    Args:
        text: The value, e.g. ``"20"``, ``"0.5"``, ``"[0.05, 0.1]"``, ``"us_reg_f"``.
        path: The parameter it is for (named in the error).

    Returns:
        The parsed value.

    Raises:
        ScenarioError: If the text is neither a TOML value nor a bare word.
    """
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        if _BARE_WORD.fullmatch(text):
            return text
        raise ScenarioError(
            f"{path}: value {text!r} is not a TOML value (a number, true/false, a quoted "
            'string or a [list]); e.g. --set regime.name="us_reg_f"'
        ) from None


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse one ``section.field=value`` assignment.

    Args:
        text: E.g. ``"regime.weekday_end_hour=20"``.

    Returns:
        The resolved path and the parsed value (checked later, when the scenario is built).

    Raises:
        ScenarioError: If the text has no ``=``, the path is unknown or the value malformed.
    """
    path, sign, value = text.partition("=")
    if not sign:
        raise ScenarioError(f"{text!r} is not an assignment; write section.field=value")
    path = path.strip()
    resolve_path(path)
    return path, parse_value(value.strip(), path)


def parse_assignments(texts: Iterable[str]) -> dict[str, Any]:
    """Parse several ``section.field=value`` assignments into an overrides mapping.

    Args:
        texts: The assignments; a later one for the same path wins.

    Returns:
        ``{path: value}``, ready for :meth:`~arrears.scenario.scenario.Scenario.with_overrides`.

    Raises:
        ScenarioError: On any malformed assignment.
    """
    return dict(parse_assignment(text) for text in texts)


def _paths_by_short_name() -> dict[str, list[str]]:
    """Every parameter's dotted path, by its field name (several sections may share one)."""
    paths: dict[str, list[str]] = defaultdict(list)
    for section_name, section in section_types().items():
        for name in section.specs():
            paths[name].append(f"{section_name}.{name}")
    return paths


def keyword_path(keyword: str) -> str:
    """The override a Python keyword names.

    Args:
        keyword: ``section__field`` (``regime__weekday_end_hour``), a field's short name where
            it is unique (``n_accounts``), ``market`` or ``regime``.

    Returns:
        The dotted path for :meth:`~arrears.scenario.scenario.Scenario.with_overrides`:
        ``section.field``, or ``market`` (``regime`` is ``regime.name``).

    Raises:
        ScenarioError: If the keyword is unknown, or a short name shared by several sections;
            the message lists the candidates.
    """
    if keyword in _NAMED_KEYWORDS:
        return _NAMED_KEYWORDS[keyword]
    if "__" in keyword:
        section, _, name = keyword.partition("__")
        return resolve_path(f"{section}.{name}").path
    paths = _paths_by_short_name()
    candidates = paths.get(keyword, [])
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        spelled = ", ".join(path.replace(".", "__") for path in candidates)
        raise ScenarioError(f"{keyword!r} is ambiguous; write one of: {spelled}")
    close = difflib.get_close_matches(keyword, [*paths, *_NAMED_KEYWORDS], n=5)
    hint = f"did you mean {', '.join(close)}?" if close else "see `arrears params` for them all"
    raise ScenarioError(
        f"{keyword!r} is not a scenario parameter (write a field's name, or section__field); {hint}"
    )


def keyword_overrides(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Overrides for :meth:`~.scenario.Scenario.with_overrides` from Python keywords.

    Args:
        fields: ``{keyword: value}``, keywords as :func:`keyword_path` takes them.

    Returns:
        ``{path: value}``; the values are checked when the scenario is built.

    Raises:
        ScenarioError: On an unknown or ambiguous keyword, or two keywords for one parameter.
    """
    overrides: dict[str, Any] = {}
    for keyword, value in fields.items():
        path = keyword_path(keyword)
        if path in overrides:
            raise ScenarioError(f"{path} is given twice (as {keyword!r} and another keyword)")
        overrides[path] = value
    return overrides
