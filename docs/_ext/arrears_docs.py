"""Reference pages generated from the package's own metadata when the documentation is built.

Each directive below reads the code (never a copy of it) and writes reStructuredText that Sphinx
parses in place, so a page shows what the installed arrears declares:

- ``arrears-parameters``: every scenario parameter, one section per scenario section, from
  :func:`arrears.scenario.scenario.describe_parameters` (field, default, unit, allowed values,
  meaning) and each section's docstring;
- ``arrears-regimes``: the named regimes of :data:`arrears.scenario.regimes.REGIMES`, their rules
  side by side and each one's sources;
- ``arrears-markets``: the named markets of :data:`arrears.scenario.markets.MARKETS`, their
  settings and the public figures each is held to
  (:func:`arrears.calibration.targets.targets_for`);
- ``arrears-directions``: the directions of effect :mod:`arrears.calibration.targets` checks;
- ``arrears-measures`` and ``arrears-series``: the run summary's measures and the daily series'
  columns with their units;
- ``arrears-experiments``: each script under ``experiments/``, from its module docstring, its
  sweep file and its ``--full`` size.

It also registers cross-reference roles for these objects: ``{param}`section.field```,
``{measure}`name```, ``{column}`name```, ``{regime}`name``` and ``{market}`name```. Like every
other reference in the build, one naming an object that no longer exists fails it.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from arrears.calibration.targets import DIRECTIONS, MARKET_LEVELS, PRACTICE_TARGETS, Target
from arrears.market.series import SERIES_COLUMNS, SERIES_UNITS
from arrears.market.summary import SUMMARY_UNITS
from arrears.scenario.fields import toml_text
from arrears.scenario.markets import DEFAULT_MARKET, MARKETS
from arrears.scenario.regimes import REGIMES, Regime
from arrears.scenario.scenario import Scenario, describe_parameters, section_types

ROOT = Path(__file__).resolve().parents[2]
EXPERIMENTS = ROOT / "experiments"
SOURCES = sorted(
    [
        *(ROOT / "src" / "arrears" / "scenario").rglob("*.py"),
        ROOT / "src" / "arrears" / "calibration" / "targets.py",
        ROOT / "src" / "arrears" / "market" / "series.py",
        ROOT / "src" / "arrears" / "market" / "summary.py",
        *EXPERIMENTS.glob("*.py"),
        *EXPERIMENTS.glob("*.toml"),
        Path(__file__).resolve(),
    ]
)
"""The files the generated pages are read from."""

_SPECIAL = re.compile(r"([\\`*_|<>\[\]:])")


def escape(text: str) -> str:
    """Plain text as reStructuredText shows it: every markup character escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def prose(text: str) -> str:
    """Plain text whose single-backtick spans (```arrears markets```) are shown as code."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return escape(text)
    return "".join(literal(part) if i % 2 else escape(part) for i, part in enumerate(parts))


def literal(text: str) -> str:
    """Text as an inline literal."""
    return f"``{text}``" if text else ""


def heading(title: str, underline: str) -> list[str]:
    """A section title."""
    return [title, underline * max(len(title), 4), ""]


def list_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int]
) -> list[str]:
    """A ``list-table`` of cells already in reStructuredText (a cell may span lines)."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {' '.join(str(w) for w in widths)}",
        "   :class: arrears-reference",
        "",
    ]
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            cell_lines = cell.split("\n") if cell else [""]
            lines.append(("   * - " if i == 0 else "     - ") + cell_lines[0])
            lines.extend("       " + line if line else "" for line in cell_lines[1:])
    return [*lines, ""]


def description(doc: str | None) -> str:
    """The descriptive paragraphs of a Google-style docstring (before ``Args:``, ...)."""
    lines: list[str] = []
    for line in (doc or "").strip().splitlines():
        if re.fullmatch(r"[A-Z][a-z]+( [a-z]+)?:", line.strip()) and not line.startswith(" "):
            break
        lines.append(line)
    return "\n".join(lines).strip()


