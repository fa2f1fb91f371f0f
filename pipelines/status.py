"""`asnwh status`: what the last refresh did, from the audit zone of the live warehouse."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb


def print_status(warehouse: Path) -> int:
    if not warehouse.exists():
        print(f"asnwh status: no warehouse at {warehouse} yet; run `asnwh run`", file=sys.stderr)
        _print_unpublished(warehouse, None)
        return 1
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        last = con.execute(
            "select run_id, finished_at, status from audit.runs order by finished_at desc limit 1"
        ).fetchone()
        print(f"warehouse: {warehouse}")
        if last is None:
            print("no completed run recorded")
            _print_unpublished(warehouse, None)
            return 1
        run_id = last[0]
        print(f"last run: {run_id} finished {last[1]:%Y-%m-%d %H:%M:%S} ({last[2]})")
        print("files:")
        for row in con.execute(
            """
            select kind, status, count(*), sum(rows_in), sum(rows_loaded), sum(rows_quarantined)
            from audit.file_loads where run_id = ? group by all order by 1, 2
            """,
            [run_id],
        ).fetchall():
            print(f"  {row[0]:<9} {row[1]:<18} files={row[2]} rows_in={row[3]} loaded={row[4]} "
                  f"quarantined={row[5]}")
        paths = _inbox_paths(con, run_id)
        for name, reason in con.execute(
            "select file, reason from audit.file_loads where run_id = ? and status = 'failed'", [run_id]
        ).fetchall():
            print(f"  failed: {paths.get(name, name)}: {reason}")
        quarantine = con.execute(
            "select reason_code, count(*) from audit.quarantine where run_id = ? group by 1 order by 2 desc",
            [run_id],
        ).fetchall()
        if quarantine:
            print("quarantine: " + ", ".join(f"{code}={n}" for code, n in quarantine))
        _print_checks(con, warehouse, run_id)
        return 0
    finally:
        con.close()


def _inbox_paths(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, str]:
    """File name -> full path in the inbox the run read (audit.file_loads keeps names only)."""
    from warehouse.inbox import input_paths

    row = con.execute("select inbox from audit.runs where run_id = ?", [run_id]).fetchone()
    if not row or not row[0]:
        return {}
    return {p.name: str(p) for p in input_paths(Path(row[0]))}


def _print_unpublished(warehouse: Path, published_run_id: str | None) -> bool:
    """A refresh stopped by a failed check is never published, so its results are only in the file kept
    beside the warehouse: show them first, they say why the numbers were not refreshed."""
    from quality.last_run import load_last
    from quality.status_view import format_checks

    latest = load_last(warehouse)
    if not latest or latest.get("run_id") == published_run_id:
        return False
    print(f"latest refresh {latest['run_id']} was NOT published; its checks:")
    for line in format_checks(latest.get("results", [])):
        print(f"  {line}")
    return True


def _print_checks(con: duckdb.DuckDBPyConnection, warehouse: Path, run_id: str) -> None:
    from quality.status_view import format_checks

    if _print_unpublished(warehouse, run_id):
        print(f"checks of the published run {run_id}:")
    cur = con.execute(
        "select check_name, asset, severity, passed, observed from audit.dq_results where run_id = ?", [run_id]
    )
    cols = [d[0] for d in cur.description]
    for line in format_checks([dict(zip(cols, row, strict=True)) for row in cur.fetchall()]):
        print(line)
