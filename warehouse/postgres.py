"""Publish the warehouse's marts from DuckDB to PostgreSQL, atomically for BI readers.

How a publish works and why:
1. Load every table and view of each published DuckDB schema into a fresh PostgreSQL staging schema
   (``marts__loading_<id>``) through DuckDB's postgres extension (binary COPY, fast). Readers never see
   staging schemas: the analyst role has no USAGE on them.
2. In one short PostgreSQL transaction rename the live schema away (``marts__retired_<id>``), rename staging
   to ``marts`` and grant the analyst role. Schema renames only touch pg_namespace and take no table locks,
   so the swap neither waits for running BI queries nor blocks them; a reader's statement resolves
   ``marts.t`` either before the commit (old table, still intact) or after it (new, fully loaded table).
3. Drop the retired schema in its own transaction afterwards. DROP needs ACCESS EXCLUSIVE locks on the old
   tables; doing it inside the swap would make the swap wait for long BI queries on the old tables and queue
   every new reader behind it. If it cannot get the locks quickly it is left for the next publish.
A failure or a killed publisher before step 2 leaves the live schema untouched; the half-loaded staging
schema is dropped at once or, if the process died, by the next publish (publishes serialise on an advisory
lock, so any staging schema found while holding it is an orphan).

Known limits (inherent to replacing tables in PostgreSQL):
- a reader inside a REPEATABLE READ / SERIALIZABLE transaction whose snapshot predates the load sees the new
  tables as empty after the swap (DDL is not MVCC-safe); BI tools read in autocommit / READ COMMITTED.
- when a publish changes a table's columns, a client's server-side prepared ``SELECT *`` on it fails once
  with "cached plan must not change result type" and must re-prepare; data-only publishes are unaffected.
- objects outside the published schemas that depend on marts tables (a DBA's view elsewhere) are dropped
  with the retired schema (DROP ... CASCADE); keep such views inside the DuckDB marts instead.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import duckdb
import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

ANALYST_ROLE = "asn_analyst"
ANALYST_LOGIN = "asn_analyst_login"
ANALYST_PASSWORD_ENV = "ASNWH_ANALYST_PASSWORD"
# The analyst login's limits: a BI dashboard's query that runs longer is a mistake, not a report; a tool that
# opens more connections than this is misconfigured. Both settable by the administrator afterwards.
ANALYST_STATEMENT_TIMEOUT = "60s"
ANALYST_IDLE_IN_TRANSACTION_TIMEOUT = "5min"
ANALYST_CONNECTION_LIMIT = 20
# Arbitrary constant: the key of the advisory lock that serialises publishes to one database.
_PUBLISH_LOCK_KEY = 0x41534E5748  # "ASNWH"
_PG_IDENT_MAX = 63
_PG = "asnwh__postgres"  # DuckDB alias of the target database; unlikely to clash with a file's name
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
# Drop of the retired schema: give up quickly rather than queue readers behind ACCESS EXCLUSIVE locks.
_DROP_LOCK_TIMEOUT = "3s"
# The swap takes no table locks, so anything slower than this means something is badly wrong.
_SWAP_LOCK_TIMEOUT = "30s"
# Wait this long for a concurrent publish, or for the server to notice that a killed publisher is gone.
_PUBLISH_LOCK_WAIT = "60s"


class PublishError(RuntimeError):
    """A publish failed; the live schemas are unchanged. The message never contains the DSN's password."""


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    table: str
    kind: str  # "table" or "view" (views are published as tables)
    rows: int


@dataclass(frozen=True)
class PublishReport:
    load_id: str
    dsn: str  # redacted
    schemas: tuple[str, ...]
    tables: tuple[PublishedTable, ...]
    load_seconds: float
    swap_seconds: float
    seconds: float
    retired_dropped: bool  # False: the old schema lingers (busy readers) until the next publish drops it

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


# -- DSN redaction ------------------------------------------------------------------------------------
# libpq key=value: a value is a single-quoted string (backslash escapes) or a run of non-blanks.
_KV_SECRET = re.compile(r"(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*(?:'|\Z)|\S*)", re.IGNORECASE | re.DOTALL)
_URI_QUERY_SECRET = re.compile(r"([?&](?:ssl)?password=)[^&#]*", re.IGNORECASE)
_URI = re.compile(r"^\s*postgres(?:ql)?://", re.IGNORECASE)


