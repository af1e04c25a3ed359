"""Parquet tables that describe themselves: units, provenance, SQL-safe names, the calendar.

Every Parquet file arrears writes (a run's ``series.parquet``; a sweep's run parts,
``results.parquet`` and ``series.parquet``) carries

- each column's **unit** in its field metadata (``unit``), as
  :data:`~arrears.market.series.SERIES_UNITS`, :data:`~arrears.market.summary.SUMMARY_UNITS` and
  the parameter reference (``arrears params``) give it;
- the **provenance** in the schema metadata under ``arrears``: a JSON object with the package
  version, git revision and library versions, and whatever the writer adds (a run's scenario and
  seed, a sweep's definition);
- **column names SQL engines accept unquoted**: a parameter column is named ``section__field``
  (``regime__weekday_end_hour``, as the model's keyword arguments spell it), and its dotted path
  (``regime.weekday_end_hour``, as scenario and sweep files spell it) is kept in the field metadata
  under ``parameter``; :func:`read_table` gives the dotted names back.

A daily series also gets the **model calendar** beside ``day`` (:func:`with_calendar`): day 0 is a
Monday, a month is 30 days and a year 12 months, as every mechanism counts them (due days,
monthly budgets, the weekly contact caps). That calendar has no Gregorian date on purpose: a
30-day month cannot be laid on real months without moving due days and month ends.

Read the metadata with ``pyarrow.parquet.read_schema(path)``: ``schema.field(name).metadata``
for a unit, ``json.loads(schema.metadata[b"arrears"])`` for the provenance.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from arrears.atomic import write_atomically
from arrears.market.series import SERIES_UNITS
from arrears.market.summary import SUMMARY_UNITS
from arrears.scenario.scenario import describe_parameters

PROVENANCE_KEY = b"arrears"
"""Schema-metadata key of the JSON provenance record."""

UNIT_KEY = b"unit"
"""Field-metadata key of a column's unit."""

PARAMETER_KEY = b"parameter"
"""Field-metadata key of a parameter column's dotted path."""

DAYS_PER_WEEK = 7
DAYS_PER_MONTH = 30
MONTHS_PER_YEAR = 12
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Weekday names; day 0 is a Monday."""

CALENDAR_UNITS = {
    "year": "year of the model calendar (1 = the first recorded or warm-up year)",
    "month": "month of the year (1-12; months of 30 days)",
    "day_of_month": "day of the month (1-30)",
    "weekday": "weekday (Mon-Sun; day 0 is a Monday)",
}
"""Units of the calendar columns :func:`with_calendar` adds."""

RUN_ID_UNITS = {
    "run_id": "run index (point x seeds + replicate)",
    "point": "design point index",
    "replicate": "replicate index at the point",
    "seed": "the run's seed (run.seed)",
}
"""Units of the identifying columns of a sweep's tables."""


def sql_name(path: str) -> str:
    """A parameter path as a column name SQL engines accept unquoted (``a.b`` → ``a__b``)."""
    return path.replace(".", "__")


@cache
def _parameter_units() -> dict[str, str]:
    return {row["field"]: row["unit"] for row in describe_parameters()}


def column_unit(name: str) -> str | None:
    """The unit of a column of a series, summary, results or calendar table, if it has one.

    Args:
        name: Column name (a parameter column by its dotted path).

    Returns:
        The unit, or None for a column no table of arrears defines.
    """
    for units in (CALENDAR_UNITS, RUN_ID_UNITS, SERIES_UNITS, SUMMARY_UNITS, _parameter_units()):
        if name in units:
            return units[name]
    return None


def with_calendar(series: pd.DataFrame) -> pd.DataFrame:
    """A series with the model calendar of its ``day`` column inserted after it.

    Args:
        series: A table with an integer ``day`` column (days since the start, warm-up included).

    Returns:
        A copy with ``year``, ``month``, ``day_of_month`` (all 1-based) and ``weekday``.
    """
    day = series["day"].to_numpy(dtype=np.int64)
    month_index = day // DAYS_PER_MONTH
    calendar = {
        "year": month_index // MONTHS_PER_YEAR + 1,
        "month": month_index % MONTHS_PER_YEAR + 1,
        "day_of_month": day % DAYS_PER_MONTH + 1,
        "weekday": np.asarray(WEEKDAYS)[day % DAYS_PER_WEEK],
    }
    columns = list(series.columns)
    position = columns.index("day") + 1
    out = series.assign(**calendar)
    return out[columns[:position] + list(calendar) + columns[position:]]


def write_parquet(
    path: Path, frame: pd.DataFrame, provenance: Mapping[str, Any] | None = None
) -> None:
    """Write a table atomically as Parquet, with units, SQL-safe names and provenance.

    Columns named by a parameter path (``regime.weekday_end_hour``) are written as
    ``section__field``.

    Args:
        path: File path.
        frame: The table (its index is not written).
        provenance: JSON-serialisable record stored under :data:`PROVENANCE_KEY`.
    """
    parameters = {name for name in frame.columns if "." in name and name in _parameter_units()}
    table = _described_table(frame, parameters, provenance)
    write_atomically(path, lambda p: pq.write_table(table, p))


def _described_table(
    frame: pd.DataFrame, parameters: set[str], provenance: Mapping[str, Any] | None
) -> pa.Table:
    """A data frame as an Arrow table carrying units, SQL-safe names and provenance."""
    renamed = frame.rename(columns={path: sql_name(path) for path in parameters})
    table = pa.Table.from_pandas(renamed, preserve_index=False)
    fields = []
    for original, field in zip(frame.columns, table.schema, strict=True):
        metadata: dict[bytes, bytes] = {}
        unit = column_unit(original)
        if unit is not None:
            metadata[UNIT_KEY] = unit.encode()
        if original in parameters:
            metadata[PARAMETER_KEY] = original.encode()
        fields.append(field.with_metadata(metadata))
    schema_metadata = dict(table.schema.metadata or {})
    if provenance is not None:
        schema_metadata[PROVENANCE_KEY] = json.dumps(provenance).encode()
    return pa.Table.from_arrays(table.columns, schema=pa.schema(fields, metadata=schema_metadata))


def read_table(path: str | Path) -> pd.DataFrame:
    """A Parquet file arrears wrote, with parameter columns under their dotted paths again.

    Args:
        path: File path.

    Returns:
        The table.
    """
    schema = pq.read_schema(path)
    dotted = {
        field.name: field.metadata[PARAMETER_KEY].decode()
        for field in schema
        if field.metadata and PARAMETER_KEY in field.metadata
    }
    return pd.read_parquet(path).rename(columns=dotted)


def read_provenance(path: str | Path) -> dict[str, Any]:
    """The provenance record of a Parquet file arrears wrote.

    Args:
        path: File path.

    Returns:
        The record, or an empty dict for a file without one.
    """
    metadata = pq.read_schema(path).metadata or {}
    if PROVENANCE_KEY not in metadata:
        return {}
    return dict(json.loads(metadata[PROVENANCE_KEY]))
