"""The README's BI section, followed as written: publish to PostgreSQL, connect as the analyst, query."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_asnwh
from tests.pg_cluster import postgres_dsn  # noqa: F401  (fixture)

pytestmark = pytest.mark.xdist_group("pipeline")

ANALYST_PASSWORD = "rahasia-analis-42"


def _psql(dsn: str, sql: str) -> subprocess.CompletedProcess:
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    return subprocess.run([psql, dsn, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, timeout=60)


def _analyst_dsn(admin_dsn: str) -> str:
    keep = [part for part in admin_dsn.split() if not part.startswith(("user=", "password="))]
    return " ".join(keep + ["user=asn_analyst_login", f"password={ANALYST_PASSWORD}"])


def test_publish_then_analyst_queries_the_marts_over_postgres(refreshed, postgres_dsn: str) -> None:  # noqa: F811
    tmp, _ = refreshed
    proc = run_asnwh(tmp, "publish", "--postgres", postgres_dsn, ASNWH_ANALYST_PASSWORD=ANALYST_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    assert "published" in proc.stdout
    admin_password = postgres_dsn.split("password=")[1].split()[0]
    assert admin_password not in proc.stdout + proc.stderr
    assert ANALYST_PASSWORD not in proc.stdout + proc.stderr

    analyst = _analyst_dsn(postgres_dsn)
    regions = _psql(analyst, "select count(distinct region_name) from marts.fct_asn_composition")
    assert regions.returncode == 0, regions.stderr
    assert int(regions.stdout.strip()) >= 3

    # The same number in DuckDB and in PostgreSQL.
    import duckdb

    con = duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True)
    try:
        expected = con.execute("select sum(headcount) from marts.fct_asn_composition").fetchone()[0]
    finally:
        con.close()
    got = _psql(analyst, "select sum(headcount) from marts.fct_asn_composition")
    assert float(got.stdout.strip()) == pytest.approx(float(expected))

    # Refused twice over: the login's sessions are read-only, and the role has no write grants.
    for sql in ("create table marts.sneaky (x int)", "delete from marts.fct_asn_composition",
                "set default_transaction_read_only = off; delete from marts.fct_asn_composition",
                "select count(*) from audit.file_loads"):
        denied = _psql(analyst, sql)
        assert denied.returncode != 0, sql
        assert "permission denied" in denied.stderr or "read-only transaction" in denied.stderr \
            or "does not exist" in denied.stderr, denied.stderr


def test_publish_without_a_warehouse_says_so(tmp_path: Path, postgres_dsn: str) -> None:  # noqa: F811
    proc = run_asnwh(tmp_path, "publish", "--postgres", postgres_dsn)
    assert proc.returncode == 1
    assert "no warehouse" in proc.stderr
