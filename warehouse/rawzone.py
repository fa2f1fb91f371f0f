"""The immutable raw zone: SIMPEG employee rows as Parquet beside the live warehouse, keyed by the export's sha256.

`<warehouse dir>/<stem>.raw/simpeg/<file sha256>/<run id>-<n>.parquet` holds the rows one run loaded from
one export. The writers (warehouse/writer.py) COPY the valid rows of a staged group straight into the zone:
a file is written once (into a temporary folder, then linked into place under a name no other file has)
and never rewritten or copied; a later load of the same content under changed code gets its own run's file.

The warehouse file holds the manifest of the live parts, `raw.simpeg_parts` (one row per loaded export:
snapshot key, file, sha256, run, its part files, rows), and `raw.simpeg_employees` as a view over exactly
those parts, recreated once at the end of a batch (`publish_view`). Replacing a snapshot replaces its
manifest rows, so the build file stays small and a refresh never copies employee rows. A previous
warehouse (rollback) still names its own parts, which are never removed here; the parts a killed run wrote
are named by no warehouse.

The zone beside the LIVE warehouse is the one a refresh writes (its build file lives in `.build/`), so the
loaders take it explicitly (`raw_dir(live)`); a library caller on a plain DuckDB file gets the zone beside
that file (`root_of`).
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

TABLE = "raw.simpeg_employees"
MANIFEST = "raw.simpeg_parts"
# Personal data (NIP, birth date): the owner writes, the warehouse's group reads, nobody else.
DIR_MODE = 0o750
FILE_MODE = 0o640
_COLUMN = re.compile(r"^\s+([a-z_0-9]+)\s+([A-Z]+)\b([^,\n]*)", re.MULTILINE)


def raw_dir(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.stem + ".raw")


def root_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The raw zone beside the connection's database file (for library callers that pass no zone)."""
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if not path or not path[0] or path[0] == ":memory:":
        raise ValueError("SIMPEG rows go to a Parquet raw zone beside the warehouse file, and this DuckDB "
                         "connection is in memory: connect to a database file or pass raw_root")
    return raw_dir(Path(path[0]).resolve())


def _ddl_columns() -> list[tuple[str, str, bool]]:
    from warehouse.schema import RAW_SIMPEG_EMPLOYEES

    return [(name, kind, "NOT NULL" in rest)
            for name, kind, rest in _COLUMN.findall(RAW_SIMPEG_EMPLOYEES.split("(", 1)[1])]


def columns() -> list[tuple[str, str]]:
    """(name, type) of raw.simpeg_employees, in order, read from its DDL (the one home of the columns)."""
    return [(name, kind) for name, kind, _ in _ddl_columns()]


def is_view(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE schema_name = 'raw' AND view_name = 'simpeg_employees' "
        "AND database_name = current_database()").fetchone()[0])


def _is_table(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'simpeg_employees' "
        "AND database_name = current_database()").fetchone()[0])


def employee_select(inner: str, available: set[str]) -> str:
    """SELECT over `inner` (a query with some of the employee columns, plus `_part`) giving every column of
    raw.simpeg_employees in order and type, NULL where `inner` lacks it, and `_part`: every part has the
    same schema whatever the layout that wrote it. A NULL in a NOT NULL column fails the statement, as the
    table's constraint did."""
    cols = []
    for name, kind, required in _ddl_columns():
        value = name if name in available else "NULL"
        if required:
            value = f"CASE WHEN {value} IS NULL THEN error('NOT NULL constraint failed: {TABLE}.{name}') " \
                    f"ELSE {value} END"
        cols.append(f"CAST({value} AS {kind}) AS {name}")
    return f"SELECT {', '.join(cols)}, _part FROM ({inner})"


def _ensure_dirs(root: Path) -> None:
    for folder in (root, root / "simpeg"):
        folder.mkdir(mode=DIR_MODE, parents=folder is root, exist_ok=True)
        os.chmod(folder, DIR_MODE)


def _place(part: Path, folder: Path, run_id: str) -> Path:
    """Move `part` to the first free `<run>-<n>.parquet` of `folder`. A hard link never replaces an existing
    name, so two writers of the same content in one run (twin files, two threads) cannot overwrite each
    other's part."""
    n = 0
    while True:
        target = folder / f"{run_id}-{n}.parquet"
        try:
            os.link(part, target)
        except FileExistsError:
            n += 1
            continue
        os.unlink(part)
        return target


def write_parts(
    con: duckdb.DuckDBPyConnection, select_sql: str, params: Mapping[str, Any] | None, root: Path,
    run_id: str, shas: Mapping[int, str],
) -> dict[int, list[str]]:
    """COPY the rows of `select_sql` (an employee_select, `_part` numbering the exports) into the raw zone
    in one partitioned write, and link each export's files into place under `simpeg/<sha>/`. `shas` maps
    `_part` to the export's sha256. Returns `_part` -> its part files, absolute paths as the view names
    them (a copy of the warehouse file alone still reads the parts it was published with)."""
    root = root.resolve()
    _ensure_dirs(root)
    tmp = root / f".writing-{run_id}-{uuid.uuid4().hex}"
    tmp.mkdir(mode=0o700)
    try:
        target = str(tmp).replace("'", "''")
        con.execute(f"COPY ({select_sql}) TO '{target}' (FORMAT parquet, PARTITION_BY (_part), "
                    "COMPRESSION zstd, OVERWRITE_OR_IGNORE)", dict(params or {}))
        placed: dict[int, list[str]] = {}
        for part, sha in shas.items():
            folder = root / "simpeg" / sha
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
            for f in sorted((tmp / f"_part={part}").glob("*.parquet")):
                os.chmod(f, FILE_MODE)
                placed.setdefault(part, []).append(str(_place(f, folder, run_id)))
        return placed
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def record_parts(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str, str, list[str], int]],
) -> None:
    """Manifest rows (snapshot_key, source_file, file_sha256, run_id, parts, rows), in the caller's
    transaction."""
    if rows:
        con.executemany(f"INSERT INTO {MANIFEST} (snapshot_key, source_file, file_sha256, run_id, parts, rows) "
                        "VALUES (?, ?, ?, ?, ?, ?)", rows)


