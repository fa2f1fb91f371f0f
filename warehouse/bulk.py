"""Bulk inserts of raw, audit and quarantine rows: one statement per batch, with named columns.

`executemany` binds and runs one INSERT per row (a document with a few thousand facts cost as many
statements). Here the rows become one registered pandas frame that DuckDB scans in a single
`INSERT ... SELECT`, each column cast to the target column's own type, so the stored type is the table's
whatever Python handed in (an int among floats, a column of only NULLs).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pandas as pd

# The audit tables' columns, named once for every writer of their rows.
QUARANTINE_COLUMNS = ("run_id", "file", "record", "reason_code", "message")
FILE_LOADS_COLUMNS = ("run_id", "file", "sha256", "kind", "status", "reason", "rows_in", "rows_loaded",
                      "rows_quarantined")
QUARANTINED_ROWS_COLUMNS = ("run_id", "source_file", "record", "reason_code", "raw")
DQ_RESULTS_COLUMNS = ("run_id", "check_name", "asset", "severity", "passed", "observed")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return {row[0]: row[1] for row in con.execute(f"DESCRIBE {table}").fetchall()}


def insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame | Iterable[Sequence[Any]],
    columns: Sequence[str] | None = None,
) -> int:
    """Insert `rows` (a frame, or tuples in the order of `columns`) into `table` in one statement; returns
    the number of rows. Runs inside the caller's transaction, if one is open."""
    if isinstance(rows, pd.DataFrame):
        frame = rows if columns is None else rows[list(columns)]
        names = [str(c) for c in frame.columns]
    else:
        if columns is None:
            raise ValueError(f"insert into {table}: rows given as tuples need their column names")
        names = list(columns)
        data = list(rows)
        for i, row in enumerate(data):
            if len(row) != len(names):
                raise ValueError(f"insert into {table}: row {i} has {len(row)} values for {len(names)} columns")
        # object columns keep Python's None and ints as they are (a float64 column would turn them to NaN).
        frame = pd.DataFrame({n: pd.Series([row[j] for row in data], dtype=object) for j, n in enumerate(names)})
    if frame.empty:
        return 0
    types = _column_types(con, table)
    unknown = [n for n in names if n not in types]
    if unknown:
        raise ValueError(f"insert into {table}: no column {', '.join(unknown)}")
    view = f"_bulk_{uuid.uuid4().hex}"
    # DuckDB infers an object column's type from a sample (1000 rows by default): a float after 1000 ints
    # would then be cast to the int. Every row is looked at instead.
    sample = con.execute("SELECT current_setting('pandas_analyze_sample')").fetchone()[0]
    con.execute(f"SET pandas_analyze_sample = {max(int(sample), len(frame))}")
    con.register(view, frame)
    try:
        select = ", ".join(f"CAST({_quote(n)} AS {types[n]})" for n in names)
        con.execute(f"INSERT INTO {table} ({', '.join(_quote(n) for n in names)}) SELECT {select} FROM {view}")
    finally:
        con.unregister(view)
        con.execute(f"SET pandas_analyze_sample = {int(sample)}")
    return len(frame)