def redact_dsn(dsn: str) -> str:
    """The DSN with every password replaced by ``***``, for logs and error messages.

    Handles libpq key=value strings and postgresql:// URIs (password in the user info or in the query).
    """
    if not _URI.match(dsn):
        return _KV_SECRET.sub(r"\1***", dsn)
    scheme, _, rest = dsn.partition("://")
    cut = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    netloc, tail = rest[:cut], rest[cut:]
    userinfo, at, hosts = netloc.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        netloc = f"{user}:***@{hosts}" if colon else netloc
    return f"{scheme}://{netloc}" + _URI_QUERY_SECRET.sub(r"\1***", tail)


def _secrets_of(dsn: str) -> list[str]:
    """Every spelling of the DSN's passwords that could show up in a driver's error message."""
    found: set[str] = set()
    try:
        params = psycopg.conninfo.conninfo_to_dict(dsn)
        found.update(str(params[k]) for k in ("password", "sslpassword") if params.get(k))
    except Exception:  # noqa: BLE001 - an unparsable DSN still gets the regex treatment below
        pass
    for match in _KV_SECRET.finditer(dsn):
        found.add(match.group(2).strip("'"))
    if _URI.match(dsn):
        netloc = dsn.partition("://")[2].split("/", 1)[0].split("?", 1)[0]
        userinfo, at, _ = netloc.rpartition("@")
        if at and ":" in userinfo:
            found.add(userinfo.partition(":")[2])
        found.update(m.group(0).split("=", 1)[1] for m in _URI_QUERY_SECRET.finditer(dsn))
    found |= {unquote(s) for s in found}
    # Longest first, so a password containing another one is replaced whole.
    return sorted((s for s in found if s and s != "***"), key=len, reverse=True)


def _scrub(text: str, dsn: str) -> str:
    text = text.replace(dsn, redact_dsn(dsn))
    for secret in _secrets_of(dsn):
        text = text.replace(secret, "***")
    return _KV_SECRET.sub(r"\1***", text)


@contextmanager
def _guard(dsn: str, doing: str) -> Iterator[None]:
    """Re-raise any failure as PublishError with the password scrubbed.

    The original exception (whose text may hold the DSN, as DuckDB's ATTACH errors do) is suppressed from
    the traceback and, because error trackers may still walk ``__context__``, scrubbed in place too.
    """
    try:
        yield
    except PublishError:
        raise
    except Exception as exc:  # noqa: BLE001 - every driver error must pass through the scrubber
        message = _scrub(f"{doing}: {type(exc).__name__}: {exc}", dsn)
        try:
            exc.args = tuple(_scrub(a, dsn) if isinstance(a, str) else a for a in exc.args)
        except Exception:  # noqa: BLE001 - exceptions with read-only args keep theirs; still suppressed
            pass
        raise PublishError(message) from None


# -- analyst role -------------------------------------------------------------------------------------
def ensure_analyst_role(
    dsn: str,
    *,
    login_password: str | None = None,
    login_user: str = ANALYST_LOGIN,
    schemas: Sequence[str] = ("marts",),
) -> None:
    """Create/refresh the read-only group role ``asn_analyst`` (NOLOGIN) and, when a password is given or
    set in ASNWH_ANALYST_PASSWORD, a login user that is a member of it. Idempotent.

    Needs CREATEROLE and ownership of the database (run once by an administrator; publishes only check
    that the role exists). The role gets CONNECT on the database and SELECT on the already published
    ``schemas``; each publish grants the new tables. CREATE on schema public is revoked from PUBLIC
    (PostgreSQL < 15 granted it to everyone).
    """
    password = login_password if login_password is not None else os.environ.get(ANALYST_PASSWORD_ENV)
    with _guard(dsn, "ensuring analyst role"), psycopg.connect(dsn, autocommit=True) as conn:
        _ensure_analyst_role(conn, password or None, login_user)
        role = sql.Identifier(ANALYST_ROLE)
        for schema in schemas:
            # Restores access after the role was dropped and recreated, without waiting for a publish.
            if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone():
                conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), role))
                conn.execute(_GRANT_TABLES.format(sql.Identifier(schema), role))


