"""Issue 18, least privilege: the analyst login cannot write by any route PostgreSQL 15 leaves a
non-superuser (even after turning default_transaction_read_only off), has no TEMP, a statement timeout
and a connection limit; the publish DSN comes from the environment or a file, not the command line."""

from __future__ import annotations

import itertools
import os
import subprocess
from pathlib import Path

import duckdb
import psycopg
import pytest

from tests.conftest import ASNWH, REPO, asnwh_env
from tests.pg_cluster import ThrowawayCluster, postgres_cluster  # noqa: F401
from warehouse.postgres import (
    ANALYST_CONNECTION_LIMIT,
    ANALYST_LOGIN,
    ANALYST_STATEMENT_TIMEOUT,
    ensure_analyst_role,
    publish_to_postgres,
)

_numbers = itertools.count()
PASSWORD = "rahasia-analis-1"


@pytest.fixture()
def dsn(postgres_cluster: ThrowawayCluster) -> str:  # noqa: F811
    return postgres_cluster.create_database(f"hostile_{os.getpid()}_{next(_numbers)}")


def _warehouse(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA marts")
    con.execute("CREATE TABLE marts.dim_region AS SELECT '36' AS region_code, 'Provinsi Banten' AS region_name")
    con.close()
    return path


def _analyst(dsn: str) -> str:
    return psycopg.conninfo.make_conninfo(dsn, user=ANALYST_LOGIN, password=PASSWORD)


def test_analyst_cannot_write_even_after_leaving_read_only(tmp_path: Path, dsn: str) -> None:
    ensure_analyst_role(dsn, login_password=PASSWORD)
    publish_to_postgres(_warehouse(tmp_path / "wh.duckdb"), dsn)
    with psycopg.connect(_analyst(dsn), autocommit=True) as conn:
        assert conn.execute("SHOW default_transaction_read_only").fetchone() == ("on",)
        shown = conn.execute("SELECT setting::int * 1000 / CASE unit WHEN 'ms' THEN 1000 ELSE 1 END FROM pg_settings "
                             "WHERE name = 'statement_timeout'").fetchone()[0]
        assert shown == int(ANALYST_STATEMENT_TIMEOUT.removesuffix("s")) * 1000
        assert conn.execute("SELECT count(*) FROM marts.dim_region").fetchone() == (1,)
        conn.execute("SET default_transaction_read_only = off")
        for statement in (
            "CREATE TEMP TABLE t (x int)",
            "CREATE TABLE public.t (x int)",
            "CREATE TABLE marts.t (x int)",
            "INSERT INTO marts.dim_region VALUES ('99', 'x')",
            "CREATE SCHEMA mine",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    limit = psycopg.connect(dsn, autocommit=True).execute(
        "SELECT rolconnlimit FROM pg_roles WHERE rolname = %s", (ANALYST_LOGIN,)).fetchone()[0]
    assert limit == ANALYST_CONNECTION_LIMIT


def test_a_long_analyst_query_is_stopped(dsn: str) -> None:
    ensure_analyst_role(dsn, login_password=PASSWORD)
    with psycopg.connect(_analyst(dsn), autocommit=True) as conn:
        conn.execute("SET statement_timeout = '300ms'")  # the role's default is 60 s; same mechanism
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("SELECT pg_sleep(5)")


def test_publish_reads_the_dsn_from_a_file_and_warns_about_the_command_line(tmp_path: Path, dsn: str) -> None:
    wh = _warehouse(tmp_path / "wh.duckdb")
    dsn_file = tmp_path / "pg.dsn"
    dsn_file.write_text(dsn + "\n")
    dsn_file.chmod(0o600)
    env = asnwh_env(tmp_path, ASNWH_WAREHOUSE=str(wh))
    proc = subprocess.run([ASNWH, "publish", "--postgres-dsn-file", str(dsn_file)], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    password = psycopg.conninfo.conninfo_to_dict(dsn).get("password")
    if password:
        assert password not in proc.stdout + proc.stderr
    proc = subprocess.run([ASNWH, "publish", "--postgres", dsn], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "visible to every user" in proc.stderr