def dedented(doc: str | None) -> str:
    """A docstring with its indentation removed, as reStructuredText."""
    import inspect

    return inspect.cleandoc(doc or "")


class GeneratedDirective(SphinxDirective):
    """A directive that writes reStructuredText and parses it where it stands."""

    has_content = False

    def lines(self) -> list[str]:
        """The text to parse."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        """Parse :meth:`lines` in place (titles allowed).

        The page depends on the code it is generated from: a changed source file makes the next
        build read the page again, as autodoc's pages are.
        """
        for path in SOURCES:
            self.env.note_dependency(str(path))
        container = nodes.section()
        container.document = self.state.document
        source = self.get_source_info()[0]
        text = StringList([line for line in self.lines()], source=source)
        nested_parse_with_titles(self.state, text, container)
        return list(container.children)


def parameter_cell(path: str) -> str:
    """A parameter's cross-reference target, and its name within its section."""
    return f".. parameter:: {path}\n\n{literal(path.partition('.')[2])}"


class Parameters(GeneratedDirective):
    """Every scenario parameter, one section per scenario section."""

    def lines(self) -> list[str]:
        """The parameter reference."""
        rows = describe_parameters()
        by_section: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_section.setdefault(row["field"].partition(".")[0], []).append(row)
        out: list[str] = []
        market = by_section.pop("market")[0]
        out += heading("Top level: ``market``", "-")
        out += [f"``market = {market['default']}``: {prose(market['meaning'])}.", ""]
        out += [f"Allowed: {escape(market['allowed'])}.", ""]
        out += [".. parameter:: market", ""]
        kinds = section_types()
        for section, section_rows in by_section.items():
            kind = kinds[section]
            out += heading(f"``[{section}]``", "-")
            out += [f".. py:currentmodule:: {kind.__module__}", ""]
            doc = description(dedented(kind.__doc__))
            out += [*doc.splitlines(), ""]
            out += [
                f"Declared in :class:`~{kind.__module__}.{kind.__qualname__}`.",
                "",
            ]
            out += list_table(
                ("Parameter", "Default", "Unit; allowed", "Meaning"),
                (
                    (
                        parameter_cell(row["field"]),
                        literal(row["default"]),
                        f"{escape(row['unit'])}; {prose(row['allowed'])}",
                        prose(row["meaning"]),
                    )
                    for row in section_rows
                ),
                (22, 12, 18, 48),
            )
        return out


RULE_ORDER = tuple(f.name for f in dataclasses.fields(Regime) if f.name not in ("name", "sources"))


class Regimes(GeneratedDirective):
    """The named regimes: their rules side by side, then each one's sources."""

    def lines(self) -> list[str]:
        """The regime catalogue."""
        out = heading("Rules side by side", "-")
        out += [
            "Each row is a rule (a field of the ``[regime]`` section, linked to its unit and "
            "meaning); each column a named regime. Hours are local clock hours, a window "
            "``[start, end)``; a cap of 0 means no cap, a fee or APR cap of -1 none.",
            "",
        ]
        out += list_table(
            ("Rule", *(literal(name) for name in REGIMES)),
            (
                (
                    f":param:`{rule} <regime.{rule}>`",
                    *(escape(_plain(getattr(regime, rule))) for regime in REGIMES.values()),
                )
                for rule in RULE_ORDER
            ),
            (23, *(11,) * len(REGIMES)),
        )
        for name, regime in REGIMES.items():
            out += heading(f"``{name}``", "-")
            out += [f".. regime:: {name}", ""]
            changed = [
                rule
                for rule in RULE_ORDER
                if getattr(regime, rule) != getattr(REGIMES["laissez_faire"], rule)
            ]
            out += [escape(regime.sources), ""]
            if changed:
                out += [
                    "Rules that differ from ``laissez_faire``: "
                    + ", ".join(
                        f":param:`regime.{rule}` = {literal(toml_text(getattr(regime, rule)))}"
                        for rule in changed
                    )
                    + ".",
                    "",
                ]
        return out