def _role_exists(conn: psycopg.Connection, role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def _ensure_analyst_role(conn: psycopg.Connection, password: str | None, login_user: str) -> None:
    role = sql.Identifier(ANALYST_ROLE)
    if not _role_exists(conn, ANALYST_ROLE):
        try:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(role))
        except psycopg.errors.DuplicateObject:
            pass  # created concurrently by another publisher
    dbname = conn.execute("SELECT current_database()").fetchone()[0]
    db = sql.Identifier(dbname)
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, role))
    conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM {}").format(role))
    # No TEMP tables for analysts: PostgreSQL grants TEMPORARY to PUBLIC, and a role cannot be denied what
    # PUBLIC holds, so it is revoked from PUBLIC and granted back to the publishing role that runs this.
    conn.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(db))
    conn.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM {}").format(db, role))
    conn.execute(sql.SQL("GRANT TEMPORARY ON DATABASE {} TO CURRENT_USER").format(db))
    if password is None:
        if _role_exists(conn, login_user):
            _limit_login(conn, login_user, dbname)
        return
    user = sql.Identifier(login_user)
    # Hash client-side so the clear-text password never travels in SQL (server logs, pg_stat_activity).
    verifier = conn.pgconn.encrypt_password(password.encode(), login_user.encode(), b"scram-sha-256").decode()
    verb = "ALTER" if _role_exists(conn, login_user) else "CREATE"
    conn.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(user, sql.Literal(verifier)))
    conn.execute(sql.SQL("GRANT {} TO {}").format(role, user))
    _limit_login(conn, login_user, dbname)


def _limit_login(conn: psycopg.Connection, login_user: str, dbname: str) -> None:
    """The analyst login: read-only by default, a statement timeout and a connection limit.

    PostgreSQL lets any role SET its own session settings (so a determined analyst can turn
    default_transaction_read_only off); what stops writes are the privileges: SELECT on marts, nothing else,
    no CREATE anywhere, no TEMP. Which databases the login may reach at all is pg_hba.conf's job (README,
    "Serving BI tools"): CONNECT on other databases is PUBLIC's, granted by their owners."""
    user = sql.Identifier(login_user)
    # (CREATE ROLE ... LOGIN made it NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS; naming
    # those attributes again would need a superuser.)
    conn.execute(sql.SQL("ALTER ROLE {} CONNECTION LIMIT {}").format(user, sql.Literal(ANALYST_CONNECTION_LIMIT)))
    for setting, value in (
        ("default_transaction_read_only", "on"),
        ("statement_timeout", ANALYST_STATEMENT_TIMEOUT),
        ("idle_in_transaction_session_timeout", ANALYST_IDLE_IN_TRANSACTION_TIMEOUT),
    ):
        conn.execute(sql.SQL("ALTER ROLE {} IN DATABASE {} SET {} = {}").format(
            user, sql.Identifier(dbname), sql.Identifier(setting), sql.Literal(value)))
        # Also outside this database, should pg_hba.conf let the login reach another one.
        conn.execute(sql.SQL("ALTER ROLE {} SET {} = {}").format(user, sql.Identifier(setting), sql.Literal(value)))
    conn.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM {}").format(sql.Identifier(dbname), user))


