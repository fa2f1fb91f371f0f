"""The one writer of raw rows, quarantine and audit records, with named columns, one transaction per input:
SIMPEG rows staged by the readers (a group of exports of one layout, extractors.simpeg.setload, or one
export, extractors.simpeg.loader.stage_export), a document's facts (warehouse.load_documents), the audit rows
of files a run skips or refuses (pipelines/assets/ingest.py) and the run's own row (publish). Readers and
extractors write nothing.

The snapshot rule (extractors.simpeg.snapshot.snapshot_key): a file with valid rows replaces every earlier
row of its agency and as-of date; a file without any keeps the earlier snapshot and is recorded `empty`.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from extractors.redact import redact
from extractors.simpeg import reasons
from extractors.simpeg.pseudonym import hmac_pads, hmac_sql
from extractors.simpeg.results import LoadReport, StagedExport, UnloadableExport
from extractors.simpeg.setload import StagedGroup
from warehouse import bulk, rawzone
from warehouse.bulk import FILE_LOADS_COLUMNS, QUARANTINE_COLUMNS, QUARANTINED_ROWS_COLUMNS

if TYPE_CHECKING:
    from extractors.facts import ExtractionResult

DOCUMENT_FACT_COLUMNS = (
    "source_file", "file_sha256", "run_id", "fact_index", "page", "line", "table_name", "agency", "region",
    "metric", "indicator", "dimension", "year", "value", "unit", "kind", "flags",
    "population", "scope", "period_kind", "period_start", "period_end", "evidence", "confidence",
)


# The employee columns the writers' SELECTs name themselves; the rest come from the staged table.
_FIXED = frozenset({"run_id", "source_file", "file_sha256", "row_number", "as_of_date", "layout", "region_name",
                    "agency_name", "snapshot_key", "nip", "employee_key"})


def _write_employee_parts(
    con: duckdb.DuckDBPyConnection, inner: str, params: dict, *, stg: str, internal: tuple[str, ...],
    raw_root: Path, run_id: str, exports: list[tuple[int, str, str, str, int]],
) -> None:
    """COPY the employee rows of `inner` (the _FIXED columns, the staged table `stg`'s own columns but its
    `internal` ones, and `_part`) into the raw zone and record a manifest row per export that got parts.
    `exports`: (_part, snapshot_key, source_file, file_sha256, rows)."""
    staged = {row[0] for row in con.execute(f"DESCRIBE {stg}").fetchall()} - set(internal)
    placed = rawzone.write_parts(con, rawzone.employee_select(inner, _FIXED | staged), params, raw_root, run_id,
                                 {part: sha for part, _key, _name, sha, _rows in exports})
    rawzone.record_parts(con, [(key, name, sha, run_id, placed[part], rows)
                               for part, key, name, sha, rows in exports if part in placed])


def write_simpeg_group(
    con: duckdb.DuckDBPyConnection, group: StagedGroup, *, run_id: str, pseudonym_key: bytes,
    shas: dict[str, str], raw_root: Path,
) -> list[LoadReport]:
    """Write `group` (its reports get `superseded`); returns its reports. `shas`: file name -> sha256. The
    valid rows go to the Parquet raw zone at `raw_root` in one partitioned COPY; the snapshots they replace
    lose their manifest rows (warehouse/rawzone.py). The caller recreates the view once its batch is done."""
    reports = list(group.reports.values())
    loaded = [r.file for r in reports if r.status == "loaded"]
    ipad, opad = hmac_pads(pseudonym_key)
    stg, files, src = group.stg, group.files, group.src
    con.execute("BEGIN TRANSACTION")
    try:
        if loaded:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {files}_loaded AS "
                        f"SELECT *, row_number() OVER (ORDER BY _path) AS _part FROM {files} "
                        "WHERE _name IN (SELECT unnest(?::VARCHAR[]))", [loaded])
            replaced: dict[str, set[str]] = {}
            for key, source_file in con.execute(
                    f"SELECT DISTINCT snapshot_key, source_file FROM {rawzone.MANIFEST} "
                    f"WHERE snapshot_key IN (SELECT snapshot_key FROM {files}_loaded)").fetchall():
                replaced.setdefault(key, set()).add(source_file)
            for r in reports:
                if r.status == "loaded":
                    r.superseded = sorted(replaced.get(r.snapshot_key, set()) - {r.file})
            con.execute(f"DELETE FROM {rawzone.MANIFEST} "
                        f"WHERE snapshot_key IN (SELECT snapshot_key FROM {files}_loaded)")
            rows = {r.file: r.rows_loaded for r in reports}
            exports = [(part, key, name, sha, rows[name]) for part, name, sha, key in con.execute(
                f"SELECT _part, _name, _sha, snapshot_key FROM {files}_loaded").fetchall()]
            inner = f"""
