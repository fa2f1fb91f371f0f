"""warehouse.postgres against a real throwaway PostgreSQL cluster (see tests/pg_cluster.py)."""

from __future__ import annotations

import itertools
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg
import pytest

from tests.pg_cluster import ThrowawayCluster, postgres_cluster, postgres_dsn  # noqa: F401
from warehouse.postgres import (
    ANALYST_LOGIN,
    ANALYST_PASSWORD_ENV,
    PublishError,
    _guard,
    _load_postgres_extension,
    ensure_analyst_role,
    publish_to_postgres,
    redact_dsn,
)

REPO = Path(__file__).resolve().parents[1]
BIG = 200_000
_db_numbers = itertools.count()


@pytest.fixture()
def dsn(postgres_cluster: ThrowawayCluster) -> str:  # noqa: F811
    """A fresh database per test: publishes and leftover schemas of one test cannot leak into another."""
    return postgres_cluster.create_database(f"pub_{os.getpid()}_{next(_db_numbers)}")


def build_duckdb(path: Path, version: int, big_rows: int = BIG, *, bad_view: bool = False) -> Path:
    """A warehouse file shaped like the real one: marts plus a raw zone that must never be published.

    ``version`` changes the row count and every headcount, so a reader can tell old from new and spot a
    mix of both (headcount sum must equal count * version).
    """
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA marts; CREATE SCHEMA raw")
    con.execute("CREATE TABLE marts.dim_region (region_code VARCHAR PRIMARY KEY, region_name VARCHAR NOT NULL)")
    con.execute(
        "INSERT INTO marts.dim_region VALUES ('36', 'Provinsi Banten'), ('3673', 'Kota Serang'), "
        "('3602', 'Kabupaten Lebak')"
    )
    n = big_rows + (version - 1) * 777
    con.execute(
        f"""
        CREATE TABLE marts.fct_asn_composition AS
        SELECT range AS row_id,
               (['36', '3673', '3602'])[1 + range % 3] AS region_code,
               2020 + (range % 5)::INTEGER AS year,
               DATE '2024-12-31' - (range % 365)::INTEGER AS as_of_date,
               'golongan_ruang' AS dimension,
               (['III/a', 'III/b', 'IV/a'])[1 + range % 3] AS category,
               {version}::BIGINT AS headcount,
               CAST((range % 10000) / 10000 AS DECIMAL(9, 4)) AS share,
               json_object('golongan_ruang', 'III/a', 'v', {version}) AS dimension_json,
               {{'file': 'lkip.pdf', 'page': range % 50}} AS provenance
        FROM range({n})
        """
    )
    # sum(BIGINT) is HUGEINT in DuckDB: the publisher must keep it exact. dbt-duckdb qualifies relations
    # with the catalog (the file's stem), so the view does too.
    con.execute(
        "CREATE VIEW marts.v_region_totals AS SELECT region_code, sum(headcount) AS headcount "
        f'FROM "{path.stem}".marts.fct_asn_composition GROUP BY region_code'
    )
    if bad_view:
        # Sorts after the big table, so the failure comes midway through the load.
        con.execute("CREATE VIEW marts.zz_broken AS SELECT error('source exploded') AS x FROM range(1)")
    con.execute("CREATE TABLE raw.simpeg_employees AS SELECT '199001012015011001' AS nip, 'Siti' AS nama")
    con.close()
    return path


def pg_one(dsn: str, query: str) -> tuple:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return conn.execute(query).fetchone()