# -- publish ------------------------------------------------------------------------------------------
def publish_to_postgres(
    duckdb_path: Path, dsn: str, *, schemas: Sequence[str] = ("marts",), analyst_role: str = ANALYST_ROLE
) -> PublishReport:
    """Copy every table and view of ``schemas`` in the DuckDB file into PostgreSQL schemas of the same name,
    replacing them atomically; grant SELECT on them to ``analyst_role``. Raises PublishError on failure."""
    started = time.perf_counter()
    schemas = tuple(schemas)
    load_id = datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "_" + uuid.uuid4().hex[:6]
    _check_names(schemas, load_id)
    duckdb_path = Path(duckdb_path)
    if not duckdb_path.is_file():
        raise PublishError(f"DuckDB file not found: {duckdb_path}")
    log.info("publishing %s of %s to %s (load %s)", ",".join(schemas), duckdb_path, redact_dsn(dsn), load_id)
    staging = {s: f"{s}__loading_{load_id}" for s in schemas}
    with _guard(dsn, "connecting to PostgreSQL"):
        ctl = psycopg.connect(dsn, autocommit=True)
    try:
        with _guard(dsn, "preparing PostgreSQL"):
            _take_publish_lock(ctl)
            # A routine publish only needs the role to exist; the database-level setup (which needs the
            # database owner) is ensure_analyst_role's job, run once by an administrator or on first use.
            if not _role_exists(ctl, analyst_role):
                if analyst_role != ANALYST_ROLE:
                    raise PublishError(f"analyst role {analyst_role!r} does not exist")
                _ensure_analyst_role(ctl, None, ANALYST_LOGIN)
            _drop_orphans(ctl, schemas, dsn)
        try:
            tables = _load(duckdb_path, dsn, ctl, staging, analyst_role)
            loaded = time.perf_counter()
            retired = _swap(ctl, dsn, staging, load_id, analyst_role)
        except BaseException:
            # Covers PublishError and KeyboardInterrupt alike: the live schemas were not touched.
            _drop_schemas(ctl, list(staging.values()), dsn)
            raise
        swapped = time.perf_counter()
        dropped = _drop_schemas(ctl, retired, dsn)
    finally:
        ctl.close()  # also releases the advisory lock
    report = PublishReport(
        load_id=load_id,
        dsn=redact_dsn(dsn),
        schemas=schemas,
        tables=tuple(tables),
        load_seconds=loaded - started,
        swap_seconds=swapped - loaded,
        seconds=time.perf_counter() - started,
        retired_dropped=dropped,
    )
    log.info(
        "published %d tables, %d rows in %.2fs (swap %.3fs)",
        len(tables),
        report.rows,
        report.seconds,
        report.swap_seconds,
    )
    return report


def _take_publish_lock(ctl: psycopg.Connection) -> None:
    ctl.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(_PUBLISH_LOCK_WAIT)))
    try:
        ctl.execute("SELECT pg_advisory_lock(%s)", (_PUBLISH_LOCK_KEY,))
    except psycopg.errors.LockNotAvailable:
        raise PublishError(f"another publish to this database has run for over {_PUBLISH_LOCK_WAIT}") from None
    ctl.execute("RESET lock_timeout")


def _check_names(schemas: tuple[str, ...], load_id: str) -> None:
    if not schemas:
        raise PublishError("no schemas to publish")
    for s in schemas:
        # Lower-case plain identifiers only: the same name must mean the same thing in DuckDB and PostgreSQL.
        if not _IDENT.match(s) or len(f"{s}__retired_{load_id}") > _PG_IDENT_MAX:
            raise PublishError(f"schema name not publishable: {s!r}")


def _drop_orphans(ctl: psycopg.Connection, schemas: tuple[str, ...], dsn: str) -> None:
    """Staging/retired schemas left by a killed or interrupted publish (safe: we hold the publish lock)."""
    patterns = [f"{s}\\_\\_loading\\_%" for s in schemas] + [f"{s}\\_\\_retired\\_%" for s in schemas]
    rows = ctl.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE ANY(%s) ORDER BY 1", (patterns,)).fetchall()
    if rows:
        log.info("dropping leftover schemas %s", [r[0] for r in rows])
        _drop_schemas(ctl, [r[0] for r in rows], dsn)


def _drop_schemas(ctl: psycopg.Connection, names: list[str], dsn: str) -> bool:
    """Best effort; True when all are gone. Failures are logged, not raised: the next publish retries."""
    ok = True
    for name in names:
        try:
            with ctl.transaction():
                ctl.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(_DROP_LOCK_TIMEOUT)))
                ctl.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
        except Exception as exc:  # noqa: BLE001 - see docstring
            ok = False
            log.warning("could not drop schema %s yet: %s", name, _scrub(str(exc), dsn))
    return ok


