"""`asnwh status`: what the last refresh did, from the audit zone of the live warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb


def print_status(warehouse: Path) -> int:
    if not warehouse.exists():
        print(f"no warehouse at {warehouse} yet; run `asnwh run`")
        return 1
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        last = con.execute(
            "select run_id, finished_at, status from audit.runs order by finished_at desc limit 1"
        ).fetchone()
        print(f"warehouse: {warehouse}")
        if last is None:
            print("no completed run recorded")
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
        for name, reason in con.execute(
            "select file, reason from audit.file_loads where run_id = ? and status = 'failed'", [run_id]
        ).fetchall():
            print(f"  failed: {name}: {reason}")
        quarantine = con.execute(
            "select reason_code, count(*) from audit.quarantine where run_id = ? group by 1 order by 2 desc",
            [run_id],
        ).fetchall()
        if quarantine:
            print("quarantine: " + ", ".join(f"{code}={n}" for code, n in quarantine))
        checks = con.execute(
            """
            select
                count(*) filter (where passed),
                count(*) filter (where not passed and severity = 'warn'),
                count(*) filter (where not passed and severity = 'error')
            from audit.dq_results where run_id = ?
            """,
            [run_id],
        ).fetchone()
        print(f"checks: passed={checks[0]} warned={checks[1]} failed={checks[2]}")
        for row in con.execute(
            """
            select severity, asset, check_name, observed from audit.dq_results
            where run_id = ? and not passed order by severity = 'error' desc, check_name limit 10
            """,
            [run_id],
        ).fetchall():
            print(f"  {row[0]:<5} {row[1]} :: {row[2]} {row[3] or ''}")
        return 0
    finally:
        con.close()
