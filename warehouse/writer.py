"""Writes of SIMPEG rows checked by extractors.simpeg.setload: raw rows, quarantine and audit, one
transaction per staged group (a chunk of exports of one layout), with named columns.

The snapshot rule (extractors.simpeg.snapshot.snapshot_key): a file with valid rows replaces every earlier
row of its agency and as-of date; a file without any keeps the earlier snapshot and is recorded `empty`.
"""

from __future__ import annotations

import duckdb

from extractors.simpeg.loader import LoadReport
from extractors.simpeg.pseudonym import hmac_pads, hmac_sql
from extractors.simpeg.setload import StagedGroup
from warehouse import bulk
from warehouse.bulk import FILE_LOADS_COLUMNS


def write_simpeg_group(
    con: duckdb.DuckDBPyConnection, group: StagedGroup, *, run_id: str, pseudonym_key: bytes,
    shas: dict[str, str],
) -> list[LoadReport]:
    """Write `group` (its reports get `superseded`); returns its reports. `shas`: file name -> sha256."""
    reports = list(group.reports.values())
    loaded = [r.file for r in reports if r.status == "loaded"]
    ipad, opad = hmac_pads(pseudonym_key)
    stg, files, src = group.stg, group.files, group.src
    con.execute("BEGIN TRANSACTION")
    try:
        if loaded:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {files}_loaded AS "
                        f"SELECT * FROM {files} WHERE _name IN (SELECT unnest(?::VARCHAR[]))", [loaded])
            replaced: dict[str, set[str]] = {}
            for key, source_file in con.execute(
                    "SELECT DISTINCT snapshot_key, source_file FROM raw.simpeg_employees "
                    f"WHERE snapshot_key IN (SELECT snapshot_key FROM {files}_loaded)").fetchall():
                replaced.setdefault(key, set()).add(source_file)
            for r in reports:
                if r.status == "loaded":
                    r.superseded = sorted(replaced.get(r.snapshot_key, set()) - {r.file})
            con.execute("DELETE FROM raw.simpeg_employees "
                        f"WHERE snapshot_key IN (SELECT snapshot_key FROM {files}_loaded)")
            con.execute(f"""
INSERT INTO raw.simpeg_employees BY NAME
SELECT $run_id AS run_id, f._name AS source_file, f._sha AS file_sha256, s._row AS row_number,
  f._as_of AS as_of_date, $layout AS layout, f.region_name, f.agency_name, f.snapshot_key,
  s.nip_c AS nip, {hmac_sql('s.nip_c')} AS employee_key,
  s.* EXCLUDE (_row, _path, nip_c, reason, message)
FROM {stg} s JOIN {files}_loaded f USING (_path) WHERE s.reason IS NULL
""", {"run_id": run_id, "layout": group.match.layout, "ipad": ipad, "opad": opad})
        # audit gets the row number, the reason code and a message without personal data; what a person
        # needs to fix the row goes to the raw zone, which only the owner reads.
        con.execute(f"""
INSERT INTO audit.quarantine (run_id, file, record, reason_code, message)
SELECT $run_id, f._name, CAST(s._row AS VARCHAR), s.reason, s.message
FROM {stg} s JOIN {files} f USING (_path) WHERE s.reason IS NOT NULL ORDER BY f._name, s._row
""", {"run_id": run_id})
        con.execute(f"""
INSERT INTO raw.quarantined_rows (run_id, source_file, record, reason_code, raw)
SELECT $run_id, f._name, CAST(s._row AS VARCHAR), s.reason, {group.quarantine_raw_sql()}
FROM {stg} s JOIN {files} f USING (_path)
JOIN (SELECT rowid AS _rid, * EXCLUDE (_path) FROM {src}) r ON r._rid = f._first + s._row - 1
WHERE s.reason IS NOT NULL ORDER BY f._name, s._row
""", {"run_id": run_id})
        bulk.insert(con, "audit.file_loads", [
            (run_id, r.file, shas.get(r.file), "simpeg", r.status, r.reason, r.rows_in, r.rows_loaded,
             r.rows_quarantined)
            for r in reports], FILE_LOADS_COLUMNS)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute(f"DROP TABLE IF EXISTS {files}_loaded")
    return reports