def _source_objects(src: duckdb.DuckDBPyConnection, schema: str) -> list[tuple[str, str]]:
    rows = src.execute(
        """
        SELECT table_name, 'table' FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ?
        UNION ALL
        SELECT view_name, 'view' FROM duckdb_views()
        WHERE database_name = current_database() AND schema_name = ? AND NOT internal
        ORDER BY 1
        """,
        [schema, schema],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _select_list(src: duckdb.DuckDBPyConnection, qualified: str) -> str:
    """Columns with casts for DuckDB types PostgreSQL cannot take as they are.

    HUGEINT (what sum(BIGINT) returns) would become float8; DECIMAL(38,0) keeps it exact. Anonymous STRUCTs
    and ENUMs are rejected by the extension; JSON and text are what BI tools read anyway.
    """
    rel = src.sql(f"SELECT * FROM {qualified} LIMIT 0")
    parts = []
    for name, dtype in zip(rel.columns, rel.dtypes, strict=True):
        col = '"' + name.replace('"', '""') + '"'
        if len(name.encode()) > _PG_IDENT_MAX:
            raise PublishError(f"column name longer than {_PG_IDENT_MAX} bytes in {qualified}: {name!r}")
        if dtype.id in ("hugeint", "uhugeint"):
            parts.append(f"CAST({col} AS DECIMAL(38,0)) AS {col}")
        elif dtype.id == "enum":
            parts.append(f"CAST({col} AS VARCHAR) AS {col}")
        elif dtype.id in ("struct", "map", "union") or _nests_unsupported(dtype):
            parts.append(f"CAST(to_json({col}) AS JSON) AS {col}")
        else:
            parts.append(col)
    return ", ".join(parts)


def _nests_unsupported(dtype: duckdb.typing.DuckDBPyType) -> bool:
    if dtype.id in ("struct", "map", "union", "enum"):
        return True
    if dtype.id in ("list", "array"):
        return any(_nests_unsupported(child) for _, child in dtype.children)
    return False


def _q(*names: str) -> str:
    return ".".join('"' + n.replace('"', '""') + '"' for n in names)


def _load(
    duckdb_path: Path, dsn: str, ctl: psycopg.Connection, staging: dict[str, str], analyst_role: str
) -> list[PublishedTable]:
    published: list[PublishedTable] = []
    with _guard(dsn, "opening DuckDB"):
        # Opened directly rather than ATTACHed under an alias, so the catalog keeps the file's own name and
        # views that qualify their tables with it still resolve.
        src = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        with _guard(dsn, f"reading {duckdb_path}"):
            plan = {s: _source_objects(src, s) for s in staging}
        for s, objects in plan.items():
            # Refuse to replace good marts with nothing: an empty or missing schema is a failed build.
            if not objects:
                raise PublishError(f"DuckDB schema {s!r} has no tables or views in {duckdb_path}")
        with _guard(dsn, "attaching PostgreSQL"):
            _load_postgres_extension(src)
            src.execute(f"ATTACH {_sql_str(dsn)} AS {_PG} (TYPE postgres, READ_WRITE)")
        for s, objects in plan.items():
            stage = staging[s]
            with _guard(dsn, f"creating staging schema {stage}"):
                ctl.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(stage)))
                ctl.execute(
                    sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}").format(
                        sql.Identifier(stage), sql.Identifier(analyst_role)
                    )
                )
                src.execute("SELECT * FROM pg_clear_cache()")  # DuckDB caches the PostgreSQL catalog
            for table, kind in objects:
                with _guard(dsn, f"loading {s}.{table}"):
                    published.append(_load_one(src, ctl, s, stage, table, kind))
            if s == "marts":
                with _guard(dsn, f"declaring keys of {s}"):
                    _declare_keys(src, ctl, s, stage, {t for t, k in objects if k == "table"})
    finally:
        src.close()
    return published


def _load_one(
    src: duckdb.DuckDBPyConnection, ctl: psycopg.Connection, schema: str, stage: str, table: str, kind: str
) -> PublishedTable:
    if len(table.encode()) > _PG_IDENT_MAX:
        raise PublishError(f"table name longer than {_PG_IDENT_MAX} bytes: {schema}.{table}")
    t0 = time.perf_counter()
    source = _q(src.execute("SELECT current_database()").fetchone()[0], schema, table)
    src.execute(f"CREATE TABLE {_q(_PG, stage, table)} AS SELECT {_select_list(src, source)} FROM {source}")
    target = sql.Identifier(stage, table)
    rows = ctl.execute(sql.SQL("SELECT count(*) FROM {}").format(target)).fetchone()[0]
    if kind == "table":
        expected = src.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
        if rows != expected:
            raise PublishError(f"{schema}.{table}: {rows} rows arrived in PostgreSQL, {expected} in DuckDB")
        pk = _primary_key(src, schema, table)
        if pk:
            # Only keys DuckDB already enforces: cheap to build and guaranteed to hold.
            ctl.execute(
                sql.SQL("ALTER TABLE {} ADD PRIMARY KEY ({})").format(
                    target, sql.SQL(", ").join(map(sql.Identifier, pk))
                )
            )
    ctl.execute(sql.SQL("ANALYZE {}").format(target))
    published = f"asnwh: {kind} {schema}.{table} published {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
    _copy_comments(src, ctl, schema, table, target, published)
    log.info("loaded %s.%s (%s): %d rows in %.2fs", schema, table, kind, rows, time.perf_counter() - t0)
    return PublishedTable(schema=schema, table=table, kind=kind, rows=int(rows))