def _plain(value: Any) -> str:
    """A value as a table shows it: text without quotes, anything else as TOML writes it."""
    return value if isinstance(value, str) else toml_text(value)


def figure_text(target: Target) -> str:
    """A target's figure and tolerance in words (shares in percent, tolerances in points)."""
    scale, unit, points = (100, "%", " pp") if target.percent else (1, "", "")

    def number(value: float) -> str:
        text = f"{value * scale:.3g}"
        return text if "." in text or "e" in text else f"{text}.0"

    if not target.has_figure:
        return "—"
    if target.low is not None and target.high is not None:
        figure = (
            number(target.low)
            if target.low == target.high
            else f"{number(target.low)}–{number(target.high)}"
        )
    elif target.low is not None:
        figure = f"≥ {number(target.low)}"
    else:
        figure = f"≤ {number(target.high or 0.0)}"
    tolerance = f" ± {number(target.tolerance)}{points}" if target.tolerance else ""
    return escape(f"{figure}{unit}{tolerance}")


def measure_cell(measure: str) -> str:
    """A measure's name, linked where the run summary has it."""
    if measure in SUMMARY_UNITS:
        return f":measure:`{measure}`"
    return f"{literal(measure)} (not modelled yet)"


def targets_table(targets: Sequence[Target]) -> list[str]:
    """The public figures of some targets, with their sources."""
    return list_table(
        ("Quantity", "Measure", "Figure ± tolerance", "Source", "Note"),
        (
            (
                escape(t.quantity),
                measure_cell(t.measure),
                figure_text(t),
                escape(t.source),
                escape(t.note),
            )
            for t in targets
        ),
        (16, 16, 12, 26, 30),
    )


class Markets(GeneratedDirective):
    """The named markets: what each is, its settings, and the figures it is held to."""

    def lines(self) -> list[str]:
        """The market catalogue."""
        defaults = Scenario()
        out: list[str] = []
        for name, market in MARKETS.items():
            title = f"``{name}``" + (" (the default)" if name == DEFAULT_MARKET else "")
            out += heading(title, "-")
            out += [f".. market:: {name}", ""]
            out += [f"*{escape(market.summary)}.*", "", escape(market.description), ""]
            out += heading("Settings", "~")
            out += [
                "Applied on top of the parameter defaults; every other field keeps its default.",
                "",
            ]
            out += list_table(
                ("Parameter", "Value", "Default"),
                (
                    (
                        f":param:`{path}`",
                        literal(toml_text(value)),
                        literal(toml_text(_default(defaults, path))),
                    )
                    for path, value in market.settings.items()
                ),
                (40, 30, 30),
            )
            out += heading("Levels it is held to", "~")
            out += [
                "``arrears validate --market " + name + "`` checks these with the collection "
                "practice below (a target passes when the mean over seeds lies within the "
                "figure widened by the tolerance).",
                "",
            ]
            out += targets_table(MARKET_LEVELS[name])
        out += heading("Collection practice every market is held to", "-")
        out += [
            "Shared by every market (:data:`arrears.calibration.targets.PRACTICE_TARGETS`). "
            "Rows whose measure is *not modelled yet* are listed by ``arrears validate`` and "
            "not judged.",
            "",
        ]
        out += targets_table(PRACTICE_TARGETS)
        return out


def _default(scenario: Scenario, path: str) -> Any:
    """A parameter's default value, by dotted path."""
    section, _, name = path.partition(".")
    return getattr(getattr(scenario, section), name)


class Directions(GeneratedDirective):
    """The directions of effect ``arrears validate`` checks."""

    def lines(self) -> list[str]:
        """The table of directions."""
        return list_table(
            ("Rule changed", "Changes", "Measure", "Expected", "Mechanism"),
            (
                (
                    escape(d.rule),
                    "\n".join(
                        f"| :param:`{path}` = {literal(toml_text(value))}"
                        for path, value in d.changes.items()
                    ),
                    f":measure:`{d.measure}`",
                    "up" if d.expected > 0 else "down",
                    escape(d.mechanism),
                )
                for d in DIRECTIONS
            ),
            (18, 26, 14, 7, 35),
        )


