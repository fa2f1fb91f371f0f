"""The dbt models as Dagster assets; their tests become asset checks."""

import json
import os
import uuid

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from pipelines.assets.ingest import WAREHOUSE_POOL
from pipelines.dbt_cli import keep_partial_parse, point_dbt_link, release_dbt_link, restore_partial_parse
from pipelines.dbt_manifest import build_exclusions, dbt_project, ensure_manifest, in_build_order
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
    # dbt writes the same build file the loaders wrote, through a stable path so that its saved parse
    # applies (pipelines/dbt_cli.py); the profile reads the path from the environment.
    link = point_dbt_link(warehouse.store, warehouse.build_path(context.run.run_id))
    os.environ["ASNWH_DBT_DUCKDB_PATH"] = str(link)
    project_target = dbt_project.project_dir / dbt_project.target_path
    target = project_target / f"build-{context.run.run_id[:8]}-{uuid.uuid4().hex[:7]}"
    if restore_partial_parse(project_target, link, target):
        context.log.info("dbt: starting from the parse saved by the last build")
    # raise_on_error=False so the test outcomes reach audit.dq_results first; a failing error-severity test
    # (or model) still fails this step below, so published_warehouse is skipped and the live file stays.
    manifest = json.loads(dbt_project.manifest_path.read_text())
    con = warehouse.connect(context.run.run_id)
    try:
        exclude = build_exclusions(con, context.run.run_id, manifest)
    finally:
        con.close()  # dbt opens the build file read-write itself
    left_out = set(exclude[1].split()) if exclude else set()
    if left_out:
        context.log.info(f"building only what depends on this run's loads; {len(left_out)} nodes unchanged")
    # A model left out keeps, in the build file (a copy of the live one), the table the last build made from
    # the same inputs: it is current, so it is reported as such (and the publish step is not skipped). Its
    # parents are all left out too, so yielding these first keeps the order Dagster requires.
    outputs = {key.path[-1]: name for name, key in context.assets_def.keys_by_output_name.items()
               if name in context.selected_output_names}
    for node in in_build_order(manifest, left_out & outputs.keys()):
        yield dg.Output(None, output_name=outputs[node],
                        metadata={"rebuilt": False, "why": "none of its raw sources changed in this run"})
    invocation = dbt.cli(["build", *exclude], context=context, raise_on_error=False, target_path=target)
    try:
        yield from invocation.stream()
    finally:
        release_dbt_link(link)
    keep_partial_parse(project_target, link, target)
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
