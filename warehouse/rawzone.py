"""The immutable raw zone: SIMPEG employee rows as Parquet beside the warehouse, keyed by the export's sha256.

`<warehouse dir>/<stem>.raw/simpeg/<file sha256>/<run id>-<n>.parquet` holds the rows one run loaded from
one export. A file is written once (into a temporary folder, then renamed into place) and never rewritten
or copied: a later load of the same content under changed code gets its own run's file. The warehouse file
itself holds `raw.simpeg_employees` as a view over the files of the snapshots that are live, so it stays
small and a refresh's copy of it costs little; a previous warehouse (rollback) still names its own files,
which are never removed here.

During a refresh that loads exports the view is turned back into a table (`materialise`), because the
loader replaces snapshots with DELETE/INSERT; at publish the rows loaded by the run are written out and
the table becomes a view again (`offload`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from warehouse import bulk

TABLE = "raw.simpeg_employees"
# Personal data (NIP, birth date): the owner writes, the warehouse's group reads, nobody else.
DIR_MODE = 0o750
FILE_MODE = 0o640


def raw_dir(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.stem + ".raw")


def is_view(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE schema_name = 'raw' AND view_name = 'simpeg_employees' "
        "AND database_name = current_database()").fetchone()[0])


def materialise(con: duckdb.DuckDBPyConnection) -> None:
    """Make raw.simpeg_employees a table again (holding the live rows) so a load can replace snapshots."""
    from warehouse.schema import RAW_SIMPEG_EMPLOYEES

    if not is_view(con):
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("ALTER VIEW raw.simpeg_employees RENAME TO simpeg_employees_parquet")
        con.execute(RAW_SIMPEG_EMPLOYEES)
        con.execute(f"INSERT INTO {TABLE} BY NAME SELECT * FROM raw.simpeg_employees_parquet")
        con.execute("DROP VIEW raw.simpeg_employees_parquet")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _part(root: Path, sha: str, run_id: str) -> Path:
    return root / "simpeg" / sha / run_id


def offload(con: duckdb.DuckDBPyConnection, warehouse: Path, run_id: str) -> int:
    """Write the rows of raw.simpeg_employees that are not in the raw zone yet as Parquet, then replace the
    table by a view over the zone's files of the rows it held. Returns the number of files written."""
    if is_view(con) or not con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'simpeg_employees' "
            "AND database_name = current_database()").fetchone()[0]:
        return 0
    root = raw_dir(warehouse)
    for folder in (root, root / "simpeg"):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)
    live = con.execute(f"SELECT DISTINCT file_sha256, run_id FROM {TABLE} ORDER BY ALL").fetchall()
    missing = [(sha, run) for sha, run in live if not list((root / "simpeg" / sha).glob(f"{run}-*.parquet"))]
    written = 0
    if missing:
        tmp = root / f".writing-{run_id}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(mode=0o700)
        con.execute("CREATE OR REPLACE TEMP TABLE _rawzone_missing (file_sha256 VARCHAR, run_id VARCHAR)")
        bulk.insert(con, "_rawzone_missing", missing, ("file_sha256", "run_id"))
        # One partitioned COPY for every new file: per-file COPYs would scan the table once per export.
        con.execute(
            f"""COPY (SELECT e.* FROM {TABLE} e JOIN _rawzone_missing m USING (file_sha256, run_id))
                TO '{tmp}' (FORMAT parquet, PARTITION_BY (file_sha256, run_id), COMPRESSION zstd,
                            WRITE_PARTITION_COLUMNS true, OVERWRITE_OR_IGNORE)""")
        con.execute("DROP TABLE _rawzone_missing")
        for sha, run in missing:
            part = tmp / f"file_sha256={sha}" / f"run_id={run}"
            target = root / "simpeg" / sha
            target.mkdir(mode=DIR_MODE, exist_ok=True)
            for n, f in enumerate(sorted(part.glob("*.parquet"))):
                os.chmod(f, FILE_MODE)
                os.replace(f, target / f"{run}-{n}.parquet")
                written += 1
        shutil.rmtree(tmp, ignore_errors=True)
    files = [str(root / "simpeg" / sha / f"{run}-*.parquet") for sha, run in live]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DROP TABLE {TABLE}")
        if files:
            listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE VIEW {TABLE} AS SELECT * FROM read_parquet([{listing}])")
        else:
            from warehouse.schema import RAW_SIMPEG_EMPLOYEES

            con.execute(RAW_SIMPEG_EMPLOYEES)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return written
