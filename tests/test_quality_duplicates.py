"""The SIMPEG duplicate check counts in DuckDB and returns only the offending groups: every duplicated key
is counted, only a sample is shown, and no NIP or employee_key leaves the database."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from quality.gx_duckdb import SAMPLE_SIZE
from quality.runner import run_check
from quality.simpeg_suite import SIMPEG_CHECKS
from warehouse.schema import ensure_schema

CHECK = next(c for c in SIMPEG_CHECKS if c.name == "simpeg_unique_per_snapshot")
UNIQUE_ROWS = 20_000
DUPLICATED = 8  # employee keys planted twice in one snapshot (more than the sample shows)


def _warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    ensure_schema(con)
    # 20,000 distinct employees over 4 snapshots; then DUPLICATED of snapshot 0's keys again, in rows
    # 30001.. of the same file; and employees without a NIP (never "the same NIP") in one snapshot.
    con.execute(f"""
INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, layout, region_name,
  agency_name, snapshot_key, nip, employee_key)
SELECT 'r', 'export_' || (i % 4) || '.csv', 'sha', i + 1, DATE '2024-12-31', 'siasn', 'Region ' || (i % 4),
  'Agency ' || (i % 4), 'agency ' || (i % 4) || '|2024-12-31', '19' || lpad(CAST(i AS VARCHAR), 16, '0'), 'key-' || i
FROM range({UNIQUE_ROWS}) t(i)""")
    con.execute(f"""
INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, layout, region_name,
  agency_name, snapshot_key, nip, employee_key)
SELECT 'r', 'export_0.csv', 'sha', 30001 + j, DATE '2024-12-31', 'siasn', 'Region 0', 'Agency 0',
  'agency 0|2024-12-31', '19' || lpad(CAST(j * 4 AS VARCHAR), 16, '0'), 'key-' || (j * 4)
FROM range({DUPLICATED}) t(j)""")
    con.execute("""
INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, layout, region_name,
  agency_name, snapshot_key, nip, employee_key)
SELECT 'r', 'export_1.csv', 'sha', 40001 + j, DATE '2024-12-31', 'siasn', 'Region 1', 'Agency 1',
  'agency 1|2024-12-31', NULL, 'pppk-' || j FROM range(3) t(j)""")
    return con


def test_every_duplicated_key_is_counted_and_a_sample_shown(tmp_path: Path) -> None:
    con = _warehouse(tmp_path / "build.duckdb")
    result = run_check(con, CHECK)
    assert not result.passed
    failures = {f["rule"].split(" (")[0]: f for f in result.observed["failures"]}
    assert len(failures) == 2  # employee_key and NIP: both planted twice
    for failure in failures.values():
        assert failure["unexpected_count"] == DUPLICATED
        rows = failure["offending_rows"]
        assert len(rows) == SAMPLE_SIZE
        assert {r["snapshot_key"] for r in rows} == {"agency 0|2024-12-31"}
        assert all(r["rows"] == 2 and r["source_file"] == "export_0.csv" for r in rows)
        assert all(len(r["rows_at"]) == 2 and r["rows_at"][1] > 30000 for r in rows)
    text = json.dumps(result.observed) + result.message
    assert "key-" not in text and "190000000" not in text  # neither the pseudonym nor a NIP


def test_rows_without_a_nip_are_not_the_same_nip(tmp_path: Path) -> None:
    con = _warehouse(tmp_path / "build.duckdb")
    con.execute("DELETE FROM raw.simpeg_employees WHERE row_number > 30000 AND row_number < 40000")
    result = run_check(con, CHECK)
    assert result.passed, result.message


def test_a_refresh_checks_only_the_rows_it_wrote(tmp_path: Path) -> None:
    # Snapshot 0 (with its planted duplicates) was written by an earlier run, the others by this one: on this
    # run's rows the check passes, on the whole table it fails; a duplicate this run wrote is still found.
    con = _warehouse(tmp_path / "build.duckdb")
    con.execute("UPDATE raw.simpeg_employees SET run_id = CASE WHEN snapshot_key = 'agency 0|2024-12-31' "
                "THEN 'earlier' ELSE 'this' END")
    assert not run_check(con, CHECK).passed
    scoped = run_check(con, CHECK, only_run="this")
    assert scoped.passed, scoped.message
    assert scoped.observed["rows_scope"] == "run this"
    con.execute("""
INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, layout, region_name,
  agency_name, snapshot_key, nip, employee_key)
SELECT 'this', 'export_1.csv', 'sha', 50001, DATE '2024-12-31', 'siasn', 'Region 1', 'Agency 1',
  'agency 1|2024-12-31', '19' || lpad('1', 16, '0'), 'key-1'""")
    failed = run_check(con, CHECK, only_run="this")
    assert not failed.passed
    assert {f["unexpected_count"] for f in failed.observed["failures"]} == {1}
