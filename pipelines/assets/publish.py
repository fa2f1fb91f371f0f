"""Publishing: the run's build file becomes the live warehouse, and optionally the marts go to PostgreSQL."""

import dagster as dg

from pipelines.assets.dbt import warehouse_dbt_models
from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.code_version import dbt_fingerprint, extractor_fingerprint
from pipelines.refresh_plan import record_last_run
from pipelines.resources import WarehouseResource
from warehouse import writer


@dg.asset(
    group_name="publish",
    kinds={"duckdb"},
    deps=[warehouse_dbt_models],
    pool=WAREHOUSE_POOL,
    description="The live warehouse file, swapped in atomically at the end of a successful refresh.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    run_id = context.run.run_id
    con = warehouse.connect(run_id)
    try:
        counts = dict(
            con.execute(
                """
                select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'
                """
            ).fetchall()
        )
        summary = {
            "mart_rows": counts,
            # What the next refresh compares with, to tell whether new code must rebuild anything.
            "extractor_fingerprint": extractor_fingerprint(),
            "dbt_fingerprint": dbt_fingerprint(),
        }
        writer.record_run(con, run_id, str(warehouse.inbox), summary)
    finally:
        con.close()
    path = warehouse.store.publish(run_id)
    record_last_run(path, run_id, "published", "warehouse rebuilt and swapped in")
    metadata: dict = {"warehouse": str(path), **{f"rows.{k}": v for k, v in counts.items()}}
    if warehouse.postgres_dsn:
        from warehouse.postgres import publish_to_postgres, redact_dsn

        report = publish_to_postgres(path, warehouse.postgres_dsn)
        metadata["postgres"] = redact_dsn(warehouse.postgres_dsn)
        metadata["postgres_tables"] = len(getattr(report, "tables", []) or [])
    return dg.MaterializeResult(metadata=metadata)