def pg_execute(dsn: str, statement: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(statement)


def live_count(dsn: str) -> int:
    return pg_one(dsn, "SELECT count(*) FROM marts.fct_asn_composition")[0]


def leftover_schemas(dsn: str) -> list[str]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'marts\\_\\_%' ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def test_publish_copies_tables_and_views_with_types(tmp_path: Path, dsn: str) -> None:
    src = build_duckdb(tmp_path / "wh.duckdb", version=1)
    report = publish_to_postgres(src, dsn)

    assert {(t.table, t.kind, t.rows) for t in report.tables} == {
        ("dim_region", "table", 3),
        ("fct_asn_composition", "table", BIG),
        ("v_region_totals", "view", 3),
    }
    assert "password=***" in report.dsn
    checksum = (
        "SELECT count(*), sum(headcount), sum(share), min(as_of_date), max(as_of_date), "
        "count(DISTINCT category) FROM marts.fct_asn_composition"
    )
    duck = duckdb.connect(str(src), read_only=True)
    expected = duck.execute(checksum).fetchone()
    duck.close()
    got = pg_one(dsn, checksum)
    assert got == expected
    row = pg_one(
        dsn,
        "SELECT region_code, as_of_date, share, dimension_json->>'golongan_ruang', provenance->>'file' "
        "FROM marts.fct_asn_composition WHERE row_id = 7",
    )
    assert row[0] == "3673" and str(row[1]) == "2024-12-24" and row[2] == Decimal("0.0007")
    assert row[3:] == ("III/a", "lkip.pdf")

    with psycopg.connect(dsn, autocommit=True) as conn:
        types = dict(
            conn.execute(
                "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'marts'"
            ).fetchall()
        )
        assert types["fct_asn_composition.as_of_date"] == "date"
        assert types["fct_asn_composition.share"] == "numeric"
        assert types["fct_asn_composition.dimension_json"] == "json"
        assert types["fct_asn_composition.provenance"] == "json"  # STRUCT published as JSON
        assert types["fct_asn_composition.category"] == "character varying"
        assert types["v_region_totals.headcount"] == "numeric"  # HUGEINT kept exact, not float8
        pk = conn.execute(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'marts.dim_region'::regclass AND contype = 'p'"
        ).fetchone()[0]
        assert pk == 1
        analyzed = conn.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'marts' AND last_analyze IS NOT NULL"
        ).fetchone()[0]
        assert analyzed == 3
        # Only the requested schema is published: personal data in raw stays in DuckDB.
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'raw'").fetchone()[0] == 0
    assert leftover_schemas(dsn) == []


def test_swap_is_atomic_for_concurrent_readers(tmp_path: Path, dsn: str) -> None:
    v1 = build_duckdb(tmp_path / "v1.duckdb", version=1)
    v2 = build_duckdb(tmp_path / "v2.duckdb", version=2)
    ensure_analyst_role(dsn, login_password="reader-pw")
    publish_to_postgres(v1, dsn)
    # One reader is the analyst: grants must switch in the same transaction as the tables.
    analyst = psycopg.conninfo.make_conninfo(dsn, user=ANALYST_LOGIN, password="reader-pw")
    counts = {1: BIG, 2: BIG + 777}
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader(conninfo: str) -> None:
        try:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                while not stop.is_set():
                    n, total, versions = conn.execute(
                        "SELECT count(*), sum(headcount), count(DISTINCT headcount) FROM marts.fct_asn_composition"
                    ).fetchone()
                    seen.append((n, int(total)))
                    assert versions == 1, "rows of two publishes mixed"
                    time.sleep(0.01)  # leave the publisher some CPU on small CI machines
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(c,)) for c in (dsn, dsn, analyst)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.2)
        for source in (v2, v1, v2):
            report = publish_to_postgres(source, dsn)
            assert report.swap_seconds < 2
            time.sleep(0.1)
    finally:
        stop.set()
        for t in threads:
            t.join(10)
    assert not errors, errors
    assert len(seen) > 20
    observed = {n for n, _ in seen}
    for n, total in seen:
        version = next((v for v, c in counts.items() if c == n), None)
        assert version is not None, f"reader saw a partial or empty table: {n} rows"
        assert total == n * version
    assert observed == set(counts.values())
    assert live_count(dsn) == counts[2]
    assert leftover_schemas(dsn) == []


