"""The dbt models as Dagster assets; their tests become asset checks."""

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
    os.environ["ASNWH_DBT_DUCKDB_PATH"] = str(warehouse.build_path(context.run.run_id))
    # raise_on_error=False so the test outcomes reach audit.dq_results first; a failing error-severity test
    # (or model) still fails this step below, so published_warehouse is skipped and the live file stays.
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    yield from invocation.stream()
    record_dbt_outcomes(context, warehouse, invocation)
    if not invocation.is_successful():
        raise dg.Failure(description="dbt build failed: a model or an error-severity test failed; not publishing.")


def record_dbt_outcomes(context: dg.AssetExecutionContext, warehouse: WarehouseResource, invocation) -> None:
    from quality.dbt_results import record_dbt_results

    try:
        run_results = invocation.get_artifact("run_results.json")
        manifest = invocation.get_artifact("manifest.json")
    except OSError as exc:  # dbt stopped before running anything (e.g. a parse error): nothing to record
        context.log.warning(f"no dbt run results to record: {exc}")
        return
    con = warehouse.connect(context.run.run_id)
    try:
        rows = record_dbt_results(con, context.run.run_id, run_results, manifest, live_warehouse=warehouse.store.path)
    finally:
        con.close()
    failed = [r["check_name"] for r in rows if not r["passed"]]
    context.log.info(f"dbt tests: {len(rows) - len(failed)} passed, {len(failed)} not passed {failed[:20]}")
