"""A refresh builds only the dbt models downstream of the raw sources it loaded, and the marts come out the
same as a full build's. Real warehouse files, the real document extractor and real `dbt build`s."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.code_version import dbt_fingerprint
from pipelines.dbt_manifest import build_exclusions, ensure_manifest
from tests.test_marts_build import NEW_DOC, build_raw, dbt_build, load_doc
from warehouse.schema import ensure_schema

SIMPEG_ONLY = {"int_simpeg_employees", "int_simpeg_snapshots", "int_headcount_simpeg", "int_ip_asn_employee_scores"}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(ensure_manifest().read_text())


def _published(con: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    """The audit.runs row the publish step writes after a successful build."""
    con.execute("INSERT INTO audit.runs VALUES ('run-1', NULL, ?, 'success', NULL, ?)",
                [datetime.now(), json.dumps({"dbt_fingerprint": fingerprint})])


def _load(con: duckdb.DuckDBPyConnection, kind: str, status: str) -> None:
    con.execute("INSERT INTO audit.file_loads VALUES ('run-2', ?, 'abc', ?, ?, NULL, 0, 0, 0, current_timestamp)",
                [f"f-{kind}-{status}", kind, status])


def marts_rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for (table,) in con.execute("select table_name from duckdb_tables() where schema_name = 'marts' "
                                    "order by 1").fetchall():
            cols = [c for (c,) in con.execute(
                "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ? "
                "and column_name <> 'built_at' order by column_index", [table]).fetchall()]
            rows = con.execute(f"select {', '.join(cols)} from marts.{table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def test_selection_is_full_unless_what_changed_is_known(tmp_path: Path, manifest: dict) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(con)
    _load(con, "document", "loaded")
    _load(con, "simpeg", "skipped_unchanged")
    assert build_exclusions(con, "run-2", manifest) == []  # never built: everything
    _published(con, "another dbt project")
    assert build_exclusions(con, "run-2", manifest) == []  # built by other dbt code: everything
    con.execute("delete from audit.runs")
    _published(con, dbt_fingerprint())
    excluded = set(build_exclusions(con, "run-2", manifest)[1].split())
    assert SIMPEG_ONLY <= excluded
    assert not excluded & {"stg_document_facts", "int_document_facts", "fct_asn_composition", "fct_budget"}
    _load(con, "simpeg", "failed")  # a failed export may have dropped rows: its models are built too
    exclusions = build_exclusions(con, "run-2", manifest)
    assert not SIMPEG_ONLY & set(exclusions[1].split() if exclusions else [])
    _load(con, "some_new_kind", "loaded")  # a kind whose raw tables are not known: everything
    assert build_exclusions(con, "run-2", manifest) == []
    con.close()


def test_incremental_build_after_one_new_document_equals_a_full_build(tmp_path: Path, manifest: dict) -> None:
    base = tmp_path / "base" / "warehouse.duckdb"
    base.parent.mkdir()
    _paths, truth = build_raw(base, base.parent, skip=(NEW_DOC,))
    first = dbt_build(base)
    assert first.returncode == 0, first.stdout[-4000:]
    con = duckdb.connect(str(base))
    _published(con, dbt_fingerprint())
    con.close()

    new_doc = next((base.parent / "documents").glob(NEW_DOC))
    builds = {}
    for name in ("incremental", "full"):
        db = tmp_path / name / "warehouse.duckdb"
        db.parent.mkdir()
        shutil.copyfile(base, db)
        con = duckdb.connect(str(db))
        load_doc(con, new_doc, truth, "run-2")
        exclude = build_exclusions(con, "run-2", manifest) if name == "incremental" else []
        simpeg_built_at = con.execute("select max(built_at) from intermediate.int_headcount_simpeg").fetchone()
        con.close()
        if name == "incremental":
            assert SIMPEG_ONLY <= set(exclude[1].split())
        proc = dbt_build(db, *exclude)
        assert proc.returncode == 0, proc.stdout[-4000:]
        builds[name] = db
        con = duckdb.connect(str(db), read_only=True)
        after = con.execute("select max(built_at) from intermediate.int_headcount_simpeg").fetchone()
        assert con.execute("select count(*) from marts.fct_asn_composition where source_file = ?",
                           [NEW_DOC]).fetchone()[0] > 0
        con.close()
        if name == "incremental":
            assert after == simpeg_built_at  # the SIMPEG models were not rebuilt

    incremental, full = marts_rows(builds["incremental"]), marts_rows(builds["full"])
    assert incremental.keys() == full.keys() and len(full) >= 10
    for table in full:
        assert incremental[table] == full[table], table