def test_analyst_reads_marts_and_nothing_else(
    tmp_path: Path,
    dsn: str,
    postgres_cluster: ThrowawayCluster,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA raw; CREATE TABLE raw.simpeg_employees (nip text, nama text)")
        conn.execute("INSERT INTO raw.simpeg_employees VALUES ('199001012015011001', 'Siti')")
        conn.execute("CREATE SCHEMA audit; CREATE TABLE audit.file_loads (run_id text)")
        conn.execute("CREATE TABLE public.notes (x int)")
    password = "an@lyst pw'1"
    monkeypatch.setenv(ANALYST_PASSWORD_ENV, password)
    ensure_analyst_role(dsn)
    ensure_analyst_role(dsn)  # idempotent
    publish_to_postgres(build_duckdb(tmp_path / "v1.duckdb", version=1, big_rows=1000), dsn)
    analyst = psycopg.conninfo.make_conninfo(dsn, user=ANALYST_LOGIN, password=password)

    def assert_denied(query: str) -> None:
        with psycopg.connect(analyst, autocommit=True) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("BEGIN READ WRITE")  # get past default_transaction_read_only: test the grants
                conn.execute(query)

    assert pg_one(analyst, "SELECT count(*) FROM marts.fct_asn_composition")[0] == 1000
    assert pg_one(analyst, "SELECT count(*) FROM marts.v_region_totals")[0] == 3
    for query in (
        "SELECT * FROM raw.simpeg_employees",
        "SELECT * FROM audit.file_loads",
        "SELECT * FROM public.notes",
        "INSERT INTO marts.dim_region VALUES ('99', 'x')",
        "DELETE FROM marts.fct_asn_composition",
        "CREATE TABLE public.mine (x int)",
        "CREATE TABLE marts.mine (x int)",
        "CREATE SCHEMA mine",
        "DROP TABLE marts.dim_region",
    ):
        assert_denied(query)
    with psycopg.connect(analyst, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("INSERT INTO marts.dim_region VALUES ('99', 'x')")

    # Grants survive the swap: the next publish replaces every table and the analyst still reads them.
    publish_to_postgres(build_duckdb(tmp_path / "v2.duckdb", version=2, big_rows=1000), dsn)
    assert pg_one(analyst, "SELECT count(*) FROM marts.fct_asn_composition")[0] == 1777
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(psycopg.conninfo.make_conninfo(analyst, password="wrong"))


def test_long_reader_neither_blocks_nor_breaks_swap(tmp_path: Path, dsn: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warehouse.postgres._DROP_LOCK_TIMEOUT", "300ms")  # production waits 3s
    publish_to_postgres(build_duckdb(tmp_path / "v1.duckdb", version=1, big_rows=5000), dsn)
    with psycopg.connect(dsn) as reader:  # a BI query still running on the old tables
        assert reader.execute("SELECT count(*) FROM marts.fct_asn_composition").fetchone()[0] == 5000
        report = publish_to_postgres(build_duckdb(tmp_path / "v2.duckdb", version=2, big_rows=5000), dsn)
        assert report.swap_seconds < 1
        # The old tables are locked by the reader, so their drop is left for the next publish.
        assert not report.retired_dropped
        assert live_count(dsn) == 5777
        assert reader.execute("SELECT count(*) FROM marts.fct_asn_composition").fetchone()[0] == 5777
    assert len(leftover_schemas(dsn)) == 1
    report = publish_to_postgres(build_duckdb(tmp_path / "v3.duckdb", version=3, big_rows=5000), dsn)
    assert report.retired_dropped and leftover_schemas(dsn) == []
    assert live_count(dsn) == 5000 + 2 * 777


def test_concurrent_publishes_serialise(tmp_path: Path, dsn: str) -> None:
    sources = [build_duckdb(tmp_path / f"v{v}.duckdb", version=v, big_rows=20_000) for v in (1, 2, 3)]
    errors: list[BaseException] = []

    def publish(src: Path) -> None:
        try:
            publish_to_postgres(src, dsn)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=publish, args=(s,)) for s in sources]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert live_count(dsn) in {20_000, 20_777, 21_554}
    assert leftover_schemas(dsn) == []


def test_non_superuser_publisher(
    tmp_path: Path,
    dsn: str,
    postgres_cluster: ThrowawayCluster,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Production publishes with a role that may create schemas in the database, nothing more."""
    monkeypatch.delenv(ANALYST_PASSWORD_ENV, raising=False)
    ensure_analyst_role(dsn)  # administrator, once
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    publisher = f"publisher_{params['dbname']}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {publisher} LOGIN PASSWORD 'pub-pw'")
        conn.execute(f"GRANT CREATE ON DATABASE {params['dbname']} TO {publisher}")
    pub_dsn = psycopg.conninfo.make_conninfo(dsn, user=publisher, password="pub-pw")
    for version in (1, 2):
        publish_to_postgres(build_duckdb(tmp_path / f"v{version}.duckdb", version, big_rows=1000), pub_dsn)
    privileges = pg_one(
        dsn,
        "SELECT has_table_privilege('asn_analyst', 'marts.fct_asn_composition', 'SELECT'), "
        "has_table_privilege('asn_analyst', 'marts.fct_asn_composition', 'INSERT'), "
        "has_schema_privilege('asn_analyst', 'marts', 'USAGE'), "
        "has_schema_privilege('asn_analyst', 'marts', 'CREATE'), "
        "has_schema_privilege('asn_analyst', 'public', 'CREATE')",
    )
    assert privileges == (True, False, True, False, False)

    # An administrator re-running the setup after the role was dropped restores access at once.
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP OWNED BY asn_analyst; REASSIGN OWNED BY asn_analyst TO {publisher}")
    ensure_analyst_role(dsn)
    assert pg_one(dsn, "SELECT has_table_privilege('asn_analyst', 'marts.dim_region', 'SELECT')")[0]
    assert live_count(dsn) == 1777


def test_postgres_dsn_fixture_and_several_schemas(
    tmp_path: Path,
    postgres_dsn: str,  # noqa: F811
    request: pytest.FixtureRequest,
) -> None:
    """The shared fixture other modules import; several schemas switch in one transaction."""
    assert pg_one(postgres_dsn, "SELECT current_database()")[0] == "asnwh"
    src = build_duckdb(tmp_path / "wh.duckdb", version=1, big_rows=10)
    con = duckdb.connect(str(src))
    con.execute("CREATE SCHEMA comparison; CREATE TABLE comparison.rank_region AS SELECT 1 AS rank")
    con.close()
    report = publish_to_postgres(src, postgres_dsn, schemas=("marts", "comparison"))
    # This database is shared with other test modules: leave it as found.
    request.addfinalizer(lambda: pg_execute(postgres_dsn, "DROP SCHEMA marts, comparison CASCADE"))
    assert {(t.schema, t.table) for t in report.tables} >= {("comparison", "rank_region"), ("marts", "dim_region")}
    assert pg_one(postgres_dsn, "SELECT rank FROM comparison.rank_region")[0] == 1
    assert pg_one(postgres_dsn, "SELECT has_schema_privilege('asn_analyst', 'comparison', 'USAGE')")[0]
    with pytest.raises(PublishError, match="no tables or views"):
        publish_to_postgres(src, postgres_dsn, schemas=("marts", "raw_missing"))
    with pytest.raises(PublishError, match="not publishable"):
        publish_to_postgres(src, postgres_dsn, schemas=("Marts; DROP",))
    assert live_count(postgres_dsn) == 10


def test_failing_source_leaves_previous_marts(tmp_path: Path, dsn: str) -> None:
    publish_to_postgres(build_duckdb(tmp_path / "v1.duckdb", version=1, big_rows=20_000), dsn)
    broken = build_duckdb(tmp_path / "v2.duckdb", version=2, big_rows=20_000, bad_view=True)
    with pytest.raises(PublishError, match="source exploded"):
        publish_to_postgres(broken, dsn)
    assert live_count(dsn) == 20_000
    assert leftover_schemas(dsn) == []  # the half-loaded staging schema was dropped

    # A build with no marts at all must not replace good marts with nothing.
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(PublishError, match="no tables or views"):
        publish_to_postgres(empty, dsn)
    assert live_count(dsn) == 20_000

    publish_to_postgres(build_duckdb(tmp_path / "v3.duckdb", version=2, big_rows=20_000), dsn)
    assert live_count(dsn) == 20_777


def test_killed_publisher_leaves_previous_marts(tmp_path: Path, dsn: str) -> None:
    publish_to_postgres(build_duckdb(tmp_path / "v1.duckdb", version=1, big_rows=20_000), dsn)
    v2 = build_duckdb(tmp_path / "v2.duckdb", version=2, big_rows=400_000)
    code = (
        "import sys; from pathlib import Path; from warehouse.postgres import publish_to_postgres as p; "
        "p(Path(sys.argv[1]), sys.argv[2])"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(v2), dsn], cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        copying = None
        with psycopg.connect(dsn, autocommit=True) as watch:
            # Kill while rows are streaming into the staging schema (the COPY of DuckDB's CREATE TABLE AS).
            while time.monotonic() < deadline and proc.poll() is None:
                copying = watch.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'COPY%'"
                ).fetchone()
                if copying:
                    break
                time.sleep(0.005)
            assert copying and proc.poll() is None, "publisher finished before it could be killed"
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert live_count(dsn) == 20_000
    assert pg_one(dsn, "SELECT sum(headcount) FROM marts.fct_asn_composition")[0] == 20_000
    assert any("__loading_" in s for s in leftover_schemas(dsn))  # the orphan the next publish must drop

    # The orphaned staging schema is cleaned up by the next publish, which succeeds. The killed client's
    # server sessions (and its advisory lock) go away when PostgreSQL notices the closed socket.
    report = publish_to_postgres(build_duckdb(tmp_path / "v3.duckdb", version=2, big_rows=20_000), dsn)
    assert report.rows > 20_000
    assert live_count(dsn) == 20_777
    assert leftover_schemas(dsn) == []


@pytest.mark.parametrize(
    ("dsn", "expected"),
    [
        ("host=db user=etl password=s3cr3t dbname=asn", "host=db user=etl password=*** dbname=asn"),
        ("host=db password = 's3 cr\\'3t' port=5432", "host=db password = *** port=5432"),
        ("password=s3cr3t", "password=***"),
        ("host=db sslpassword=k3y user=etl", "host=db sslpassword=*** user=etl"),
        ("host=db user=etl", "host=db user=etl"),
        (
            "postgresql://etl:s3cr3t@db:5432/asn?sslmode=require",
            "postgresql://etl:***@db:5432/asn?sslmode=require",
        ),
        ("postgres://etl:p%40ss@h1:5432,h2:5433/asn", "postgres://etl:***@h1:5432,h2:5433/asn"),
        (
            "postgresql://etl@db/asn?password=s3cr3t&sslmode=require",
            "postgresql://etl@db/asn?password=***&sslmode=require",
        ),
        ("postgresql://etl:a@b@db/asn", "postgresql://etl:***@db/asn"),
        ("postgresql://db/asn", "postgresql://db/asn"),
    ],
)
def test_redact_dsn(dsn: str, expected: str) -> None:
    assert redact_dsn(dsn) == expected


def test_password_never_in_errors_or_logs(
    tmp_path: Path,
    dsn: str,
    caplog: pytest.LogCaptureFixture,
    postgres_cluster: ThrowawayCluster,  # noqa: F811
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = postgres_cluster.password
    src = build_duckdb(tmp_path / "wh.duckdb", version=1, big_rows=100)
    publish_to_postgres(src, dsn)
    uri = f"postgresql://postgres:{secret}@127.0.0.1:{postgres_cluster.port}/nosuchdb"
    failures = [
        dsn.replace(f"port={postgres_cluster.port}", "port=1"),  # connection refused
        dsn.replace("user=postgres", "user=nobody_here"),  # authentication failure
        uri,
    ]
    for bad in failures:
        with pytest.raises(PublishError) as info:
            publish_to_postgres(src, bad)
        text = str(info.value) + repr(info.value) + str(info.value.__cause__)
        assert secret not in text
        assert info.value.__suppress_context__
    # DuckDB's ATTACH error quotes the whole connection string; the guard must scrub it.
    con = duckdb.connect()
    _load_postgres_extension(con)
    bad = dsn.replace(f"port={postgres_cluster.port}", "port=1")
    with pytest.raises(PublishError) as info:
        with _guard(bad, "attaching"):
            con.execute(f"ATTACH '{bad}' AS pg (TYPE postgres)")
    assert "password=***" in str(info.value) and secret not in str(info.value)
    assert secret not in str(info.value.__context__)  # error trackers may walk the suppressed chain
    assert secret not in caplog.text
    assert "password=***" in caplog.text