def _primary_key(src: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    row = src.execute(
        """
        SELECT constraint_column_names FROM duckdb_constraints()
        WHERE database_name = current_database() AND schema_name = ? AND table_name = ?
          AND constraint_type = 'PRIMARY KEY'
        """,
        [schema, table],
    ).fetchone()
    return list(row[0]) if row else []


# Keys of the marts, declared in PostgreSQL so BI tools (Superset, Metabase, Power BI) find the joins. DuckDB
# tables built by dbt carry no constraints; each key is checked against the data before it is declared, and
# one that does not hold is logged and left out rather than failing the publish.
MART_PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "dim_region": ("region_key",),
    "dim_agency": ("agency_key",),
    "dim_period": ("year",),
    "dim_golongan": ("golongan_ruang",),
    "dim_pendidikan": ("pendidikan",),
    "dim_jabatan": ("jenis_jabatan",),
    "dim_indicator": ("indicator_code",),
    "fct_asn_composition": ("question_key",),
    "fct_professionalism_index": ("question_key",),
    "fct_merit_system": ("question_key",),
    "fct_indicator_performance": ("question_key",),
}
# Unique, nullable columns that foreign keys point at (PostgreSQL needs a unique constraint there).
MART_UNIQUE_KEYS: dict[str, tuple[str, ...]] = {"dim_region": ("region_code",)}
MART_FOREIGN_KEYS: tuple[tuple[str, str, str, str], ...] = tuple(
    [(t, "region_code", "dim_region", "region_code") for t in (
        "dim_agency", "fct_asn_composition", "fct_asn_composition_candidates", "fct_professionalism_index",
        "fct_professionalism_index_candidates", "fct_merit_system", "fct_merit_system_candidates", "fct_budget",
        "fct_indicator_performance", "fct_indicator_performance_candidates", "fct_region_scorecard",
        "rpt_reconciliation")]
    + [(t, "year", "dim_period", "year") for t in (
        "fct_asn_composition", "fct_asn_composition_candidates", "fct_professionalism_index",
        "fct_professionalism_index_candidates", "fct_merit_system", "fct_merit_system_candidates", "fct_budget",
        "fct_indicator_performance", "fct_region_scorecard")]
    # (a composition candidate's category may be one the canonical table does not have: no key there)
    + [("fct_professionalism_index_candidates", "question_key", "fct_professionalism_index", "question_key"),
       ("fct_merit_system_candidates", "question_key", "fct_merit_system", "question_key"),
       ("fct_indicator_performance_candidates", "question_key", "fct_indicator_performance", "question_key"),
       ("fct_indicator_performance", "indicator_code", "dim_indicator", "indicator_code")]
)


def _columns_of(src: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    rows = src.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ?"
        " AND table_name = ?",
        [schema, table],
    ).fetchall()
    return {r[0] for r in rows}