class Measures(GeneratedDirective):
    """Every measure of the run summary, with its unit."""

    def lines(self) -> list[str]:
        """The table of measures."""
        return list_table(
            ("Measure", "Unit"),
            (
                (f".. measure:: {name}\n\n{literal(name)}", escape(unit))
                for name, unit in (SUMMARY_UNITS.items())
            ),
            (50, 50),
        )


class Series(GeneratedDirective):
    """Every column of the daily series, with its unit."""

    def lines(self) -> list[str]:
        """The table of columns."""
        return list_table(
            ("Column", "Unit"),
            (
                (f".. column:: {name}\n\n{literal(name)}", escape(SERIES_UNITS[name]))
                for name in SERIES_COLUMNS
            ),
            (50, 50),
        )


def _script_settings(path: Path) -> dict[str, Any]:
    """An experiment script's module-level ``FULL`` table (``{}`` if it has none)."""
    spec = importlib.util.spec_from_file_location(f"_experiment_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(getattr(module, "FULL", {}))


def _flat(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables as ``{"a.b.c": value}``."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out |= _flat(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = value
    return out


def _size(sweep_file: Path) -> str:
    """A sweep file's size in words: design, seeds, accounts."""
    data = tomllib.loads(sweep_file.read_text(encoding="utf-8"))
    sweep = data.get("sweep", {})
    accounts = data.get("scenario", {}).get("population", {}).get("n_accounts")
    parts = [f"{sweep.get('design', 'grid')} design", f"{sweep.get('seeds', 1)} seeds"]
    if "samples" in sweep:
        parts.append(f"{sweep['samples']} samples")
    if accounts:
        parts.append(f"{accounts:,} accounts")
    return ", ".join(parts)


class Experiments(GeneratedDirective):
    """Each experiment script: its question, design, outputs and command."""

    def lines(self) -> list[str]:
        """One section per script."""
        out: list[str] = []
        for path in sorted(EXPERIMENTS.glob("*.py")):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            first, _, rest = doc.partition("\n")
            out += heading(f"``{path.name}``", "-")
            out += [f"**{escape(first.strip())}**", "", *rest.strip().splitlines(), ""]
            sweep_file = path.with_suffix(".toml")
            commands = [f".venv/bin/python experiments/{path.name}"]
            if sweep_file.exists():
                full = _flat(_script_settings(path))
                out += [
                    f"Sizes: the default, ``experiments/{sweep_file.name}``: "
                    f"{escape(_size(sweep_file))}; ``--full``: "
                    + ", ".join(f"{literal(k)} = {literal(toml_text(v))}" for k, v in full.items())
                    + "; ``--tiny``: a seconds-long size for the tests.",
                    "",
                ]
                commands += [
                    f".venv/bin/python experiments/{path.name} --full",
                    f".venv/bin/python experiments/{path.name} --resume   # finish an "
                    "interrupted run",
                ]
            else:
                commands += [f".venv/bin/python experiments/{path.name} --help"]
            out += [".. code-block:: bash", "", *("   " + c for c in commands), ""]
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the cross-reference types."""
    for kind, role in (
        ("parameter", "param"),
        ("measure", "measure"),
        ("column", "column"),
        ("regime", "regime"),
        ("market", "market"),
    ):
        app.add_crossref_type(kind, role, indextemplate=f"pair: %s; {kind}")
    app.add_directive("arrears-parameters", Parameters)
    app.add_directive("arrears-regimes", Regimes)
    app.add_directive("arrears-markets", Markets)
    app.add_directive("arrears-directions", Directions)
    app.add_directive("arrears-measures", Measures)
    app.add_directive("arrears-series", Series)
    app.add_directive("arrears-experiments", Experiments)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
