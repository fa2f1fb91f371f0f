"""The data-quality stage as Dagster asset checks on the raw assets.

`error` checks are blocking: when one fails, Dagster does not start the steps downstream of the checked asset
(dbt, then publish), so the last good warehouse stays live. `warn` checks are reported and never block.
"""

# No `from __future__ import annotations` here: Dagster inspects the `context` annotation at definition
# time and rejects it when it is a string.
from collections.abc import Iterator, Sequence

import dagster as dg

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.resources import WarehouseResource
from quality.facts_suite import FACT_CHECKS
from quality.last_run import remember
from quality.runner import CheckResult, record_results, run_check
from quality.simpeg_suite import SIMPEG_CHECKS
from quality.spec import QualityCheck


def _spec(check: QualityCheck) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=check.name,
        asset=dg.AssetKey(list(check.asset)),
        description=f"[{check.severity}] {check.description}",
        blocking=check.severity == "error",
        additional_deps=[dg.AssetKey(list(d)) for d in check.additional_deps],
    )


def _dagster_result(check: QualityCheck, result: CheckResult) -> dg.AssetCheckResult:
    failures = result.observed.get("failures", [])
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(list(check.asset)),
        check_name=check.name,
        passed=result.passed,
        severity=dg.AssetCheckSeverity.ERROR if check.severity == "error" else dg.AssetCheckSeverity.WARN,
        description=result.message[:2000],
        metadata={
            "message": dg.MetadataValue.md(result.message.replace(" | ", "\n\n")),
            "rows_checked": result.observed.get("rows_checked") or 0,
            "rules_checked": result.observed.get("rules_checked", 0),
            "rules_failed": result.observed.get("rules_failed", 0),
            "unexpected_rows": sum(int(f.get("unexpected_count") or 0) for f in failures),
            "worst_offenders": dg.MetadataValue.json(failures),
            "seconds": result.observed.get("seconds", 0.0),
        },
    )


def _last_passed_at(con, check_name: str) -> int | None:
    """Row count of the table when this check last passed, or None."""
    row = con.execute(
        """
        select json_extract_string(observed, '$.table_rows')::bigint from audit.dq_results
        where check_name = ? and passed order by checked_at desc limit 1
        """,
        [check_name],
    ).fetchone()
    return row[0] if row else None


def _last_result_passed(con, check_name: str, run_id: str) -> bool:
    """Whether this check passed in the latest published run that ran it (the build file holds the results of
    published runs only: a run whose checks fail is never swapped in)."""
    row = con.execute(
        "select passed from audit.dq_results where check_name = ? and run_id <> ? order by checked_at desc limit 1",
        [check_name, run_id],
    ).fetchone()
    return bool(row and row[0])


def build_quality_check(name: str, checks: Sequence[QualityCheck]) -> dg.AssetChecksDefinition:
    """One op per raw asset: opens the run's build file once and runs its suites in order."""
    by_name = {c.name: c for c in checks}

    @dg.multi_asset_check(
        specs=[_spec(c) for c in checks],
        name=name,
        can_subset=True,
        pool=WAREHOUSE_POOL,
        description="Great Expectations suites pushed down to DuckDB (quality/).",
    )
    def _quality(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> Iterator[
        dg.AssetCheckResult
    ]:
        selected = {key.name for key in context.selected_asset_check_keys}
        run_id = context.run.run_id
        con = warehouse.connect(run_id)
        counts: dict[str, tuple[int, int]] = {}
        try:
            for check_name, check in by_name.items():
                if check_name not in selected:
                    continue
                table = ".".join(check.asset)
                if table not in counts:
                    counts[table] = con.execute(
                        f"select count(*) filter (where run_id = ?), count(*) from {table}", [run_id]
                    ).fetchone()
                new_rows, table_rows = counts[table]
                if new_rows == 0 and _last_passed_at(con, check.name) == table_rows:
                    # The same rows passed this check in the refresh that published them, and a run whose
                    # checks fail is never published; re-scanning millions of unchanged rows every night would
                    # cost more than the rest of a one-document refresh.
                    result = CheckResult(
                        check_name=check.name, asset=table, severity=check.severity, passed=True,
                        message=f"{table} unchanged since it passed this check ({table_rows} rows)",
                        observed={"table_rows": table_rows, "skipped_unchanged": True},
                    )
                elif check.per_run_rows and 0 < new_rows < table_rows and _last_result_passed(con, check.name,
                                                                                              run_id):
                    # The other rows passed this check when they were published and are unchanged (a load
                    # replaces a snapshot whole): only this run's rows can break it.
                    result = run_check(con, check, only_run=run_id)
                    result.observed["table_rows"] = table_rows
                else:
                    result = run_check(con, check)
                    result.observed["table_rows"] = table_rows
                record_results(con, run_id, [result])
                remember(warehouse.store.path, run_id, [result.as_row()])
                log = context.log.info if result.passed else context.log.warning
                log(f"{check.severity} check {check.name}: {result.message[:1000]}")
                yield _dagster_result(check, result)
        finally:
            con.close()

    return _quality


document_quality = build_quality_check("document_quality", FACT_CHECKS)
simpeg_quality = build_quality_check("simpeg_quality", SIMPEG_CHECKS)

quality_checks = [document_quality, simpeg_quality]
