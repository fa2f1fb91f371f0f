"""Dagster resources, configured from the environment."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
import duckdb

from pipelines.settings import DBT_PROJECT_DIR, Settings
from warehouse import rawzone
from warehouse.store import WarehouseStore

if TYPE_CHECKING:
    from dagster_dbt import DbtCliResource


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse and the inbox. Holds the refresh lock for the whole run it serves, unless
    `lock_held`: `asnwh run` takes the lock itself (its plan and any follow-up run must be under the same
    lock) and hands the job this resource with `lock_held` set, so the lock is taken once per run."""

    warehouse_path: str
    inbox_path: str
    postgres_dsn: str | None = None
    mode: str = "demo"
    lock_wait_s: float = 0.0
    lock_held: bool = False

    @property
    def store(self) -> WarehouseStore:
        return WarehouseStore(Path(self.warehouse_path))

    @property
    def inbox(self) -> Path:
        return Path(self.inbox_path)

    @property
    def raw_root(self) -> Path:
        """The Parquet raw zone of the live warehouse, which every build writes and names."""
        return rawzone.raw_dir(self.store.path.resolve())

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[WarehouseResource]:
        with nullcontext() if self.lock_held else self.store.run_lock(wait_s=self.lock_wait_s):
            run_id = context.run.run_id if context.run is not None else None
            # Under the lock any other build file belongs to a dead run; remove it now, not only when this
            # run builds (a no-change run never does).
            self.store.remove_stale_builds(run_id)
            if context.instance is not None and context.run is not None:
                release_dead_refreshes(context.instance, context.run.run_id)
            yield self

    def connect(self, run_id: str) -> duckdb.DuckDBPyConnection:
        """A read-write connection to this run's build file."""
        return self.store.connect_build(run_id)

    def build_path(self, run_id: str) -> Path:
        return self.store.begin_build(run_id)


def release_dead_refreshes(instance: dg.DagsterInstance, current_run_id: str) -> list[str]:
    """Mark refreshes that died without saying so (SIGKILL, power loss) as failed and free their pool slots.

    Called while holding the warehouse lock, which every refresh holds for its lifetime: any other refresh
    still recorded as running cannot be alive. Without this, a killed run keeps its slot in the
    `warehouse` pool and every later refresh waits for it forever.
    """
    active = dg.RunsFilter(
        job_name="refresh",
        statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.CANCELING],
    )
    released = []
    for run in instance.get_runs(filters=active):
        if run.run_id == current_run_id:
            continue
        instance.report_run_failed(run, message="refresh process ended without reporting (killed?)")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released


def warehouse_from_env(lock_held: bool = False) -> WarehouseResource:
    settings = Settings.from_env()
    return WarehouseResource(
        warehouse_path=str(settings.warehouse),
        inbox_path=str(settings.inbox),
        postgres_dsn=settings.postgres_dsn,
        mode=settings.mode,
        lock_held=lock_held,
    )


def dbt_executable() -> str:
    # The environment's own dbt: `.venv/bin` is not on PATH when someone runs `.venv/bin/asnwh`.
    return str(Path(sys.executable).parent / "dbt")


def dbt_resource() -> DbtCliResource:
    # Imported here: dagster-dbt loads dbt's adapters (seconds), which a refresh that only scans the inbox
    # never needs (pipelines/jobs.py scan_only_job).
    from pipelines.dbt_cli import RefreshDbtCliResource

    return RefreshDbtCliResource(
        project_dir=str(DBT_PROJECT_DIR),
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=dbt_executable(),
        # dbt's log file records every statement at debug level: 15% of a national build's time. What an
        # operator reads is the step's output in the refresh log; `dbt --debug` by hand shows the SQL.
        global_config_flags=["--log-level-file", "warn"],
    )
