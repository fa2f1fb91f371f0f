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
from warehouse.store import BUILD_MEMORY


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
    os.environ["ASNWH_DBT_MEMORY_LIMIT"] = BUILD_MEMORY
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
    # dbt's unit tests check the models' logic on fixed rows, not the data: they run in `make test`
    # (tests/test_marts_build.py), as dbt advises (development and CI, not production builds).
    invocation = dbt.cli(["build", *exclude, "--exclude-resource-type", "unit_test"], context=context,
                         raise_on_error=False, target_path=target)
    emitted: set[dg.AssetCheckKey] = set()
    try:
        for event in invocation.stream():
            if isinstance(event, dg.AssetCheckResult):
                emitted.add(dg.AssetCheckKey(event.asset_key, event.check_name))
            yield event
    finally:
        release_dbt_link(link)
    keep_partial_parse(project_target, link, target)
    record_dbt_outcomes(context, warehouse, invocation)
    if not invocation.is_successful():
        raise dg.Failure(description="dbt build failed: a model or an error-severity test failed; not publishing.")
    if left_out:
        yield from unchanged_check_results(context, warehouse, emitted)


def unchanged_check_results(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                            emitted: set[dg.AssetCheckKey]):
    """The outcomes of the dbt tests left out (everything they test was left as it was) are those of the
    build the tables come from: recorded again for this run in audit.dq_results, marked `skipped_unchanged`,
    and reported to Dagster, so the run's checks are complete and a warning found once stays visible. A check
    with no recorded outcome is reported as not passed (a warning), never as passed."""
    from quality.last_run import remember

    run_id = context.run.run_id
    con = warehouse.connect(run_id)
    try:
        # Per test, its latest outcome in a published build: the tables it ran on are the ones left as they
        # were (a build leaves out only what no load changed since the last build of the same dbt project).
        rows = con.execute(
            """
            select d.check_name, d.asset, d.severity, d.passed, d.observed, d.run_id
            from audit.dq_results d join audit.runs r on r.run_id = d.run_id and r.status = 'success'
            where d.run_id <> ? and d.check_name like 'dbt:%' and d.check_name not like 'dbt:build:%'
            qualify row_number() over (partition by d.check_name
                                       order by r.finished_at desc nulls last, d.checked_at desc) = 1
            """, [run_id]).fetchall()
        carried = {}
        for check_name, asset, severity, passed, observed, source_run in rows:
            detail = json.loads(observed) if isinstance(observed, str) else dict(observed or {})
            detail.update(skipped_unchanged=True, carried_from=detail.get("carried_from") or source_run)
            carried[check_name] = {"check_name": check_name, "asset": asset, "severity": severity,
                                   "passed": passed, "observed": detail}
        missing = {f"dbt:{k.name}" for k in context.selected_asset_check_keys - emitted}
        carried = {name: row for name, row in carried.items() if name in missing}
        if carried:
            con.executemany(
                "INSERT INTO audit.dq_results (run_id, check_name, asset, severity, passed, observed) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(run_id, r["check_name"], r["asset"], r["severity"], r["passed"],
                  json.dumps(r["observed"], ensure_ascii=False, default=str)) for r in carried.values()])
    finally:
        con.close()
    if carried:
        remember(warehouse.store.path, run_id, list(carried.values()))
    context.log.info(f"dbt tests of unchanged models: {len(carried)} outcome(s) carried from earlier builds")
    for check in sorted(context.selected_asset_check_keys - emitted, key=str):
        row = carried.get(f"dbt:{check.name}")
        yield dg.AssetCheckResult(
            asset_key=check.asset_key, check_name=check.name, passed=bool(row and row["passed"]),
            severity=dg.AssetCheckSeverity.ERROR if row and row["severity"] == "error" else dg.AssetCheckSeverity.WARN,
            metadata={"skipped_unchanged": True, "recorded": row is not None,
                      "carried_from": row["observed"]["carried_from"] if row else ""},
        )


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
