"""The one Dagster Definitions of the project: ingest ► dbt ► publish, the nightly schedule, the inbox sensor."""

from __future__ import annotations

import dagster as dg

from pipelines.assets.dbt import warehouse_dbt_models
from pipelines.assets.ingest import document_facts, inbox_files, simpeg_employees
from pipelines.assets.publish import published_warehouse
from pipelines.assets.quality_checks import quality_checks
from pipelines.assets.report import analyst_report
from pipelines.jobs import inbox_sensor, nightly_refresh_schedule, refresh_job
from pipelines.resources import WarehouseResource, dbt_resource, warehouse_from_env


def build_defs(warehouse: WarehouseResource) -> dg.Definitions:
    """The definitions with this warehouse resource (`asnwh run` passes one with `lock_held`)."""
    return dg.Definitions(
        assets=[inbox_files, document_facts, simpeg_employees, warehouse_dbt_models, published_warehouse,
                analyst_report],
        asset_checks=quality_checks,
        jobs=[refresh_job],
        schedules=[nightly_refresh_schedule],
        sensors=[inbox_sensor],
        resources={"warehouse": warehouse, "dbt": dbt_resource()},
    )


defs = build_defs(warehouse_from_env())
