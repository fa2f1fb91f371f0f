"""Read-only access to the warehouse for the report, with the checks that let sections degrade gracefully."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd


class ReportDb:
    """A read-only connection plus the schema knowledge a section needs to decide whether it can render.

    Read-only because the report runs next to readers and after the atomic swap: it must never take the
    write lock on the live file, and must never change it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._raw = duckdb.connect(str(path), read_only=True)
        self.con = _RecordingConnection(self._raw)
        rows = self.con.execute(
            "select schema_name, table_name, column_name from duckdb_columns()"
        ).fetchall()
        self._columns: dict[tuple[str, str], set[str]] = {}
        for schema, table, column in rows:
            self._columns.setdefault((schema, table), set()).add(column)

    def close(self) -> None:
        self._raw.close()

    @contextmanager
    def recording(self) -> Iterator[QueryRecord]:
        """Within the block, note every query run through `con` (warehouse/report/memo.py replays them)."""
        record = QueryRecord()
        self.con.record = record
        try:
            yield record
        finally:
            self.con.record = None

    def raw_execute(self, sql: str, params: list[Any]) -> duckdb.DuckDBPyConnection:
        """A query that is not recorded (the memo's own replay)."""
        return self._raw.execute(sql, params)

    def schema(self) -> dict[tuple[str, str], set[str]]:
        return self._columns

    def columns(self, schema: str, table: str) -> set[str]:
        return self._columns.get((schema, table), set())

    def has(self, schema: str, table: str, *columns: str) -> bool:
        """True when the table (or view) exists and carries every named column."""
        present = self.columns(schema, table)
        return bool(present) and all(c in present for c in columns)

    def tables(self, schema: str) -> list[str]:
        return sorted(t for s, t in self._columns if s == schema)

    def df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    def optional(self, schema: str, table: str, wanted: list[str]) -> str:
        """A select list with the wanted columns, NULL for those the table does not have (yet)."""
        present = self.columns(schema, table)
        return ", ".join(c if c in present else f"null as {c}" for c in wanted)


@dataclass
class QueryRecord:
    """The queries a block ran as [sql, params]; `complete` is False once it used the connection in any
    other way (then what it read is not known, and it must not be reused on the strength of these)."""

    queries: list[list[Any]] = field(default_factory=list)
    complete: bool = True


class _RecordingConnection:
    """The read-only connection, noting the queries run through it while a block is being recorded."""

    def __init__(self, raw: duckdb.DuckDBPyConnection) -> None:
        self._raw = raw
        self.record: QueryRecord | None = None

    def execute(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        if self.record is not None:
            self.record.queries.append([sql, list(params or [])])
        return self._raw.execute(sql, params or [])

    def __getattr__(self, name: str) -> Any:
        if self.record is not None:
            self.record.complete = False
        return getattr(self._raw, name)