SELECT $run_id AS run_id, f._name AS source_file, f._sha AS file_sha256, s._row AS row_number,
  f._as_of AS as_of_date, $layout AS layout, f.region_name, f.agency_name, f.snapshot_key,
  s.nip_c AS nip, {hmac_sql('s.nip_c')} AS employee_key,
  s.* EXCLUDE (_row, _path, nip_c, reason, message), f._part
FROM {stg} s JOIN {files}_loaded f USING (_path) WHERE s.reason IS NULL"""
            _write_employee_parts(
                con, inner, {"run_id": run_id, "layout": group.match.layout, "ipad": ipad, "opad": opad},
                stg=stg, internal=("_row", "_path", "nip_c", "reason", "message"), raw_root=raw_root,
                run_id=run_id, exports=exports)
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


def write_simpeg_export(
    con: duckdb.DuckDBPyConnection, staged: StagedExport, *, run_id: str, pseudonym_key: bytes, raw_root: Path,
    note_superseded: bool = True,
) -> list[str]:
    """Write one staged export as its snapshot, in one transaction (its rows as Parquet parts at `raw_root`,
    its manifest row replacing the snapshot's); returns the other files whose rows of that snapshot it
    replaced (recorded as superseded here unless `note_superseded` is off: the caller then does it once
    every concurrent load has committed). The caller recreates the view once its batch is done."""
    s = staged
    ipad, opad = hmac_pads(pseudonym_key)
    con.execute("BEGIN TRANSACTION")
    try:
        superseded: list[str] = []
        if s.status == "loaded":
            superseded = [r[0] for r in con.execute(
                f"DELETE FROM {rawzone.MANIFEST} WHERE snapshot_key = ? RETURNING source_file", [s.snapshot_key],
            ).fetchall()]
            superseded = sorted(set(superseded) - {s.name})
            inner = f"""
SELECT $run_id AS run_id, $file AS source_file, $sha AS file_sha256, _row AS row_number,
  $as_of AS as_of_date, $layout AS layout, $region AS region_name, $agency AS agency_name,
  $snapshot_key AS snapshot_key, nip_c AS nip, {hmac_sql('nip_c')} AS employee_key,
  * EXCLUDE (_row, nip_c, reason, message), 1 AS _part
FROM {s.stg} WHERE reason IS NULL"""
            _write_employee_parts(
                con, inner,
                {"run_id": run_id, "file": s.name, "sha": s.sha, "as_of": s.as_of, "layout": s.layout,
                 "region": s.region, "agency": s.agency, "snapshot_key": s.snapshot_key, "ipad": ipad,
                 "opad": opad},
                stg=s.stg, internal=("_row", "nip_c", "reason", "message"), raw_root=raw_root, run_id=run_id,
                exports=[(1, s.snapshot_key, s.name, s.sha, s.rows_loaded)])
        if s.rows_bad:
            # audit gets the row number, the reason code and a message without personal data; the row as
            # read goes to the raw zone, which only the owner reads.
            con.execute(f"""
INSERT INTO audit.quarantine (run_id, file, record, reason_code, message)
SELECT $run_id, $file, CAST(_row AS VARCHAR), reason, message FROM {s.stg}
WHERE reason IS NOT NULL ORDER BY _row
""", {"run_id": run_id, "file": s.name})
            con.execute(f"""
INSERT INTO raw.quarantined_rows (run_id, source_file, record, reason_code, raw)
SELECT $run_id, $file, CAST(s._row AS VARCHAR), s.reason, {s.quarantine_raw_sql}
FROM {s.stg} s JOIN (SELECT rowid + 1 AS _row, * FROM {s.src}) r ON r._row = s._row
WHERE s.reason IS NOT NULL ORDER BY s._row
""", {"run_id": run_id, "file": s.name})
        if s.malformed:
            bulk.insert(con, "audit.quarantine",
                        [(run_id, s.name, f"line {line}", reasons.MALFORMED_ROW, f"CSV line: {err}")
                         for line, err, _text in s.malformed], QUARANTINE_COLUMNS)
            bulk.insert(con, "raw.quarantined_rows",
                        [(run_id, s.name, f"line {line}", reasons.MALFORMED_ROW, json.dumps({"line": text[:100_000]}))
                         for line, _err, text in s.malformed], QUARANTINED_ROWS_COLUMNS)
        bulk.insert(con, "audit.file_loads", [(run_id, s.name, s.sha, "simpeg", s.status, s.reason, s.rows_in,
                                               s.rows_loaded, s.rows_quarantined)], FILE_LOADS_COLUMNS)
        for replaced in superseded if note_superseded else ():
            record_superseded(con, run_id, replaced, s.name, s.snapshot_key)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return superseded


def record_simpeg_failure(con: duckdb.DuckDBPyConnection, run_id: str, error: UnloadableExport) -> None:
    """The failed audit.file_loads row of an export that could not be loaded (nothing else is written)."""
    bulk.insert(con, "audit.file_loads", [
        (run_id, error.name, error.sha, "simpeg", "failed", f"{error.reason_code}: {error.reason}", error.rows_in,
         0, 0)], FILE_LOADS_COLUMNS)


def undo_file_load(con: duckdb.DuckDBPyConnection, run_id: str, name: str) -> None:
    """Forget this run's audit row of `name` (its rows were replaced by a concurrent load; it is reloaded)."""
    con.execute("DELETE FROM audit.file_loads WHERE run_id = ? AND file = ?", [run_id, name])


def drop_snapshot_rows(con: duckdb.DuckDBPyConnection, run_id: str, name: str, key: str) -> None:
    """Forget the rows `name` loaded in this run for snapshot `key` (another file of the batch won it): its
    manifest row goes, its parts stay unreferenced."""
    con.execute(f"DELETE FROM {rawzone.MANIFEST} WHERE run_id = ? AND source_file = ? AND snapshot_key = ?",
                [run_id, name, key])


def holds_snapshot(con: duckdb.DuckDBPyConnection, run_id: str, name: str, key: str) -> bool:
    """Whether the rows `name` loaded in this run are the live rows of snapshot `key`."""
    return bool(con.execute(f"SELECT count(*) FROM {rawzone.MANIFEST} WHERE run_id = ? AND source_file = ? "
                            "AND snapshot_key = ?", [run_id, name, key]).fetchone()[0])


def record_superseded(
    con: duckdb.DuckDBPyConnection, run_id: str, replaced: str, by: str, key: str
) -> None:
    """Note in audit.file_loads that `replaced`'s rows of snapshot `key` were replaced by file `by`: its
    row of this run (if it was loaded in this run) becomes `superseded`, otherwise a new row says so."""
    reason = f"superseded: snapshot {key} replaced by {by}"
    if con.execute("SELECT count(*) FROM audit.file_loads WHERE run_id = ? AND file = ? AND status = 'superseded'",
                   [run_id, replaced]).fetchone()[0]:
        return
    updated = con.execute(
        "UPDATE audit.file_loads SET status = 'superseded', reason = ? WHERE run_id = ? AND file = ? "
        "AND kind = 'simpeg' AND status IN ('loaded', 'empty') RETURNING file",
        [reason, run_id, replaced],
    ).fetchall()
    if not updated:
        con.execute(
            "INSERT INTO audit.file_loads (run_id, file, sha256, kind, status, reason, rows_in, rows_loaded,"
            " rows_quarantined) SELECT ?, ?, (SELECT sha256 FROM audit.file_loads WHERE file = ? AND sha256 IS NOT NULL"
            " ORDER BY loaded_at DESC LIMIT 1), 'simpeg', 'superseded', ?, 0, 0, 0",
            [run_id, replaced, replaced, reason],
        )


def record_file_load(
    con: duckdb.DuckDBPyConnection, run_id: str, name: str, *, sha: str | None, kind: str, status: str,
    reason: str | None = None, rows_in: int | None = None, rows_loaded: int = 0, rows_quarantined: int = 0,
) -> None:
    """One audit.file_loads row for a file the run did not load rows from (skipped, ignored, unknown,
    outside the inbox) or whose rows another writer of this module wrote."""
    bulk.insert(con, "audit.file_loads", [(run_id, name, sha, kind, status, reason, rows_in, rows_loaded,
                                           rows_quarantined)], FILE_LOADS_COLUMNS)


def record_skipped_unchanged(con: duckdb.DuckDBPyConnection, run_id: str, files: list[tuple[str, str, str]]) -> None:
    """The `skipped_unchanged` audit rows of files (name, sha256, kind) whose content the warehouse already
    holds, in one statement: a national inbox skips ~550 exports on every refresh that adds one document."""
    bulk.insert(con, "audit.file_loads", [(run_id, name, sha, kind, "skipped_unchanged", None, 0, 0, 0)
                                          for name, sha, kind in files], FILE_LOADS_COLUMNS)


def write_document(
    con: duckdb.DuckDBPyConnection, run_id: str, name: str, sha: str, result: ExtractionResult,
    facts: list[tuple], status: str, reason: str | None,
) -> None:
    """A document's facts (`facts`, in DOCUMENT_FACT_COLUMNS order), its identity row, the cells it could not
    read and its audit row, in one transaction; replaces what an earlier version of the file gave."""
    ident = result.identity
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM raw.document_facts WHERE source_file = ?", [name])
        con.execute("DELETE FROM raw.documents WHERE source_file = ?", [name])
        if facts:
            bulk.insert(con, "raw.document_facts", facts, DOCUMENT_FACT_COLUMNS)
        con.execute(
            "INSERT INTO raw.documents (source_file, file_sha256, run_id, doc_type, agency, region, period_start,"
            " period_end, pages, problems, loaded_at, document_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, ?)",
            [
                name, sha, run_id, ident.doc_type, ident.agency, ident.region, ident.period_start,
                ident.period_end, result.pages, json.dumps(result.problems, ensure_ascii=False),
                ident.document_key,
            ],
        )
        if result.problems:
            bulk.insert(con, "audit.quarantine",
                        [(run_id, name, None, "unreadable_cell", redact(problem)) for problem in result.problems],
                        QUARANTINE_COLUMNS)
        record_file_load(con, run_id, name, sha=sha, kind="document", status=status, reason=reason,
                         rows_in=len(facts) + len(result.problems), rows_loaded=len(facts),
                         rows_quarantined=len(result.problems))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def record_document_failure(
    con: duckdb.DuckDBPyConnection, run_id: str, name: str, sha: str, reason: str, code: str
) -> None:
    """A document that could not be read: its failed audit row and a file-level quarantine entry."""
    con.execute("BEGIN")
    try:
        record_file_load(con, run_id, name, sha=sha, kind="document", status="failed", reason=f"{code}: {reason}",
                         rows_in=0)
        bulk.insert(con, "audit.quarantine", [(run_id, name, "file", code, reason)], QUARANTINE_COLUMNS)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def record_run(con: duckdb.DuckDBPyConnection, run_id: str, inbox: str, summary: dict) -> None:
    """The run's audit.runs row, written just before its build is published."""
    con.execute("INSERT OR REPLACE INTO audit.runs (run_id, started_at, finished_at, status, inbox, summary) "
                "VALUES (?, NULL, ?, 'success', ?, ?)", [run_id, datetime.now(), inbox, json.dumps(summary)])