def _declare_keys(src: duckdb.DuckDBPyConnection, ctl: psycopg.Connection, schema: str, stage: str,
                  tables: set[str]) -> None:
    """Primary, unique and foreign keys of the marts (MART_*_KEYS), each only where the data satisfies it."""
    db = src.execute("SELECT current_database()").fetchone()[0]

    def holds(check_sql: str) -> bool:
        return src.execute(check_sql).fetchone()[0] == 0

    for kind, registry in (("PRIMARY KEY", MART_PRIMARY_KEYS), ("UNIQUE", MART_UNIQUE_KEYS)):
        for table, cols in registry.items():
            if table not in tables or not set(cols) <= _columns_of(src, schema, table):
                continue
            qcols = ", ".join(_q(c) for c in cols)
            nulls = " OR ".join(f"{_q(c)} IS NULL" for c in cols) if kind == "PRIMARY KEY" else "false"
            dupes = (f"SELECT (SELECT count(*) FROM {_q(db, schema, table)} WHERE {nulls})"
                     f" + (SELECT count(*) FROM (SELECT {qcols} FROM {_q(db, schema, table)}"
                     f" WHERE {' AND '.join(f'{_q(c)} IS NOT NULL' for c in cols)} GROUP BY ALL HAVING count(*) > 1))")
            if not holds(dupes):
                log.warning("%s %s.%s (%s) does not hold: not declared", kind, schema, table, ", ".join(cols))
                continue
            ctl.execute(sql.SQL("ALTER TABLE {} ADD " + kind + " ({})").format(
                sql.Identifier(stage, table), sql.SQL(", ").join(map(sql.Identifier, cols))))
    for table, col, ref_table, ref_col in MART_FOREIGN_KEYS:
        if table not in tables or ref_table not in tables or col not in _columns_of(src, schema, table):
            continue
        orphans = (f"SELECT count(*) FROM {_q(db, schema, table)} AS t WHERE t.{_q(col)} IS NOT NULL AND NOT EXISTS"
                   f" (SELECT 1 FROM {_q(db, schema, ref_table)} AS r WHERE r.{_q(ref_col)} = t.{_q(col)})")
        if not holds(orphans):
            log.warning("foreign key %s.%s -> %s.%s does not hold: not declared", table, col, ref_table, ref_col)
            continue
        name = f"{table}_{col}_fkey"[:_PG_IDENT_MAX]
        ctl.execute(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})").format(
            sql.Identifier(stage, table), sql.Identifier(name), sql.Identifier(col),
            sql.Identifier(stage, ref_table), sql.Identifier(ref_col)))


def _copy_comments(src: duckdb.DuckDBPyConnection, ctl: psycopg.Connection, schema: str, table: str,
                   target: sql.Composable, published: str) -> None:
    """The descriptions dbt persisted in DuckDB (persist_docs), as PostgreSQL comments (psql \\d+, BI tools)."""
    db = src.execute("SELECT current_database()").fetchone()[0]
    row = src.execute(
        "SELECT comment FROM duckdb_tables() WHERE database_name = ? AND schema_name = ? AND table_name = ?"
        " UNION ALL SELECT comment FROM duckdb_views() WHERE database_name = ? AND schema_name = ? AND view_name = ?",
        [db, schema, table, db, schema, table],
    ).fetchone()
    described = (row[0].strip() + " " if row and row[0] else "")
    ctl.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(target, sql.Literal(described + f"({published})")))
    for column, comment in src.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = ? AND schema_name = ?"
        " AND table_name = ? AND comment IS NOT NULL",
        [db, schema, table],
    ).fetchall():
        ctl.execute(sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(
            target, sql.Identifier(column), sql.Literal(comment)))


_RENAME = sql.SQL("ALTER SCHEMA {} RENAME TO {}")
_GRANT_TABLES = sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}")


def _swap(ctl: psycopg.Connection, dsn: str, staging: dict[str, str], load_id: str, analyst_role: str) -> list[str]:
    """The one transaction readers can observe: all schemas switch together or not at all."""
    retired: list[str] = []
    role = sql.Identifier(analyst_role)
    with _guard(dsn, "swapping schemas"), ctl.transaction():
        ctl.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(_SWAP_LOCK_TIMEOUT)))
        for live, stage in staging.items():
            if ctl.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (live,)).fetchone():
                old = f"{live}__retired_{load_id}"
                ctl.execute(_RENAME.format(sql.Identifier(live), sql.Identifier(old)))
                retired.append(old)
            ctl.execute(_RENAME.format(sql.Identifier(stage), sql.Identifier(live)))
            # Grants live on the objects and survive the rename; granting here as well covers tables the
            # default privileges missed (none expected) in the same atomic step.
            ctl.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(live), role))
            ctl.execute(_GRANT_TABLES.format(sql.Identifier(live), role))
    log.info("swapped in %s", ", ".join(staging))
    return retired


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _load_postgres_extension(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckDB's postgres extension. Production hosts cannot download extensions, so on first use it is
    installed from the pinned duckdb-extension-postgres-scanner wheel (a copy into DuckDB's extension
    directory, which later publishes then simply load)."""
    try:
        con.execute("LOAD postgres_scanner")
        return
    except duckdb.Error:
        pass
    try:
        from duckdb_extensions import import_extension
    except ImportError as exc:
        raise PublishError(
            "DuckDB's postgres extension is missing: pip install duckdb-extension-postgres-scanner"
        ) from exc
    import_extension("postgres_scanner", con=con)
    con.execute("LOAD postgres_scanner")
