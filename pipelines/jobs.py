"""The refresh job and what triggers it: the nightly schedule and the inbox sensor."""

import hashlib
import json

import dagster as dg

from pipelines.settings import Settings
from warehouse.inbox import inbox_signature

# The whole refresh runs in one process: DuckDB allows one writer, and the warehouse resource holds the
# refresh lock for the run's lifetime.
refresh_job = dg.define_asset_job(
    name="refresh",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Full refresh: scan the inbox, load changed files, build the marts, publish.",
)

# What a refresh with nothing to do runs: the inbox scan alone. Planning the whole job would plan every asset
# check too, and checks planned but not run show as "Skipped" in the UI, hiding their last real result.
NO_CHANGE_SELECTION = [dg.AssetKey("inbox_files")]


def scan_only_job(warehouse: dg.ConfigurableResource) -> dg.JobDefinition:
    """The refresh job reduced to the inbox scan, for a refresh known to have nothing to do: the same
    `inbox_files` asset and resource, recorded as a run of `refresh`, without loading the dbt project and
    the report (seconds of imports and manifest parsing, most of a no-change refresh otherwise)."""
    from pipelines.assets.ingest import inbox_files

    defs = dg.Definitions(
        assets=[inbox_files],
        jobs=[dg.define_asset_job(name=refresh_job.name, selection=NO_CHANGE_SELECTION,
                                  executor_def=dg.in_process_executor, description=refresh_job.description)],
        resources={"warehouse": warehouse},
    )
    return defs.resolve_job_def(refresh_job.name)


def refresh_selection(settings: Settings | None = None) -> list[dg.AssetKey] | None:
    """`NO_CHANGE_SELECTION` when the inbox (names, sizes, mtimes) and the code are those the live warehouse
    was last built or confirmed with; None (the whole job, which compares content hashes) otherwise, or when
    that cannot be told."""
    from pipelines.refresh_plan import unchanged_since_last_build

    settings = settings or Settings.from_env()
    try:
        unchanged = unchanged_since_last_build(settings.warehouse, settings.inbox)
    except OSError:  # an unreadable inbox: let the full refresh fail and say so
        return None
    return list(NO_CHANGE_SELECTION) if unchanged else None


@dg.schedule(
    name="nightly_refresh",
    job=refresh_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def nightly_refresh_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    return dg.RunRequest(asset_selection=refresh_selection())


@dg.sensor(job=refresh_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def inbox_sensor(context: dg.SensorEvaluationContext):
    """Start a refresh when a file arrives in the inbox or changes (size or modification time; the refresh
    then compares content hashes, so a touched but identical file costs a short no-change run)."""
    state = inbox_signature(Settings.from_env().inbox)
    previous = json.loads(context.cursor) if context.cursor else {}
    if state == previous:
        return dg.SkipReason("inbox unchanged")
    changed = sorted(name for name, sha in state.items() if previous.get(name) != sha)
    context.update_cursor(json.dumps(state, sort_keys=True))
    # One run per distinct inbox state: the run key makes re-evaluations of the same state idempotent.
    return dg.RunRequest(run_key=_state_key(state), tags={"asnwh/changed_files": ",".join(changed)[:200]},
                         asset_selection=refresh_selection())


def _state_key(state: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]
