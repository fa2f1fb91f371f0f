"""Read-only access to the warehouse for the report, with the checks that let sections degrade gracefully."""

from __future__ import annotations

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
        self.con = duckdb.connect(str(path), read_only=True)
        rows = self.con.execute(
            "select schema_name, table_name, column_name from duckdb_columns()"
        ).fetchall()
        self._columns: dict[tuple[str, str], set[str]] = {}
        for schema, table, column in rows:
            self._columns.setdefault((schema, table), set()).add(column)

    def close(self) -> None:
        self.con.close()

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
