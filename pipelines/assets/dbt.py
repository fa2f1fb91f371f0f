"""The dbt models as Dagster assets; their tests become asset checks."""

from __future__ import annotations

import os

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.dbt_manifest import dbt_project, ensure_manifest
from pipelines.resources import WarehouseResource


class AsnDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props) -> str:
        # Groups follow dbt's layers, so the UI shows ingest ► staging ► intermediate ► marts.
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "seed":
            return "reference"
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=ensure_manifest(),
    project=dbt_project,
    dagster_dbt_translator=AsnDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool=WAREHOUSE_POOL,
)
def warehouse_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    # dbt writes the same build file the loaders wrote; the profile reads its path from the environment.
    os.environ["ASNWH_DBT_DUCKDB_PATH"] = str(warehouse.build_path(context.run_id))
    yield from dbt.cli(["build"], context=context).stream()