def prepare(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Before a batch writes: rows still held in a raw.simpeg_employees TABLE (a warehouse older than the
    raw zone, or rows inserted by hand) become parts and manifest rows of their own runs, so that the view
    `publish_view` puts in the table's place loses none of them."""
    if not _is_table(con) or not con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} LIMIT 1)").fetchone()[0]:
        return
    exports = con.execute(f"SELECT snapshot_key, source_file, file_sha256, run_id, count(*) FROM {TABLE} "
                          "GROUP BY ALL ORDER BY ALL").fetchall()
    con.execute("CREATE OR REPLACE TEMP TABLE _rawzone_exports (snapshot_key VARCHAR, source_file VARCHAR, "
                "file_sha256 VARCHAR, run_id VARCHAR, _part BIGINT)")
    con.executemany("INSERT INTO _rawzone_exports VALUES (?, ?, ?, ?, ?)",
                    [(k, f, s, r, i) for i, (k, f, s, r, _n) in enumerate(exports)])
    try:
        inner = (f"SELECT e.*, x._part FROM {TABLE} e JOIN _rawzone_exports x ON e.snapshot_key "
                 "IS NOT DISTINCT FROM x.snapshot_key AND e.source_file = x.source_file "
                 "AND e.file_sha256 = x.file_sha256 AND e.run_id = x.run_id")
        placed: dict[int, list[str]] = {}
        # Each export keeps the run that loaded it: its parts are named after that run.
        for old_run in sorted({r for _k, _f, _s, r, _n in exports}):
            mine = {i: e[2] for i, e in enumerate(exports) if e[3] == old_run}
            placed |= write_parts(con, employee_select(inner + " WHERE x.run_id = $run", {n for n, _ in columns()}),
                                  {"run": old_run}, root, old_run, mine)
    finally:
        con.execute("DROP TABLE IF EXISTS _rawzone_exports")
    con.execute("BEGIN TRANSACTION")
    try:
        record_parts(con, [(k, f, s, r, placed[i], n) for i, (k, f, s, r, n) in enumerate(exports)])
        con.execute(f"DELETE FROM {TABLE}")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def publish_view(con: duckdb.DuckDBPyConnection) -> None:
    """Make raw.simpeg_employees the view over the manifest's parts (once per batch, not per file), which
    the manifest names by absolute path. With no live part it stays (or becomes) the empty table."""
    from warehouse.schema import RAW_SIMPEG_EMPLOYEES

    parts = [r[0] for r in con.execute(f"SELECT unnest(parts) AS p FROM {MANIFEST} ORDER BY p").fetchall()]
    con.execute("BEGIN TRANSACTION")
    try:
        if _is_table(con):
            if not parts:
                con.execute("COMMIT")
                return
            con.execute(f"DROP TABLE {TABLE}")
        if parts:
            listing = ", ".join("'" + p.replace("'", "''") + "'" for p in parts)
            cols = ", ".join(name for name, _ in columns())
            con.execute(f"CREATE OR REPLACE VIEW {TABLE} AS SELECT {cols} FROM read_parquet([{listing}])")
        else:
            con.execute(f"DROP VIEW IF EXISTS {TABLE}")
            con.execute(RAW_SIMPEG_EMPLOYEES)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def adopt_legacy_view(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse written before the manifest existed has the view over its parts but no manifest rows:
    derive them with one scan of the parts' key columns (the view's own file list, each file by name)."""
    if not is_view(con) or con.execute(f"SELECT count(*) FROM {MANIFEST}").fetchone()[0]:
        return
    sql = con.execute("SELECT sql FROM duckdb_views() WHERE schema_name = 'raw' AND view_name = "
                      "'simpeg_employees' AND database_name = current_database()").fetchone()[0]
    # DuckDB keeps the view's list as read_parquet(main.list_value('...', ...)): its string literals.
    _, found, args = sql.partition("read_parquet(")
    files = [f.replace("''", "'") for f in re.findall(r"'((?:[^']|'')*)'", args)]
    if not found or not files:
        # Deriving nothing would publish a view without the live snapshots: refuse instead.
        raise RuntimeError(f"raw.simpeg_employees is a view this code cannot read the files of: {sql}")
    listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    rows = con.execute(f"""SELECT snapshot_key, source_file, file_sha256, run_id,
        list(DISTINCT filename ORDER BY filename), count(*)
        FROM read_parquet([{listing}], filename = true) GROUP BY ALL ORDER BY ALL""").fetchall()
    # Older views named the files as the warehouse path was given, possibly relative to the working folder.
    record_parts(con, [(k, f, s, r, [str(Path(p).resolve()) for p in parts], n) for k, f, s, r, parts, n in rows])
