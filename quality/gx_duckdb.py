"""Great Expectations on DuckDB with SQL pushdown: GX's SQL datasource runs every expectation as a query in
DuckDB, so only aggregates and a few offending rows ever leave the database.

Why a dialect of our own: duckdb-engine's DBAPI cursor *is* the connection, and SQLAlchemy sends BEGIN on
first use and ROLLBACK when a Connection is closed. GX closes the connection before it fetches the rows
(`execute_query` returns the result from inside `with engine.connect()`), so the ROLLBACK replaced the pending
result and every metric came back empty ("list index out of range"). Validation only reads, so this
dialect leaves every statement in DuckDB's own autocommit mode: no BEGIN, COMMIT or ROLLBACK is ever sent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
from duckdb_engine import ConnectionWrapper
from duckdb_engine import Dialect as _DuckDBDialect
from sqlalchemy.dialects import registry
from sqlalchemy.pool import StaticPool

DIALECT_URL = "duckdb+asnwh_read:///:memory:"  # the database comes from `creator`, never from this URL
# How many offending values / rows a result keeps: enough to act on, small enough for the audit table.
SAMPLE_SIZE = 5


class ReadOnlyDuckDBDialect(_DuckDBDialect):
    """duckdb-engine without transaction statements, for read-only validation queries (see module doc)."""

    supports_statement_cache = False

    def do_begin(self, dbapi_connection: Any) -> None:
        pass

    def do_commit(self, dbapi_connection: Any) -> None:
        pass

    def do_rollback(self, dbapi_connection: Any) -> None:
        pass


registry.register("duckdb.asnwh_read", __name__, "ReadOnlyDuckDBDialect")


@dataclass(frozen=True)
class Batch:
    """One SQL query (run in DuckDB) and the expectations its rows must meet.

    Column-map expectations get offending values and rows (by `index_columns`) back; expectations of type
    UnexpectedRowsExpectation return up to GX's record limit of the rows their own query finds.
    """

    name: str
    query: str
    expectations: Sequence[Any]
    index_columns: Sequence[str] = ()


@dataclass(frozen=True)
class DuplicateRule:
    """No two rows of the batch (after `where`) share `keys`: counted by DuckDB aggregates, without GX.

    GX's UnexpectedRowsExpectation fetches every row its query returns into pandas (COMPLETE format), so a
    snapshot loaded twice would bring millions of rows into Python. Here DuckDB counts the groups (hash
    aggregates that spill within the connection's memory limit) and at most SAMPLE_SIZE groups leave the
    database, with how many there are. Shown per group: `shown` (never the keys themselves, which are personal
    data or a pseudonym), the row count, the first file and its first row numbers."""

    description: str
    keys: tuple[str, ...]
    shown: tuple[str, ...]
    row_column: str
    file_column: str
    where: str = "true"


@dataclass
class ExpectationOutcome:
    rule: str               # the analyst-facing sentence (the expectation's description)
    expectation: str        # GX expectation type
    success: bool
    rows_checked: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    worst_values: list[Any] = field(default_factory=list)
    offending_rows: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [])}


def gx_expectations() -> Any:
    """great_expectations.expectations, imported on first use: GX takes seconds to import, and Dagster
    imports the suites' module every time it loads the code location."""
    import great_expectations.expectations as gxe

    return gxe


def _silence_gx() -> None:
    # GX logs a progress bar and config warnings per validation; Dagster's log should carry our summary only.
    for name in ("great_expectations", "great_expectations.core", "great_expectations.data_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


def validate_batches(con: duckdb.DuckDBPyConnection, suite_name: str, batches: Sequence[Batch]) -> list[
    ExpectationOutcome
]:
    """Run each batch's expectations as one GX suite inside DuckDB, through a cursor of `con`.

    A cursor is a second connection to the same in-process database, so GX sees exactly what the run wrote
    (no second file handle, no config clash) and closing it leaves `con` open.
    """
    import great_expectations as gx

    _silence_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # tqdm bars per validation would flood Dagster's captured stderr and the CLI's output.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_sql(
        name="warehouse",
        connection_string=DIALECT_URL,
        kwargs={"creator": lambda: ConnectionWrapper(con.cursor()), "poolclass": StaticPool},
    )
    outcomes: list[ExpectationOutcome] = []
    try:
        for batch in batches:
            outcomes.extend(_validate_batch(context, source, suite_name, batch))
            outcomes.extend(_duplicates(con, batch, rule) for rule in batch.expectations
                            if isinstance(rule, DuplicateRule))
    finally:
        source.get_execution_engine().engine.dispose()
    return outcomes


def _validate_batch(context: Any, source: Any, suite_name: str, batch: Batch) -> list[ExpectationOutcome]:
    import great_expectations as gx
    import great_expectations.expectations as gxe

    if all(isinstance(e, DuplicateRule) for e in batch.expectations):
        return []
    asset = source.add_query_asset(name=batch.name, query=batch.query)
    definition = asset.add_batch_definition_whole_table(f"{batch.name}_all")
    gx_batch = definition.get_batch()
    # UnexpectedRowsExpectation shows its rows only in COMPLETE format, which for column-map expectations
    # would return every offending value; so the two kinds are validated with different result formats.
    row_rules = [e for e in batch.expectations if isinstance(e, gxe.UnexpectedRowsExpectation)]
    column_rules = [e for e in batch.expectations
                    if not isinstance(e, gxe.UnexpectedRowsExpectation | DuplicateRule)]
    outcomes: list[ExpectationOutcome] = []
    for kind, rules in (("columns", column_rules), ("rows", row_rules)):
        if not rules:
            continue
        suite = context.suites.add(gx.ExpectationSuite(name=f"{suite_name}.{batch.name}.{kind}", expectations=rules))
        if kind == "columns":
            result_format: dict[str, Any] = {
                "result_format": "SUMMARY",
                "partial_unexpected_count": SAMPLE_SIZE,
                "unexpected_index_column_names": list(batch.index_columns),
            }
        else:
            result_format = {"result_format": "COMPLETE"}
        result = gx_batch.validate(suite, result_format=result_format)
        outcomes.extend(_outcome(r) for r in result.results)
    return outcomes


def _duplicates(con: duckdb.DuckDBPyConnection, batch: Batch, rule: DuplicateRule) -> ExpectationOutcome:
    out = ExpectationOutcome(rule=rule.description, expectation="duplicate_keys", success=False)
    keys = ", ".join(rule.keys)
    # The first pass keeps one 64-bit hash per key, not the key strings; only rows whose hash repeats (the
    # duplicates, plus the rare collision, which the exact grouping drops) are grouped by their real keys,
    # and row lists are built for the SAMPLE_SIZE groups shown only. The batch is re-read, not materialised:
    # a snapshot loaded twice makes millions of candidate rows.
    shown = ", ".join(rule.shown)
    same = " AND ".join(f"c.{k} IS NOT DISTINCT FROM t.{k}" for k in rule.keys)
    group_by = ", ".join(dict.fromkeys([*rule.keys, *rule.shown]))
    sql = f"""
WITH b AS NOT MATERIALIZED (SELECT * FROM ({batch.query}) WHERE {rule.where}),
d AS (SELECT hash({keys}) AS _h FROM b GROUP BY _h HAVING count(*) > 1),
c AS NOT MATERIALIZED (SELECT * FROM b WHERE hash({keys}) IN (SELECT _h FROM d)),
g AS (SELECT {group_by}, count(*) AS rows, min({rule.file_column}) AS {rule.file_column}
      FROM c GROUP BY {group_by} HAVING count(*) > 1),
t AS MATERIALIZED (SELECT *, count(*) OVER () AS _groups FROM g ORDER BY rows DESC, {shown} LIMIT {SAMPLE_SIZE})
SELECT {', '.join(f't.{col}' for col in rule.shown)}, t.rows, t.{rule.file_column},
       list(c.{rule.row_column} ORDER BY c.{rule.row_column})[1:5] AS rows_at, t._groups
FROM t JOIN c ON {same}
GROUP BY {', '.join(f't.{col}' for col in (*dict.fromkeys([*rule.keys, *rule.shown]), 'rows', rule.file_column,
                                              '_groups'))}
ORDER BY t.rows DESC, {', '.join(f't.{col}' for col in rule.shown)}"""
    try:
        cur = con.cursor()
        try:
            result = cur.execute(sql)
            columns = [d[0] for d in result.description]
            rows = [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
        finally:
            cur.close()
    except duckdb.Error as exc:
        out.error = str(exc).splitlines()[0][:500]
        return out
    out.unexpected_count = int(rows[0]["_groups"]) if rows else 0
    out.success = out.unexpected_count == 0
    out.offending_rows = [_jsonable_row({k: v for k, v in r.items() if k != "_groups"}) for r in rows]
    return out


def _outcome(r: Any) -> ExpectationOutcome:
    config = r.expectation_config
    res = r.result or {}
    out = ExpectationOutcome(rule=config.description or config.type, expectation=config.type, success=bool(r.success))
    exc = r.exception_info or {}
    if isinstance(exc, dict) and exc.get("raised_exception"):
        out.success = False
        out.error = str(exc.get("exception_message"))[:500]
        return out
    if config.type == "unexpected_rows_expectation":
        rows = (res.get("details") or {}).get("unexpected_rows") or []
        out.unexpected_count = int(res.get("observed_value") or 0)
        out.offending_rows = [_jsonable_row(row) for row in rows[:SAMPLE_SIZE]]
        return out
    out.rows_checked = res.get("element_count")
    out.unexpected_count = res.get("unexpected_count")
    pct = res.get("unexpected_percent")
    out.unexpected_percent = round(float(pct), 4) if pct is not None else None
    out.worst_values = [
        {"value": _jsonable(c["value"]), "count": c["count"]} for c in (res.get("partial_unexpected_counts") or [])
    ][:SAMPLE_SIZE]
    out.offending_rows = [_jsonable_row(row) for row in (res.get("partial_unexpected_index_list") or [])][
        :SAMPLE_SIZE
    ]
    if "observed_value" in res and not out.worst_values:
        out.worst_values = [{"observed": _jsonable(res["observed_value"])}]
    return out


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return str(value)


def _jsonable_row(row: Any) -> dict[str, Any]:
    return {str(k): _jsonable(v) for k, v in dict(row).items()}
