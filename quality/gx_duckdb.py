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
    finally:
        source.get_execution_engine().engine.dispose()
    return outcomes


def _validate_batch(context: Any, source: Any, suite_name: str, batch: Batch) -> list[ExpectationOutcome]:
    import great_expectations as gx
    import great_expectations.expectations as gxe

    asset = source.add_query_asset(name=batch.name, query=batch.query)
    definition = asset.add_batch_definition_whole_table(f"{batch.name}_all")
    gx_batch = definition.get_batch()
    # UnexpectedRowsExpectation shows its rows only in COMPLETE format, which for column-map expectations
    # would return every offending value; so the two kinds are validated with different result formats.
    row_rules = [e for e in batch.expectations if isinstance(e, gxe.UnexpectedRowsExpectation)]
    column_rules = [e for e in batch.expectations if not isinstance(e, gxe.UnexpectedRowsExpectation)]
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
