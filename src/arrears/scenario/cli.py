"""The ``arrears params`` command: every scenario parameter, in the format asked for.

``table`` (the default) is for reading in a terminal: each parameter on a line of its own
(``section.field = default``, in TOML as ``--set`` takes it), then what it allows and its unit,
then its meaning, wrapped to the terminal's width (at most 100 columns), a blank line between
sections. ``csv``, ``json`` and ``markdown`` give the same rows (field, default, unit, allowed,
meaning) whole, for other programs and documents. The rows come from the parameters'
declarations (:func:`arrears.scenario.scenario.describe_parameters`), so the allowed values listed
are the ones validation enforces.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from arrears.scenario.scenario import describe_parameters

COLUMNS = ("field", "default", "unit", "allowed", "meaning")
"""The columns of every format but ``table``, in order."""

MAX_WIDTH = 100
"""The widest the ``table`` format gets, characters (long lines are hard to read)."""

_INDENT = "    "

Rows = Sequence[dict[str, str]]


def table_text(rows: Rows, width: int = MAX_WIDTH) -> str:
    """Parameters for a terminal: one block per parameter, wrapped, sections apart.

    Args:
        rows: Parameter rows (see :func:`arrears.scenario.scenario.describe_parameters`).
        width: Line width, characters.

    Returns:
        The text, e.g. ``run.days = 1825`` then ``    an integer in [1, 36500] (days)`` then
        the meaning.
    """
    lines: list[str] = []
    section = None
    for row in rows:
        row_section = row["field"].partition(".")[0]
        if section is not None and row_section != section:
            lines.append("")
        section = row_section
        unit = "" if row["unit"] == "-" else f" ({row['unit']})"
        lines += textwrap.wrap(
            f"{row['field']} = {row['default']}", width, subsequent_indent=_INDENT * 2
        )
        for text in (f"{row['allowed']}{unit}", row["meaning"]):
            lines += textwrap.wrap(text, width, initial_indent=_INDENT, subsequent_indent=_INDENT)
    return "\n".join(lines)


def csv_text(rows: Rows) -> str:
    """Parameters as CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def json_text(rows: Rows) -> str:
    """Parameters as a JSON array of objects, one per parameter."""
    return json.dumps(list(rows), indent=2, ensure_ascii=False)


def markdown_text(rows: Rows) -> str:
    """Parameters as a Markdown table (a ``|`` inside a cell escaped)."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    header = [line(COLUMNS), "|" + "---|" * len(COLUMNS)]
    return "\n".join([*header, *(line([row[c] for c in COLUMNS]) for row in rows)])


FORMATS: dict[str, Callable[[Rows], str]] = {
    "table": lambda rows: table_text(rows, min(_terminal_columns(), MAX_WIDTH)),
    "csv": csv_text,
    "json": json_text,
    "markdown": markdown_text,
}
"""The output formats, by name: each turns the parameter rows into text."""


def _terminal_columns() -> int:
    """The terminal's width, characters (:data:`MAX_WIDTH` when the output is not a terminal)."""
    return shutil.get_terminal_size(fallback=(MAX_WIDTH, 24)).columns


def command_params(args: argparse.Namespace) -> int:
    """Print every scenario parameter with its default, unit, allowed values and meaning."""
    print(FORMATS[args.format](describe_parameters()))
    return 0


def register(commands: Any) -> None:
    """Add the ``params`` subcommand to the ``arrears`` command's subparsers.

    Args:
        commands: The object returned by ``ArgumentParser.add_subparsers``.
    """
    params = commands.add_parser("params", help="list all scenario parameters")
    params.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="table",
        help="table (wrapped for reading, the default), csv, json or markdown",
    )
    params.set_defaults(handler=command_params)
