"""The README's BI section, followed as written: publish to PostgreSQL, connect as the analyst, query."""

from __future__ import annotations

import re
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


# --- ready for BI tools: comments, keys, README queries on both engines ------------------------------------

def _readme_queries() -> list[str]:
    from tests.test_marts_build import readme_queries

    return readme_queries()


def _normalised(rows: list[tuple]) -> list[tuple]:
    """Rows compared across engines: numbers to 4 decimals (DuckDB DOUBLE vs PostgreSQL float8/numeric)."""
    from decimal import Decimal

    def norm(v: object) -> object:
        if isinstance(v, bool) or v is None:
            return v
        if isinstance(v, (int, float, Decimal)):
            return round(float(v), 4)
        return str(v)

    return sorted((tuple(norm(v) for v in r) for r in rows), key=repr)


def test_published_marts_are_described_keyed_and_answer_the_readme_queries_alike(
        refreshed, postgres_dsn: str) -> None:  # noqa: F811
    import duckdb
    import psycopg

    tmp, _ = refreshed
    proc = run_asnwh(tmp, "publish", "--postgres", postgres_dsn, ASNWH_ANALYST_PASSWORD=ANALYST_PASSWORD)
    assert proc.returncode == 0, proc.stderr
    analyst = _analyst_dsn(postgres_dsn)
    with psycopg.connect(analyst) as pg:
        # Comments: what `\d+` and BI tools show, for the tables and at least 80 % of the columns.
        commented, total = pg.execute(
            "select count(col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position)),"
            " count(*) from information_schema.columns where table_schema = 'marts'").fetchone()
        assert total > 100 and commented / total >= 0.8
        described = pg.execute("select obj_description('marts.fct_asn_composition'::regclass)").fetchone()[0]
        assert "one row per question" in described
        # Keys, so tools find the joins.
        keys = {(t, c) for t, c in pg.execute(
            "select conrelid::regclass::text, contype from pg_constraint "
            "where connamespace = 'marts'::regnamespace").fetchall()}
        assert ("marts.fct_asn_composition", "p") in keys and ("marts.dim_region", "p") in keys
        assert ("marts.fct_asn_composition", "f") in keys
        assert ("marts.fct_professionalism_index_candidates", "f") in keys
        # One integer type for year, integers for counts, exact money.
        types = dict(((t, c), d) for t, c, d in pg.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'marts'").fetchall())
        assert {d for (t, c), d in types.items() if c == "year"} == {"integer"}
        assert types[("fct_asn_composition", "headcount")] in ("integer", "bigint")
        assert types[("fct_budget", "pagu")] == "numeric"
        # The README's queries, unchanged, as the analyst over PostgreSQL and on the DuckDB file.
        queries = _readme_queries()
        assert len(queries) >= 5
        con = duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True)
        try:
            for sql in queries:
                on_duckdb = con.execute(sql).fetchall()
                on_postgres = pg.execute(sql).fetchall()
                assert on_duckdb, sql
                assert _normalised(on_postgres) == _normalised(on_duckdb), sql
        finally:
            con.close()


def test_refresh_succeeds_while_an_analyst_holds_the_live_file_read_write(refreshed, tmp_path: Path) -> None:
    """The DuckDB CLI opens read-write by default; a refresh must neither wait for nor fail on it."""
    import sys
    import time

    import duckdb

    src, _ = refreshed
    work = tmp_path / "live"
    shutil.copytree(src / "inbox", work / "inbox")
    shutil.copyfile(src / "warehouse.duckdb", work / "warehouse.duckdb")
    live = work / "warehouse.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time\n"
         "con = duckdb.connect(sys.argv[1])\n"
         "con.execute('select count(*) from marts.fct_asn_composition').fetchone()\n"
         "print('holding', flush=True)\n"
         "time.sleep(600)\n", str(live)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(live), read_only=True)  # the lock is real
        # A new input (a sample report's second rendering under another name): the refresh has to read the
        # live warehouse and replace it.
        first_pdf = sorted((work / "inbox").rglob("*.pdf"))[0]
        new = first_pdf.with_name("copy_of_" + first_pdf.name)
        new.write_bytes(first_pdf.read_bytes())
        started = time.monotonic()
        proc = run_asnwh(work, "run")
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        assert holder.poll() is None  # the analyst's session is still open
        con = duckdb.connect(str(live), read_only=True)  # the new file: not the inode the analyst holds
        try:
            loaded = con.execute("select count(*) from audit.file_loads where file = ? and status = 'loaded'",
                                 [new.relative_to(work / "inbox").as_posix()]).fetchone()[0]
        finally:
            con.close()
        assert loaded == 1
        assert time.monotonic() - started < 600
    finally:
        holder.kill()
        holder.wait()


def test_analyst_side_shows_no_personal_data_and_no_inbox_links(refreshed) -> None:
    """The report, the dbt docs site and `asnwh status`, as a refresh of the sample inputs leaves them: the
    inbox's SIMPEG exports hold NIPs, names and birth dates, none of which may reach what analysts read."""
    from warehouse.report.privacy import find_personal_data

    tmp, run = refreshed
    report_dir = tmp / "report"
    written = {p: p.read_text(encoding="utf-8", errors="replace")
               for p in [report_dir / "index.html", *sorted((report_dir / "dbt-docs").glob("*"))] if p.is_file()}
    assert report_dir / "index.html" in written
    status = run_asnwh(tmp, "status")
    assert status.returncode == 0, status.stderr
    written[Path("asnwh status")] = status.stdout + status.stderr
    written[Path("asnwh run")] = run.stdout
    for path, text in written.items():
        assert find_personal_data(text) == [], path
    report = written[report_dir / "index.html"]
    hrefs = [h for h in re.findall(r'href="([^"]*)"', report) if not h.startswith("#")]
    assert all(h == "dbt-docs/index.html" for h in hrefs), hrefs
    assert "inbox" not in " ".join(hrefs)
