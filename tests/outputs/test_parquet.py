import json
import re
import tomllib

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from arrears.market.model import CollectionMarket
from arrears.market.summary import SUMMARY_UNITS
from arrears.outputs.parquet import (
    PARAMETER_KEY,
    PROVENANCE_KEY,
    UNIT_KEY,
    read_provenance,
    read_table,
    with_calendar,
    write_parquet,
)
from arrears.outputs.run_files import save_run
from arrears.scenario.scenario import Scenario
from arrears.sweeps.definition import sweep_from_mapping
from arrears.sweeps.runner import run_sweep
from tests.sweep_files import GRID

SQL_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def unit(path, column: str) -> str:
    """The unit a Parquet file records for a column."""
    return pq.read_schema(path).field(column).metadata[UNIT_KEY].decode()


def test_the_model_calendar_starts_on_a_monday_with_30_day_months():
    """Day 0 is Monday the 1st of month 1 of year 1; day 29 ends the month; day 360 opens year 2."""
    days = pd.DataFrame({"day": [0, 6, 7, 29, 30, 359, 360], "x": range(7)})
    table = with_calendar(days)
    assert list(table.columns) == ["day", "year", "month", "day_of_month", "weekday", "x"]
    assert table["weekday"].tolist() == ["Mon", "Sun", "Mon", "Tue", "Wed", "Wed", "Thu"]
    assert table["day_of_month"].tolist() == [1, 7, 8, 30, 1, 30, 1]
    assert table["month"].tolist() == [1, 1, 1, 1, 2, 12, 1]
    assert table["year"].tolist() == [1, 1, 1, 1, 1, 1, 2]
    assert table["x"].tolist() == list(range(7))


def test_a_table_keeps_units_provenance_and_dotted_parameters(tmp_path):
    """Units per column, the provenance record, SQL-safe parameter names that read back dotted."""
    frame = pd.DataFrame(
        {"seed": [2**62 + 1], "regime.weekday_end_hour": [19], "recovery_rate": [0.5]}
    )
    path = tmp_path / "t.parquet"
    write_parquet(path, frame, {"seed": 2**62 + 1})
    schema = pq.read_schema(path)
    assert schema.names == ["seed", "regime__weekday_end_hour", "recovery_rate"]
    assert schema.field("regime__weekday_end_hour").metadata[PARAMETER_KEY] == (
        b"regime.weekday_end_hour"
    )
    assert unit(path, "regime__weekday_end_hour") == "hour of day"
    assert unit(path, "recovery_rate") == SUMMARY_UNITS["recovery_rate"]
    assert json.loads(schema.metadata[PROVENANCE_KEY]) == {"seed": 2**62 + 1}
    assert read_provenance(path) == {"seed": 2**62 + 1}
    back = read_table(path)
    assert list(back.columns) == list(frame.columns)
    assert back.at[0, "seed"] == 2**62 + 1


def test_a_runs_series_file_describes_itself(scenario, tmp_path):
    """A run's series.parquet: calendar beside the day, units, and the scenario and seed."""
    model = CollectionMarket(scenario)
    model.run()
    save_run(model, tmp_path)
    path = tmp_path / "series.parquet"
    series = pd.read_parquet(path)
    assert list(series.columns[:5]) == ["day", "year", "month", "day_of_month", "weekday"]
    first = scenario.run.warmup_days
    assert series.at[0, "day"] == first
    assert series.at[0, "weekday"] == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[first % 7]
    assert unit(path, "balance_dpd_30_59") == "currency units"
    assert unit(path, "day") == "day"
    record = read_provenance(path)
    assert record["seed"] == scenario.run.seed
    assert Scenario.from_mapping(record["scenario"]) == scenario
    assert {"arrears_version", "git_revision"} <= set(record["provenance"])


@pytest.mark.slow
def test_a_sweep_folder_reads_with_pandas_and_arrow_datasets(tmp_path):
    """A sweep's tables have SQL-safe names and units; runs/ reads as one dataset; the store gives
    dotted parameter names back."""
    sweep = sweep_from_mapping(tomllib.loads(GRID))
    out = tmp_path / "out"
    results = run_sweep(sweep, out)
    stored = pq.read_schema(out / "results.parquet")
    assert all(SQL_IDENTIFIER.match(name) for name in stored.names), stored.names
    assert {"regime__name", "collectors__staff_per_10k_accounts"} <= set(stored.names)
    assert set(sweep.paths) <= set(results.columns)
    assert read_provenance(out / "results.parquet")["sweep"] == sweep.definition
    parts = ds.dataset(out / "runs", format="parquet").to_table().to_pandas()
    assert sorted(parts["run_id"]) == list(range(sweep.n_runs))
    raw = pd.read_parquet(out / "results.parquet")
    assert raw["seed"].tolist() == [sweep.run_seed(i) for i in range(sweep.n_runs)]
    series = pd.read_parquet(out / "series")
    assert {"weekday", "day_of_month"} <= set(series.columns)
    assert unit(out / "series.parquet", "balance_current") == "currency units"
    by_regime = duckdb.sql(
        f"SELECT regime__name, count(*) AS runs, avg(recovery_rate) AS recovery "
        f"FROM '{out}/runs/*.parquet' GROUP BY regime__name ORDER BY regime__name"
    ).df()
    expected = results.groupby("regime.name")["recovery_rate"].agg(["size", "mean"])
    assert by_regime["regime__name"].tolist() == expected.index.tolist()
    assert by_regime["runs"].tolist() == expected["size"].tolist()
    assert by_regime["recovery"].to_numpy() == pytest.approx(expected["mean"].to_numpy())
